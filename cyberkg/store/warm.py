"""The graph held in memory by a warm server, used by a command instead of opening or loading it.

``cyberkg warm start`` keeps the graph in memory in a process of the user's own (see
:mod:`cyberkg.endpoint.warming`); :func:`warm_store` gives a command a :class:`WarmStore`
over it when its record (:mod:`cyberkg.store.warm_record`) names a live server of this user,
holding the data files as they are now, that answers. Otherwise it gives None and the command
opens the graph as it would have (a stale record is removed, and nothing is said).

A :class:`WarmStore` answers the part of ``pyoxigraph.Store``'s reading API that the commands
use: ``query`` (with ``substitutions``) and ``quads_for_pattern``, and ``len()``. The server
evaluates with the same engine on the same in-memory store and sends the result as Oxigraph
writes it; Oxigraph's own parser reads it back here, so the rows, their order and every term
(datatypes, language tags, lexical forms) are those the command would get in memory. Like the
on-disk store of the cache, it cannot be written to.
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import socket
import time
import weakref
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.errors import EndpointError, TimeLimitError
from cyberkg.store.cache import cache_folder
from cyberkg.store.warm_protocol import (
    BOOLEAN_TYPE,
    ERROR_TYPES,
    KEY_HEADER,
    QUADS_PATH,
    QUERY_PATH,
    SOLUTIONS_TYPE,
    STATE_PATH,
    term_to_json,
)
from cyberkg.store.warm_record import (
    WarmRecord,
    WarmUnavailable,
    connect_to_server,
    process_alive,
    read_record,
    record_path,
    remove_record,
    warm_enabled,
)

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

logger = logging.getLogger(__name__)

LIMIT_MARGIN = 2.0  # seconds past a query's time limit after which a silent server is given up


class WarmStore:
    """The graph of a warm server, read through the parts of ``pyoxigraph.Store`` that commands use."""

    def __init__(
        self,
        record: WarmRecord,
        timeout: float | None = None,
        memory_limit: int | None = None,
        connection: socket.socket | None = None,
    ) -> None:
        self.record = record
        self.timeout = timeout  # seconds; 0: no limit; None: the server's own limit
        self.memory_limit = memory_limit or None
        # The connection made to check the server, kept for the first request: one connection fewer per command.
        self.connection = connection

    def __repr__(self) -> str:
        return f"WarmStore(pid={self.record.pid}, triples={self.record.triples})"

    def within(self, timeout: float | None, memory_limit: int | None) -> WarmStore:
        """The same graph, its queries stopped by the server after ``timeout`` s (0: never) or when they have grown by
        ``memory_limit`` bytes (0 or None: no limit)."""
        connection, self.connection = self.connection, None
        return WarmStore(self.record, timeout, memory_limit, connection)

    def __len__(self) -> int:
        return int(json.loads(self._request(STATE_PATH).read())["triples"])

    def query(self, query: str, *, substitutions: Mapping[Any, Any] | None = None) -> Any:
        """What ``pyoxigraph.Store.query`` returns: ``QuerySolutions``, ``QueryBoolean``, or the triples (as
        quads of the default graph) of a CONSTRUCT or DESCRIBE; read lazily as they arrive."""
        import pyoxigraph

        payload = {
            "query": query,
            "substitutions": {variable.value: term_to_json(term) for variable, term in (substitutions or {}).items()},
            "timeout": self.timeout,
            "memory_limit": self.memory_limit,
        }
        started = time.monotonic()
        response = self._request(QUERY_PATH, payload)
        body = io.BufferedReader(_Body(response, self, started))
        media = (response.getheader("Content-Type") or "").split(";")[0].strip()
        if media == SOLUTIONS_TYPE:
            return pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.TSV)
        if media == BOOLEAN_TYPE:
            return pyoxigraph.parse_query_results(body.read(), format=pyoxigraph.QueryResultsFormat.JSON)
        return pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES)

    def quads_for_pattern(
        self,
        subject: Any,
        predicate: Any,
        object: Any,
        graph_name: Any = None,  # noqa: A002 - pyoxigraph's name
    ) -> Iterator[pyoxigraph.Quad]:
        """The quads matching the pattern, in the order the store gives them (``None``: any)."""
        import pyoxigraph

        payload = {
            "subject": term_to_json(subject),
            "predicate": term_to_json(predicate),
            "object": term_to_json(object),
            "graph": term_to_json(graph_name),
        }
        response = self._request(QUADS_PATH, payload)
        body = io.BufferedReader(_Body(response, self, time.monotonic()))
        return pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_QUADS)

    def _request(self, path: str, payload: dict[str, Any] | None = None) -> http.client.HTTPResponse:
        _drain_open_answers()
        started = time.monotonic()
        timeout = self.timeout + LIMIT_MARGIN if self.timeout else None
        connection = _UnixConnection(self.record, timeout, self.connection)
        self.connection = None
        headers = {KEY_HEADER: self.record.key, "Connection": "close"}
        try:
            if payload is None:
                connection.request("GET", path, headers=headers)
            else:
                body = json.dumps(payload).encode("utf-8")
                connection.request("POST", path, body=body, headers={**headers, "Content-Type": "application/json"})
            response = connection.getresponse()
        except (OSError, http.client.HTTPException, WarmUnavailable) as error:
            connection.close()
            raise self.failure(error, started) from None
        if response.status == 200:
            return response
        text = response.read()
        connection.close()
        if response.status == 400:
            answer = json.loads(text)
            raise ERROR_TYPES.get(answer.get("error"), RuntimeError)(answer.get("message", ""))
        if response.status == 409:
            raise EndpointError(
                f"the warm server (process {self.record.pid}) holds another state of the graph files than its "
                f"record says; stop it with `cyberkg warm stop`"
            )
        raise EndpointError(f"the warm server (process {self.record.pid}) answered HTTP {response.status}")

    def failure(self, error: BaseException, started: float) -> Exception:
        """What a connection to the server broken after ``started`` means: the query's time limit was reached
        (the server's worker was stopped), or the worker or the server ended."""
        limit = self.timeout
        if limit and (isinstance(error, TimeoutError) or time.monotonic() - started >= limit):
            return TimeLimitError(f"the query did not finish within {limit:g} s and was stopped")
        return EndpointError(
            f"the warm server (process {self.record.pid}) stopped answering before the end of the result "
            f"({type(error).__name__}: its worker ended, out of the memory allowed or stopped); "
            f"`cyberkg warm status` tells whether it still runs"
        )


class _Body(io.RawIOBase):
    """An answer's body as Oxigraph's parsers read it; a broken connection becomes one clear error.

    While an answer is being read, the server's worker waits for the reader. If the command asks
    another question meanwhile (labels for a page of a table, the sources of its rows), the rest of
    every answer still open is read into memory first (:func:`_drain_open_answers`), which frees
    their workers: the new question goes to the worker the server keeps, whose pages are warm,
    rather than to a new fork, which would pay for copying them.
    """

    def __init__(self, response: http.client.HTTPResponse, store: WarmStore, started: float) -> None:
        super().__init__()
        self.response = response
        self.store = store
        self.started = started
        self.rest: io.BytesIO | None = None  # what was read ahead, once drained
        self.failed: Exception | None = None  # what ended the read ahead, raised once the rest is read
        _OPEN_ANSWERS.add(self)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.rest is not None:
            count = self.rest.readinto(buffer)
            if count == 0 and self.failed is not None:
                failed, self.failed = self.failed, None
                raise failed
            return count
        try:
            return self.response.readinto(buffer)
        except (OSError, http.client.HTTPException) as error:
            self.response.close()
            raise self.store.failure(error, self.started) from None

    def drain(self) -> None:
        """Read the rest of the answer now, into memory, so that the server's worker is done with it."""
        if self.rest is not None or self.closed:
            return
        chunks = []
        try:
            while chunk := self.response.read1(1 << 16):
                chunks.append(chunk)
        except (OSError, http.client.HTTPException) as error:
            self.failed = self.store.failure(error, self.started)
        self.response.close()
        self.rest = io.BytesIO(b"".join(chunks))

    def close(self) -> None:
        _OPEN_ANSWERS.discard(self)
        self.response.close()
        super().close()


_OPEN_ANSWERS: weakref.WeakSet[_Body] = weakref.WeakSet()


def _drain_open_answers() -> None:
    for answer in list(_OPEN_ANSWERS):
        answer.drain()
        _OPEN_ANSWERS.discard(answer)


class _UnixConnection(http.client.HTTPConnection):
    """HTTP to the warm server over its Unix socket, connected only once the peer is checked."""

    def __init__(self, record: WarmRecord, timeout: float | None, connected: socket.socket | None = None) -> None:
        super().__init__("localhost", timeout=timeout)
        self.record = record
        self.connected = connected

    def connect(self) -> None:
        if self.connected is not None:
            self.connected.settimeout(self.timeout)
            self.sock, self.connected = self.connected, None
            return
        self.sock = connect_to_server(self.record, self.timeout)


def warm_store(files: Sequence[Path]) -> WarmStore | None:
    """The warm server's graph if one of this user's runs for ``files`` as they are now and answers; else None.

    A record whose process has ended is removed. A live process that does not answer, or a server of
    another state of the files, is left as it is (``cyberkg warm status`` and ``stop`` deal with it) and not used.
    """
    if not warm_enabled():
        return None
    folder = cache_folder()
    if folder is None:
        return None
    path = record_path(folder, files)
    record = read_record(path)
    if record is None:
        return None
    from cyberkg.store.saved import state_key

    if record.key != state_key(files):
        if not process_alive(record.pid):
            remove_record(path, record)
        logger.info("the warm server %d holds another state of the files: not used", record.pid)
        return None
    try:
        connection = connect_to_server(record)
    except WarmUnavailable as reason:
        logger.info("the warm server of %s is not used: %s", path, reason)
        if not process_alive(record.pid):
            remove_record(path, record)
        return None
    logger.info("using the warm server %d", record.pid)
    return WarmStore(record, connection=connection)
