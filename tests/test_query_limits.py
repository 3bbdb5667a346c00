"""Local queries are bounded: a time limit that holds, Ctrl-C that works, memory, SERVICE off by default.

A cartesian product of the graph with itself three times never ends in practice; it stands for the
runaway query a researcher may write. The tests run ``cyberkg query`` as a process, as a user would,
and send it signals by process id.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_servers import FakeEndpoint, is_running

from cyberkg.bounded import call_bounded, stream_bounded
from cyberkg.cli import main
from cyberkg.errors import QueryError, TimeLimitError, WorkerError
from cyberkg.query.formats import TABLE_PAGE_ROWS
from cyberkg.query.service import uses_service

ROOT = Path(__file__).resolve().parent.parent
LIMITS = Path(__file__).resolve().parent / "limits"
CARTESIAN = LIMITS / "cartesian.rq"
WAIT = 30.0  # the longest any process here may take before the test gives up on it


def cyberkg(*args: str, **options: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cyberkg", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **options,  # type: ignore[arg-type]
    )


def children(pid: int) -> list[int]:
    """The process ids of the direct children of ``pid`` (Linux)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def wait_until_gone(pid: int) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if not is_running(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def stopped() -> Iterator[list[subprocess.Popen]]:
    """Processes a test started; killed by process id if the test left one running."""
    processes: list[subprocess.Popen] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(WAIT)


# --- the time limit -----------------------------------------------------------------------------------


def test_a_cartesian_query_is_stopped_at_its_time_limit_with_exit_2(stopped) -> None:
    process = cyberkg("query", str(CARTESIAN), "--timeout", "2", "--format", "csv")
    stopped.append(process)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 2
    assert err.decode() == f"cyberkg: error: the query {CARTESIAN} did not finish within 2 s and was stopped\n"
    lines = out.decode().split("\r\n")
    # The rows were written as they came (streamed), not held until the end: many arrived before the stop.
    assert lines[0] == "a,b,c,d,e,f,g,h,i"
    assert len(lines) > 1000


def test_jsonl_rows_are_written_as_they_come_before_the_time_limit(stopped) -> None:
    process = cyberkg("query", str(CARTESIAN), "--timeout", "2", "--format", "jsonl")
    stopped.append(process)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 2
    assert err.decode() == f"cyberkg: error: the query {CARTESIAN} did not finish within 2 s and was stopped\n"
    lines = out.decode().split("\n")
    assert sorted(json.loads(lines[0])) == ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    assert len(lines) > 1000


def test_the_json_document_is_written_a_binding_at_a_time_before_the_time_limit(stopped) -> None:
    process = cyberkg("query", str(CARTESIAN), "--timeout", "2", "--format", "json")
    stopped.append(process)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 2
    assert err.decode() == f"cyberkg: error: the query {CARTESIAN} did not finish within 2 s and was stopped\n"
    text = out.decode()
    head = '{\n  "head": {\n    "vars": [\n' + ",\n".join(f'      "{v}"' for v in "abcdefghi")
    assert text.startswith(head + '\n    ]\n  },\n  "results": {\n    "bindings": [\n      {\n')
    assert text.count("\n      },\n      {\n") > 1000  # bindings came out of a query that never ends


@pytest.mark.parametrize(
    ("options", "header", "line_end"),
    [
        (["--format", "tsv"], "?a\t?b\t?c\t?d\t?e\t?f\t?g\t?h\t?i", "\n"),
        (["--format", "table"], "a  b  c  d  e  f  g  h  i", "\n"),
        (["--format", "csv", "--with-sources"], "a,b,c,d,e,f,g,h,i,sources", "\r\n"),
    ],
)
def test_table_tsv_and_sources_rows_are_written_as_they_come_before_the_time_limit(
    stopped, options: list[str], header: str, line_end: str
) -> None:
    process = cyberkg("query", str(CARTESIAN), "--timeout", "2", *options)
    stopped.append(process)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 2
    assert err.decode() == f"cyberkg: error: the query {CARTESIAN} did not finish within 2 s and was stopped\n"
    lines = out.decode().split(line_end)
    # The columns are as wide as their cells (IRIs): compare the header's words.
    assert lines[0].split() == header.split()
    assert len(lines) > TABLE_PAGE_ROWS + 2  # a whole page (a table's) and more came out of a query that never ends


def test_the_time_limit_in_the_library_raises_and_leaves_no_worker() -> None:
    before = children(os.getpid())
    with pytest.raises(TimeLimitError) as caught:
        call_bounded(lambda: time.sleep(600), 0.5, "a nap")
    assert str(caught.value) == "a nap did not finish within 0.5 s and was stopped"
    assert children(os.getpid()) == before


def test_the_worker_gives_back_values_and_errors() -> None:
    assert call_bounded(lambda: {"rows": [1, 2, 3]}, 10, "a sum") == {"rows": [1, 2, 3]}
    assert list(stream_bounded(lambda: range(5000), 10, "counting")) == list(range(5000))

    def refused() -> None:
        raise QueryError("query: nothing to see")

    with pytest.raises(QueryError, match="^query: nothing to see$"):
        call_bounded(refused, 10, "a refusal")

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    with pytest.raises(WorkerError, match="^ZeroDivisionError: division by zero$"):
        call_bounded(broken, 10, "a division")


# --- Ctrl-C -----------------------------------------------------------------------------------------


def test_ctrl_c_stops_a_running_query_at_once_with_exit_130(stopped) -> None:
    process = cyberkg("query", str(CARTESIAN), "--timeout", "0", "--format", "tsv")
    stopped.append(process)
    assert process.stdout.readline() == b"?a\t?b\t?c\t?d\t?e\t?f\t?g\t?h\t?i\n"  # the query is running
    (worker,) = children(process.pid)
    process.send_signal(signal.SIGINT)
    process.stdout.close()
    assert process.wait(WAIT) == 130
    assert process.stderr.read().decode() == "\ncyberkg: interrupted\n"
    assert wait_until_gone(worker)


def test_a_worker_dies_with_its_parent_killed_outright(stopped) -> None:
    process = cyberkg("query", str(CARTESIAN), "--timeout", "0", "--format", "tsv")
    stopped.append(process)
    process.stdout.readline()
    (worker,) = children(process.pid)
    process.kill()
    process.wait(WAIT)
    assert wait_until_gone(worker)


# --- memory -----------------------------------------------------------------------------------------


def test_a_query_growing_in_its_worker_is_stopped_at_the_memory_limit(stopped) -> None:
    ordered = LIMITS / "cartesian-ordered.rq"
    process = cyberkg("query", str(ordered), "--timeout", "0", "--max-memory", "64", "--format", "csv")
    stopped.append(process)
    out, err = process.communicate(timeout=WAIT)
    assert (process.returncode, out) == (2, b"")
    assert err.decode() == (
        f"cyberkg: error: the query {ordered} stopped: it ran out of the memory allowed "
        "(its worker process ended by SIGABRT)\n"
    )


# --- SERVICE ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("select * { service silent <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("SELECT * { SERVICE ?where { ?s ?p ?o } }", True),
        ('SELECT * { ?s ?p "SERVICE <http://example.org/>" }', False),
        ("SELECT * { ?s ?p ?o } # SERVICE <http://example.org/> { }", False),
        ("PREFIX service: <http://example.org/> SELECT * { ?s service:p ?o }", False),
        ('SELECT * { ?s ?p "a"@service }', False),
        ("SELECT ?service { ?service <http://example.org/service> ?o }", False),
    ],
)
def test_uses_service_finds_the_keyword_only(text: str, expected: bool) -> None:
    assert uses_service(text) is expected


@pytest.fixture
def fake_endpoint() -> Iterator[FakeEndpoint]:
    endpoint = FakeEndpoint()
    yield endpoint
    endpoint.stop()


def test_service_is_refused_by_default_and_allowed_with_the_flag(fake_endpoint, tmp_path: Path, capsys) -> None:
    query = tmp_path / "remote-labels.rq"
    query.write_text((LIMITS / "remote-labels.rq").read_text().replace("ENDPOINT", fake_endpoint.url))

    assert main(["query", str(query), "--format", "csv"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"cyberkg: error: {query}: the query uses SERVICE (a request to another endpoint while it runs), "
        "which is refused by default; give --allow-service to allow it\n",
    )
    assert fake_endpoint.requests == []

    assert main(["query", str(query), "--format", "csv", "--allow-service"]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("label\r\na label from afar\r\n", "")
    assert len(fake_endpoint.requests) == 1


def test_service_is_refused_by_the_library_too(store, fake_endpoint) -> None:
    from cyberkg.query.library import select

    text = f"SELECT ?label WHERE {{ SERVICE <{fake_endpoint.url}> {{ ?s ?p ?label }} }}"
    with pytest.raises(QueryError, match="^query: the query uses SERVICE"):
        select(store, text)
    assert fake_endpoint.requests == []
    assert select(store, text, allow_service=True).as_dicts() == [{"label": "a label from afar"}]


# --- the other commands that run SPARQL locally ----------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["network", "stats", "organisation-event"], "building the network organisation-event"),
        (["export", "organisation-event", "--format", "dot", "-o", "-"], "building the network organisation-event"),
        (["timeline", "--format", "svg", "-o", "-"], "finding the events"),
        (["map", "--format", "svg", "-o", "-"], "finding the events"),
        (["validate", "--engine", "fast"], "validation"),
        (["validate", "--engine", "pyshacl"], "validation"),
    ],
)
def test_commands_that_query_the_graph_take_a_time_limit(command: list[str], what: str, capsys) -> None:
    # A thousandth of a second is less than loading the graph takes: the limit is always reached.
    assert main([*command, "--timeout", "0.001"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"cyberkg: error: {what} did not finish within 0.001 s and was stopped\n",
    )
    # With room enough the same work is done in the worker and comes back whole: the same output as without one.
    assert main(command) == 0
    expected = capsys.readouterr().out
    assert main([*command, "--timeout", "60"]) == 0
    assert capsys.readouterr().out == expected
