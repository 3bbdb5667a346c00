"""Where things live in the site: an entity IRI under ``https://w3id.org/cyberkg/id/`` is the page
``id/<kind>/<slug>.html`` beside its RDF (``.ttl``, ``.nt``, ``.jsonld``); links between pages are relative,
so the site works from any folder, any static host, and under ``cyberkg serve``.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse

from cyberkg.rdf.namespaces import ID

# Characters an entity IRI may have for its page to be a plain file name (the graph's slugs all do).
_SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9][A-Za-z0-9._~-]*)*")
PAGE_SUFFIX = ".html"
INDEX_PAGE = "index.html"
QUERIES_PAGE = "queries.html"
ONTOLOGY_PAGE = "ontology/index.html"
NETWORK_PAGE = "network.html"  # the organisation-event network page (cyberkg.network), when the site has it
STATIC_FOLDER = "static"


def has_page(iri: str) -> bool:
    """True for an IRI under the project's id namespace whose slug makes a plain path."""
    return iri.startswith(ID) and _SAFE_SLUG.fullmatch(iri[len(ID) :]) is not None


def entity_stem(iri: str) -> str:
    """The site path of an entity without suffix: ``id/event/2009-10-16-buenos-aires-visit``."""
    if not has_page(iri):
        raise ValueError(f"no page for {iri}")
    return "id/" + iri[len(ID) :]


def entity_page(iri: str) -> str:
    """The site path of an entity's HTML page."""
    return entity_stem(iri) + PAGE_SUFFIX


def iri_of_stem(stem: str) -> str | None:
    """The entity IRI of a site path without suffix (``id/country/AR``), or None if it is not one."""
    if not stem.startswith("id/"):
        return None
    iri = ID + stem[3:]
    return iri if has_page(iri) else None


def kind_of(iri: str) -> str:
    """The kind of an entity as its IRI names it: the first segment after the id namespace."""
    return iri[len(ID) :].split("/", 1)[0]


def kind_page(kind: str) -> str:
    return f"kind/{kind}{PAGE_SUFFIX}"


def query_page(name: str) -> str:
    return f"query/{name}{PAGE_SUFFIX}"


def network_node_link(from_page: str, iri: str) -> str:
    """The relative link from a page to the network page with ``iri``'s node selected (``#node=IRI``)."""
    return relative(from_page, NETWORK_PAGE) + "#node=" + urllib.parse.quote(iri, safe=":/")


def relative(from_page: str, to_path: str) -> str:
    """The relative link from one site path to another (both relative to the site's root)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")
