"""cyberkg: a knowledge graph of the Council of Europe's work against cybercrime.

The library API for notebooks and scripts:

>>> import cyberkg
>>> graph = cyberkg.load()                     # rdflib.Graph of ontology + curated data
>>> rows = cyberkg.run_query("meetings-promoting-accession")

Heavy dependencies are imported only when the function that needs them runs, so
``import cyberkg`` and the command line start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from cyberkg.query.library import QueryResult


def load() -> rdflib.Graph:
    """Return the merged graph (ontology and curated data) as an rdflib Graph."""
    from cyberkg.store.loading import load_graph

    return load_graph()


def run_query(name_or_path: str, **params: Any) -> QueryResult:
    """Run a library query (by name) or a .rq file on the embedded graph and return its result.

    An IRI parameter that names nothing in the graph is refused (QueryError, with the nearest IRI it has).
    """
    from cyberkg.query.library import check_iris_in_graph, find_query, run
    from cyberkg.store.loading import load_store

    query = find_query(name_or_path)
    store = load_store()
    given = {key: str(value) for key, value in params.items()}
    check_iris_in_graph(store, query, given)
    return run(store, query, given)


__all__ = ["__version__", "load", "run_query"]
