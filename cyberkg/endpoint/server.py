"""Running an Oxigraph SPARQL server (the ``oxigraph`` package on PyPI) over the curated graph.

The server keeps its data in an on-disk store folder and locks it, so the
folder is filled first (by :func:`cyberkg.loader.load_store`, the same loader
and the same error messages as every other command) and the server is started
afterwards. The server runs as a child process in its own session, so a
Ctrl-C reaches this process, which stops the child by its process id; the
kernel kills the child if this process dies without doing so
(``PR_SET_PDEATHSIG``). What ``cyberkg serve`` puts in front of it (the gate
that checks Host headers and SERVICE, the signals, the clean-up) is
:mod:`cyberkg.endpoint.serving`.
"""

from __future__ import annotations

import ctypes
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cyberkg.errors import EndpointError, InputError

STARTUP_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LISTENING = "Listening for requests at"
PR_SET_PDEATHSIG = 1


def oxigraph_executable() -> Path:
    """The ``oxigraph`` server program installed beside this Python (or on the PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise InputError("the Oxigraph server is not installed (pip install 'oxigraph>=0.5')")
    return Path(found)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` at the time of asking."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _is_store_folder(folder: Path) -> bool:
    return (folder / "CURRENT").is_file()


def fill_store_folder(folder: Path, files: Iterable[Path] | None = None) -> int:
    """Replace the content of the on-disk store in ``folder`` with the merged graph; the triple count.

    The folder must be empty, missing, or an Oxigraph store already (it is cleared);
    any other folder is refused so that no one's files are mixed with a database.
    """
    import pyoxigraph

    from cyberkg.store.loading import load_store

    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()) and not _is_store_folder(folder):
        raise InputError("this folder is neither empty nor an Oxigraph store; give an empty folder", folder)
    if _is_store_folder(folder):
        try:
            pyoxigraph.Store(str(folder)).clear()
        except OSError as error:
            raise InputError(f"cannot open the store (is a server using it?): {error}", folder) from None
    store = load_store(files, location=folder)
    store.flush()
    count = len(store)
    del store  # closes the database and releases its lock before the server opens it
    return count


@dataclass
class RunningServer:
    """An Oxigraph server child process and where it listens."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    log_path: Path = field(repr=False)

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query URL."""
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol URL (``cyberkg push --endpoint``)."""
        return f"{self.base_url}/store"

    def log_text(self) -> str:
        """What the server has written to its standard output and error so far."""
        try:
            return self.log_path.read_bytes().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, limit: int = 400) -> str:
        return " ".join(self.log_text().split())[-limit:]

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """Stop the server by its process id (SIGTERM, then SIGKILL after ``timeout``); its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.log_path.unlink(missing_ok=True)
        return int(self.process.returncode)


def start_server(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    read_only: bool = True,
    startup_timeout: float = STARTUP_TIMEOUT,
    query_timeout: float | None = None,
    cors: bool = False,
    log_folder: Path | None = None,
) -> RunningServer:
    """Start ``oxigraph serve-read-only`` (or ``serve``) on the store folder and wait until it listens.

    ``query_timeout`` (seconds, rounded up: Oxigraph takes whole seconds) cancels a query that runs
    longer, whether or not its client still waits; ``cors`` lets any web page query it. The server
    is killed by the kernel if this process dies (``PR_SET_PDEATHSIG``), whatever ended it.
    """
    mode = "serve-read-only" if read_only else "serve"
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [str(oxigraph_executable()), mode, "--location", str(folder), "--bind", bind]
    if query_timeout:
        command += ["--timeout-s", str(math.ceil(query_timeout))]
    if cors:
        command.append("--cors")
    handle, name = tempfile.mkstemp(prefix="cyberkg-oxigraph-", suffix=".log", dir=log_folder)
    os.close(handle)
    log_path = Path(name)
    # Appending: the child's writes never overwrite each other, and the log is read through its path.
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
    server = RunningServer(process, host, port, log_path)
    try:
        _wait_until_listening(server, bind, startup_timeout)
    except BaseException:
        server.stop()  # never leave a child behind, not even on Ctrl-C during start-up
        raise
    return server


def die_with_parent() -> None:
    """In a child before it starts its program: have the kernel kill it when its parent dies (Linux only)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the janitor of cyberkg.endpoint.serving still stops it
        pass


def _wait_until_listening(server: RunningServer, bind: str, startup_timeout: float) -> None:
    process, host, port = server.process, server.host, server.port
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = server.log_tail()
            raise EndpointError(f"the Oxigraph server on {bind} stopped at start-up: {tail or 'no message'}")
        # The server says so once it has bound its port; a connection alone could reach another program.
        if LISTENING in server.log_text():
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    return
            except OSError:
                pass
        time.sleep(0.05)
    raise EndpointError(f"the Oxigraph server on {bind} did not listen within {startup_timeout:g} s")
