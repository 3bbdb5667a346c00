"""Every way an endpoint can fail reads as one line naming the endpoint, exit code 2, no traceback.

A stopped Oxigraph server and a port nobody listens on, then a stub HTTP server
(``http.server`` in a thread on 127.0.0.1) that answers 401, 403, 404, 500, 503,
garbage, something that is not HTTP, hangs past the timeout, or hangs up in the
middle of an upload. The stub counts requests, so retries are checked too.
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from cyberkg.cli import main
from cyberkg.endpoint import Connection, Credentials, fetch_graph, run_remote
from cyberkg.endpoint.push import push_store
from cyberkg.endpoint.server import free_port, start_server
from cyberkg.errors import EndpointError
from cyberkg.query.library import find_query
from cyberkg.store.loading import load_store

PREVIOUS = Path(__file__).resolve().parent / "endpoint" / "previous.ttl"
HANG_LIMIT = 10.0  # a hanging stub gives up after this many seconds at most
QUERY = "meetings-promoting-accession"


@dataclass
class Stub:
    """A stub HTTP server: ``answer`` decides what each request gets."""

    answer: Callable[[http.server.BaseHTTPRequestHandler, bytes], None]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""


@pytest.fixture
def stub() -> Iterator[Callable[[Callable], Stub]]:
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread, Stub]] = []

    def start(answer: Callable) -> Stub:
        state = Stub(answer)

        class Handler(http.server.BaseHTTPRequestHandler):
            def _serve(self) -> None:
                state.requests.append((self.command, dict(self.headers)))
                length = int(self.headers.get("Content-Length") or 0)
                # An upload is read only in part, as a server that gives up half-way would.
                body = self.rfile.read(min(length, 1000) if self.command == "PUT" else length)
                state.answer(self, body)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        state.url = f"http://127.0.0.1:{server.server_address[1]}/query"
        servers.append((server, thread, state))
        return state

    yield start
    for server, thread, state in servers:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def status(code: int, body: bytes = b"", content_type: str = "text/plain") -> Callable:
    def answer(handler: http.server.BaseHTTPRequestHandler, _: bytes) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def not_http(handler: http.server.BaseHTTPRequestHandler, _: bytes) -> None:
    handler.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n")
    handler.close_connection = True


def connection(url: str, **options: object) -> Connection:
    settings = {"timeout": 5.0, "retries": 2, "backoff": 0.0, **options}
    return Connection(url, **settings)  # type: ignore[arg-type]


def remote_error(conn: Connection) -> str:
    with pytest.raises(EndpointError) as caught:
        run_remote(conn, find_query(QUERY))
    return str(caught.value)


# --- nobody there ---------------------------------------------------------------------------------


def test_stopped_server(tmp_path: Path) -> None:
    server = start_server(tmp_path / "store", "127.0.0.1", free_port(), read_only=False)
    url = server.query_url
    assert server.stop() == -15  # ended by SIGTERM, as stop() sends
    assert (
        remote_error(connection(url))
        == f"endpoint {url} refused the connection (is the server running on this host and port?)"
    )


def test_wrong_port() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    assert (
        remote_error(connection(url))
        == f"endpoint {url} refused the connection (is the server running on this host and port?)"
    )


# --- a stub that answers badly --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "message", "attempts"),
    [
        (
            status(401),
            "refused the credentials (HTTP 401 Unauthorized; set CYBERKG_USER and CYBERKG_PASSWORD, or CYBERKG_TOKEN)",
            1,
        ),
        (status(403), "forbids this request (HTTP 403 Forbidden)", 1),
        (status(404), "has nothing at this URL (HTTP 404 Not Found; check the endpoint URL)", 1),
        (
            status(400, b"Parse error\nat line 3"),
            "rejected the request as malformed (HTTP 400 Bad Request): Parse error at line 3",
            1,
        ),
        (status(500, b"boom"), "failed on the server side (HTTP 500 Internal Server Error): boom", 1),
        (
            status(
                502,
                b"<html><head><title>Bad gateway</title></head><body><p>Upstream\n  down</p></body></html>",
                "text/html",
            ),
            "failed on the server side (HTTP 502 Bad Gateway): Bad gatewayUpstream down",
            3,
        ),
        (status(503), "failed on the server side (HTTP 503 Service Unavailable)", 3),
        (
            status(200, b"<html><body>Welcome</body></html>", "text/html"),
            "answered with text/html that is not SPARQL results",
            1,
        ),
        (
            status(
                200, b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": ', "application/sparql-results+json"
            ),
            None,
            1,
        ),
        (not_http, "did not answer in HTTP (BadStatusLine)", 1),
    ],
    ids=["401", "403", "404", "400", "500", "502-html-retried", "503-retried", "html", "broken-json", "not-http"],
)
def test_stub_answers(stub: Callable, answer: Callable, message: str | None, attempts: int) -> None:
    server = stub(answer)
    text = remote_error(connection(server.url))
    if message is None:  # the parser's own words follow; the start is ours
        assert text.startswith(
            f"endpoint {server.url} answered with application/sparql-results+json that is not valid SPARQL results ("
        )
    else:
        assert text == f"endpoint {server.url} {message}"
    assert len(server.requests) == attempts


def test_hanging_server_times_out(stub: Callable) -> None:
    def hang(handler: http.server.BaseHTTPRequestHandler, _: bytes) -> None:
        stub_state.release.wait(HANG_LIMIT)

    stub_state = stub(hang)
    text = remote_error(connection(stub_state.url, timeout=0.5))
    assert text == (
        f"endpoint {stub_state.url} did not answer within 0.5 s (timed out; raise --timeout if the server is slow)"
    )
    assert len(stub_state.requests) == 1  # a slow query is not sent again


def test_credentials_are_sent_and_never_shown(
    stub: Callable, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = stub(status(401))
    monkeypatch.setenv("CYBERKG_USER", "alice")
    monkeypatch.setenv("CYBERKG_PASSWORD", "s3cret-pw")
    code = main(["query", QUERY, "--endpoint", server.url.replace("http://", "http://bob:other-pw@")])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == (
        f"cyberkg: error: {server.url}: put credentials in CYBERKG_USER and "
        f"CYBERKG_PASSWORD (or CYBERKG_TOKEN), not in the URL\n"
    )
    assert server.requests == []
    code = main(["query", QUERY, "--endpoint", server.url])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == (
        f"cyberkg: error: endpoint {server.url} refused the credentials (HTTP 401 "
        f"Unauthorized; set CYBERKG_USER and CYBERKG_PASSWORD, or CYBERKG_TOKEN)\n"
    )
    assert [headers.get("Authorization") for _, headers in server.requests] == ["Basic YWxpY2U6czNjcmV0LXB3"]


@pytest.mark.parametrize("answer", [status(500), status(200, b"garbage", "text/html"), not_http])
def test_cli_prints_one_line_and_exits_2(stub: Callable, answer: Callable, capsys: pytest.CaptureFixture[str]) -> None:
    server = stub(answer)
    code = main(["query", QUERY, "--endpoint", server.url, "--timeout", "5"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cyberkg: error: endpoint {server.url} ")
    assert "Traceback" not in captured.err


def test_fetch_graph_refuses_non_rdf(stub: Callable) -> None:
    server = stub(status(200, b"<html></html>", "text/html"))
    with pytest.raises(EndpointError) as caught:
        fetch_graph(server.url, timeout=5, retries=0)
    assert str(caught.value) == f"endpoint {server.url} answered with text/html that is not RDF"


# --- writes -------------------------------------------------------------------------------------


def _previous() -> ox.Store:
    return load_store([PREVIOUS])


def test_push_is_not_retried_when_the_server_hangs_up(stub: Callable) -> None:
    def hang_up(handler: http.server.BaseHTTPRequestHandler, _: bytes) -> None:
        handler.close_connection = True  # read part of the body (the stub reads 1000 bytes), then close

    server = stub(hang_up)
    store_url = server.url.replace("/query", "/store")
    with pytest.raises(EndpointError) as caught:
        push_store(_previous(), store_url, timeout=5)
    assert str(caught.value) == (
        f"push failed, nothing was retried: endpoint {store_url} closed the connection before answering"
    )
    assert [method for method, _ in server.requests] == ["PUT"]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            status(401),
            "refused the credentials (HTTP 401 Unauthorized; set CYBERKG_USER and CYBERKG_PASSWORD, or CYBERKG_TOKEN)",
        ),
        (status(503), "failed on the server side (HTTP 503 Service Unavailable)"),
        (status(405), "does not accept this request at this URL (HTTP 405 Method Not Allowed; check the endpoint URL)"),
    ],
)
def test_push_failures(stub: Callable, answer: Callable, message: str) -> None:
    server = stub(answer)
    with pytest.raises(EndpointError) as caught:
        push_store(_previous(), server.url, credentials=Credentials(token="t0ken"), timeout=5)
    assert str(caught.value) == f"push failed, nothing was retried: endpoint {server.url} {message}"
    assert [(method, headers.get("Authorization")) for method, headers in server.requests] == [("PUT", "Bearer t0ken")]


def test_cli_push_reads_the_password_from_the_environment_only(
    stub: Callable, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = stub(status(403))
    monkeypatch.delenv("CYBERKG_PASSWORD", raising=False)
    code = main(["push", "--endpoint", server.url, "--user", "alice"])
    assert (code, capsys.readouterr().err) == (
        2,
        "cyberkg: error: a user is given (alice) but CYBERKG_PASSWORD is not set; "
        "put the password in that environment variable\n",
    )
    assert server.requests == []
    monkeypatch.setenv("CYBERKG_PASSWORD", "pw-from-env")
    code = main(["push", "--endpoint", server.url, "--user", "alice"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == (
        f"cyberkg: error: push failed, nothing was retried: endpoint {server.url} "
        f"forbids this request (HTTP 403 Forbidden)\n"
    )
    assert "pw-from-env" not in captured.out + captured.err
    assert [headers.get("Authorization") for _, headers in server.requests] == ["Basic YWxpY2U6cHctZnJvbS1lbnY="]


SERVER_REASON = b"SR325: Transaction aborted because its log after image size went above the limit\n"


def test_a_failed_push_carries_the_servers_reason(stub: Callable) -> None:
    server = stub(status(500, SERVER_REASON))
    with pytest.raises(EndpointError) as caught:
        push_store(_previous(), server.url, "https://example.org/g", timeout=5)
    assert str(caught.value) == (
        f"push failed, nothing was retried: endpoint {server.url} failed on the server side "
        "(HTTP 500 Internal Server Error): SR325: Transaction aborted because its log after image size went "
        "above the limit (Virtuoso's TransactionAfterImageLimit, under [Parameters] in virtuoso.ini, caps what "
        "one transaction may write; its administrator can raise it for a write this large)"
    )
    assert [method for method, _ in server.requests] == ["PUT"]


def test_a_failed_move_carries_the_servers_reason(stub: Callable) -> None:
    """The chunks are accepted, the MOVE is refused with the server's reason; the temporary graph is deleted."""

    def refuse_the_move(handler: http.server.BaseHTTPRequestHandler, body: bytes) -> None:
        moving = handler.command == "POST" and body.startswith(b"update=MOVE")
        (status(500, SERVER_REASON) if moving else status(204))(handler, body)

    server = stub(refuse_the_move)
    store_url = server.url.replace("/query", "/store")
    with pytest.raises(EndpointError) as caught:
        push_store(_previous(), store_url, "https://example.org/g", timeout=5, update_endpoint=server.url)
    assert str(caught.value) == (
        f"push failed while replacing the graph, nothing was retried: endpoint {server.url} failed on the server "
        "side (HTTP 500 Internal Server Error): SR325: Transaction aborted because its log after image size went "
        "above the limit (Virtuoso's TransactionAfterImageLimit, under [Parameters] in virtuoso.ini, caps what "
        "one transaction may write; its administrator can raise it for a write this large)"
    )
    assert [method for method, _ in server.requests] == ["PUT", "POST", "DELETE"]


def test_a_temporary_graph_the_server_will_not_delete_is_named(stub: Callable) -> None:
    """The MOVE is refused, and so is the clean-up's DELETE: the message names the graph left behind."""

    def refuse_the_move_and_the_delete(handler: http.server.BaseHTTPRequestHandler, body: bytes) -> None:
        refused = handler.command == "DELETE" or (handler.command == "POST" and body.startswith(b"update=MOVE"))
        (status(500, SERVER_REASON) if refused else status(204))(handler, body)

    server = stub(refuse_the_move_and_the_delete)
    store_url = server.url.replace("/query", "/store")
    with pytest.raises(EndpointError) as caught:
        push_store(_previous(), store_url, "https://example.org/g", timeout=5, update_endpoint=server.url)
    temporary = re.findall(r"<(https://w3id.org/cyberkg/graph/push-in-progress/[0-9a-f-]{36})>", str(caught.value))
    assert str(caught.value) == (
        f"push failed while replacing the graph, nothing was retried: endpoint {server.url} failed on the server "
        "side (HTTP 500 Internal Server Error): SR325: Transaction aborted because its log after image size went "
        "above the limit (Virtuoso's TransactionAfterImageLimit, under [Parameters] in virtuoso.ini, caps what "
        "one transaction may write; its administrator can raise it for a write this large); the server did not "
        f"delete the temporary graph <{temporary[0]}> either: drop it with DROP SILENT GRAPH <{temporary[0]}> "
        "(on Virtuoso, after raising the same limit)"
    )
    assert [method for method, _ in server.requests] == ["PUT", "POST", "DELETE"]
