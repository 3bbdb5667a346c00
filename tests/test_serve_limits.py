"""``cyberkg serve`` is limited: no orphans whatever signal ends it, a time limit per query, SERVICE off,
Host header checked, CORS only for the origin given.

Each test starts ``cyberkg serve`` as a process on a free port of 127.0.0.1, with TMPDIR pointing
at a folder of the test, and stops it by its process id.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fake_servers import FakeEndpoint, is_running

from cyberkg.endpoint.gate import allowed_host_names, host_name
from cyberkg.endpoint.server import free_port, oxigraph_executable

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60.0
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABEL = "SELECT ?label WHERE { SERVICE <ENDPOINT> { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label } }"


@dataclass
class Served:
    process: subprocess.Popen
    port: int
    temp: Path
    lines: queue.Queue

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def oxigraph(self) -> int:
        """The process id of the Oxigraph server this serve started."""
        program = os.fsencode(oxigraph_executable())
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                if Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")[0] == program:
                    return int(child)
        raise AssertionError("no Oxigraph child")


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(*options: str) -> Served:
        port = free_port()
        temp = tmp_path / f"tmp-{len(started)}"
        temp.mkdir()
        process = subprocess.Popen(
            [sys.executable, "-m", "cyberkg", "serve", "--port", str(port), *options],
            cwd=ROOT,
            env={**os.environ, "TMPDIR": str(temp)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
        served = Served(process, port, temp, lines)
        started.append(served)
        assert lines.get(timeout=WAIT).startswith("Serving ")
        return served

    yield start
    for served in started:
        if served.process.poll() is None:
            served.process.terminate()
            served.process.wait(WAIT)


def wait_for(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def ask(served: Served, text: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    wanted = {"Accept": "application/sparql-results+json", **(headers or {})}
    return get(f"{served.url}?{urllib.parse.urlencode({'query': text})}", wanted)


# --- no orphans ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGKILL])
def test_no_child_and_no_temporary_folder_outlive_serve(serve, number: signal.Signals) -> None:
    served = serve()
    oxigraph = served.oxigraph()
    assert sorted(path.name for path in served.temp.iterdir()) == [next(served.temp.iterdir()).name]
    served.process.send_signal(number)
    code = served.process.wait(WAIT)
    assert code == (-signal.SIGKILL if number == signal.SIGKILL else 0)
    assert wait_for(lambda: not is_running(oxigraph))
    assert wait_for(lambda: list(served.temp.iterdir()) == [])
    assert refuses_connections(served.port)


# --- what gets through --------------------------------------------------------------------------------


def test_the_host_header_must_name_this_endpoint(serve) -> None:
    served = serve()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert ask(served, count)[0] == 200
    assert ask(served, count, {"Host": f"localhost:{served.port}"})[0] == 200
    status, _, body = ask(served, count, {"Host": "evil.example"})
    assert (status, body) == (403, b"Host 'evil.example' is not a name of this endpoint\n")


def test_the_gate_reads_host_headers() -> None:
    assert [host_name(value) for value in ("a.example:80", "[::1]:7878", "::1", "LOCALHOST", "", None)] == [
        "a.example",
        "::1",
        "::1",
        "localhost",
        None,
        None,
    ]
    assert allowed_host_names("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_host_names("192.0.2.7", ["kg.example.org"]) == {"192.0.2.7", "kg.example.org"}


def test_service_is_refused_by_default_and_allowed_with_the_flag(serve) -> None:
    endpoint = FakeEndpoint()
    try:
        text = LABEL.replace("ENDPOINT", endpoint.url)
        status, _, body = ask(serve(), text)
        assert (status, body) == (
            403,
            b"the query uses SERVICE (a request to another endpoint while it runs), which this endpoint refuses; "
            b"it was started without --allow-service\n",
        )
        assert endpoint.requests == []
        status, _, body = ask(serve("--allow-service"), text)
        assert (status, body) == (
            200,
            b'{"head":{"vars":["label"]},"results":{"bindings":[{"label":{"type":"literal","value":"a label from afar"}}]}}',
        )
        assert len(endpoint.requests) == 1
    finally:
        endpoint.stop()


def test_a_query_is_cancelled_at_the_time_limit(serve) -> None:
    served = serve("--timeout", "2")
    status, _, body = ask(served, CARTESIAN)
    # Oxigraph has begun its answer when it cancels; the cancellation ends it.
    assert (status, body) == (
        200,
        b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled',
    )
    assert ask(served, "ASK {}")[2] == b'{"head":{},"boolean":true}'  # and the server goes on answering


def test_cors_only_for_the_origin_given(serve) -> None:
    ask_true = "ASK {}"
    plain = serve()
    assert "Access-Control-Allow-Origin" not in ask(plain, ask_true, {"Origin": "https://example.org"})[1]
    opened = serve("--cors", "https://example.org")
    headers = ask(opened, ask_true, {"Origin": "https://example.org"})[1]
    assert headers["Access-Control-Allow-Origin"] == "https://example.org"
    assert "Access-Control-Allow-Origin" not in ask(opened, ask_true, {"Origin": "https://other.example"})[1]
