"""The results of an Oxigraph query, typed by the form of the query (SELECT rows, CONSTRUCT triples).

Oxigraph's ``Store.query`` (and rdflib's ``Graph.query``) return solutions, a boolean or triples,
depending on the query's text; the package knows which form it wrote, and these functions say so to
the type checker and check it at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib
    import rdflib.query


def select_solutions(store: pyoxigraph.Store, query: str, **options: Any) -> pyoxigraph.QuerySolutions:
    """The solutions of a SELECT ``query`` on ``store`` (``options`` as for ``Store.query``)."""
    import pyoxigraph

    result = store.query(query, **options)
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise TypeError(f"not a SELECT query: {query[:80]!r}")
    return result


def construct_triples(store: pyoxigraph.Store, query: str, **options: Any) -> pyoxigraph.QueryTriples:
    """The triples of a CONSTRUCT or DESCRIBE ``query`` on ``store``."""
    import pyoxigraph

    result = store.query(query, **options)
    if not isinstance(result, pyoxigraph.QueryTriples):
        raise TypeError(f"not a CONSTRUCT query: {query[:80]!r}")
    return result


def rdflib_select_rows(graph: rdflib.Graph, query: str, **options: Any) -> list[rdflib.query.ResultRow]:
    """The rows of a SELECT ``query`` on an rdflib ``graph`` (``options`` as for ``Graph.query``)."""
    from rdflib.query import ResultRow

    rows = []
    for row in graph.query(query, **options):
        if not isinstance(row, ResultRow):
            raise TypeError(f"not a SELECT query: {query[:80]!r}")
        rows.append(row)
    return rows
