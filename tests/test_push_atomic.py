"""An atomic push: chunks into a temporary graph, one MOVE onto the target, the old graph kept on any failure.

Run against both stores researchers scale to (the session's Oxigraph server and private Virtuoso), and,
for the order of requests, against a recording ``send``.
"""

from __future__ import annotations

import io
import urllib.error
from pathlib import Path

import pyoxigraph as ox
import pytest

from cyberkg.cli import main
from cyberkg.endpoint import Connection, graph_swap
from cyberkg.endpoint.client import run_text
from cyberkg.endpoint.graph_swap import TEMPORARY_GRAPH_BASE, UPLOADING, SwapTarget, chunks, move_update, swap_in
from cyberkg.endpoint.push import graph_store_url, push_store
from cyberkg.errors import EndpointError
from cyberkg.store.loading import load_store

PREVIOUS = Path(__file__).resolve().parent / "endpoint" / "previous.ttl"
STORES = ["oxigraph_server", "virtuoso_server"]


def count_in(server, graph: str) -> int:
    connection = Connection(server.query_url, 30, None, graph)
    return int(run_text(connection, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value)


def temporary_graphs(server, timeout: float = 30) -> list[str]:
    connection = Connection(server.query_url, timeout)
    text = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{TEMPORARY_GRAPH_BASE}")) }} ORDER BY ?g'
    )
    return [str(row[0].value) for row in run_text(connection, text).rows]


def temporary_graphs_once_deleted(server, within: float = 60) -> list[str]:
    """The temporary graphs left once the server has done the clean-up's DELETE, waiting ``within`` seconds at most.

    On a busy machine the DELETE may outlast the push's wait for it (10 s) and still be done by the server later.
    """
    import time

    deadline = time.monotonic() + within
    while (left := temporary_graphs(server)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


def large_store(triples: int) -> ox.Store:
    store = ox.Store()
    predicate = ox.NamedNode("https://example.org/p")
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"https://example.org/large/{i}"), predicate, ox.Literal(str(i)), ox.DefaultGraph())
        for i in range(triples)
    )
    return store


# --- the order of requests ----------------------------------------------------------------------


def test_chunks_cut_at_line_ends() -> None:
    body = io.BytesIO(b"a .\nbb .\nccc .\n")
    assert list(chunks(body, 5)) == [b"a .\nbb .\n", b"ccc .\n"]
    assert list(chunks(io.BytesIO(b""), 5)) == [b""]


def test_move_update_names_the_target() -> None:
    assert move_update("https://t/1", "https://g/") == "MOVE GRAPH <https://t/1> TO GRAPH <https://g/>"
    assert move_update("https://t/1", None) == "MOVE GRAPH <https://t/1> TO DEFAULT"


class Recorder:
    """A ``send`` that records (method, graph or update) and fails at the request numbered ``fail_at``."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fail_at = fail_at

    def __call__(self, method: str, url: str, data: bytes, headers: dict[str, str], timeout: float) -> int:
        where = "update" if url.endswith("/update") else ("temporary" if "push-in-progress" in url else url)
        self.calls.append((method, where))
        if len(self.calls) - 1 == self.fail_at:
            raise urllib.error.HTTPError(url, 503, "Service Unavailable", None, None)  # type: ignore[arg-type]
        return 204


def swap_target() -> SwapTarget:
    return SwapTarget(lambda iri: graph_store_url("http://s/store", iri), "http://s/update", "https://g/", None)


def test_a_swap_uploads_every_chunk_before_the_move() -> None:
    send = Recorder()
    seen: list[tuple[int, int, str, str]] = []

    def record(done: int, total: int, stage: str = "", unit: str = "") -> None:
        seen.append((done, total, stage, unit))

    body = io.BytesIO(b"<a> <b> <c> .\n" * 10)
    status = swap_in(body, 140, swap_target(), send, "http://s/store", 5, chunk_bytes=50, progress=record)
    assert status == 204
    assert send.calls == [
        ("PUT", "temporary"),
        ("POST", "temporary"),
        ("POST", "temporary"),
        ("POST", "update"),
    ]
    assert seen == [
        (56, 140, "sending to a temporary graph", "B"),
        (112, 140, "sending to a temporary graph", "B"),
        (140, 140, "sending to a temporary graph", "B"),
        (0, 0, "replacing the graph (MOVE)", ""),
    ]


def test_a_failed_chunk_deletes_the_temporary_graph_and_never_moves() -> None:
    send = Recorder(fail_at=1)
    with pytest.raises(urllib.error.HTTPError):
        swap_in(io.BytesIO(b"<a> <b> <c> .\n" * 10), 140, swap_target(), send, "http://s/store", 5, chunk_bytes=50)
    assert send.calls == [("PUT", "temporary"), ("POST", "temporary"), ("DELETE", "temporary")]


# --- on the real stores --------------------------------------------------------------------------


@pytest.mark.parametrize("name", STORES)
def test_a_chunked_push_replaces_the_graph_and_leaves_no_temporary_graph(name: str, request, store: ox.Store) -> None:
    server = request.getfixturevalue(name)
    graph = f"https://w3id.org/cyberkg/graph/test-atomic-{name}"
    push_store(load_store([PREVIOUS]), server.store_url, graph, update_endpoint=server.update_url)
    assert count_in(server, graph) == 4
    report = push_store(store, server.store_url, graph, update_endpoint=server.update_url, chunk_bytes=200_000)
    assert (report.triples, report.atomic, report.chunks > 1) == (len(store), True, True)
    assert count_in(server, graph) == len(store)
    assert temporary_graphs(server) == []


@pytest.mark.parametrize("name", STORES)
def test_a_push_interrupted_after_its_first_chunk_leaves_the_previous_graph(name: str, request, store) -> None:
    server = request.getfixturevalue(name)
    graph = f"https://w3id.org/cyberkg/graph/test-interrupted-{name}"
    push_store(load_store([PREVIOUS]), server.store_url, graph, update_endpoint=server.update_url)

    def interrupt(done: int, total: int, stage: str = "", unit: str = "") -> None:
        if stage == UPLOADING:
            raise KeyboardInterrupt  # Ctrl-C once the first chunk is in the temporary graph

    with pytest.raises(KeyboardInterrupt):
        push_store(
            store, server.store_url, graph, update_endpoint=server.update_url, chunk_bytes=100_000, progress=interrupt
        )
    assert count_in(server, graph) == 4
    assert temporary_graphs(server) == []


@pytest.mark.parametrize("name", STORES)
def test_a_push_cut_off_by_its_timeout_leaves_the_previous_graph_and_names_its_temporary_graph(
    name: str, request, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = request.getfixturevalue(name)
    graph = f"https://w3id.org/cyberkg/graph/test-timeout-{name}"
    temporary = f"{TEMPORARY_GRAPH_BASE}test-timeout-{name}"
    push_store(load_store([PREVIOUS]), server.store_url, graph, update_endpoint=server.update_url)
    monkeypatch.setattr(graph_swap, "temporary_graph", lambda: temporary)
    with pytest.raises(EndpointError) as caught:
        push_store(large_store(300_000), server.store_url, graph, timeout=0.2, update_endpoint=server.update_url)
    try:
        assert str(caught.value) == (
            f"push failed, the previous graph was left as it was: endpoint {server.store_url} did not answer "
            "within 0.2 s (timed out; raise --timeout if the server is slow); the server may still be writing the "
            f"temporary graph <{temporary}>: it was asked to delete it, and if it is there once the server is idle, "
            f"drop it with DROP SILENT GRAPH <{temporary}>"
        )
        assert count_in(server, graph) == 4
    finally:
        if name == "virtuoso_server":  # Virtuoso finishes the abandoned upload after the DELETE: drop what it wrote
            drop_once_written(server, temporary)


def drop_once_written(server, temporary: str, seconds: float = 120) -> None:
    """Drop ``temporary`` when it appears (within ``seconds``), so that later tests find no temporary graph.

    Generous limits: on a loaded machine Virtuoso may take a while to finish the abandoned upload.
    """
    import time
    import urllib.parse
    import urllib.request

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if temporary in temporary_graphs(server, timeout=seconds):
            update = urllib.parse.urlencode({"update": f"DROP SILENT GRAPH <{temporary}>"}).encode()
            urllib.request.urlopen(urllib.request.Request(server.update_url, update, method="POST"), timeout=seconds)
            return
        time.sleep(0.5)


def test_cli_push_through_a_temporary_graph(oxigraph_server, store: ox.Store, capsys) -> None:
    graph = "https://w3id.org/cyberkg/graph/test-cli-atomic"
    args = ["push", "--endpoint", oxigraph_server.store_url, "--graph", graph]
    code = main([*args, "--update-endpoint", oxigraph_server.update_url])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")  # not a terminal: no progress bar
    assert captured.out == (
        f"Pushed {len(store)} triples to graph <{graph}> at {oxigraph_server.store_url} "
        "through a temporary graph in 1 chunk (HTTP 204).\n"
    )
    assert count_in(oxigraph_server, graph) == len(store)


def test_virtuoso_refuses_a_move_to_the_default_graph_in_one_line(virtuoso_server, capsys) -> None:
    code = main(["push", "--endpoint", virtuoso_server.store_url, "--update-endpoint", virtuoso_server.update_url])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.splitlines() == [
        f"cyberkg: error: push failed, nothing was written: the store at {virtuoso_server.store_url} has no "
        f"writable default graph (it refused MOVE ... TO DEFAULT at {virtuoso_server.update_url} with HTTP 400); "
        "give --graph IRI to push to a named graph"
    ]
    assert temporary_graphs(virtuoso_server) == []


def test_an_atomic_push_answers_virtuosos_digest_challenge(virtuoso_server, store: ox.Store) -> None:
    from virtuoso import PASSWORD, USER

    from cyberkg.endpoint import Credentials

    graph = "https://w3id.org/cyberkg/graph/test-atomic-digest"
    credentials = Credentials(user=USER, password=PASSWORD)
    report = push_store(
        store,
        virtuoso_server.auth_store_url,
        graph,
        credentials,
        update_endpoint=virtuoso_server.auth_query_url,
        chunk_bytes=500_000,
    )
    assert (report.triples, report.atomic) == (len(store), True)
    assert count_in(virtuoso_server, graph) == len(store)
    assert temporary_graphs(virtuoso_server) == []


def test_why_virtuoso_needs_the_swap_a_failed_plain_put_has_already_replaced_the_graph(virtuoso_server) -> None:
    """Virtuoso 7.2 refuses a PUT whose body breaks half-way (HTTP 500) but keeps the part before the error."""
    import urllib.request

    graph = "https://w3id.org/cyberkg/graph/test-broken-put"
    push_store(load_store([PREVIOUS]), virtuoso_server.store_url, graph)
    good = "".join(f'<https://example.org/new/{i}> <https://example.org/p> "{i}" .\n' for i in range(500))
    body = (good + "<https://example.org/broken> this is not N-Triples .\n").encode()
    request = urllib.request.Request(
        graph_store_url(virtuoso_server.store_url, graph), body, {"Content-Type": "text/turtle"}, method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 500
    assert count_in(virtuoso_server, graph) == 500  # the 4 triples before are gone


# Each limit set far below Virtuoso's default, so that a MOVE of a small graph goes over it as the MOVE of 10M
# triples goes over the default one. Measured: a 50 kB chunk fits under 400,000 bytes and a MOVE of 20,000 triples
# does not; a MOVE of 300,000 triples takes Virtuoso more than a second.
OVER_A_LIMIT = [
    pytest.param(
        {"transaction_limit": 400_000},
        40_000,
        "Virtuoso 40005 Error SR325: Transaction aborted because it's log after image size went above the limit",
        "Virtuoso's TransactionAfterImageLimit, under [Parameters] in virtuoso.ini, caps what one transaction may "
        "write; its administrator can raise it for a write this large",
        id="SR325-transaction-size",
    ),
    pytest.param(
        {"transaction_limit": 2_000_000_000, "execution_limit": 1},
        300_000,
        "Virtuoso S1T00 Error SR171: Transaction timed out",
        "Virtuoso's MaxQueryExecutionTime, under [SPARQL] in virtuoso.ini, limits how long one request may run; its "
        "administrator can raise it, or set it to 0 for no limit",
        id="SR171-time",
    ),
]


@pytest.mark.parametrize(("limits", "triples", "said", "advice"), OVER_A_LIMIT)
def test_virtuoso_over_a_limit_keeps_the_old_graph_and_says_what_to_raise(
    tmp_path: Path, limits: dict[str, int], triples: int, said: str, advice: str
) -> None:
    import re

    from virtuoso import start_virtuoso

    graph = "https://example.org/graph/over-a-limit"
    server = start_virtuoso(tmp_path / "virtuoso", **limits)
    try:
        push_store(load_store([PREVIOUS]), server.store_url, graph, update_endpoint=server.update_url)
        with pytest.raises(EndpointError) as caught:
            push_store(
                large_store(triples), server.store_url, graph, update_endpoint=server.update_url, chunk_bytes=50_000
            )
        temporary = re.findall(rf"<({TEMPORARY_GRAPH_BASE}[0-9a-f-]{{36}})>", str(caught.value))[0]
        # Virtuoso may refuse the clean-up's DELETE of the same triples for the same limit: then the message says so.
        left_clause = (
            f"; the server did not delete the temporary graph <{temporary}> either: drop it with DROP SILENT GRAPH "
            f"<{temporary}> (on Virtuoso, after raising the same limit)"
        )
        if str(caught.value).endswith(left_clause):
            assert temporary_graphs(server) == [temporary]
        else:
            assert temporary_graphs_once_deleted(server) == []
            left_clause = ""
        assert str(caught.value) == (
            f"push failed while replacing the graph, nothing was retried: endpoint {server.update_url} failed on "
            f"the server side (HTTP 500 SPARQL Request Failed): {said} SPARQL query: MOVE GRAPH "
            f"<{temporary}> TO GRAPH <{graph}> ({advice}){left_clause}"
        )
        assert count_in(server, graph) == 4  # the previous graph, whole
    finally:
        server.stop()


@pytest.mark.parametrize("limit", [0, 2**31])
def test_a_transaction_limit_virtuoso_would_misread_is_refused_before_it_starts(tmp_path: Path, limit: int) -> None:
    from virtuoso import start_virtuoso

    with pytest.raises(ValueError) as caught:
        start_virtuoso(tmp_path / "virtuoso", transaction_limit=limit)
    assert str(caught.value) == f"transaction_limit must be between 1 and 2147483647 (got {limit})"
    assert list(tmp_path.iterdir()) == []


def test_a_negative_execution_limit_is_refused_before_virtuoso_starts(tmp_path: Path) -> None:
    from virtuoso import start_virtuoso

    with pytest.raises(ValueError) as caught:
        start_virtuoso(tmp_path / "virtuoso", execution_limit=-1)
    assert str(caught.value) == "execution_limit must be 0 (no limit) or positive (got -1)"
    assert list(tmp_path.iterdir()) == []
