"""The site: every entity's page and RDF, the index pages, the named queries, the style and scripts.

A :class:`Site` answers for one path at a time (what ``cyberkg serve`` needs) and lists every file of the
static site (:meth:`Site.files`, what ``cyberkg build --site`` writes). The same graph gives the same bytes:
every list is sorted, nothing depends on the time or the machine.
"""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cyberkg.errors import CyberkgError
from cyberkg.pages.addresses import (
    INDEX_PAGE,
    NETWORK_PAGE,
    ONTOLOGY_PAGE,
    QUERIES_PAGE,
    entity_page,
    entity_stem,
    has_page,
    kind_of,
    kind_page,
    network_node_link,
    query_page,
    relative,
)
from cyberkg.pages.describe import Describer, Term
from cyberkg.pages.pictures import dated_events, located_cities, map_svg, timeline_svg
from cyberkg.pages.rdf_formats import RDF_FORMATS, Format, serialise, subject_triples
from cyberkg.pages.render import Download, LinkItem, Renderer
from cyberkg.rdf.labels import Select, find_labels
from cyberkg.rdf.namespaces import CKG, ID, PROV_WAS_DERIVED_FROM, RDFS, RDFS_LABEL, SKOS

STATIC_FILES = ("site.css", "search.js", "query.js")
PAGE_SIZE = 50
KIND_TITLES = {
    "event": "Events",
    "event-series": "Event series",
    "organisation": "Organisations",
    "group": "Stakeholder groups",
    "person": "People",
    "country": "Countries",
    "city": "Cities",
    "instrument": "Instruments and articles",
    "treaty-action": "Treaty actions",
    "project": "Projects and funding",
    "output": "Project outputs",
    "statement": "Statements",
    "document": "Documents",
    "source": "Sources and passages",
    "claim": "Claims",
    "topic": "Topics",
    "participation": "Participations",
    "involvement": "Country involvements",
}
# Which parameter of a named query an entity of each kind fills.
PARAMETERS_BY_KIND = {
    "country": ("country", "state"),
    "organisation": ("organisation",),
    "instrument": ("instrument",),
    "event": ("event",),
    "topic": ("topic",),
    "output": ("output",),
}
EVENT_CLASS = CKG + "Event"

RunQuery = Callable[[Any, Mapping[str, str]], Any]  # (LibraryQuery, params) -> QueryResult


@dataclass(frozen=True)
class QueryPage:
    html: str
    status: int


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.replace("-", " ").capitalize())


def entity_iris(select: Select) -> list[str]:
    """Every IRI under the id namespace that is the subject of a triple and can have a page, sorted."""
    rows = select(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID}")) }}')
    return sorted(iri for iri in (row[0].value for row in rows) if has_page(iri))


class Site:
    """The pages of one graph. ``run_query`` runs a named query with its parameters bound."""

    def __init__(
        self,
        select: Select,
        queries: Sequence[Any] = (),
        run_query: RunQuery | None = None,
        ontology_html: bytes | None = None,
        static_site: bool = True,
        page_size: int = PAGE_SIZE,
        network: tuple[str, Sequence[str]] | None = None,
    ) -> None:
        """``network``: the network page's HTML and the IRIs of its nodes (cyberkg.network.page.projection_page),
        written as network.html and linked from the page of each of those nodes; None: no network page."""
        self.select = select
        self.queries = sorted(queries, key=lambda query: query.name)
        self.run_query = run_query
        self.ontology_html = ontology_html
        self.static_site = static_site
        self.page_size = page_size
        self.describer = Describer(select)
        self.entities = entity_iris(select)
        self.known = frozenset(self.entities)
        self.network_html = None if network is None else network[0].encode("utf-8")
        self.network_nodes = frozenset() if network is None else frozenset(network[1])
        self.renderer = Renderer(self.known, static_site, self.network_html is not None)
        self._events: list[Any] | None = None
        self._cities: list[Any] | None = None
        self._event_iris: frozenset[str] | None = None

    # ------------------------------------------------------------------ entities
    def _is_event(self, iri: str) -> bool:
        if self._event_iris is None:
            rows = self.select(f"SELECT DISTINCT ?event WHERE {{ ?event a/<{RDFS}subClassOf>* <{EVENT_CLASS}> }}")
            self._event_iris = frozenset(row[0].value for row in rows)
        return iri in self._event_iris

    def entity_html(self, iri: str) -> bytes | None:
        """The HTML page of an entity, or None when the graph says nothing about it."""
        if iri not in self.known:
            return None
        entity = self.describer.describe(iri)
        if entity is None:
            return None
        page = entity_page(iri)
        stem = entity_stem(iri).rsplit("/", 1)[-1]
        downloads = [Download(name, item.media_type, f"{stem}.{item.extension}") for name, item in _DOWNLOADS]
        timeline = map_picture = ""
        if self._is_event(iri):
            if self._events is None:
                self._events = dated_events(self.select)
                self._cities = located_cities(self.select)
            timeline = timeline_svg(self._events, iri, f"Timeline of the graph's events, {entity.label} marked")
            place = entity.place
            if place is not None and any(city.iri == place.iri for city in self._cities or []):
                map_picture = map_svg(self._cities or [], place.iri, f"Map of the graph's cities, {place.text} marked")
        network_link = network_node_link(page, iri) if iri in self.network_nodes else None
        html = self.renderer.entity(
            entity, page, downloads, self._relevant_queries(iri, page), timeline, map_picture, network_link
        )
        return html.encode("utf-8")

    def entity_rdf(self, iri: str, item: Format) -> bytes | None:
        if iri not in self.known:
            return None
        return serialise(subject_triples(self.select, iri), item)

    def _relevant_queries(self, iri: str, page: str) -> list[LinkItem]:
        names = PARAMETERS_BY_KIND.get(kind_of(iri), ())
        links = []
        for query in self.queries:
            for parameter in query.parameters:
                if parameter.type == "iri" and parameter.name in names:
                    target = query_page(query.name) + "?" + urllib.parse.urlencode({parameter.name: iri})
                    links.append(LinkItem(query.title, relative(page, target)))
                    break
        return links

    # ------------------------------------------------------------------ index pages
    def index_html(self) -> bytes:
        labels = find_labels(self.select, self.entities)
        other = self._other_labels()
        by_kind: dict[str, int] = {}
        for iri in self.entities:
            by_kind[kind_of(iri)] = by_kind.get(kind_of(iri), 0) + 1
        kinds = [
            {"title": kind_title(kind), "page": kind_page(kind), "count": count}
            for kind, count in sorted(by_kind.items(), key=lambda item: kind_title(item[0]))
        ]
        # Labels only: a node without one (a participation, a passage) is found through the entity that holds it.
        entries = sorted(
            (
                [
                    labels[iri],
                    kind_title(kind_of(iri)),
                    entity_page(iri),
                    " ".join(other.get(iri, [])),
                ]
                for iri in self.entities
                if iri in labels
            ),
            key=lambda entry: (entry[0].casefold(), entry[2]),
        )
        index = json.dumps({"entities": entries}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # Inside <script>: "</" would end the element early.
        index = index.replace("</", "<\\/")
        return self.renderer.index(INDEX_PAGE, kinds, index).encode("utf-8")

    def _other_labels(self) -> dict[str, list[str]]:
        rows = self.select(
            f"SELECT ?s ?label WHERE {{ ?s <{RDFS_LABEL}>|<{SKOS}altLabel>|<{CKG}shortName>|<{CKG}treatyNumber> ?label "
            f'FILTER(STRSTARTS(STR(?s), "{ID}")) }}'
        )
        found: dict[str, set[str]] = {}
        for subject, label in rows:
            found.setdefault(subject.value, set()).add(label.value)
        return {iri: sorted(labels) for iri, labels in found.items()}

    def kinds(self) -> list[str]:
        return sorted({kind_of(iri) for iri in self.entities})

    def kind_html(self, kind: str) -> bytes | None:
        members = [iri for iri in self.entities if kind_of(iri) == kind]
        if not members:
            return None
        labels = find_labels(self.select, members)
        entities = sorted(
            ({"label": labels.get(iri, iri[len(ID) :]), "page": entity_page(iri)} for iri in members),
            key=lambda item: (item["label"].casefold(), item["page"]),
        )
        return self.renderer.kind(kind_page(kind), kind_title(kind), entities).encode("utf-8")

    # ------------------------------------------------------------------ named queries
    def queries_html(self) -> bytes:
        listed = [
            {
                "name": query.name,
                "title": query.title,
                "summary": query.summary,
                "parameters": query.parameters,
                "page": query_page(query.name),
            }
            for query in self.queries
        ]
        return self.renderer.queries(QUERIES_PAGE, listed).encode("utf-8")

    def query_html(self, name: str, values: Mapping[str, str] | None = None, number: int = 1) -> QueryPage | None:
        """A named query's page: its form and its rows (all of them on the static site, else one page)."""
        query = next((query for query in self.queries if query.name == name), None)
        if query is None:
            return None
        values = {key: value for key, value in (values or {}).items() if value != ""}
        page = query_page(name)
        result, error, status = None, None, 200
        if self.run_query is not None:
            try:
                result = self.run_query(query, values)
            except CyberkgError as failure:
                error, status = str(failure), 400
        rows = list(result.rows) if result is not None and result.boolean is None else []
        total = len(rows)
        size = (total or 1) if self.static_site else self.page_size
        pages = max(1, math.ceil(total / size)) if size else 1
        number = min(max(number, 1), pages)
        shown = rows[(number - 1) * size : number * size]

        def page_link(target: int) -> str:
            return relative(page, page) + "?" + urllib.parse.urlencode({**values, "page": str(target)})

        html = self.renderer.query(
            page, query, values, result, self._rows(shown), total, number, pages, page_link, error
        )
        return QueryPage(html, status)

    def _rows(self, rows: list[Sequence[Any]]) -> list[dict[str, Any]]:
        iris = sorted({cell.value for row in rows for cell in row if type(cell).__name__ == "NamedNode"})
        passages: dict[str, set[str]] = {}
        for start in range(0, len(iris), 200):
            block = " ".join(f"<{iri}>" for iri in iris[start : start + 200])
            for subject, passage in self.select(
                f"SELECT ?s ?p WHERE {{ VALUES ?s {{ {block} }} ?s <{PROV_WAS_DERIVED_FROM}> ?p FILTER(isIRI(?p)) }}"
            ):
                passages.setdefault(subject.value, set()).add(passage.value)
        sources = {source.passage.iri: source for source in self.describer.sources(set().union(*passages.values()))}
        shown = []
        for row in rows:
            cells: list[Term | None] = [None if cell is None else self.describer.term(cell) for cell in row]
            cited = sorted({passage for cell in row if cell is not None for passage in passages.get(cell.value, ())})
            shown.append({"cells": cells, "sources": [sources[passage] for passage in cited]})
        return shown

    # ------------------------------------------------------------------ assets and the whole site
    def static_file(self, name: str) -> bytes | None:
        if name not in STATIC_FILES:
            return None
        return resources.files("cyberkg.pages").joinpath("static", name).read_bytes()

    def ontology_page(self) -> bytes:
        if self.ontology_html is not None:
            return self.ontology_html
        return (
            b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Ontology</title></head><body>'
            b"<main><h1>Ontology</h1><p>The ontology documentation is made by <code>cyberkg build</code>.</p>"
            b'<p><a href="../index.html">Back to the index</a></p></main></body></html>\n'
        )

    def files(self) -> dict[str, bytes]:
        """Every file of the static site, by its path relative to the site's root, in sorted order."""
        files: dict[str, bytes] = {INDEX_PAGE: self.index_html(), QUERIES_PAGE: self.queries_html()}
        files[ONTOLOGY_PAGE] = self.ontology_page()
        if self.network_html is not None:
            files[NETWORK_PAGE] = self.network_html
        for name in STATIC_FILES:
            files[f"static/{name}"] = self.static_file(name) or b""
        for kind in self.kinds():
            files[kind_page(kind)] = self.kind_html(kind) or b""
        for query in self.queries:
            answer = self.query_html(query.name)
            if answer is not None:
                files[query_page(query.name)] = answer.html.encode("utf-8")
        for iri in self.entities:
            html = self.entity_html(iri)
            if html is None:
                continue
            files[entity_page(iri)] = html
            triples = subject_triples(self.select, iri)
            for item in RDF_FORMATS:
                files[f"{entity_stem(iri)}.{item.extension}"] = serialise(triples, item)
        return dict(sorted(files.items()))


_DOWNLOADS = [("Turtle", RDF_FORMATS[0]), ("N-Triples", RDF_FORMATS[1]), ("JSON-LD", RDF_FORMATS[2])]
