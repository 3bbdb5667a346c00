"""``cyberkg warm``: start, look at and stop the warm server that keeps the graph in memory between commands.

Loading a large graph into memory costs seconds on every command (4-6 s at 1M triples), and
the on-disk store of the cache opens at once but queries it several times slower. A warm server
pays the load once; while it runs, commands on the same files (:mod:`cyberkg.store.warm`) get
in-memory speed without loading.

1. :func:`serve_warm` (``cyberkg warm start --foreground``): a private folder for the socket (mode
   0700) with a janitor (:mod:`cyberkg.endpoint.janitor`), so that even SIGKILL leaves no socket
   behind; the stop signals (as ``cyberkg serve``); the files loaded into memory, their state key
   taken before and after (a file edited meanwhile is refused: the key must name what was loaded);
   the socket; then the record (:mod:`cyberkg.store.warm_record`), written once it answers. Its
   workers (:mod:`cyberkg.endpoint.warm_workers`) answer until SIGINT, SIGTERM or SIGHUP; then it
   removes its record, stops its workers, and removes its socket and folder.
2. :func:`start_warm` (``cyberkg warm start``): runs (1) as a process of its own session, its output
   in a log beside the record, and returns once its record names it and it answers; if it ends
   first, its last line is the error. A server of an earlier state of the files is stopped first.
3. :func:`warm_status` and :func:`stop_warm` (SIGTERM to the process of the record, once the kernel
   says that process holds the socket; a process id reused by another program is never signalled).

A server may stop itself after ``idle_stop`` seconds without a request (``--stop-when-idle``): the
commands start their servers so (:mod:`cyberkg.store.embedded`), the user's ``warm start`` does not.
While a server loads, it writes how far it has read (``<done> <total>`` bytes) to a file beside its
record (``warm-<digest>.loading``), which :func:`start_warm` reads to report progress; two commands
starting a server for the same files at once are serialised by a lock file there, so one server
loads and both use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cyberkg.atomic import write_atomically
from cyberkg.endpoint.janitor import start_janitor
from cyberkg.endpoint.serving import STOP_SIGNALS, Stopped, raise_stopped
from cyberkg.endpoint.warm_server import WarmGraph, WarmServer
from cyberkg.endpoint.warm_workers import WorkerPool
from cyberkg.errors import EndpointError, InputError
from cyberkg.progress import BYTES, Progress
from cyberkg.store.cache import CACHE_VARIABLE, OFF, cache_folder, total_bytes
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import state_key
from cyberkg.store.warm_record import (
    CONNECT_TIMEOUT,
    WarmRecord,
    WarmUnavailable,
    connect_to_server,
    process_alive,
    read_record,
    record_path,
    remove_record,
    write_record,
)

DEFAULT_QUERY_TIMEOUT = 300.0  # seconds a query may run on the server when its command gives no limit
STOP_TIMEOUT = 10.0
POLL = 0.1
SOCKET_NAME = "socket"
LOADING_STAGE = "loading the graph into memory for the warm server"
LOADING_EVERY = 0.25  # seconds between two writes of the loading file
IDLE = "idle"  # what serve_warm returns when it stopped itself for want of requests
IDLE_GRACE = 2 * CONNECT_TIMEOUT  # seconds an idle server goes on answering after its record is removed


@dataclass(frozen=True)
class WarmStatus:
    """The warm server of a checkout as its record and the kernel tell it."""

    record: WarmRecord | None
    running: bool  # its process answers at its socket, as this user's
    current: bool  # it holds the data files as they are now


@dataclass(frozen=True)
class StartedWarm:
    record: WarmRecord
    already: bool  # it was running already, for the files as they are now
    replaced: WarmRecord | None = None  # the server of an earlier state, stopped first


def _record_path(files: Sequence[Path]) -> Path:
    folder = cache_folder()
    if folder is None:
        raise InputError(
            f"the warm server keeps its record in the cache folder, which is turned off (${CACHE_VARIABLE}={OFF})"
        )
    return record_path(folder, files)


def log_path(files: Sequence[Path] | None = None) -> Path:
    """Where a server started by :func:`start_warm` writes its output (beside its record)."""
    return _record_path(files or data_files()).with_suffix(".log")


def warm_status(files: Sequence[Path] | None = None) -> WarmStatus:
    """Whether a warm server runs for this checkout, and whether it holds the files as they are now."""
    files = files or data_files()
    path = _record_path(files)
    record = read_record(path)
    if record is None:
        return WarmStatus(None, running=False, current=False)
    if not process_alive(record.pid):
        remove_record(path, record)
        return WarmStatus(None, running=False, current=False)
    try:
        connect_to_server(record).close()
    except WarmUnavailable:
        return WarmStatus(record, running=False, current=False)
    return WarmStatus(record, running=True, current=record.key == state_key(files))


def stop_warm(files: Sequence[Path] | None = None, timeout: float = STOP_TIMEOUT) -> WarmRecord | None:
    """Stop this checkout's warm server (SIGTERM, then SIGKILL after ``timeout``); its record, or None if none ran."""
    files = files or data_files()
    path = _record_path(files)
    status = warm_status(files)
    record = status.record
    if record is None:
        return None
    if not status.running:  # the process does not hold the socket: maybe another program with a reused id
        remove_record(path, record)
        return None
    for number in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(record.pid, number)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process_alive(record.pid):
            time.sleep(POLL)
        if not process_alive(record.pid):
            break
    remove_record(path, record)  # the server removes it itself, unless it had to be killed
    return record


def start_warm(
    query_timeout: float = DEFAULT_QUERY_TIMEOUT,
    idle_stop: float | None = None,
    progress: Progress | None = None,
) -> StartedWarm:
    """Start the warm server in a process of its own and return once it answers (see the module's step 2).

    ``idle_stop``: the server stops itself after that many seconds without a request (None: never).
    ``progress`` is told the bytes the server has read while it loads the graph.
    """
    files = data_files()
    path = _record_path(files)
    lock = _take_starting_lock(path)  # a second command starting one for the same files waits here, then finds it
    try:
        status = warm_status(files)
        if status.record is not None and status.running and status.current:
            return StartedWarm(status.record, already=True)
        replaced = stop_warm(files) if status.record is not None else None
        record = _spawn_and_wait(files, path, query_timeout, idle_stop, progress)
    finally:
        os.close(lock)  # closing releases the lock
    if record is None:  # ours ended because another started meanwhile: that one serves
        status = warm_status(files)
        assert status.record is not None
        return StartedWarm(status.record, already=True)
    if progress is not None:  # the end of the load is told even when it was too quick to be seen
        loaded = total_bytes(files)
        progress(loaded, loaded, LOADING_STAGE, BYTES)
    return StartedWarm(record, already=False, replaced=replaced)


def _take_starting_lock(path: Path) -> int:
    """The starting lock of a checkout's server, taken (the descriptor; closing it releases the lock)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as error:
        raise EndpointError(f"no warm server: cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _spawn_and_wait(
    files: Sequence[Path], path: Path, query_timeout: float, idle_stop: float | None, progress: Progress | None
) -> WarmRecord | None:
    """Start the server process and wait until it answers: its record; None if it ended because another server
    of the files as they are now started meanwhile."""
    log = path.with_suffix(".log")
    options = ["--timeout", f"{query_timeout:g}"]
    if idle_stop is not None:
        options += ["--stop-when-idle", repr(idle_stop)]
    try:
        handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise EndpointError(f"no warm server: cannot write its log {log}: {error.strerror or error}") from None
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "cyberkg", "warm", "start", "--foreground", *options],
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=handle,
            start_new_session=True,  # Ctrl-C in this terminal and its closing do not reach it
        )
    finally:
        os.close(handle)
    try:
        return _wait_until_answering(process, path, log, progress)
    except EndpointError:
        process.wait()
        status = warm_status(files)
        if status.record is not None and status.running and status.current:
            return None
        raise
    except BaseException:
        process.kill()  # never leave half a server behind, not even on Ctrl-C while it loads
        process.wait()
        with contextlib.suppress(OSError):
            path.with_suffix(".loading").unlink()
        raise


def _wait_until_answering(
    process: subprocess.Popen[bytes], path: Path, log: Path, progress: Progress | None
) -> WarmRecord:
    loading = path.with_suffix(".loading")
    while True:
        code = process.poll()
        if code is not None:
            raise EndpointError(f"the warm server did not start: {_last_line(log) or f'it ended with code {code}'}")
        record = read_record(path)
        if record is not None and record.pid == process.pid:
            try:
                connect_to_server(record).close()
                return record
            except WarmUnavailable:
                pass
        if progress is not None:
            read = _read_loading(loading, process.pid)
            if read is not None:
                progress(read[0], read[1], LOADING_STAGE, BYTES)
        time.sleep(POLL)


def _read_loading(path: Path, pid: int) -> tuple[int, int] | None:
    """``(done, total)`` from a loading file written by process ``pid``; None if there is none of it yet."""
    try:
        owner, done, total = (int(word) for word in path.read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return None
    return (done, total) if owner == pid else None


class _LoadingFile:
    """The server's side of the loading file: a :class:`Progress` that writes it now and then."""

    def __init__(self, path: Path, every: float = LOADING_EVERY) -> None:
        self.path = path
        self.every = every  # seconds between two writes; the end of the load is always written
        self.written: float | None = None

    def __call__(self, done: int, total: int, stage: str = "", unit: str = "") -> None:
        now = time.monotonic()
        if self.written is None or now - self.written >= self.every or done >= total:
            self.written = now
            with contextlib.suppress(OSError):  # progress only: a failed write must not stop the load
                write_atomically(self.path, f"{os.getpid()} {done} {total}\n", mode=0o600)

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _last_line(log: Path) -> str:
    try:
        lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        return ""
    last = next((line for line in reversed(lines) if line), "")
    return last.removeprefix("cyberkg: error: ")


def serve_warm(
    query_timeout: float | None, on_ready: Callable[[WarmRecord], None], idle_stop: float | None = None
) -> str:
    """Hold the graph in memory and answer over a Unix socket until a stop signal (its name is returned), or
    until ``idle_stop`` seconds pass without a request (:data:`IDLE` is returned)."""
    files = data_files()
    path = _record_path(files)
    _refuse_if_running(files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot keep the warm server's record here: {error.strerror or error}", path.parent) from None
    folder = Path(tempfile.mkdtemp(prefix="cyberkg-warm-"))
    janitor = start_janitor(folder, Path(sys.executable))
    previous = {number: signal.signal(number, raise_stopped) for number in STOP_SIGNALS}
    server = record = pool = None
    loading = _LoadingFile(path.with_suffix(".loading"))
    try:
        key = state_key(files)
        store = load_store(files, progress=loading)
        if state_key(files) != key:
            raise InputError("the graph files changed while they were loaded into memory; start the warm server again")
        graph = WarmGraph(store, key, len(store), query_timeout or None)
        socket_path = folder / SOCKET_NAME
        try:
            server = WarmServer(str(socket_path), graph)
        except OSError as error:
            raise InputError(f"cannot listen on a Unix socket here: {error.strerror or error}", socket_path) from None
        socket_path.chmod(0o600)
        record = WarmRecord(os.getpid(), str(socket_path), key, graph.triples, _now())
        pool = WorkerPool(server)
        _refuse_if_running(files)  # one started meanwhile (by hand, beside a command's) keeps its record
        write_record(path, record)
        loading.remove()
        on_ready(record)
        pool.run(idle_stop)
        # Idle: commands stop finding it; one that read the record a moment ago is still answered.
        remove_record(path, record)
        pool.run(IDLE_GRACE)
        return IDLE
    except Stopped as stop:
        return str(stop)
    finally:
        for number in STOP_SIGNALS:  # a second signal during the clean-up must not cut it short
            signal.signal(number, signal.SIG_IGN)
        loading.remove()
        if record is not None:
            remove_record(path, record)
        if pool is not None:
            pool.close()
        if server is not None:
            server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
        janitor.release()
        for number, handler in previous.items():
            signal.signal(number, handler)


def _refuse_if_running(files: Sequence[Path]) -> None:
    status = warm_status(files)
    if status.record is not None and status.running and status.record.pid != os.getpid():
        raise InputError(
            f"a warm server already runs for this graph (process {status.record.pid}); stop it with `cyberkg warm stop`"
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
