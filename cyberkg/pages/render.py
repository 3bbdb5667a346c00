"""HTML through the Jinja2 templates shipped in ``cyberkg/pages/templates/``; every link relative to the page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cyberkg.pages.addresses import entity_page, relative
from cyberkg.pages.describe import Entity, Incoming
from cyberkg.rdf.namespaces import ID


@dataclass(frozen=True)
class LinkItem:
    title: str
    href: str


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    href: str


@dataclass(frozen=True)
class IncomingGroup:
    title: str
    items: tuple[Incoming, ...]


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("cyberkg.pages", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def group_incoming(items: Iterable[Incoming]) -> list[IncomingGroup]:
    """Incoming links grouped by property (and, through an unlabelled node, by that node's property)."""
    groups: dict[str, list[Incoming]] = {}
    for item in items:
        title = item.property.text if item.via is None else f"{item.property.text}: {item.via.text}"
        groups.setdefault(title, []).append(item)
    return [IncomingGroup(title, tuple(groups[title])) for title in sorted(groups, key=str.casefold)]


class Renderer:
    """Renders the pages of one site; ``known`` holds the IRIs that have a page (links to others are text)."""

    def __init__(self, known: frozenset[str], static_site: bool, has_network: bool = False) -> None:
        self.environment = _environment()
        self.known = known
        self.static_site = static_site
        self.has_network = has_network

    def _render(self, template: str, page: str, **values: Any) -> str:
        def rel(target: str) -> str:
            return relative(page, target)

        context = {
            "rel": rel,
            "page_of": entity_page,
            "known": self.known,
            "id_namespace": ID,
            "static_site": self.static_site,
            "page": page,
            "has_network": self.has_network,
        }
        return self.environment.get_template(template).render(**context, **values)

    def entity(
        self,
        entity: Entity,
        page: str,
        downloads: list[Download],
        queries: list[LinkItem],
        timeline: str = "",
        map_picture: str = "",
        network_link: str | None = None,
    ) -> str:
        return self._render(
            "entity.html",
            page,
            title=entity.label,
            entity=entity,
            incoming=group_incoming(entity.incoming),
            downloads=downloads,
            queries=queries,
            timeline=timeline,
            map=map_picture,
            network_link=network_link,
        )

    def index(self, page: str, kinds: list[dict[str, Any]], search_index: str) -> str:
        return self._render("index.html", page, title="Browse the graph", kinds=kinds, search_index=search_index)

    def kind(self, page: str, title: str, entities: list[dict[str, str]]) -> str:
        return self._render("kind.html", page, title=title, entities=entities)

    def queries(self, page: str, queries: list[dict[str, Any]]) -> str:
        return self._render("queries.html", page, title="Named queries", queries=queries)

    def query(
        self,
        page: str,
        query: Any,
        values: Mapping[str, str],
        result: Any,
        rows: list[dict[str, Any]],
        total: int,
        number: int,
        pages: int,
        page_link: Callable[[int], str],
        error: str | None,
    ) -> str:
        return self._render(
            "query.html",
            page,
            title=query.title,
            query=query,
            values=values,
            result=result,
            rows=rows,
            total=total,
            number=number,
            pages=pages,
            page_link=page_link,
            error=error,
        )
