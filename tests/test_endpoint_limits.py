"""The HTTP client's limits: a deadline for the whole request, credentials kept to the endpoint's host.

Small fake servers on 127.0.0.1, started by the tests: one that trickles its answer a byte at a time
(each byte within the socket timeout, so only a deadline for the whole request stops it), and a pair
standing for two hosts (two ports: another port is another origin) where the first redirects to the second.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from cyberkg.cli import main
from cyberkg.endpoint.transport import Credentials, plain_text_warning

QUERY = "meetings-promoting-accession"
TRICKLE_BYTES = 120  # at TRICKLE_PAUSE apart: a minute of answer, far past the timeouts used here
TRICKLE_PAUSE = 0.5
RESULTS = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()


@dataclass
class Fake:
    """A fake HTTP server: ``answer`` decides what each request gets; requests are recorded."""

    answer: Callable[[http.server.BaseHTTPRequestHandler], None]
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    base: str = ""


@pytest.fixture
def fake() -> Iterator[Callable[[Callable], Fake]]:
    started: list[tuple[http.server.ThreadingHTTPServer, threading.Thread, Fake]] = []

    def start(answer: Callable) -> Fake:
        state = Fake(answer)

        class Handler(http.server.BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                state.requests.append((self.command, self.path, dict(self.headers)))
                state.answer(self)

            do_GET = do_POST = do_PUT = _serve

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        state.base = f"http://127.0.0.1:{server.server_address[1]}"
        started.append((server, thread, state))
        return state

    yield start
    for server, thread, state in started:
        state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def results(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(RESULTS)))
    handler.end_headers()
    handler.wfile.write(RESULTS)


def trickler(state_of: Callable[[], Fake], content_type: str) -> Callable:
    """An answer whose headers come at once and whose body comes a byte every TRICKLE_PAUSE seconds."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(TRICKLE_BYTES))
        handler.end_headers()
        for _ in range(TRICKLE_BYTES):
            if state_of().stop.wait(TRICKLE_PAUSE):
                return
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:
                return

    return answer


def trickled_status_line(state_of: Callable[[], Fake]) -> Callable:
    """An answer whose very status line comes a byte every TRICKLE_PAUSE seconds."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Padding: " + b"x" * TRICKLE_BYTES:
            if state_of().stop.wait(TRICKLE_PAUSE):
                return
            try:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            except OSError:
                return

    return answer


def redirect_to(location: str, code: int = 301) -> Callable:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the deadline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "content_type"),
    [
        (["query", QUERY], "application/sparql-results+json"),
        (["validate"], "text/turtle"),
    ],
)
def test_a_trickling_answer_is_cut_off_at_the_timeout(fake, capsys, command: list[str], content_type: str) -> None:
    servers: list[Fake] = []
    servers.append(fake(trickler(lambda: servers[0], content_type)))
    url = servers[0].base + "/query"
    code, out, err = cli(capsys, *command, "--endpoint", url, "--timeout", "2")
    assert (code, out) == (2, "")
    assert err == (
        f"cyberkg: error: endpoint {url} did not answer within 2 s (timed out; raise --timeout if the server is slow)\n"
    )
    # Had the answer been read to its end, it would be blanks, not results: the message says it was cut off.
    assert len(servers[0].requests) == 1


def test_a_push_whose_answer_trickles_is_cut_off_at_the_timeout(fake, capsys) -> None:
    servers: list[Fake] = []
    servers.append(fake(trickled_status_line(lambda: servers[0])))
    url = servers[0].base + "/store"
    code, out, err = cli(capsys, "push", "--endpoint", url, "--timeout", "2")
    assert (code, out) == (2, "")
    assert err == (
        f"cyberkg: error: push failed, nothing was retried: endpoint {url} did not answer within 2 s "
        "(timed out; raise --timeout if the server is slow)\n"
    )


# --- redirects and credentials ------------------------------------------------------------------------


@pytest.fixture
def alice(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CYBERKG_USER", "alice")
    monkeypatch.setenv("CYBERKG_PASSWORD", "s3cret-pw")
    return "Basic YWxpY2U6czNjcmV0LXB3"


@pytest.mark.parametrize("command", [["query", QUERY], ["validate"]])
def test_a_redirect_to_another_host_is_refused_with_credentials(fake, capsys, alice, command: list[str]) -> None:
    other = fake(results)
    named = fake(redirect_to(other.base + "/sparql"))
    url = named.base + "/query"
    code, out, err = cli(capsys, *command, "--endpoint", url)
    assert (code, out) == (2, "")
    assert err == (
        f"cyberkg: error: endpoint {url} redirected to {other.base}/sparql (HTTP 301), another host or scheme; "
        "not followed, so that the credentials are not sent there (give that URL as the endpoint if you trust it)\n"
    )
    assert [headers.get("Authorization") for _, _, headers in named.requests] == [alice]
    assert other.requests == []


def test_a_redirect_to_another_host_without_credentials_is_followed(fake, capsys) -> None:
    other = fake(results)
    named = fake(redirect_to(other.base + "/sparql"))
    code, out, err = cli(capsys, "query", QUERY, "--endpoint", named.base + "/query", "--format", "csv")
    assert (code, err) == (0, "")
    assert out == "x\r\n"
    assert [(method, path, headers.get("Authorization")) for method, path, headers in other.requests] == [
        ("GET", "/sparql", None)
    ]


def test_a_redirect_within_the_host_keeps_the_credentials(fake, capsys, alice) -> None:
    servers: list[Fake] = []

    def moved_or_results(handler: http.server.BaseHTTPRequestHandler) -> None:
        if handler.path == "/query":
            redirect_to(servers[0].base + "/moved")(handler)
        else:
            results(handler)

    servers.append(fake(moved_or_results))
    code, out, err = cli(capsys, "query", QUERY, "--endpoint", servers[0].base + "/query", "--format", "csv")
    assert (code, out, err) == (0, "x\r\n", "")
    assert [(method, path, headers.get("Authorization")) for method, path, headers in servers[0].requests] == [
        ("POST", "/query", alice),
        ("GET", "/moved", alice),
    ]


def test_push_never_follows_a_redirect(fake, capsys, alice) -> None:
    other = fake(results)
    named = fake(redirect_to(other.base + "/store", 307))
    url = named.base + "/store"
    code, out, err = cli(capsys, "push", "--endpoint", url)
    assert (code, out) == (2, "")
    assert err == (
        f"cyberkg: error: endpoint {url} answered HTTP 307 to the upload; the push may not have been applied\n"
    )
    assert other.requests == []


@pytest.mark.parametrize(
    ("url", "credentials", "expected"),
    [
        (
            "http://sparql.example.org/query",
            Credentials("alice", "pw"),
            "the password for http://sparql.example.org/query goes over plain http, readable on the way; use https",
        ),
        (
            "http://sparql.example.org/query",
            Credentials(token="t"),
            "the token for http://sparql.example.org/query goes over plain http, readable on the way; use https",
        ),
        ("https://sparql.example.org/query", Credentials("alice", "pw"), None),
        ("http://127.0.0.1:7878/query", Credentials("alice", "pw"), None),
        ("http://localhost:7878/query", Credentials("alice", "pw"), None),
        ("http://[::1]:7878/query", Credentials("alice", "pw"), None),
        ("http://sparql.example.org/query", None, None),
    ],
)
def test_plain_text_warning(url: str, credentials: Credentials | None, expected: str | None) -> None:
    assert plain_text_warning(url, credentials) == expected


def test_the_warning_is_printed_before_the_request(fake, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYBERKG_TOKEN", "t0ken")
    # Nothing listens on this host name (.invalid never resolves): the warning comes first, then the failure.
    code, out, err = cli(capsys, "query", QUERY, "--endpoint", "http://sparql.invalid/query", "--timeout", "5")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "cyberkg: warning: the token for http://sparql.invalid/query goes over plain http, readable on the way; "
        "use https",
        "cyberkg: error: endpoint http://sparql.invalid/query: the host name could not be resolved",
    ]
