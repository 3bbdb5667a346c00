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


# Python names for parameters whose query names are Python keywords: run_query(..., date_from="2009-10").
KEYWORD_ALIASES = {"date_from": "from", "date_to": "to"}


def run_query(name_or_path: str, **params: Any) -> QueryResult:
    """Run a library query (by name) or a .rq file on the embedded graph and return its result.

    ``date_from`` and ``date_to`` stand for the parameters ``from`` and ``to`` (keywords in Python; a query
    that has a parameter named ``date_from`` itself keeps it). An IRI parameter takes a full IRI, a prefixed
    name, a bare name or a label; one that names nothing in the graph is refused (QueryError, with the nearest
    name it has).
    """
    from cyberkg.query.library import find_query, resolve_params, run
    from cyberkg.store.loading import load_store

    query = find_query(name_or_path)
    store = load_store()
    own = {parameter.name for parameter in query.parameters}
    given = {
        (KEYWORD_ALIASES[key] if key in KEYWORD_ALIASES and key not in own else key): str(value)
        for key, value in params.items()
    }
    given = resolve_params(store, query, given)
    return run(store, query, given)


__all__ = ["__version__", "load", "run_query"]
