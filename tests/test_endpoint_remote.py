"""Push and remote queries against a real Oxigraph server, compared with the embedded run.

The fixture starts ``oxigraph serve`` (read-write) on 127.0.0.1 with a free port
and stops it by its own process id. The merged graph is pushed to it, and every
library query runs on both engines with the same rows.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from cyberkg.cli import main
from cyberkg.endpoint import Connection, fetch_graph, remote_labeler, run_remote
from cyberkg.endpoint.binding import tokens
from cyberkg.endpoint.client import run_text
from cyberkg.endpoint.push import BULK_LOAD_PARAMETER, PushReport, graph_store_url, push_store
from cyberkg.endpoint.server import RunningServer, free_port, start_server
from cyberkg.query.formats import store_labeler
from cyberkg.query.library import QueryResult, find_query, list_queries, run
from cyberkg.store.loading import load_graph, load_store

HERE = Path(__file__).resolve().parent
PREVIOUS = HERE / "endpoint" / "previous.ttl"
NAMED = "https://w3id.org/cyberkg/graph/test-named"
LIBRARY = [query.name for query in list_queries()]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = start_server(tmp_path_factory.mktemp("oxigraph"), "127.0.0.1", free_port(), read_only=False)
    pid = server.process.pid
    try:
        yield server
    finally:
        server.stop()
        assert server.process.returncode is not None, f"oxigraph (pid {pid}) is still running"


@pytest.fixture(scope="module")
def pushed(oxigraph: RunningServer, store: ox.Store) -> PushReport:
    return push_store(store, oxigraph.store_url)


@pytest.fixture(scope="module")
def connection(oxigraph: RunningServer, pushed: PushReport) -> Connection:
    return Connection(oxigraph.query_url, timeout=20)


def count_triples(connection: Connection) -> int:
    result = run_text(connection, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(result.rows[0][0].value)


def comparable(result: QueryResult, ordered: bool) -> list:
    """Rows as text; blank nodes get one placeholder (their labels differ between stores)."""
    rows = [
        tuple("_:blank" if isinstance(term, ox.BlankNode) else (None if term is None else str(term)) for term in row)
        for row in result.rows
    ]
    return rows if ordered else sorted(rows, key=repr)


def as_rdflib(store: ox.Store) -> rdflib.Graph:
    """The store's default graph as an rdflib Graph.

    Compared with the parsed Turtle, Oxigraph writes some literals in canonical form
    (``1400000.0``^^xsd:decimal becomes ``1400000``): same value, other spelling; a pushed
    graph is compared with what the embedded engine holds.
    """
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return rdflib.Graph().parse(data=data, format="nt")


def is_ordered(text: str) -> bool:
    return any(token.depth == 0 and token.text.upper() == "ORDER" for token in tokens(text))


def test_push_replaces_the_default_graph(
    pushed: PushReport, store: ox.Store, connection: Connection, oxigraph: RunningServer
) -> None:
    assert pushed == PushReport(oxigraph.store_url, None, len(store), pushed.status)
    assert pushed.status in (201, 204)
    assert count_triples(connection) == len(store)


def test_library_is_not_empty() -> None:
    assert "meetings-promoting-accession" in LIBRARY and len(LIBRARY) == len(set(LIBRARY))


@pytest.mark.parametrize("name", LIBRARY)
def test_every_library_query_gives_the_embedded_rows(name: str, store: ox.Store, connection: Connection) -> None:
    query = find_query(name)
    local = run(store, query)
    remote = run_remote(connection, query)
    assert remote.columns == local.columns
    assert remote.boolean == local.boolean
    ordered = is_ordered(query.text)
    assert comparable(remote, ordered) == comparable(local, ordered)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("meetings-promoting-accession", {"instrument": "https://w3id.org/cyberkg/id/instrument/ets-189"}),
        ("search-events", {"text": "cybercrime"}),
        ("search-events", {"text": 'cloud") } UNION { ?event ?p ?start } #'}),
    ],
)
def test_parameters_are_bound_remotely_as_locally(
    name: str, params: dict[str, str], store: ox.Store, connection: Connection
) -> None:
    query = find_query(name)
    local = run(store, query, params)
    remote = run_remote(connection, query, params)
    assert remote.columns == local.columns
    assert comparable(remote, True) == comparable(local, True)


def test_a_hostile_parameter_finds_nothing(connection: Connection) -> None:
    hostile = {"text": 'x")) } UNION { ?event ?p ?start } #'}
    remote = run_remote(connection, find_query("search-events"), hostile)
    assert remote.rows == []


def test_labels_match_the_embedded_labeler(store: ox.Store, connection: Connection) -> None:
    result = run_remote(connection, find_query("events-timeline"))
    iris = {term for row in result.rows for term in row if isinstance(term, ox.NamedNode)}
    remote, local = remote_labeler(connection, result), store_labeler(store)
    english = {
        iri.value
        for iri in iris
        if any(getattr(quad.object, "language", None) == "en" for quad in store.quads_for_pattern(iri, None, None))
    }
    assert len(iris) > 10
    # Where a resource has an English label both pick it; otherwise both find some label or none.
    assert {iri.value: remote(iri) for iri in iris if iri.value in english} == {
        iri.value: local(iri) for iri in iris if iri.value in english
    }
    assert {iri.value for iri in iris if remote(iri) is None} == {iri.value for iri in iris if local(iri) is None}


def test_fetch_graph_returns_the_pushed_graph(connection: Connection, store: ox.Store) -> None:
    fetched = fetch_graph(connection.endpoint)
    assert len(fetched) == len(store)
    assert isomorphic(fetched, as_rdflib(store))


def test_named_graph_push_query_and_fetch(oxigraph: RunningServer, connection: Connection, store: ox.Store) -> None:
    previous = load_store([PREVIOUS])
    report = push_store(previous, oxigraph.store_url, NAMED)
    assert (report.graph, report.triples) == (NAMED, 4)
    assert isomorphic(fetch_graph(oxigraph.query_url, NAMED), load_graph([PREVIOUS]))
    report = push_store(store, oxigraph.store_url, NAMED)
    assert (report.graph, report.triples, report.status) == (NAMED, len(store), 204)
    named = Connection(oxigraph.query_url, timeout=20, graph=NAMED)
    query = find_query("meetings-promoting-accession")
    assert comparable(run_remote(named, query), True) == comparable(run(store, query), True)
    assert isomorphic(fetch_graph(oxigraph.query_url, NAMED), as_rdflib(store))
    # The default graph was not touched by pushes to the named graph.
    assert count_triples(connection) == len(store)


def test_graph_store_url() -> None:
    assert graph_store_url("http://127.0.0.1:7878/store", None) == "http://127.0.0.1:7878/store?default"
    assert (
        graph_store_url("http://h/ds/data?x=1", "https://e.org/g#1")
        == "http://h/ds/data?x=1&graph=https%3A%2F%2Fe.org%2Fg%231"
    )


def test_cli_query_endpoint_prints_what_a_local_run_prints(
    connection: Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = {}
    for where in ([], ["--endpoint", connection.endpoint]):
        for fmt in ("table", "csv", "tsv", "json"):
            code = main(["query", "meetings-promoting-accession", "--format", fmt, "--with-sources", *where])
            captured = capsys.readouterr()
            assert (code, captured.err) == (0, "")
            outputs[(bool(where), fmt)] = captured.out
    for fmt in ("table", "csv", "tsv", "json"):
        assert outputs[(True, fmt)] == outputs[(False, fmt)], fmt
    assert "Buenos Aires" in outputs[(True, "table")].splitlines()[2]


# --- a push interrupted or failed mid-way leaves the previous graph -----------------------------


def _interrupted_put(server: RunningServer, graph: str, body: bytes, sent: int) -> None:
    """Announce the whole body, send only ``sent`` bytes of it, and hang up."""
    path = graph_store_url(server.store_url, graph).split(f"{server.port}", 1)[1]
    head = (
        f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Content-Type: application/n-triples\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(head + body[:sent])
        time.sleep(0.2)


def _big_body(count: int) -> bytes:
    return "".join(f'<https://example.org/new/{i}> <https://example.org/p> "{i}" .\n' for i in range(count)).encode()


def test_interrupted_push_leaves_the_previous_graph(oxigraph: RunningServer, connection: Connection) -> None:
    graph = "https://w3id.org/cyberkg/graph/test-interrupted"
    push_store(load_store([PREVIOUS]), oxigraph.store_url, graph)
    body = _big_body(5_000)
    _interrupted_put(oxigraph, graph, body, len(body) // 2)
    # The server sees the end of the connection at once; a complete upload of this size is applied
    # in well under a second (checked by sending the whole body), so look for a change for 2 s.
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        fetched = fetch_graph(oxigraph.query_url, graph)
        if len(fetched) != 4:
            break
        time.sleep(0.1)
    assert isomorphic(fetch_graph(oxigraph.query_url, graph), load_graph([PREVIOUS]))


def test_push_with_a_broken_body_leaves_the_previous_graph(oxigraph: RunningServer) -> None:
    import urllib.error
    import urllib.request

    graph = "https://w3id.org/cyberkg/graph/test-broken"
    push_store(load_store([PREVIOUS]), oxigraph.store_url, graph)
    body = _big_body(5_000) + b"<https://example.org/broken> this is not N-Triples .\n" + _big_body(10)
    request = urllib.request.Request(
        graph_store_url(oxigraph.store_url, graph),
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert isomorphic(fetch_graph(oxigraph.query_url, graph), load_graph([PREVIOUS]))


def test_cli_push(oxigraph: RunningServer, store: ox.Store, capsys: pytest.CaptureFixture[str]) -> None:
    graph = "https://w3id.org/cyberkg/graph/test-cli"
    code = main(["push", "--endpoint", oxigraph.store_url, "--graph", graph])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert captured.out == (f"Pushed {len(store)} triples to graph <{graph}> at {oxigraph.store_url} (HTTP 201).\n")
    named = Connection(oxigraph.query_url, timeout=20, graph=graph)
    assert count_triples(named) == len(store)


def test_cli_push_by_the_servers_bulk_loader(
    oxigraph: RunningServer, store: ox.Store, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = "https://w3id.org/cyberkg/graph/test-bulk"
    push_store(load_store([PREVIOUS]), oxigraph.store_url, graph)
    code = main(["push", "--endpoint", oxigraph.store_url, "--graph", graph, "--bulk-load"])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert captured.out == (
        f"Pushed {len(store)} triples to graph <{graph}> at {oxigraph.store_url} "
        "by the server's bulk loader (not atomic) (HTTP 204).\n"
    )
    assert count_triples(Connection(oxigraph.query_url, timeout=20, graph=graph)) == len(store)


def test_a_failed_bulk_load_has_removed_the_previous_graph(oxigraph: RunningServer) -> None:
    """What --bulk-load gives up: the server clears the target first, and a body that breaks is not rolled back."""
    graph = "https://w3id.org/cyberkg/graph/test-bulk-broken"
    push_store(load_store([PREVIOUS]), oxigraph.store_url, graph)
    body = _big_body(500) + b"<https://example.org/broken> this is not N-Triples .\n"
    url = f"{graph_store_url(oxigraph.store_url, graph)}&{BULK_LOAD_PARAMETER}"
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert count_triples(Connection(oxigraph.query_url, timeout=20, graph=graph)) == 0


def test_cli_push_refuses_a_bulk_load_through_a_temporary_graph(
    oxigraph: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["push", "--endpoint", oxigraph.store_url, "--update-endpoint", oxigraph.update_url, "--bulk-load"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == (
        "cyberkg: error: a bulk load is one PUT written outside a transaction; it cannot go through a temporary "
        "graph (give either --bulk-load or --update-endpoint)\n"
    )


def test_server_runs_no_longer_than_its_fixture(oxigraph: RunningServer) -> None:
    assert oxigraph.process.poll() is None
    assert os.path.exists(f"/proc/{oxigraph.process.pid}")
