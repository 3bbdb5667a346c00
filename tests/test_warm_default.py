"""The default way to open a large graph from a command: a warm server that the first command starts and waits for,
used by the next commands, stopped when unused (``cyberkg.store.embedded``, ``cyberkg.store.warm_choice``).

Each test has a copy of the project's data, counted as a large graph (``CYBERKG_LARGE_GRAPH_MB=0``), and a cache
folder of its own; every server a test's commands start is found by its record (or, for the race, by its command
line and environment) and stopped by its process id.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import run_on_terminal
from warm_servers import ServedCopy, copy_project, run_cyberkg

from cyberkg.endpoint.warming import LOADING_STAGE, _LoadingFile, _read_loading
from cyberkg.errors import InputError
from cyberkg.store.checkout import Checkout
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import state_key
from cyberkg.store.warm_choice import (
    DEFAULT_IDLE_STOP,
    MEMORY_PER_TURTLE_BYTE,
    idle_stop,
    memory_available,
    memory_needed,
    memory_of_stale_server,
    resident_memory,
    should_start_warm,
)
from cyberkg.store.warm_record import WarmRecord, process_alive, read_record, record_path, write_record

COUNT = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }\n"
GONE_LIMIT = 60.0  # seconds to wait for a server to stop itself (it should take about its idle time)


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[ServedCopy]:
    """A large graph as far as commands know, with no warm server yet; afterwards, every server of it is stopped."""
    served = copy_project(tmp_path)
    served.environment["CYBERKG_LARGE_GRAPH_MB"] = "0"
    served.environment["CYBERKG_WARM_IDLE"] = "600"
    (tmp_path / "count.rq").write_text(COUNT)
    try:
        yield served
    finally:
        for pid in _servers_of(served):
            os.kill(pid, signal.SIGKILL)


def _files(copy: ServedCopy) -> list[Path]:
    return data_files(Checkout(copy.root))


def _record(copy: ServedCopy):  # noqa: ANN202 - WarmRecord | None
    return read_record(record_path(copy.cache, _files(copy)))


def _servers_of(copy: ServedCopy) -> list[int]:
    """Process ids of the live warm servers serving the copy (found by command line and environment; the workers
    a server forks, which share both, are left out by their parent)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        serving = [b"warm", b"start", b"--foreground"] == argv[3:6] and argv[1:3] == [b"-m", b"cyberkg"]
        if serving and f"CYBERKG_ROOT={copy.root}".encode() in environment and process_alive(int(entry.name)):
            found.append(int(entry.name))
    return sorted(pid for pid in found if _parent(pid) not in found)


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _count(copy: ServedCopy, **environment: str) -> subprocess.CompletedProcess[str]:
    return run_cyberkg(copy, "query", str(copy.root.parent / "count.rq"), "--format", "csv", **environment)


def _announcement(pid: int, unused: str) -> str:
    return (
        f"cyberkg: a large graph, so it was loaded into memory once, by a warm server (process {pid}) that the next "
        f"commands use; it stops after {unused} unused (`cyberkg warm stop` stops it now)\n"
    )


def _wait_until_ended(pid: int) -> bool:
    deadline = time.monotonic() + GONE_LIMIT
    while time.monotonic() < deadline and process_alive(pid):
        time.sleep(0.1)
    return not process_alive(pid)


def test_the_first_command_starts_a_server_and_says_so_and_the_next_use_it(copy):
    triples = len(load_store(_files(copy)))
    first = _count(copy)
    record = _record(copy)
    assert record is not None and process_alive(record.pid)
    assert (first.returncode, first.stdout, first.stderr) == (
        0,
        f"triples\n{triples}\n",
        _announcement(record.pid, "10 minutes"),
    )
    assert (record.key, _servers_of(copy)) == (state_key(_files(copy)), [record.pid])

    second = _count(copy)
    assert (second.returncode, second.stdout, second.stderr) == (0, f"triples\n{triples}\n", "")
    assert _record(copy) == record
    # No on-disk store was built: only the server's record, its lock and its log are in the cache folder.
    assert sorted(entry.suffix for entry in copy.cache.iterdir()) == [".json", ".lock", ".log"]


def test_a_server_so_started_stops_itself_when_unused_and_the_next_command_starts_another(copy):
    first = _count(copy, CYBERKG_WARM_IDLE="3")
    record = _record(copy)
    assert record is not None
    assert first.stderr == _announcement(record.pid, "3 s")
    assert _wait_until_ended(record.pid)
    assert _record(copy) is None
    log = record_path(copy.cache, _files(copy)).with_suffix(".log").read_text(encoding="utf-8")
    assert log.splitlines() == [
        f"Warm server ready (process {record.pid}, {record.triples} triples). Press Ctrl-C to stop.",
        "Stopped after 3 s without a request.",
    ]
    again = _count(copy)
    started = _record(copy)
    assert started is not None and started.pid != record.pid
    assert (again.returncode, again.stderr) == (0, _announcement(started.pid, "10 minutes"))


def test_with_the_variable_off_the_cache_is_used_and_no_server_started(copy):
    first = _count(copy, CYBERKG_WARM="off")
    assert (first.returncode, first.stderr) == (0, "")
    assert (_record(copy), _servers_of(copy)) == (None, [])
    assert [entry.name for entry in copy.cache.iterdir()] == [state_key(_files(copy))]


def test_a_small_graph_is_parsed_and_no_server_started(copy):
    small = _count(copy, CYBERKG_LARGE_GRAPH_MB="1000")
    assert (small.returncode, small.stderr) == (0, "")
    assert (copy.cache.exists(), _servers_of(copy)) == (False, [])


def test_two_commands_at_once_start_one_server_and_both_use_it(copy):
    argv = [sys.executable, "-m", "cyberkg", "query", str(copy.root.parent / "count.rq"), "--format", "csv"]
    lock = record_path(copy.cache, _files(copy)).with_suffix(".lock")
    lock.parent.mkdir(parents=True)
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # both commands reach the starting lock before either starts a server
        both = [
            subprocess.Popen(argv, env=copy.environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        time.sleep(2.0)
    outputs = [process.communicate(timeout=180) for process in both]
    record = _record(copy)
    assert record is not None
    assert _servers_of(copy) == [record.pid]
    triples = len(load_store(_files(copy)))
    assert sorted(outputs) == [
        (f"triples\n{triples}\n", ""),
        (f"triples\n{triples}\n", _announcement(record.pid, "10 minutes")),
    ]
    # One server was started and loaded: its log alone is there, with no refusal of a second.
    assert lock.with_suffix(".log").read_text(encoding="utf-8").splitlines() == [
        f"Warm server ready (process {record.pid}, {triples} triples). Press Ctrl-C to stop."
    ]


def test_a_cache_folder_that_cannot_be_made_is_one_line_and_no_server(copy, tmp_path):
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    unusable = tmp_path / "a-file" / "cache"
    refused = _count(copy, CYBERKG_CACHE=str(unusable))
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2,
        "",
        f"cyberkg: error: {unusable}: cannot use this folder for the saved store: Not a directory\n",
    )
    assert _servers_of(copy) == []


def test_a_server_that_cannot_start_is_said_once_and_the_cache_answers(copy, tmp_path):
    deep = tmp_path / ("d" * 100)  # a socket path longer than a Unix socket's address can hold
    deep.mkdir()
    fallen_back = _count(copy, TMPDIR=str(deep))
    triples = len(load_store(_files(copy)))
    assert (fallen_back.returncode, fallen_back.stdout) == (0, f"triples\n{triples}\n")
    lines = fallen_back.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"cyberkg: warning: the warm server did not start: {deep}/cyberkg-warm-")
    assert lines[0].endswith(
        "/socket: cannot listen on a Unix socket here: AF_UNIX path too long; "
        "the on-disk store of the cache was opened instead"
    )
    assert (_record(copy), _servers_of(copy)) == (None, [])
    assert sorted(entry.name for entry in copy.cache.iterdir() if entry.name.startswith("store-")) == [
        state_key(_files(copy))
    ]


def test_a_data_file_that_does_not_parse_is_one_line_and_leaves_no_server(copy):
    (copy.root / "graph" / "broken.ttl").write_text("@prefix ex: <urn:x:> .\nex:a ex:b ex:c ;\n", encoding="utf-8")
    broken = _count(copy)
    assert (broken.returncode, broken.stdout, broken.stderr) == (
        2,
        "",
        f"cyberkg: error: {copy.root / 'graph' / 'broken.ttl'}:3:1: Unexpected end\n",
    )
    assert (_record(copy), _servers_of(copy)) == (None, [])


def test_a_bad_idle_time_is_one_line_naming_the_variable(copy):
    bad = _count(copy, CYBERKG_WARM_IDLE="half an hour")
    assert (bad.returncode, bad.stdout, bad.stderr) == (
        2,
        "",
        "cyberkg: error: $CYBERKG_WARM_IDLE must be a number of seconds, not 'half an hour'\n",
    )
    assert _servers_of(copy) == []


def test_on_a_terminal_the_first_command_draws_the_load_and_the_second_nothing(copy):
    argv = [sys.executable, "-m", "cyberkg", "query", "instruments", "--format", "csv"]
    first, second = run_on_terminal(argv, copy.environment), run_on_terminal(argv, copy.environment)
    assert (first.returncode, second.returncode) == (0, 0)
    stage = f"cyberkg: opening the graph: {LOADING_STAGE}"
    assert first.stages() == [stage]
    assert first.last_count(stage)[0] == "100%"
    assert first.cleared()
    record = _record(copy)
    assert record is not None
    assert first.lines() == [_announcement(record.pid, "10 minutes").rstrip("\n")]
    assert (second.drawn, second.stdout) == ("", first.stdout)


def test_the_loading_file_is_written_by_the_server_and_read_for_its_process_alone(tmp_path):
    path = tmp_path / "warm-x.loading"
    loading = _LoadingFile(path, every=3600.0)
    loading(10, 100)
    assert _read_loading(path, os.getpid()) == (10, 100)
    loading(20, 100)  # too soon after the last write: not written
    assert _read_loading(path, os.getpid()) == (10, 100)
    loading(100, 100)  # the end is always written
    assert (_read_loading(path, os.getpid()), _read_loading(path, os.getpid() + 1)) == ((100, 100), None)
    path.write_text("not three numbers\n", encoding="ascii")
    assert _read_loading(path, os.getpid()) is None
    loading.remove()
    assert (path.exists(), _read_loading(path, os.getpid())) == (False, None)


def test_a_server_is_started_only_when_the_variable_allows_and_the_memory_is_there(tmp_path):
    files = [tmp_path / "a.ttl", tmp_path / "b.ttl"]
    files[0].write_bytes(b"x" * 1000)
    files[1].write_bytes(b"y" * 24)
    needed = 1024 * MEMORY_PER_TURTLE_BYTE
    assert memory_needed(files) == needed
    assert [
        should_start_warm(files, {}, available=needed),
        should_start_warm(files, {}, available=needed - 1),
        should_start_warm(files, {"CYBERKG_WARM": "off"}, available=needed * 10),
        should_start_warm(files, {"CYBERKG_WARM": "on"}, available=needed * 10),
    ] == [True, False, False, True]


def test_the_memory_available_is_read_from_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemFree:  100 kB\nMemAvailable:   2048 kB\n", encoding="ascii")
    assert memory_available(meminfo) == 2048 * 1024
    meminfo.write_text("MemTotal:       24000000 kB\n", encoding="ascii")
    assert memory_available(meminfo) is None
    assert memory_available(tmp_path / "missing") is None


def test_the_idle_time_is_half_an_hour_unless_the_variable_says_otherwise():
    assert (DEFAULT_IDLE_STOP, idle_stop({}), idle_stop({"CYBERKG_WARM_IDLE": "2.5"})) == (1800.0, 1800.0, 2.5)
    messages = []
    for value in ("soon", "0", "-3"):
        with pytest.raises(InputError) as raised:
            idle_stop({"CYBERKG_WARM_IDLE": value})
        messages.append(str(raised.value))
    assert messages == [
        "$CYBERKG_WARM_IDLE must be a number of seconds, not 'soon'",
        "$CYBERKG_WARM_IDLE must be more than 0 seconds, not '0'",
        "$CYBERKG_WARM_IDLE must be more than 0 seconds, not '-3'",
    ]


def test_warm_start_refuses_an_idle_time_of_zero(copy):
    refused = run_cyberkg(copy, "warm", "start", "--stop-when-idle", "0")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--stop-when-idle': 0.0 is not in the range x>0."
    )
    assert _servers_of(copy) == []


def test_a_server_of_an_earlier_state_counts_as_memory_that_starting_frees(tmp_path, monkeypatch):
    monkeypatch.setenv("CYBERKG_CACHE", str(tmp_path / "cache"))
    files = data_files()
    path = record_path(tmp_path / "cache", files)
    assert memory_of_stale_server(files) == 0  # no server
    here = os.getpid()  # a live process standing for the server
    write_record(path, WarmRecord(here, "/nowhere", "store-earlier", 1, "2026-12-03T00:00:00+00:00"))
    assert memory_of_stale_server(files) == resident_memory(here) > 0
    write_record(path, WarmRecord(here, "/nowhere", state_key(files), 1, "2026-12-03T00:00:00+00:00"))
    assert memory_of_stale_server(files) == 0  # it holds the files as they are now: nothing to stop


def test_resident_memory_is_read_from_the_process_status(tmp_path):
    (tmp_path / "42").mkdir()
    (tmp_path / "42" / "status").write_text("Name:\tpython\nVmRSS:\t  2048 kB\n", encoding="ascii")
    (tmp_path / "43").mkdir()
    (tmp_path / "43" / "status").write_text("Name:\tzombie\n", encoding="ascii")
    assert [resident_memory(pid, tmp_path) for pid in (42, 43, 44)] == [2048 * 1024, 0, 0]
