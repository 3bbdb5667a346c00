"""cyberkg: a knowledge graph of the Council of Europe's work against cybercrime.

The library API for notebooks and scripts:

>>> import cyberkg
>>> graph = cyberkg.load()                     # rdflib.Graph of ontology + curated data
>>> rows = cyberkg.run_query("meetings-promoting-accession")
>>> for row in cyberkg.iter_query("events-timeline"): ...   # one dict at a time, never the whole result

Heavy dependencies are imported only when the function that needs them runs, so
``import cyberkg`` and the command line start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    import pyoxigraph
    import rdflib

    from cyberkg.query.library import LibraryQuery, QueryResult


def load() -> rdflib.Graph:
    """Return the merged graph (ontology and curated data) as an rdflib Graph."""
    from cyberkg.store.loading import load_graph

    return load_graph()


# Python names for parameters whose query names are Python keywords: run_query(..., date_from="2009-10").
KEYWORD_ALIASES = {"date_from": "from", "date_to": "to"}


def run_query(name_or_path: str, **params: Any) -> QueryResult:
    """Run a library query (by name) or a .rq file on the embedded graph and return its result.

    ``date_from`` and ``date_to`` stand for the parameters ``from`` and ``to`` (keywords in Python; a query
    that has a parameter named ``date_from`` itself keeps it). An IRI parameter takes a full IRI, a prefixed
    name, a bare name or a label; one that names nothing in the graph is refused (QueryError, with the nearest
    name it has).
    """
    from cyberkg.query.library import run

    store, query, given = _prepared(name_or_path, params)
    return run(store, query, given)


def iter_query(name_or_path: str, **params: Any) -> Iterator[dict[str, str | None]]:
    """Run a query as :func:`run_query` does, and give its rows one at a time, as the engine produces them.

    Each row is a dictionary column -> value as ``run_query(...).as_dicts()`` has it (None where unbound);
    the whole result is never held. The parameters are checked at the call; the rows come as you read them.
    """
    from cyberkg.query.library import iter_dicts

    store, query, given = _prepared(name_or_path, params)
    return iter_dicts(store, query, given)


def _prepared(name_or_path: str, params: dict[str, Any]) -> tuple[pyoxigraph.Store, LibraryQuery, dict[str, str]]:
    """The graph loaded, the query found, its parameters named as the query names them and resolved."""
    from cyberkg.query.library import find_query, resolve_params
    from cyberkg.store.loading import load_store

    query = find_query(name_or_path)
    store = load_store()
    own = {parameter.name for parameter in query.parameters}
    given = {
        (KEYWORD_ALIASES[key] if key in KEYWORD_ALIASES and key not in own else key): str(value)
        for key, value in params.items()
    }
    return store, query, resolve_params(store, query, given)


__all__ = ["__version__", "iter_query", "load", "run_query"]
