"""What the curated graph already names, so that a draft links to it instead of minting new IRIs:
the reference cities, the projects (by code) with their outputs, budget and funding nodes, and the
organisations (by name, short name or other name, and governments by country)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.rdf.namespaces import CKG
from cyberkg.rdf.results import select_solutions
from cyberkg.reader.iris import CITY, COUNTRY, INSTRUMENT, ORGANISATION, name_key

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from cyberkg.reader.resolving import NameIndex

# Text properties a node carries once (per language): where the curated graph already words them for a
# node the draft also names, the draft keeps the curated wording and notes its own reading for review.
WORDING_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://purl.org/dc/terms/description",
    CKG + "location",
    CKG + "section",
    CKG + "projectArea",
    CKG + "objective",
)


@dataclass(frozen=True)
class ReferenceCity:
    """A city node: its IRI slug, label, country code and GeoNames data."""

    slug: str
    label: str
    country: str
    geonames_id: str | None = None
    latitude: str | None = None
    longitude: str | None = None


@dataclass(frozen=True)
class KnownProject:
    """A project the curated graph already holds, with the IRIs of its parts."""

    iri: str
    outputs: dict[int, str] = field(default_factory=dict)
    fundings: dict[str, str] = field(default_factory=dict)  # funder IRI -> funding IRI
    budget: str | None = None
    threshold: str | None = None


@dataclass(frozen=True)
class Reference:
    cities: tuple[ReferenceCity, ...] = ()
    projects_by_code: dict[str, KnownProject] = field(default_factory=dict)
    projects_by_title: dict[str, KnownProject] = field(default_factory=dict)
    # (subject IRI, predicate IRI) -> Turtle-ready (text, language) pairs of the curated graph's wording
    wordings: dict[tuple[str, str], list[tuple[str, str | None]]] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)  # name key -> IRI
    governments: dict[str, str] = field(default_factory=dict)  # alpha-2 -> IRI
    # (name, IRI) pairs: every label (EN, FR), short name, other name and code the graph gives
    organisation_names: tuple[tuple[str, str], ...] = ()
    country_names: tuple[tuple[str, str], ...] = ()
    instrument_names: tuple[tuple[str, str], ...] = ()
    instrument_titles: dict[str, str] = field(default_factory=dict)  # IRI -> the name an action label uses

    def organisation(self, name: str) -> str | None:
        return self.organisations.get(name_key(name))

    @cached_property
    def organisation_index(self) -> NameIndex:
        from cyberkg.reader.resolving import NameIndex

        return NameIndex("organisation", self.organisation_names)

    @cached_property
    def country_index(self) -> NameIndex:
        from cyberkg.reader.resolving import NameIndex

        return NameIndex("country", self.country_names)

    @cached_property
    def instrument_index(self) -> NameIndex:
        from cyberkg.reader.resolving import NameIndex

        return NameIndex("instrument", self.instrument_names)


def load_reference(files: Iterable[Path] | None = None) -> Reference:
    """Read the reference from the curated graph (or the given Turtle files)."""
    from cyberkg.store.loading import load_store

    return reference_from_store(load_store(files))


def reference_from_store(store: pyoxigraph.Store) -> Reference:
    cities = tuple(
        sorted(
            (
                ReferenceCity(
                    row["city"][len(CITY) :],
                    row["label"],
                    row["country"][len(COUNTRY) :],
                    row.get("geonames"),
                    row.get("lat"),
                    row.get("long"),
                )
                for row in _select(
                    store,
                    """
            SELECT ?city ?label ?country ?geonames ?lat ?long WHERE {
              ?city a ckg:City ; rdfs:label ?label ; ckg:inCountry ?country .
              OPTIONAL { ?city ckg:geonamesId ?geonames }
              OPTIONAL { ?city geo:lat ?lat } OPTIONAL { ?city geo:long ?long }
            }""",
                )
                if row["city"].startswith(CITY) and row["country"].startswith(COUNTRY)
            ),
            key=lambda city: (city.slug, city.label),
        )
    )
    projects: dict[str, KnownProject] = {}
    codes: dict[str, str] = {}
    titles: dict[str, str] = {}
    for row in _select(
        store,
        """
            SELECT ?project ?code ?title ?budget ?threshold WHERE {
              ?project a/rdfs:subClassOf* ckg:Project .
              OPTIONAL { ?project ckg:projectCode ?code } OPTIONAL { ?project dcterms:title ?title }
              OPTIONAL { ?project ckg:budget ?budget } OPTIONAL { ?project ckg:threshold ?threshold }
            }""",
    ):
        iri = row["project"]
        projects.setdefault(iri, KnownProject(iri, budget=row.get("budget"), threshold=row.get("threshold")))
        if row.get("code"):
            codes[row["code"]] = iri
        if row.get("title"):
            titles[name_key(row["title"])] = iri
    for row in _select(
        store,
        "SELECT ?project ?output ?number WHERE { ?output ckg:outputOf ?project ; ckg:outputNumber ?number }",
    ):
        if row["project"] in projects:
            projects[row["project"]].outputs[int(row["number"])] = row["output"]
    for row in _select(
        store,
        "SELECT ?project ?funding ?funder WHERE { ?project ckg:funding ?funding . ?funding ckg:funder ?funder }",
    ):
        if row["project"] in projects:
            projects[row["project"]].fundings[row["funder"]] = row["funding"]
    organisations: dict[str, str] = {}
    governments: dict[str, str] = {}
    for row in _select(
        store,
        """
            SELECT ?organisation ?name WHERE {
              ?organisation rdfs:label|ckg:shortName|skos:altLabel ?name .
            } ORDER BY ?organisation ?name""",
    ):
        if row["organisation"].startswith(ORGANISATION):
            organisations.setdefault(name_key(row["name"]), row["organisation"])
    for row in _select(
        store,
        "SELECT ?organisation ?country WHERE { ?organisation ckg:governmentOf ?country } ORDER BY ?organisation",
    ):
        if row["organisation"].startswith(ORGANISATION) and row["country"].startswith(COUNTRY):
            governments.setdefault(row["country"][len(COUNTRY) :], row["organisation"])
    organisation_names = tuple(
        (row["name"], row["organisation"])
        for row in _select(
            store,
            """SELECT ?organisation ?name WHERE { ?organisation a/rdfs:subClassOf* ckg:Organisation ;
                 rdfs:label|ckg:shortName|skos:altLabel ?name } ORDER BY ?organisation ?name""",
        )
        if row["organisation"].startswith(ORGANISATION)
    )
    country_names = tuple(
        (row["name"], row["country"])
        for row in _select(
            store,
            """SELECT ?country ?name WHERE { ?country a ckg:Country ;
                 rdfs:label|skos:altLabel|ckg:alpha2|ckg:alpha3 ?name } ORDER BY ?country ?name""",
        )
        if row["country"].startswith(COUNTRY)
    )
    instrument_names: list[tuple[str, str]] = []
    instrument_titles: dict[str, str] = {}
    for row in _select(
        store,
        """SELECT ?instrument ?name ?short ?number WHERE {
             ?instrument ckg:treatyNumber|ckg:shortName ?any ; rdfs:label ?name .
             OPTIONAL { ?instrument ckg:shortName ?short } OPTIONAL { ?instrument ckg:treatyNumber ?number }
           } ORDER BY ?instrument ?name""",
    ):
        iri = row["instrument"]
        if not iri.startswith(INSTRUMENT):
            continue
        instrument_names += [(row[key], iri) for key in ("name", "short") if row.get(key)]
        number = row.get("number")
        if number:
            digits = number.split()[-1]
            instrument_names += [(text.format(digits), iri) for text in _TREATY_NUMBER_FORMS]
            instrument_names.append((number, iri))
        if iri not in instrument_titles or (row.get("name", "").isascii() and len(row["name"]) <= 60):
            title = row["name"] if len(row["name"]) <= 60 else row.get("short") or row["name"]
            if iri not in instrument_titles or len(title) < len(instrument_titles[iri]):
                instrument_titles[iri] = title
    for row in _select(
        store,
        "SELECT ?instrument ?name WHERE { ?instrument skos:altLabel ?name } ORDER BY ?name",
    ):
        if row["instrument"].startswith(INSTRUMENT):
            instrument_names.append((row["name"], row["instrument"]))
    wordings: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    values = " ".join(f"<{predicate}>" for predicate in WORDING_PREDICATES)
    for row in _select(
        store,
        f"SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {{ VALUES ?p {{ {values} }} "
        "?s ?p ?o FILTER(isLiteral(?o)) } ORDER BY ?s ?p ?o",
    ):
        wordings.setdefault((row["s"], row["p"]), []).append((row["o"], row.get("lang") or None))
    return Reference(
        cities=cities,
        wordings=wordings,
        projects_by_code={code: projects[iri] for code, iri in codes.items()},
        projects_by_title={title: projects[iri] for title, iri in titles.items()},
        organisations=organisations,
        governments=governments,
        organisation_names=organisation_names,
        country_names=country_names,
        instrument_names=tuple(dict.fromkeys(instrument_names)),
        instrument_titles=instrument_titles,
    )


# How the Treaty Office and the Council of Europe's pages write a treaty's number ("CETS No.185", "ETS 185").
_TREATY_NUMBER_FORMS = ("ETS {}", "CETS {}", "ETS No. {}", "CETS No. {}", "Treaty {}", "Treaty No. {}")


_PREFIXES = """
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""


def _select(store: pyoxigraph.Store, query: str) -> list[dict[str, str]]:
    solutions = select_solutions(store, _PREFIXES + query)
    names = [variable.value for variable in solutions.variables]
    rows = []
    for solution in solutions:
        rows.append({name: solution[name].value for name in names if solution[name] is not None})
    return rows
