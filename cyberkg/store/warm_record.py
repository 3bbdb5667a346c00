"""The record of a warm server (``cyberkg warm start``): where it listens, which state of the files it holds.

A warm server keeps the graph in memory in a long-running process of the user's own and
answers over a Unix socket (:mod:`cyberkg.store.warm`). It writes one small record into
the cache folder (:func:`cyberkg.store.cache.cache_folder`), atomically and readable by
the user alone (mode 0600)::

    <cache folder>/warm-<checkout digest>.json   {"pid", "socket", "key", "triples", "started"}

``key`` is the name the store cache gives the data files' state
(:func:`cyberkg.store.saved.state_key`: paths, sizes, modification times, pyoxigraph
version), so a command compares it with the files as they are now and never uses a server
that holds another state of them.

A Unix socket rather than a TCP port with a token: the socket sits in a folder only its
user can enter (mode 0700), so the kernel refuses everyone else before a byte is read;
no other user, and no web page in a browser, can reach it, and there is no secret to leak
or to compare. Both ends also ask the kernel who is at the other end (``SO_PEERCRED``):
the server serves only its own user, and a command talks only to a server run by its user
whose process id is the one in the record.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from cyberkg.atomic import write_atomically
from cyberkg.store.saved import STORE_PREFIX, WARM_PREFIX, source_prefix

WARM_VARIABLE = "CYBERKG_WARM"
OFF = "off"
RECORD_PREFIX = WARM_PREFIX  # the store cache leaves files so named alone
CONNECT_TIMEOUT = 2.0  # seconds to wait for the socket to accept a connection
_PEER_CREDENTIALS = struct.Struct("3i")  # struct ucred: pid, uid, gid


class WarmUnavailable(Exception):
    """The warm server of a record cannot be used (gone, not answering, not the user's own): fall back."""


@dataclass(frozen=True)
class WarmRecord:
    """What a warm server writes about itself once it answers."""

    pid: int
    socket: str
    key: str
    triples: int
    started: str  # ISO 8601, UTC


def warm_enabled(environment: Mapping[str, str] | None = None) -> bool:
    """Whether commands may use a warm server: not when ``$CYBERKG_WARM`` is ``off``."""
    value = (os.environ if environment is None else environment).get(WARM_VARIABLE, "")
    return value.strip().lower() != OFF


def record_path(folder: Path, files: Sequence[Path]) -> Path:
    """The record of the warm server of these files' checkout, in the cache folder ``folder``."""
    digest = source_prefix(files).removeprefix(STORE_PREFIX).rstrip("-")
    return folder / f"{RECORD_PREFIX}{digest}.json"


def read_record(path: Path) -> WarmRecord | None:
    """The record at ``path``; None if there is none, it is not the user's own, or it does not read as one."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            data = json.loads(handle.read())
        return WarmRecord(
            pid=int(data["pid"]),
            socket=str(data["socket"]),
            key=str(data["key"]),
            triples=int(data["triples"]),
            started=str(data["started"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_record(path: Path, record: WarmRecord) -> None:
    """Write the record atomically, readable and writable by the user alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(asdict(record), indent=2) + "\n", mode=0o600)


def remove_record(path: Path, record: WarmRecord) -> None:
    """Remove the record if it is still ``record`` (a server started meanwhile keeps its own)."""
    if read_record(path) == record:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (of any user; one that has ended but is not yet reaped does not)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc here: it exists
    return state not in ("Z", "X")


def peer_credentials(connection: socket.socket) -> tuple[int, int]:
    """The process id and user id at the other end of a Unix socket (Linux ``SO_PEERCRED``)."""
    raw = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEER_CREDENTIALS.size)
    pid, uid, _ = _PEER_CREDENTIALS.unpack(raw)
    return pid, uid


def connect_to_server(record: WarmRecord, timeout: float | None = CONNECT_TIMEOUT) -> socket.socket:
    """A connection to the record's server, once the kernel says it is that process and of this user.

    :class:`WarmUnavailable` if nothing listens there, or someone else does.
    """
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.settimeout(CONNECT_TIMEOUT)
        connection.connect(record.socket)
        pid, uid = peer_credentials(connection)
        if (pid, uid) != (record.pid, os.getuid()):
            raise WarmUnavailable(f"the socket {record.socket} is held by process {pid} of user {uid}")
        connection.settimeout(timeout)
        return connection
    except OSError as error:
        connection.close()
        raise WarmUnavailable(f"the warm server does not answer at {record.socket}: {error}") from None
    except WarmUnavailable:
        connection.close()
        raise
