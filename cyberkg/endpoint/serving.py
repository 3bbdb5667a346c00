"""``cyberkg serve`` from start to stop: the store, the Oxigraph server, the gate, the signals, the clean-up.

1. A temporary folder is made and a janitor forked (:mod:`cyberkg.endpoint.janitor`):
   whatever ends this process, even SIGKILL, the folder goes and no server is left.
2. The store is filled in the folder (or the saved store of ``--location`` reused).
3. Oxigraph serves it read-only on a private loopback port, with a time limit per
   query (``--timeout-s``), and dies with this process (``PR_SET_PDEATHSIG``).
4. The gate (:mod:`cyberkg.endpoint.gate`) listens on the user's address and port.
5. SIGINT, SIGTERM and SIGHUP stop it all: the gate, the server (by its process id),
   the folder, the janitor. A server that stops by itself is reported.
"""

from __future__ import annotations

import errno
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from cyberkg.endpoint.gate import GatePolicy, GateServer, allowed_host_names
from cyberkg.endpoint.janitor import start_janitor
from cyberkg.endpoint.server import fill_store_folder, free_port, oxigraph_executable, start_server
from cyberkg.errors import EndpointError, InputError

DEFAULT_QUERY_TIMEOUT = 30.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
UPSTREAM_MARGIN = 10.0  # seconds the gate waits for the server beyond the query time limit


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 7878  # 0: any free port
    location: Path | None = None  # a saved store folder to reuse; None: a temporary one
    query_timeout: float = DEFAULT_QUERY_TIMEOUT  # 0: no limit
    cors_origin: str | None = None
    allow_service: bool = False
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    # Given the served store folder, what answers page paths (cyberkg.pages) beside the endpoint; None: none.
    pages: Callable[[Path], Callable[[str, str, str | None], Any]] | None = None


@dataclass(frozen=True)
class Serving:
    """What is being served, and where, for the message shown once the endpoint answers."""

    triples: int
    query_url: str
    host: str


class Stopped(Exception):
    """A stop signal arrived (SIGINT, SIGTERM, SIGHUP)."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number


def raise_stopped(number: int, frame: FrameType | None) -> None:
    """The handler of the stop signals: raise :class:`Stopped` where the process is."""
    raise Stopped(number)


def serve(options: ServeOptions, on_ready: Callable[[Serving], None]) -> str:
    """Serve until a stop signal; the name of the signal that stopped it. ``on_ready`` is called once it answers."""
    if options.port:
        _check_port(options.host, options.port)  # before the slow part: a port in use is said at once
    folder = Path(tempfile.mkdtemp(prefix="cyberkg-serve-"))
    janitor = start_janitor(folder, oxigraph_executable())
    # Installed at once (before the slow part), and even where the shell started us with SIGINT ignored.
    previous = {number: signal.signal(number, raise_stopped) for number in STOP_SIGNALS}
    server = gate = None
    try:
        triples, served = _prepare_store(options.location, folder)
        server = start_server(
            served,
            "127.0.0.1",
            free_port(),
            read_only=True,
            query_timeout=options.query_timeout,
            log_folder=folder,
        )
        janitor.watch(server.process.pid)
        gate = _open_gate(options, server.port, options.pages(served) if options.pages else None)
        threading.Thread(target=gate.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        on_ready(Serving(triples, _query_url(options.host, gate.server_address[1]), options.host))
        code = server.process.wait()
        raise EndpointError(
            f"the Oxigraph server stopped by itself (exit code {code}): {server.log_tail() or 'no message'}"
        )
    except Stopped as stop:
        return str(stop)
    finally:
        for number in STOP_SIGNALS:  # a second signal during the clean-up must not cut it short
            signal.signal(number, signal.SIG_IGN)
        if gate is not None:
            gate.shutdown()
            gate.server_close()
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        janitor.release()
        for number, handler in previous.items():
            signal.signal(number, handler)


def _prepare_store(location: Path | None, folder: Path) -> tuple[int, Path]:
    """The triple count and the store folder to serve: filled in ``folder``, or the saved store reused."""
    if location is None:
        return fill_store_folder(folder / "store"), folder / "store"
    from cyberkg.store.loading import data_files
    from cyberkg.store.saved import open_saved_store, state_key

    files = data_files()
    store = open_saved_store(location, files)  # builds or reuses it; rebuilds a damaged one
    triples = len(store)
    del store  # the server opens the folder itself
    return triples, location / state_key(files)


def _open_gate(
    options: ServeOptions, upstream_port: int, local_answer: Callable[[str, str, str | None], Any] | None = None
) -> GateServer:
    policy = GatePolicy(
        local_answer=local_answer,
        upstream_host="127.0.0.1",
        upstream_port=upstream_port,
        allowed_hosts=allowed_host_names(options.host, options.allowed_hosts),
        allow_service=options.allow_service,
        cors_origin=options.cors_origin,
        upstream_timeout=options.query_timeout + UPSTREAM_MARGIN if options.query_timeout else None,
    )
    port = options.port or free_port(options.host)
    try:
        return GateServer((options.host, port), policy)
    except OSError as error:
        raise InputError(_cannot_listen(options.host, port, error)) from None


def _check_port(host: str, port: int) -> None:
    """InputError, in plain words, if nothing can listen on ``host`` and ``port`` (a port in use, say)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the gate does: TIME_WAIT is no obstacle
            probe.bind((host, port))
    except OSError as error:
        raise InputError(_cannot_listen(host, port, error)) from None


def _cannot_listen(host: str, port: int, error: OSError) -> str:
    where = f"cannot serve on {host} port {port}"
    if error.errno == errno.EADDRINUSE:
        return f"{where}: the address is in use (another program listens there); choose another --port, or --port 0"
    if error.errno == errno.EACCES:
        return f"{where}: permission denied (ports below 1024 need privileges); choose a port above 1023"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{where}: this machine has no such address; give one of its own addresses to --host"
    return f"{where}: {error.strerror or error}"


def _query_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/query"
