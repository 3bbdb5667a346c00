"""The warm server's answers: the in-memory store queried for a request that came over the Unix socket.

Requests are answered by worker processes forked from the server
(:mod:`cyberkg.endpoint.warm_workers`), which share the loaded store copy-on-write, as
:mod:`cyberkg.bounded` does for a command's query. So a query that runs too long is stopped by
the kernel (``SIGALRM`` left at its default action, after the time limit the request gives,
else the server's own), a memory limit holds for the worker alone (``RLIMIT_AS``), and a worker
that fails takes nothing else with it.

A connection from another user is closed before it is read (``SO_PEERCRED``); the socket's
folder admits no one else in the first place (:mod:`cyberkg.store.warm_record`). The protocol
is in :mod:`cyberkg.store.warm_protocol`.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import math
import os
import resource
import signal
import socketserver
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cyberkg.store.warm_protocol import (
    BOOLEAN_TYPE,
    ERROR_TYPES,
    KEY_HEADER,
    QUADS_PATH,
    QUADS_TYPE,
    QUERY_PATH,
    SOLUTIONS_TYPE,
    STATE_PATH,
    TRIPLES_TYPE,
    term_from_json,
)
from cyberkg.store.warm_record import peer_credentials

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

MAX_REQUEST_BYTES = 16 * 1024 * 1024  # a query text and its bindings; anything larger is refused
CHUNK = 1 << 16


@dataclass(frozen=True)
class WarmGraph:
    """What the server answers from: the store, the state key of its files, and its limits."""

    store: pyoxigraph.Store
    key: str
    triples: int
    query_timeout: float | None = None  # seconds a query may run when its request names no limit; None: none


class WarmServer(socketserver.UnixStreamServer):
    """The listening Unix socket and the graph; its connections are handed to workers."""

    def __init__(self, path: str, graph: WarmGraph) -> None:
        self.graph = graph
        super().__init__(path, WarmHandler)

    def verify_request(self, request: Any, client_address: Any) -> bool:
        """Serve this user's processes only (checked by the kernel's word, before anything is read)."""
        try:
            _, uid = peer_credentials(request)
        except OSError:
            return False
        return uid == os.getuid()


class WarmHandler(http.server.BaseHTTPRequestHandler):
    """One request, in the worker that was handed its connection."""

    protocol_version = "HTTP/1.1"
    server: WarmServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the name http.server uses
        pass  # requests are not logged

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        if not self._key_matches():
            return
        if self.path != STATE_PATH:
            self._send_json(404, {"error": "RuntimeError", "message": f"no such path {self.path}"})
            return
        graph = self.server.graph
        self._send_json(200, {"key": graph.key, "triples": graph.triples, "pid": os.getppid()})

    def do_POST(self) -> None:  # noqa: N802 - the name http.server dispatches to
        if not self._key_matches():
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self._send_json(413, {"error": "ValueError", "message": "the request is too large"})
            return
        try:
            request = json.loads(self.rfile.read(length))
        except ValueError:
            self._send_json(400, {"error": "ValueError", "message": "the request is not JSON"})
            return
        if self.path == QUERY_PATH:
            with self._limits(request.get("timeout"), request.get("memory_limit")):
                self._answer(lambda: self._query(request))
        elif self.path == QUADS_PATH:
            with self._limits(None, None):
                self._answer(lambda: self._quads(request))
        else:
            self._send_json(404, {"error": "RuntimeError", "message": f"no such path {self.path}"})

    def _key_matches(self) -> bool:
        if self.headers.get(KEY_HEADER) == self.server.graph.key:
            return True
        self._send_json(409, {"error": "RuntimeError", "message": "this server holds another state of the files"})
        return False

    @contextlib.contextmanager
    def _limits(self, timeout: Any, memory_limit: Any) -> Iterator[None]:
        """While answering: have the kernel stop this worker after the time limit, and refuse it memory past the
        limit; both lifted afterwards, for the worker's next request."""
        seconds = self.server.graph.query_timeout if timeout is None else float(timeout)  # 0: no limit
        if seconds:
            signal.alarm(max(1, math.ceil(seconds)))
        previous = resource.getrlimit(resource.RLIMIT_AS)
        if memory_limit:
            with contextlib.suppress(OSError, ValueError):
                with open("/proc/self/statm", "rb") as statm:
                    size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
                resource.setrlimit(resource.RLIMIT_AS, (size + int(memory_limit), previous[1]))
        try:
            yield
        finally:
            signal.alarm(0)
            if memory_limit:
                with contextlib.suppress(OSError, ValueError):
                    resource.setrlimit(resource.RLIMIT_AS, previous)

    def _query(self, request: dict[str, Any]) -> tuple[str, Callable[[Any], object]]:
        import pyoxigraph

        substitutions = {
            pyoxigraph.Variable(name): term_from_json(term) for name, term in request.get("substitutions", {}).items()
        }
        answer = self.server.graph.store.query(request["query"], substitutions=substitutions)
        if isinstance(answer, pyoxigraph.QuerySolutions):
            return SOLUTIONS_TYPE, lambda out: answer.serialize(out, format=pyoxigraph.QueryResultsFormat.TSV)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return BOOLEAN_TYPE, lambda out: out.write(answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON))
        return TRIPLES_TYPE, lambda out: answer.serialize(out, format=pyoxigraph.RdfFormat.N_TRIPLES)

    def _quads(self, request: dict[str, Any]) -> tuple[str, Callable[[Any], object]]:
        import pyoxigraph

        quads = self.server.graph.store.quads_for_pattern(
            term_from_json(request.get("subject")),
            term_from_json(request.get("predicate")),
            term_from_json(request.get("object")),
            term_from_json(request.get("graph")),
        )
        return QUADS_TYPE, lambda out: pyoxigraph.serialize(quads, out, format=pyoxigraph.RdfFormat.N_QUADS)

    def _answer(self, prepare: Callable[[], tuple[str, Callable[[Any], object]]]) -> None:
        """Send what ``prepare`` makes: its errors before the first byte as a 400, later ones by cutting the answer
        short (no last chunk), so that the client never takes part of a result for all of it."""
        body = _Chunks(self)
        try:
            media, write = prepare()
            body.media = media
            write(body)
            body.finish()
        except Exception as error:  # noqa: BLE001 - every failure goes back as one answer, or cuts it short
            if body.started:
                self.close_connection = True
                return
            name = type(error).__name__ if type(error).__name__ in ERROR_TYPES else "RuntimeError"
            self._send_json(400, {"error": name, "message": str(error)})

    def _send_json(self, status: int, value: Any) -> None:
        body = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True


class _Chunks:
    """The answer's body as HTTP chunks; the status line goes out with the first bytes (or at the end)."""

    def __init__(self, handler: WarmHandler) -> None:
        self.handler = handler
        self.media = "application/octet-stream"
        self.started = False
        self.pending = bytearray()

    def write(self, data: bytes) -> int:
        self.pending += data
        if len(self.pending) >= CHUNK:
            self._flush()
        return len(data)

    def flush(self) -> None:
        pass  # chunks go out when CHUNK bytes are ready, and at the end

    def finish(self) -> None:
        self._flush()
        self.handler.wfile.write(b"0\r\n\r\n")
        self.handler.close_connection = True

    def _flush(self) -> None:
        if not self.started:
            self.started = True
            self.handler.send_response(200)
            self.handler.send_header("Content-Type", self.media)
            self.handler.send_header("Transfer-Encoding", "chunked")
            self.handler.send_header("Connection", "close")
            self.handler.end_headers()
        if self.pending:
            self.handler.wfile.write(b"%x\r\n%s\r\n" % (len(self.pending), bytes(self.pending)))
            self.pending.clear()
