"""``cyberkg warm start|status|stop`` end to end, and commands that must not use a warm server they find.

Each test has a copy of the project's data and a cache folder of its own; a server a test starts is stopped by
its process id, whatever happens.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from warm_servers import ServedCopy, copy_project, run_cyberkg, start_in_foreground, stop, wait_until_gone

from cyberkg.errors import EndpointError
from cyberkg.store.checkout import Checkout
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import state_key
from cyberkg.store.warm import WarmStore
from cyberkg.store.warm_record import WarmRecord, process_alive, read_record, record_path, write_record

COUNT = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }\n"
_CACHED_WITHOUT_WARM = {"CYBERKG_WARM": "off", "CYBERKG_LARGE_GRAPH_MB": "0"}  # the graph kept on disk in the cache


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[ServedCopy]:
    served = copy_project(tmp_path)
    (tmp_path / "count.rq").write_text(COUNT)
    try:
        yield served
    finally:
        stop(served)
        record = read_record(_record_path(served))
        if record is not None and process_alive(record.pid):  # a server started in the background by the test
            os.kill(record.pid, signal.SIGKILL)


def _files(copy: ServedCopy) -> list[Path]:
    return data_files(Checkout(copy.root))


def _record_path(copy: ServedCopy) -> Path:
    return record_path(copy.cache, _files(copy))


def _triples(copy: ServedCopy) -> int:
    return len(load_store(_files(copy)))


def _count(copy: ServedCopy) -> subprocess.CompletedProcess[str]:
    return run_cyberkg(copy, "query", str(copy.root.parent / "count.rq"), "--format", "csv")


def test_start_status_and_stop(copy):
    triples = _triples(copy)
    assert run_cyberkg(copy, "warm", "status").stdout == "No warm server runs for this graph.\n"

    started = run_cyberkg(copy, "warm", "start")
    record = read_record(_record_path(copy))
    assert record is not None and process_alive(record.pid)
    assert (started.returncode, started.stderr, started.stdout) == (
        0,
        "cyberkg: loading the graph into memory for the warm server ...\n",
        f"Warm server started (process {record.pid}): {triples} triples in memory. Commands on this graph use it "
        f"until `cyberkg warm stop` or a change to its files.\n",
    )
    again = run_cyberkg(copy, "warm", "start")
    assert again.stdout == f"A warm server already runs for this graph (process {record.pid}, {triples} triples).\n"
    assert run_cyberkg(copy, "warm", "status").stdout == (
        f"A warm server runs for this graph as it is now: process {record.pid}, {triples} triples, "
        f"since {record.started}.\n"
    )
    assert run_cyberkg(copy, "warm", "status", CYBERKG_WARM="off").stdout.splitlines()[1:] == [
        "Commands do not use it: $CYBERKG_WARM is off."
    ]
    assert _count(copy).stdout == f"triples\n{triples}\n"

    stopped = run_cyberkg(copy, "warm", "stop")
    assert (stopped.returncode, stopped.stdout) == (0, f"Stopped the warm server (process {record.pid}).\n")
    assert not process_alive(record.pid)
    assert not _record_path(copy).exists()
    assert not Path(record.socket).parent.exists()
    assert run_cyberkg(copy, "warm", "stop").stdout == "No warm server was running for this graph.\n"


def test_a_command_after_an_edit_does_not_use_the_server_and_says_nothing(copy):
    start_in_foreground(copy)
    triples = _triples(copy)
    assert _count(copy).stdout == f"triples\n{triples}\n"
    with (copy.root / "graph" / "organisations.ttl").open("a", encoding="utf-8") as graph:
        graph.write("\n<urn:cyberkg:test:edited> <urn:cyberkg:test:p> <urn:cyberkg:test:o> .\n")

    after = _count(copy)
    assert (after.returncode, after.stderr, after.stdout) == (0, "", f"triples\n{triples + 1}\n")
    assert process_alive(copy.pid)  # left running, and not used
    assert run_cyberkg(copy, "warm", "status").stdout == (
        f"A warm server runs (process {copy.pid}) for an earlier state of the files; commands do not use it. "
        f"`cyberkg warm start` replaces it.\n"
    )
    replaced = run_cyberkg(copy, "warm", "start")
    record = read_record(_record_path(copy))
    assert replaced.stdout.splitlines() == [
        f"Stopped the warm server of an earlier state of the files (process {copy.pid}).",
        f"Warm server started (process {record.pid}): {triples + 1} triples in memory. Commands on this graph use it "
        f"until `cyberkg warm stop` or a change to its files.",
    ]
    assert copy.process.wait(15) == 0
    assert record.key == state_key(_files(copy))


def test_the_store_cache_shares_the_folder_with_the_record(copy):
    start_in_foreground(copy)
    cached = run_cyberkg(copy, "query", str(copy.root.parent / "count.rq"), "--format", "csv", **_CACHED_WITHOUT_WARM)
    assert (cached.returncode, cached.stderr, cached.stdout) == (0, "", f"triples\n{_triples(copy)}\n")
    assert sorted(entry.name for entry in copy.cache.iterdir()) == [
        state_key(_files(copy)),
        _record_path(copy).name,
    ]


def test_a_server_killed_outright_leaves_no_socket_and_its_record_goes_at_the_next_command(copy):
    start_in_foreground(copy)
    record = read_record(_record_path(copy))
    assert stop(copy, signal.SIGKILL) == -signal.SIGKILL
    assert wait_until_gone(Path(record.socket).parent)  # the janitor's work
    assert _record_path(copy).exists()
    after = _count(copy)
    assert (after.returncode, after.stderr, after.stdout) == (0, "", f"triples\n{_triples(copy)}\n")
    assert not _record_path(copy).exists()


def test_a_record_of_an_ended_process_is_removed_without_a_word(copy):
    ended = subprocess.Popen(["true"])
    ended.wait()
    key = state_key(_files(copy))
    write_record(_record_path(copy), WarmRecord(ended.pid, "/nonexistent/socket", key, 1, "2026-12-03T00:00:00+00:00"))
    after = _count(copy)
    assert (after.returncode, after.stderr, after.stdout) == (0, "", f"triples\n{_triples(copy)}\n")
    assert not _record_path(copy).exists()


def test_the_servers_own_time_limit_holds_when_a_command_names_none_and_zero_means_none(copy):
    start_in_foreground(copy, "--timeout", "1")
    record = read_record(_record_path(copy))
    product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # about 2 s on the curated graph
    with pytest.raises(EndpointError, match=r"^the warm server \(process \d+\) stopped answering before the end"):
        list(WarmStore(record).query(product))
    triples = _triples(copy)
    assert [row[0].value for row in WarmStore(record).within(0, None).query(product)] == [str(triples * triples)]


def test_an_answer_being_read_is_read_ahead_when_the_command_asks_again(copy):
    start_in_foreground(copy)
    store = WarmStore(read_record(_record_path(copy)))
    held = iter(store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))  # more than a socket holds
    first = next(held)
    assert bool(store.query("ASK { ?s ?p ?o }")) is True  # asking again reads the rest of `held` into memory
    stop(copy, signal.SIGKILL)
    assert len([first, *held]) == _triples(copy)  # every row, though the server is gone


def test_a_second_server_in_the_foreground_is_refused(copy):
    start_in_foreground(copy)
    second = run_cyberkg(copy, "warm", "start", "--foreground")
    assert (second.returncode, second.stderr) == (
        2,
        f"cyberkg: error: a warm server already runs for this graph (process {copy.pid}); stop it with "
        f"`cyberkg warm stop`\n",
    )


def test_without_a_cache_folder_there_is_no_warm_server(copy):
    refused = run_cyberkg(copy, "warm", "start", CYBERKG_CACHE="off")
    assert (refused.returncode, refused.stdout, refused.stderr.splitlines()[-1]) == (
        2,
        "",
        "cyberkg: error: the warm server keeps its record in the cache folder, which is turned off "
        "($CYBERKG_CACHE=off)",
    )


def test_a_graph_that_does_not_load_is_said_and_no_server_is_left(copy):
    (copy.root / "graph" / "broken.ttl").write_text("<urn:a> <urn:b> .\n")
    failed = run_cyberkg(copy, "warm", "start")
    assert (failed.returncode, failed.stdout) == (2, "")
    assert failed.stderr.splitlines()[-1].startswith(
        f"cyberkg: error: the warm server did not start: {copy.root / 'graph' / 'broken.ttl'}:1:"
    )
    assert not _record_path(copy).exists()


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to act as another user")
def test_another_user_can_neither_reach_the_socket_nor_be_served(copy):
    start_in_foreground(copy)
    record = read_record(_record_path(copy))
    probe = (
        "import socket, sys\n"
        "s = socket.socket(socket.AF_UNIX)\n"
        "try:\n"
        "    s.connect(sys.argv[1])\n"
        "except OSError as error:\n"
        "    print('refused', type(error).__name__); sys.exit()\n"
        "s.settimeout(10)\n"
        "try:\n"
        "    print('answered', s.recv(100))\n"  # a server that kept it would wait for a request: a timeout
        "except OSError as error:\n"
        "    print('kept open', type(error).__name__)\n"
    )

    def as_nobody() -> str:
        return subprocess.run(
            ["/usr/bin/python3", "-c", probe, record.socket],
            user=65534,
            group=65534,
            capture_output=True,
            text=True,
            timeout=30,
            cwd="/",
        ).stdout

    assert as_nobody() == "refused PermissionError\n"  # the folder admits only its user
    Path(record.socket).parent.chmod(0o755)
    Path(record.socket).chmod(0o777)
    assert as_nobody() == "answered b''\n"  # past the folder, the server closes the connection at once, unread
