"""The gate in front of the Oxigraph server of ``cyberkg serve``: Host header, SERVICE, CORS, slow clients.

Oxigraph's server answers any Host header and runs SERVICE clauses, and has no
option to do otherwise. So ``cyberkg serve`` binds Oxigraph to a private
loopback port and listens on the user's address with this gate, which:

- refuses a request whose Host header is not a name of the bind address (403):
  a web page on another site that makes its own name resolve to 127.0.0.1 (DNS
  rebinding) cannot read the endpoint, as its requests carry its own name;
- refuses a query with a SERVICE clause (403) unless ``--allow-service``
  (:mod:`cyberkg.query.service`), wherever the query is: URL, form or body;
- answers CORS only for the one origin given with ``--cors ORIGIN``;
- lets only reads through (GET, HEAD, POST to /query; the server is read-only anyway);
- drops a client that sends nothing for CLIENT_TIMEOUT seconds, so hung
  connections do not pile up.

Everything else is forwarded as it is and the answer streamed back.
"""

from __future__ import annotations

import http.client
import http.server
import ipaddress
import socket
import socketserver
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cyberkg.query.service import uses_service

CLIENT_TIMEOUT = 60.0  # seconds a client may stay silent before its connection is closed
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host"}
)
CHUNK = 1 << 16


@dataclass(frozen=True)
class GatePolicy:
    """What the gate lets through."""

    upstream_host: str
    upstream_port: int
    allowed_hosts: frozenset[str]
    allow_service: bool = False
    cors_origin: str | None = None
    upstream_timeout: float | None = None  # seconds to wait for the server (its query time limit and some)
    reads_only: frozenset[str] = field(default_factory=lambda: frozenset({"GET", "HEAD", "POST", "OPTIONS"}))
    # Paths answered here instead of by the server (the entity pages): (method, path, Accept) -> an answer
    # with .status, .media_type, .body and .headers, or None to forward the request.
    local_answer: Callable[[str, str, str | None], Any] | None = None


def allowed_host_names(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names a request may carry: the bind address, loopback names for a loopback bind, ``extra``."""
    names = {bind.lower(), *(name.lower() for name in extra)}
    try:
        loopback = ipaddress.ip_address(bind).is_loopback
    except ValueError:
        loopback = bind.lower() == "localhost"
    if loopback:
        names |= LOOPBACK_NAMES
    return frozenset(names)


def host_name(header: str | None) -> str | None:
    """The name in a Host header, without the port and the brackets of an IPv6 address."""
    if not header:
        return None
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else None
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def query_text(method: str, path: str, content_type: str, body: bytes) -> str | None:
    """The SPARQL query a request carries (URL, form or direct POST), or None."""
    texts = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", [])
    media = content_type.split(";")[0].strip().lower()
    if method == "POST" and media == "application/x-www-form-urlencoded":
        texts += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif method == "POST" and media == "application/sparql-query":
        texts.append(body.decode("utf-8", "replace"))
    return "\n".join(texts) if texts else None


class GateHandler(http.server.BaseHTTPRequestHandler):
    """One client connection: check, forward, stream back."""

    protocol_version = "HTTP/1.1"
    timeout = CLIENT_TIMEOUT
    server: GateServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the name http.server uses
        pass  # requests are not logged: the terminal stays for the one line that says where the endpoint is

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cors_headers(self) -> None:
        origin = self.server.policy.cors_origin
        if origin and (origin == "*" or self.headers.get("Origin") == origin):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _handle(self) -> None:
        policy = self.server.policy
        if host_name(self.headers.get("Host")) not in policy.allowed_hosts:
            self._refuse(403, f"Host {self.headers.get('Host')!r} is not a name of this endpoint")
            return
        if self.command not in policy.reads_only:
            self._refuse(405, "this endpoint is read-only")
            return
        if policy.local_answer is not None and self.command in ("GET", "HEAD"):
            answer = policy.local_answer(self.command, self.path, self.headers.get("Accept"))
            if answer is not None:
                self._send_local(answer)
                return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.command == "OPTIONS":
            self._preflight()
            return
        text = query_text(self.command, self.path, self.headers.get("Content-Type", ""), body)
        if text is not None and not policy.allow_service and uses_service(text):
            self._refuse(
                403,
                "the query uses SERVICE (a request to another endpoint while it runs), which this endpoint "
                "refuses; it was started without --allow-service",
            )
            return
        self._forward(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _handle

    def _send_local(self, answer: Any) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _preflight(self) -> None:
        self.send_response(204)
        self._cors_headers()
        if self.server.policy.cors_origin:
            self.send_header("Access-Control-Allow-Methods", "GET, POST, HEAD")
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _forward(self, body: bytes) -> None:
        policy = self.server.policy
        upstream = http.client.HTTPConnection(
            policy.upstream_host, policy.upstream_port, timeout=policy.upstream_timeout
        )
        try:
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            upstream.putheader("Host", f"{policy.upstream_host}:{policy.upstream_port}")
            for name, value in self.headers.items():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    upstream.putheader(name, value)
            upstream.putheader("Content-Length", str(len(body)))
            upstream.endheaders(body)
            answer = upstream.getresponse()
            self._stream_back(answer)
        except (OSError, http.client.HTTPException):
            if not self.wfile.closed:
                self.close_connection = True
        finally:
            upstream.close()

    def _stream_back(self, answer: http.client.HTTPResponse) -> None:
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP and not name.lower().startswith("access-control-"):
                self.send_header(name, value)
        self._cors_headers()
        chunked = answer.getheader("Content-Length") is None and self.command != "HEAD"
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            return
        while chunk := answer.read1(CHUNK):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class GateServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """The gate's listening socket; one thread per client connection."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's 5 resets connections when 64 clients arrive at once

    def __init__(self, address: tuple[str, int], policy: GatePolicy) -> None:
        self.policy = policy
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, GateHandler)
