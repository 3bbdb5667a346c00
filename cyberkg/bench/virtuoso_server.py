"""Run a private Virtuoso Open Source 7 server, for the benchmark's store columns and the tests that compare stores.

Debian's ``virtuoso-opensource-7`` is installed by the set-up (``make virtuoso``, part of ``make test``),
never by a test or the benchmark. Each server gets its own temporary folder with its own ``virtuoso.ini`` (database,
transaction log and error log inside the folder), listens on 127.0.0.1 only, on free ports, and is
stopped by its process id. Once it says it is online, SPARQL_UPDATE is granted to the anonymous
``SPARQL`` user, so that the Graph Store endpoint ``/sparql-graph-crud`` accepts pushes; the
password-protected ``/sparql-graph-crud-auth`` and ``/sparql-auth`` ask for HTTP Digest
authentication of the ``dba`` user.

Usage::

    server = start_virtuoso(tmp_path)
    try:
        ...  # server.query_url, server.store_url, server.auth_store_url
    finally:
        server.stop()
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from cyberkg.endpoint.server import free_port

VIRTUOSO = Path("/usr/bin/virtuoso-t")
ISQL = Path("/usr/bin/isql-vt")
ONLINE = "Server online at"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
USER = "dba"
PASSWORD = "dba"  # Virtuoso's built-in administrator of a fresh database, reachable from 127.0.0.1 only
# Virtuoso's own default cap on what one transaction may write (bytes of its log's after image): the MOVE of
# a 10M-triple graph went over it and was refused with SR325 (measured; 1M stayed under it).
DEFAULT_TRANSACTION_LIMIT = 50_000_000
# The largest value Virtuoso 7.2 reads as meant: with 8,000,000,000 a 16 MB upload was refused with SR325 (measured).
LARGEST_TRANSACTION_LIMIT = 2**31 - 1
# The seconds one SPARQL request may run on the server (MaxQueryExecutionTime); the MOVE of 10M triples ran longer
# and was ended with SR171 "Transaction timed out" (measured).
DEFAULT_EXECUTION_LIMIT = 120

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {folder}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
ThreadsPerQuery = 2
TransactionAfterImageLimit = {transaction_limit}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/vsp
MaxClientConnections = 4
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {execution_limit}
"""


@dataclass
class VirtuosoServer:
    """A Virtuoso child process, its folder and its ports."""

    process: subprocess.Popen[bytes]
    folder: Path
    sql_port: int
    http_port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def auth_query_url(self) -> str:
        """The query endpoint that asks for Digest authentication."""
        return f"{self.base_url}/sparql-auth"

    @property
    def update_url(self) -> str:
        """The SPARQL Update URL (the query endpoint takes updates once SPARQL_UPDATE is granted)."""
        return self.query_url

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (no default graph can be written there)."""
        return f"{self.base_url}/sparql-graph-crud"

    @property
    def auth_store_url(self) -> str:
        """The Graph Store Protocol endpoint that asks for Digest authentication."""
        return f"{self.base_url}/sparql-graph-crud-auth"

    def log_text(self) -> str:
        try:
            return (self.folder / "virtuoso.log").read_text("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def sql(self, statement: str) -> str:
        """Run one SQL statement through isql on the server's own port; its output."""
        done = subprocess.run(
            [str(ISQL), f"127.0.0.1:{self.sql_port}", USER, PASSWORD, f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed on {statement!r}: {(done.stdout + done.stderr).strip()[-400:]}")
        return done.stdout

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """Stop the server by its process id (SIGTERM, then SIGKILL after ``timeout``); its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        return int(self.process.returncode)


def start_virtuoso(
    folder: Path,
    startup_timeout: float = STARTUP_TIMEOUT,
    buffers: int = 10_000,
    transaction_limit: int = DEFAULT_TRANSACTION_LIMIT,
    execution_limit: int = DEFAULT_EXECUTION_LIMIT,
) -> VirtuosoServer:
    """Start Virtuoso on a fresh database in ``folder`` (127.0.0.1, free ports) and wait until it is online.

    ``buffers`` is Virtuoso's NumberOfBuffers (8 kB pages held in memory): 10,000 (80 MB) is enough for the
    curated graph; the benchmark gives more for a million triples. ``transaction_limit`` is its
    TransactionAfterImageLimit, the bytes one transaction may write (Virtuoso's default unless raised);
    ``execution_limit`` its MaxQueryExecutionTime, the seconds one SPARQL request may run (0: no limit).
    """
    if not 0 < transaction_limit <= LARGEST_TRANSACTION_LIMIT:
        raise ValueError(
            f"transaction_limit must be between 1 and {LARGEST_TRANSACTION_LIMIT} (got {transaction_limit})"
        )
    if execution_limit < 0:
        raise ValueError(f"execution_limit must be 0 (no limit) or positive (got {execution_limit})")
    if not VIRTUOSO.exists():
        raise RuntimeError(f"{VIRTUOSO} is missing: `make virtuoso` installs Debian's virtuoso-opensource-7")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(
            folder=folder,
            sql_port=sql_port,
            http_port=http_port,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 5,
            transaction_limit=transaction_limit,
            execution_limit=execution_limit,
        ),
        "utf-8",
    )
    with (folder / "console.log").open("ab") as console:
        process = subprocess.Popen(
            [str(VIRTUOSO), "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = VirtuosoServer(process, folder, sql_port, http_port)
    try:
        _wait_until_online(server, startup_timeout)
        server.sql('grant SPARQL_UPDATE to "SPARQL"')
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_online(server: VirtuosoServer, startup_timeout: float) -> None:
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Virtuoso stopped at start-up: {server.log_text()[-600:]}")
        if ONLINE in server.log_text():
            return
        time.sleep(0.1)
    raise RuntimeError(f"Virtuoso was not online within {startup_timeout:g} s: {server.log_text()[-600:]}")
