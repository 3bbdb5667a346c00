"""Work done in a child process that a time limit or Ctrl-C can stop at once.

pyoxigraph evaluates a query in Rust without returning to Python, so neither a
signal handler nor a thread can stop it: Ctrl-C waits until the query ends, and
a cartesian product never ends. The work is therefore done in a forked child
(which shares the loaded store, copy-on-write) and its results come back
through a pipe, pickled in batches. The parent waits on the pipe with
``select``, which a deadline and Ctrl-C both interrupt; it then kills the child
by its process id and reaps it. The child dies with its parent
(``PR_SET_PDEATHSIG``), so a parent killed outright leaves no child computing.

- :func:`call_bounded`: one value (a network, a list of records);
- :func:`stream_bounded`: an iterator whose items arrive while the child still works
  (query rows written to the output as they come).

A time limit of 0 (or None) means none; the work is still done in a child, so
that Ctrl-C keeps working.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import select
import signal
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from cyberkg.errors import CyberkgError, TimeLimitError, WorkerError

T = TypeVar("T")

BATCH_ITEMS = 2000  # items per message at most
BATCH_SECONDS = 0.2  # a partial batch is sent after this long, so slow results still stream
_HEADER = struct.Struct("!I")
_PR_SET_PDEATHSIG = 1


def call_bounded(function: Callable[[], T], timeout: float | None, what: str, *, memory_limit: int | None = None) -> T:
    """``function()`` computed in a child process, stopped after ``timeout`` seconds (0/None: no limit)."""
    items = list(stream_bounded(lambda: [function()], timeout, what, memory_limit=memory_limit))
    return items[0]


def stream_bounded(
    produce: Callable[[], Iterable[T]], timeout: float | None, what: str, *, memory_limit: int | None = None
) -> Iterator[T]:
    """The items of ``produce()``, computed in a child process and received as they come.

    ``what`` names the work in messages ("query meetings-promoting-accession"). Past the
    deadline the child is killed and :class:`TimeLimitError` raised; on Ctrl-C the child is
    killed and KeyboardInterrupt goes on. An exception raised in the child is raised again
    here (a :class:`CyberkgError` as it was, anything else as a :class:`WorkerError`).
    With ``memory_limit`` (bytes) the child may grow by that much at most; past it, its
    allocations fail and it ends, reported as a :class:`WorkerError`.
    """
    deadline = time.monotonic() + timeout if timeout else None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its behaviour is tested through the parent
        os.close(read_end)
        _child(produce, write_end, memory_limit)
    os.close(write_end)
    try:
        yield from _receive(read_end, pid, deadline, timeout, what)
    finally:
        os.close(read_end)
        _stop(pid)


def resident_bytes() -> int:
    """The memory this process occupies now (resident set, Linux), or 0 where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_growth(memory_limit: int) -> None:  # pragma: no cover - runs in the child
    """Let this process's address space grow by ``memory_limit`` bytes at most (Linux)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open("/proc/self/statm", "rb") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + memory_limit, resource.RLIM_INFINITY))


def _child(
    produce: Callable[[], Iterable[Any]], write_end: int, memory_limit: int | None
) -> None:  # pragma: no cover - runs in the child
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole foreground group: die at once
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent()
        _quiet_standard_error()
        if memory_limit:
            _limit_growth(memory_limit)
        with os.fdopen(write_end, "wb") as pipe:
            batch: list[Any] = []
            sent = time.monotonic()
            try:
                for item in produce():
                    batch.append(item)
                    if len(batch) >= BATCH_ITEMS or time.monotonic() - sent >= BATCH_SECONDS:
                        _send(pipe, ("items", batch))
                        batch, sent = [], time.monotonic()
                _send(pipe, ("items", batch))
                _send(pipe, ("done", None))
            except BrokenPipeError:
                code = 1  # the parent stopped reading: nothing more to do
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
                _send(pipe, ("error", _portable(error)))
    except BaseException:  # noqa: BLE001 - never return into the parent's code from the child
        code = 1
    os._exit(code)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Ask the kernel to kill this process when its parent dies (Linux); nothing elsewhere."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _quiet_standard_error() -> None:  # pragma: no cover - runs in the child
    """Send the child's standard error to /dev/null: its failures come back through the pipe as one line,
    not as the engine's own words (a failed allocation prints a Rust backtrace)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def _portable(error: BaseException) -> BaseException:  # pragma: no cover - runs in the child
    """The error as it can cross the pipe: itself if it pickles and is ours, else a WorkerError."""
    if isinstance(error, CyberkgError):
        try:
            pickle.dumps(error)
            return error
        except Exception:  # noqa: BLE001 - an error that does not pickle is described instead
            return WorkerError(str(error))
    return WorkerError(f"{type(error).__name__}: {error}")


def _send(pipe: Any, message: tuple[str, Any]) -> None:  # pragma: no cover - runs in the child
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_HEADER.pack(len(payload)))
    pipe.write(payload)
    pipe.flush()


def _receive(read_end: int, pid: int, deadline: float | None, timeout: float | None, what: str) -> Iterator[Any]:
    buffer = bytearray()
    while True:
        message = _next_message(read_end, buffer, deadline, timeout, what)
        if message is None:
            raise _died(pid, what)
        kind, value = message
        if kind == "items":
            yield from value
        elif kind == "error":
            raise value
        else:
            return


def _next_message(
    read_end: int, buffer: bytearray, deadline: float | None, timeout: float | None, what: str
) -> tuple[str, Any] | None:
    while True:
        if len(buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer)
            if len(buffer) >= _HEADER.size + size:
                payload = bytes(buffer[_HEADER.size : _HEADER.size + size])
                del buffer[: _HEADER.size + size]
                return pickle.loads(payload)
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            raise TimeLimitError(f"{what} did not finish within {timeout:g} s and was stopped")
        ready, _, _ = select.select([read_end], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            return None
        buffer.extend(chunk)


def _died(pid: int, what: str) -> WorkerError:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        if os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGKILL):  # a failed allocation aborts; the OOM killer kills
            return WorkerError(f"{what} stopped: it ran out of the memory allowed (its worker process ended by {name})")
        return WorkerError(f"{what} stopped: its worker process ended by {name}")
    return WorkerError(f"{what} stopped: its worker process exited with code {os.WEXITSTATUS(status)}")


def _stop(pid: int) -> None:
    """Kill the child (if it still runs) and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
