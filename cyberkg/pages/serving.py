"""The pages of a served store folder: the routes ``cyberkg serve`` hooks in beside its SPARQL endpoint.

The Oxigraph server holds the store folder; this process opens the same folder read-only (Oxigraph allows
it) and reads it in-process, so a page costs no HTTP round trip and named queries run with their
parameters bound as RDF terms, as ``cyberkg query`` runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cyberkg.pages.routes import PageRoutes
from cyberkg.pages.site import Site
from cyberkg.rdf.labels import store_select
from cyberkg.store.checkout import Checkout, default_checkout

DOCS_PAGE = Path("docs") / "ontology" / "index.html"


def committed_ontology_page(checkout: Checkout | None = None) -> bytes | None:
    """The ontology documentation ``cyberkg build`` wrote into the checkout, if it is there."""
    path = (checkout or default_checkout()).root / DOCS_PAGE
    return path.read_bytes() if path.is_file() else None


NetworkMaker = Callable[[Any], tuple[str, Sequence[str]]]  # a store -> the network page and its node IRIs


def open_routes(
    store_folder: Path, checkout: Checkout | None = None, network: NetworkMaker | None = None
) -> PageRoutes:
    """The page routes over the on-disk store in ``store_folder``, opened read-only; with ``network``
    (cyberkg.network.page.projection_page), the network page too and the entity pages' links to it."""
    import pyoxigraph

    from cyberkg.query.library import list_queries, run

    store = pyoxigraph.Store.read_only(str(store_folder))
    site = Site(
        store_select(store),
        list_queries(checkout),
        lambda query, params: run(store, query, params),
        committed_ontology_page(checkout),
        static_site=False,
        network=None if network is None else network(store),
    )
    return PageRoutes(site)
