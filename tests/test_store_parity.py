"""Every library query gives the same rows, in the same order, on the embedded store, an Oxigraph server and Virtuoso.

The session fixtures (tests/conftest.py) start ``oxigraph serve`` and a private Virtuoso 7 on 127.0.0.1 and
push the merged graph to each: the default graph of Oxigraph, a named graph of Virtuoso (whose Graph Store
endpoint has no writable default graph), beside a second named graph holding a copy. Each library query runs
with no parameters and with each parameter set of the competency table; rows are compared as N-Triples terms in result order, and the CSV a user would
get is compared byte for byte. rdflib is compared with the embedded store in tests/test_queries_engines.py.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import PARITY_GRAPH
from library_runs import IDS, RUNS

from cyberkg.endpoint import Connection, run_remote
from cyberkg.endpoint.binding import tokens
from cyberkg.query.formats import render
from cyberkg.query.library import QueryResult, find_query, list_queries, run


def terms(result: QueryResult) -> list[tuple[str | None, ...]]:
    """Rows as N-Triples terms in result order; a blank node as one placeholder (labels differ between stores)."""
    return [
        tuple("_:blank" if isinstance(t, ox.BlankNode) else (None if t is None else str(t)) for t in row)
        for row in result.rows
    ]


def is_totally_ordered(text: str) -> bool:
    return any(token.depth == 0 and token.text.upper() == "ORDER" for token in tokens(text))


@pytest.fixture(scope="module")
def oxigraph_connection(oxigraph_server) -> Connection:
    return Connection(oxigraph_server.query_url, timeout=60)


@pytest.fixture(scope="module")
def virtuoso_connection(virtuoso_server) -> Connection:
    return Connection(virtuoso_server.query_url, timeout=60, graph=PARITY_GRAPH)


def test_every_library_query_orders_its_rows() -> None:
    assert [q.name for q in list_queries() if not is_totally_ordered(q.text)] == []


@pytest.mark.parametrize(("name", "params"), RUNS, ids=IDS)
def test_oxigraph_server_gives_the_embedded_rows(
    name: str, params: tuple, store: ox.Store, oxigraph_connection: Connection
) -> None:
    query = find_query(name)
    local = run(store, query, dict(params))
    remote = run_remote(oxigraph_connection, query, dict(params))
    assert (remote.columns, remote.boolean) == (local.columns, local.boolean)
    assert terms(remote) == terms(local)
    assert render(remote, "csv") == render(local, "csv")


@pytest.mark.parametrize(("name", "params"), RUNS, ids=IDS)
def test_virtuoso_gives_the_embedded_rows(
    name: str, params: tuple, store: ox.Store, virtuoso_connection: Connection
) -> None:
    query = find_query(name)
    local = run(store, query, dict(params))
    remote = run_remote(virtuoso_connection, query, dict(params))
    assert (remote.columns, remote.boolean) == (local.columns, local.boolean)
    assert terms(remote) == terms(local)
    assert render(remote, "csv") == render(local, "csv")
