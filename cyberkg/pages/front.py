"""A small HTTP front for ``cyberkg serve``: the page paths from :class:`~cyberkg.pages.routes.PageRoutes`,
everything else passed on unchanged to the SPARQL server on a private loopback port.

The Oxigraph server has no hook for pages of our own, so ``serve`` runs it on a free loopback port and
listens on the user's address with this front (one thread per connection, from the standard library).
"""

from __future__ import annotations

import http.client
import http.server
import socket
import threading
from dataclasses import dataclass

from cyberkg.pages.routes import Answer, PageRoutes

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host"}
)
UPSTREAM_TIMEOUT = 300.0


@dataclass(frozen=True)
class Upstream:
    host: str
    port: int


class FrontHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FrontServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the name http.server uses
        pass  # the terminal keeps the one line that says where the endpoint is

    def _handle(self) -> None:
        answer = self.server.routes.answer(self.command, self.path, self.headers.get("Accept"))
        if answer is not None:
            self._send(answer)
            return
        self._forward()

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _handle

    def _send(self, answer: Answer) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _forward(self) -> None:
        upstream = self.server.upstream
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        connection = http.client.HTTPConnection(upstream.host, upstream.port, timeout=UPSTREAM_TIMEOUT)
        try:
            connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", f"{upstream.host}:{upstream.port}")
            for name, value in self.headers.items():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            reply = connection.getresponse()
            data = reply.read()
            self.send_response(reply.status, reply.reason)
            for name, value in reply.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except (OSError, http.client.HTTPException):
            self.close_connection = True
        finally:
            connection.close()


class FrontServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], routes: PageRoutes, upstream: Upstream) -> None:
        self.routes = routes
        self.upstream = upstream
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, FrontHandler)


def start_front(host: str, port: int, routes: PageRoutes, upstream: Upstream) -> FrontServer:
    """Listen on ``host:port`` in a background thread; stop with ``shutdown()`` and ``server_close()``."""
    front = FrontServer((host, port), routes, upstream)
    threading.Thread(target=front.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    return front
