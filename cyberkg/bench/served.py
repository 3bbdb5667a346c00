"""The served endpoint under load: ``cyberkg serve`` (Oxigraph behind the gate) beside Oxigraph served directly.

:func:`run_served_benchmark` starts, on loopback, ``cyberkg serve --port 0`` (a child process, stopped by its
process id with SIGTERM) and an Oxigraph server of its own over the same curated graph with the same query time
limit (``cyberkg.endpoint.server``, stopped by its process id), then, for each named query and each number of
concurrent clients, sends the same requests to both: at most ``requests`` of them, from a pool of ``clients``
threads, none started after ``seconds``. Each request is a SPARQL 1.1 Protocol GET of the library query (its
default parameters bound by a ``VALUES`` block, as ``query --endpoint`` sends it) on a new connection, timed from
connecting to the last byte of the JSON results. Every answer must count the same rows as the first one on both
sides. Nothing is printed here.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cyberkg.bench.steps import Steps
from cyberkg.endpoint.binding import bind_values
from cyberkg.endpoint.server import fill_store_folder, free_port, start_server
from cyberkg.errors import EndpointError
from cyberkg.progress import Progress
from cyberkg.query.library import bindings, find_query
from cyberkg.store.checkout import default_checkout

DEFAULT_QUERIES = ("meetings-promoting-accession", "events-timeline")
DEFAULT_CLIENTS = (8, 64)
QUERY_TIMEOUT = 30.0  # the time limit per query of both servers (serve's default)
REQUEST_MARGIN = 10.0  # seconds a client waits beyond the query time limit
STARTUP_TIMEOUT = 120.0
STOP_TIMEOUT = 10.0
SERVING_LINE = re.compile(r"SPARQL endpoint: (http://\S+)")


@dataclass
class Load:
    """One side of one served row: what was sent, what came back, and how long each request took."""

    sent: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds, of the requests answered 200
    errors: list[str] = field(default_factory=list)
    row_counts: set[int] = field(default_factory=set)
    seconds: float = 0.0  # wall time from the first request to the last answer
    cut: bool = False  # stopped at the time limit before every request was sent

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float | None:
        return self.answered / self.seconds if self.seconds > 0 and self.answered else None

    def percentile(self, fraction: float) -> float | None:
        """The nearest-rank percentile of the latencies (``fraction`` 0.5 for p50), or None without any."""
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class ServedRow:
    query: str
    clients: int
    cyberkg: Load
    baseline: Load

    @property
    def agree(self) -> str:
        """``yes (N rows)`` when every answer of both sides counts the same rows and none failed."""
        problems = [
            f"{side}: {load.errors[0]} ({len(load.errors)} failed)" for side, load in self.sides() if load.errors
        ]
        if problems:
            return "error: " + "; ".join(problems)
        counts = self.cyberkg.row_counts | self.baseline.row_counts
        if len(counts) == 1:
            return f"yes ({next(iter(counts))} rows)"
        return "NO: " + "; ".join(f"{side}: {sorted(load.row_counts)} rows" for side, load in self.sides())

    def sides(self) -> list[tuple[str, Load]]:
        return [("cyberkg serve", self.cyberkg), ("oxigraph", self.baseline)]

    def sides_loads(self) -> list[Load]:
        return [self.cyberkg, self.baseline]


@dataclass(frozen=True)
class Endpoint:
    """Where a server answers SPARQL queries (a loopback host, a port, the query path)."""

    host: str
    port: int
    path: str = "/query"


def request_path(endpoint: Endpoint, query_text: str) -> str:
    return f"{endpoint.path}?{urllib.parse.urlencode({'query': query_text})}"


def one_request(endpoint: Endpoint, path: str, timeout: float) -> tuple[float, int]:
    """Send one GET on a new connection; its latency in seconds and the rows of its JSON results."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=timeout)
    try:
        connection.request(
            "GET", path, headers={"Accept": "application/sparql-results+json", "Host": f"127.0.0.1:{endpoint.port}"}
        )
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    latency = time.perf_counter() - start
    if response.status != 200:
        raise EndpointError(f"HTTP {response.status}")
    return latency, len(json.loads(body)["results"]["bindings"])


def apply_load(endpoint: Endpoint, query_text: str, clients: int, requests: int, seconds: float) -> Load:
    """At most ``requests`` requests from ``clients`` threads, none started after ``seconds``."""
    path = request_path(endpoint, query_text)
    load = Load()
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def send() -> None:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            with lock:
                load.cut = True
            return
        with lock:
            load.sent += 1
        try:
            latency, rows = one_request(endpoint, path, QUERY_TIMEOUT + REQUEST_MARGIN)
        except (OSError, EndpointError, ValueError, KeyError, http.client.HTTPException) as error:
            with lock:
                load.errors.append(str(error) or type(error).__name__)
            return
        with lock:
            load.latencies.append(latency)
            load.row_counts.add(rows)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _ in range(requests):
            pool.submit(send)
    load.seconds = time.perf_counter() - start
    return load


def run_served_benchmark(
    workdir: Path,
    queries: Sequence[str] = DEFAULT_QUERIES,
    clients: Sequence[int] = DEFAULT_CLIENTS,
    requests: int = 2000,
    seconds: float = 30.0,
    progress: Callable[[ServedRow], None] | None = None,
    step_progress: Progress | None = None,
) -> list[ServedRow]:
    """Both servers started over the curated graph, every query at every client count on both, both stopped.

    ``progress`` is given each row once measured; ``step_progress`` is told each step as it begins.
    """
    texts = {name: _bound_text(name) for name in queries}
    steps = Steps(1 + len(texts) * len(clients), step_progress)
    folder = Path(tempfile.mkdtemp(prefix="served-", dir=workdir))
    rows: list[ServedRow] = []
    served = direct = None
    try:
        steps.begin("served: starting cyberkg serve and Oxigraph")
        served_process, served_endpoint = start_cyberkg_serve()
        served = served_process
        fill_store_folder(folder / "store")
        direct = start_server(
            folder / "store", "127.0.0.1", free_port(), read_only=True, query_timeout=QUERY_TIMEOUT, log_folder=folder
        )
        direct_endpoint = Endpoint("127.0.0.1", direct.port)
        for name, text in texts.items():
            for count in clients:
                # The two sides in turn for each row, so a machine that slows down slows both alike.
                steps.begin(f"served: {name}, {count} client{'s' if count != 1 else ''}")
                ours = apply_load(served_endpoint, text, count, requests, seconds)
                theirs = apply_load(direct_endpoint, text, count, requests, seconds)
                row = ServedRow(name, count, ours, theirs)
                rows.append(row)
                if progress is not None:
                    progress(row)
        steps.end()
    finally:
        if direct is not None:
            direct.stop()
        if served is not None:
            stop_process(served)
        _remove(folder)
    return rows


def _bound_text(name: str) -> str:
    query = find_query(name)
    return bind_values(query.text, bindings(query, {}))


def start_cyberkg_serve() -> tuple[subprocess.Popen[str], Endpoint]:
    """``cyberkg serve --port 0`` in a child process, once it prints its endpoint; the process and the endpoint."""
    environment = dict(os.environ)
    environment.setdefault("CYBERKG_ROOT", str(default_checkout().root))
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg", "serve", "--port", "0", "--timeout", f"{QUERY_TIMEOUT:g}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    try:
        url = _await_endpoint_line(process, STARTUP_TIMEOUT)
    except BaseException:
        stop_process(process)
        raise
    parsed = urllib.parse.urlsplit(url)
    return process, Endpoint(parsed.hostname or "127.0.0.1", parsed.port or 80, parsed.path)


def _await_endpoint_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if not line:
                break
            found = SERVING_LINE.search(line)
            if found:
                return found.group(1)
        elif process.poll() is not None:
            break
    raise EndpointError(f"cyberkg serve did not start within {timeout:g} s (exit code {process.poll()})")


def stop_process(process: subprocess.Popen[str]) -> None:
    """Stop a child by its process id: SIGTERM (serve's clean stop), SIGKILL after STOP_TIMEOUT."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)
    if process.stdout is not None:
        process.stdout.close()


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
