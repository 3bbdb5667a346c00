"""How far a push has gone: the calls ``push_store`` makes to its progress callback, and the bar `cyberkg push`
draws from them on a terminal (and nowhere else). Against the session's Oxigraph server."""

from __future__ import annotations

import io
import os
import sys

import pyoxigraph as ox
from terminal import run_on_terminal
from test_push_atomic import count_in, large_store
from tqdm import tqdm

from cyberkg.cli import main
from cyberkg.endpoint.push import push_store

GRAPH = "https://w3id.org/cyberkg/graph/test-push-progress"


class Recorder:
    """A progress callback that keeps every call as (done, total, stage, unit)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, str, str]] = []

    def __call__(self, done: int, total: int, stage: str = "", unit: str = "") -> None:
        self.calls.append((done, total, stage, unit))


def test_a_push_in_three_chunks_reports_each_chunk_then_the_move(oxigraph_server) -> None:
    # 3 triples of 60 bytes of N-Triples each; a chunk size of 1 byte makes each line a chunk of its own
    recorder = Recorder()
    report = push_store(
        large_store(3),
        oxigraph_server.store_url,
        GRAPH,
        update_endpoint=oxigraph_server.update_url,
        chunk_bytes=1,
        progress=recorder,
    )
    assert (report.chunks, report.atomic) == (3, True)
    assert recorder.calls == [
        (0, 0, "writing the graph as N-Triples", ""),
        (60, 180, "sending to a temporary graph", "B"),
        (120, 180, "sending to a temporary graph", "B"),
        (180, 180, "sending to a temporary graph", "B"),
        (0, 0, "replacing the graph (MOVE)", ""),
    ]
    assert count_in(oxigraph_server, GRAPH) == 3


def test_a_plain_put_reports_the_bytes_as_they_are_sent(oxigraph_server) -> None:
    # 1,500 triples are 96,780 bytes of N-Triples: one block of 64 KiB handed to the connection, then the rest
    recorder = Recorder()
    report = push_store(large_store(1500), oxigraph_server.store_url, GRAPH, progress=recorder)
    assert (report.triples, report.atomic) == (1500, False)
    assert recorder.calls == [
        (0, 0, "writing the graph as N-Triples", ""),
        (65536, 96780, "sending", "B"),
        (96780, 96780, "sending", "B"),
    ]
    assert count_in(oxigraph_server, GRAPH) == 1500


def test_off_a_terminal_cyberkg_push_draws_no_bar(oxigraph_server, store, capsys) -> None:
    for extra in ([], ["--update-endpoint", oxigraph_server.update_url]):
        code = main(["push", "--endpoint", oxigraph_server.store_url, "--graph", GRAPH, *extra])
        captured = capsys.readouterr()
        how = " through a temporary graph in 1 chunk (HTTP 204)" if extra else " (HTTP 204)"
        assert (code, captured.out, captured.err) == (
            0,
            f"Pushed {len(store)} triples to graph <{GRAPH}> at {oxigraph_server.store_url}{how}.\n",
            "",
        )


def test_on_a_terminal_cyberkg_push_draws_each_stage_and_clears_the_bar(oxigraph_server, store) -> None:
    body = io.BytesIO()
    store.dump(body, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    sent = tqdm.format_sizeof(len(body.getvalue()), divisor=1024)  # as the bar writes bytes
    command = [sys.executable, "-m", "cyberkg", "push", "--endpoint", oxigraph_server.store_url, "--graph", GRAPH]
    atomic = run_on_terminal([*command, "--update-endpoint", oxigraph_server.update_url], os.environ)
    assert (atomic.returncode, atomic.stdout) == (
        0,
        f"Pushed {len(store)} triples to graph <{GRAPH}> at {oxigraph_server.store_url} "
        "through a temporary graph in 1 chunk (HTTP 204).\n",
    )
    assert atomic.stages() == [
        "cyberkg push: reading Turtle",
        "cyberkg push: writing the graph as N-Triples",
        "cyberkg push: sending to a temporary graph",
        "cyberkg push: replacing the graph (MOVE)",
    ]
    assert atomic.last_count("cyberkg push: sending to a temporary graph") == ("100%", f"{sent}/{sent}")
    assert atomic.cleared()
    plain = run_on_terminal(command, os.environ)
    assert plain.returncode == 0
    assert plain.stages() == [
        "cyberkg push: reading Turtle",
        "cyberkg push: writing the graph as N-Triples",
        "cyberkg push: sending",
    ]
    assert plain.last_count("cyberkg push: sending") == ("100%", f"{sent}/{sent}")
    assert count_in(oxigraph_server, GRAPH) == len(store)
