"""What ``cyberkg serve`` answers on the page paths, beside the SPARQL endpoint.

- ``/id/<kind>/<slug>``: the entity, as HTML for a browser, or as Turtle, N-Triples or JSON-LD when the
  Accept header prefers one (``Vary: Accept``); 406 when it accepts none of them;
- ``/id/<kind>/<slug>.html|.ttl|.nt|.jsonld``: that format, whatever the Accept header says;
- ``/index.html``, ``/network.html`` (``#node=IRI`` selects a node), ``/kind/…``, ``/queries.html``,
  ``/query/<name>.html?param=…&page=N``, ``/static/…``,
  ``/ontology/index.html``: the pages of the static site, the named queries run with the given parameters;
- anything else (``/query``, ``/store``, ``/``): None, for the caller to pass on to the SPARQL server.

Only GET and HEAD are answered on page paths (405 otherwise). The function is plain (no sockets), so it can
be hooked into any HTTP front, such as the gate of ``cyberkg serve`` (cyberkg.endpoint.gate).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from cyberkg.pages.addresses import INDEX_PAGE, NETWORK_PAGE, ONTOLOGY_PAGE, PAGE_SUFFIX, QUERIES_PAGE, iri_of_stem
from cyberkg.pages.rdf_formats import BY_EXTENSION, FORMATS, HTML, Format, charset_media_type, negotiate
from cyberkg.pages.site import Site

PAGE_PREFIXES = ("/id/", "/kind/", "/query/", "/static/", "/ontology/")
PAGE_FILES = ("/" + INDEX_PAGE, "/" + QUERIES_PAGE, "/" + NETWORK_PAGE)
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body, and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def is_page_path(path: str) -> bool:
    return path.startswith(PAGE_PREFIXES) or path in PAGE_FILES


def _text(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


class PageRoutes:
    """The page paths of one :class:`Site` (built with ``static_site=False``)."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def answer(self, method: str, target: str, accept: str | None = None) -> Answer | None:
        """The answer to a request for ``target`` (path and query string), or None when it is not a page path."""
        parts = urllib.parse.urlsplit(target)
        path = urllib.parse.unquote(parts.path)
        if not is_page_path(path):
            return None
        if method not in ("GET", "HEAD"):
            return _text(405, "pages are read-only: GET or HEAD", (("Allow", "GET, HEAD"),))
        if path.startswith("/id/"):
            return self._entity(path[1:], accept)
        if path == "/" + INDEX_PAGE:
            return Answer(200, charset_media_type(HTML), self.site.index_html())
        if path == "/" + QUERIES_PAGE:
            return Answer(200, charset_media_type(HTML), self.site.queries_html())
        if path == "/" + NETWORK_PAGE:
            if self.site.network_html is None:
                return _text(404, "this site has no network page")
            return Answer(200, charset_media_type(HTML), self.site.network_html)
        if path == "/" + ONTOLOGY_PAGE:
            return Answer(200, charset_media_type(HTML), self.site.ontology_page())
        if path.startswith("/static/"):
            name = path[len("/static/") :]
            data = self.site.static_file(name)
            if data is None:
                return _text(404, f"no such file: {path}")
            return Answer(200, STATIC_TYPES.get(name[name.rfind(".") :], "application/octet-stream"), data)
        if path.startswith("/kind/") and path.endswith(PAGE_SUFFIX):
            html = self.site.kind_html(path[len("/kind/") : -len(PAGE_SUFFIX)])
            return Answer(200, charset_media_type(HTML), html) if html else _text(404, f"no such kind: {path}")
        if path.startswith("/query/") and path.endswith(PAGE_SUFFIX):
            return self._query(path[len("/query/") : -len(PAGE_SUFFIX)], parts.query)
        return _text(404, f"no such page: {path}")

    def _entity(self, stem: str, accept: str | None) -> Answer:
        iri = iri_of_stem(stem)
        wanted: Format | None
        if iri is not None and iri in self.site.known:
            wanted = negotiate(accept)
            if wanted is None:
                offered = ", ".join(item.media_type for item in FORMATS)
                return _text(406, f"this entity is available as {offered}", (("Vary", "Accept"),))
            vary: tuple[tuple[str, str], ...] = (("Vary", "Accept"),)
        else:
            base, dot, extension = stem.rpartition(".")
            iri = iri_of_stem(base) if dot else None
            wanted = BY_EXTENSION.get(extension)
            if iri is None or wanted is None or iri not in self.site.known:
                return _text(404, f"the graph has no entity at /{stem}")
            vary = ()
        body = self.site.entity_html(iri) if wanted is HTML else self.site.entity_rdf(iri, wanted)
        if body is None:
            return _text(404, f"the graph has no entity at /{stem}")
        return Answer(200, charset_media_type(wanted), body, vary)

    def _query(self, name: str, query_string: str) -> Answer:
        values = {key: items[-1] for key, items in urllib.parse.parse_qs(query_string).items()}
        number_text = values.pop("page", "1")
        number = int(number_text) if number_text.isdigit() else 1
        page = self.site.query_html(name, values, number)
        if page is None:
            return _text(404, f"no named query {name!r}")
        return Answer(page.status, charset_media_type(HTML), page.html.encode("utf-8"))
