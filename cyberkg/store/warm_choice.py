"""Whether a command starts a warm server for a large graph, and how long that server waits unused.

The default way to open a large graph (data files of :func:`cyberkg.store.cache.large_graph_bytes` or more)
is a warm server (:mod:`cyberkg.store.warm`): the first command loads the graph into memory once, in a
server of the user's own, and the commands after it query that at in-memory speed without loading. The
on-disk store of the cache reopens as fast but queries several times slower (at 10M triples every library
query in turn took 474 s on it against 125 s in memory, and loading takes 35 s; see ``docs/performance.md``).

A command starts a server only when

- ``$CYBERKG_WARM`` is not ``off`` (``off`` also keeps commands from using a server the user started), and
- the machine has the memory for it: a server holds the graph, and its kept worker copies what its
  queries read, so up to twice a loaded graph. A loaded graph took 6.0-6.6 bytes of memory per byte
  of Turtle (380 MB for 57 MB at 1M triples, 3,447 MB for 578 MB at 10M), hence
  :data:`MEMORY_PER_TURTLE_BYTE`, compared with what the kernel says is available (``MemAvailable``), plus
  what a server of an earlier state of the files holds (it is stopped before the new one starts).

Otherwise the command opens the on-disk store of the cache, as it did before servers were started by default.
A server so started stops itself after ``$CYBERKG_WARM_IDLE`` seconds without a request (default
:data:`DEFAULT_IDLE_STOP`, half an hour); ``cyberkg warm stop`` stops it at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from cyberkg.store.cache import cache_folder, total_bytes
from cyberkg.store.saved import state_key
from cyberkg.store.variables import number_variable
from cyberkg.store.warm_record import process_alive, read_record, record_path, warm_enabled

IDLE_VARIABLE = "CYBERKG_WARM_IDLE"
DEFAULT_IDLE_STOP = 1800.0  # seconds
MEMORY_PER_TURTLE_BYTE = 13  # twice the 6.6 bytes a loaded graph took per byte of Turtle, rounded up
MEMINFO = Path("/proc/meminfo")


def idle_stop(environment: Mapping[str, str] | None = None) -> float:
    """Seconds a warm server started by a command waits unused before it stops: ``$CYBERKG_WARM_IDLE`` or 1800."""
    return number_variable(IDLE_VARIABLE, "seconds", DEFAULT_IDLE_STOP, environment, allow_zero=False)


def memory_needed(files: Sequence[Path]) -> int:
    """Bytes a warm server of these files may come to hold (see the module's note)."""
    return total_bytes(files) * MEMORY_PER_TURTLE_BYTE


def memory_available(meminfo: Path = MEMINFO) -> int | None:
    """Bytes of memory the kernel says are available for a new process; None where it does not say."""
    try:
        lines = meminfo.read_text(encoding="ascii").splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(":")
        if name == "MemAvailable":
            words = value.split()
            if len(words) == 2 and words[1] == "kB" and words[0].isdigit():
                return int(words[0]) * 1024
    return None


def should_start_warm(
    files: Sequence[Path], environment: Mapping[str, str] | None = None, available: int | None = None
) -> bool:
    """Whether a command opening these (large) files starts a warm server rather than open the on-disk store.

    ``available`` is the memory to compare with (default: what the kernel says now; when it says nothing,
    the server is started).
    """
    if not warm_enabled(environment):
        return False
    free = memory_available() if available is None else available
    return free is None or memory_needed(files) <= free + memory_of_stale_server(files, environment)


def memory_of_stale_server(files: Sequence[Path], environment: Mapping[str, str] | None = None) -> int:
    """Bytes held by a running server of these files' checkout that holds an earlier state of them: starting a
    new server stops it first (its resident memory, workers aside; 0 when there is none)."""
    folder = cache_folder(environment)
    if folder is None:
        return 0
    record = read_record(record_path(folder, files))
    if record is None or record.key == state_key(files) or not process_alive(record.pid):
        return 0
    return resident_memory(record.pid)


def resident_memory(pid: int, proc: Path = Path("/proc")) -> int:
    """Bytes of memory process ``pid`` holds (``VmRSS``); 0 where the kernel does not say."""
    try:
        lines = (proc / str(pid) / "status").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return 0
    for line in lines:
        name, _, value = line.partition(":")
        words = value.split()
        if name == "VmRSS" and len(words) == 2 and words[0].isdigit():
            return int(words[0]) * 1024
    return 0
