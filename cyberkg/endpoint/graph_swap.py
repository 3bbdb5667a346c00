"""Replacing a remote graph atomically: upload into a temporary graph in chunks, then one SPARQL ``MOVE``.

The slow and fragile part of a push, the transfer, never touches the target graph:
the N-Triples body goes to a fresh temporary named graph, the first chunk by
Graph Store ``PUT`` and the rest by ``POST`` (append). Only when every chunk has
been accepted does one SPARQL Update ``MOVE GRAPH <temporary> TO <target>`` replace
the target, which both Oxigraph and Virtuoso apply in one transaction. If anything
fails before the ``MOVE``, the temporary graph is deleted (best effort) and the
target is as it was.

Measured on Virtuoso 7.2: a Graph Store ``PUT`` whose body has a syntax error half-way
answers 500 and yet leaves the target holding the triples before the error, so a
plain ``PUT`` is not atomic there; the swap is.
"""

from __future__ import annotations

import time
import typing
import urllib.error
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cyberkg.endpoint.authentication import authorization
from cyberkg.endpoint.transport import Credentials, within_deadline
from cyberkg.errors import EndpointError
from cyberkg.progress import BYTES, Progress

DEFAULT_CHUNK_BYTES = 16 << 20
TEMPORARY_GRAPH_BASE = "https://w3id.org/cyberkg/graph/push-in-progress/"
CLEAN_UP_TIMEOUT = 10.0

# The stages a swap reports: the bytes accepted into the temporary graph after each chunk, then the MOVE.
UPLOADING = "sending to a temporary graph"
MOVING = "replacing the graph (MOVE)"
# (method, url, body, headers, timeout) -> HTTP status; raises on an error status or a broken connection.
Send = Callable[[str, str, bytes, dict[str, str], float], int]


@dataclass(frozen=True)
class SwapTarget:
    """Where the graph goes: the Graph Store URL builder, the SPARQL Update URL and the target graph."""

    store_url: Callable[[str | None], str]  # graph IRI (None: default graph) -> its Graph Store URL
    update_url: str
    graph: str | None
    credentials: Credentials | None


def temporary_graph() -> str:
    """A fresh named graph no one else writes."""
    return f"{TEMPORARY_GRAPH_BASE}{uuid.uuid4()}"


def chunks(body: typing.BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    """The N-Triples body cut at line ends into pieces of about ``chunk_bytes`` (a line is never split)."""
    piece: list[bytes] = []
    size = 0
    yielded = False
    for line in body:
        piece.append(line)
        size += len(line)
        if size >= chunk_bytes:
            yield b"".join(piece)
            piece, size, yielded = [], 0, True
    if piece or not yielded:  # an empty graph is one empty chunk, so that the temporary graph exists
        yield b"".join(piece)


def move_update(source: str, target: str | None) -> str:
    """The SPARQL Update that replaces ``target`` (None: the default graph) with ``source`` and drops ``source``."""
    destination = "DEFAULT" if target is None else f"GRAPH <{target}>"
    return f"MOVE GRAPH <{source}> TO {destination}"


class Deadline:
    """One time limit for a whole push (0: none); each request gets what is left of it."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.end = time.monotonic() + timeout

    def left(self, endpoint: str) -> float:
        if not self.timeout:
            return 0.0
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise self.passed(endpoint)
        return remaining

    def passed(self, endpoint: str) -> EndpointError:
        return EndpointError(
            f"endpoint {endpoint} did not answer within {self.timeout:g} s "
            "(timed out; raise --timeout if the server is slow)"
        )


def swap_in(
    body: typing.BinaryIO,
    size: int,
    target: SwapTarget,
    send: Send,
    endpoint: str,
    timeout: float,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    progress: Progress | None = None,
) -> int:
    """Upload ``body`` to a temporary graph, then move it onto the target; the status of the ``MOVE``.

    ``progress`` is told the bytes accepted of ``size`` after each chunk (:data:`UPLOADING`), then
    :data:`MOVING` (not counted) before the ``MOVE`` is sent.

    Raises the first failure unchanged (after the temporary graph was deleted), except an upload
    that got no answer in time, raised as :class:`UnansweredUpload` naming the temporary graph.
    A failure of the ``MOVE`` itself is raised as :class:`MoveFailed`.
    """
    temporary = temporary_graph()
    deadline = Deadline(timeout)
    sent = 0
    try:
        for number, piece in enumerate(chunks(body, chunk_bytes)):
            method = "PUT" if number == 0 else "POST"
            url = target.store_url(temporary)
            try:
                _request(send, method, url, piece, "text/turtle; charset=utf-8", target, deadline, endpoint)
            except NoAnswerInTime as unanswered:
                raise UnansweredUpload(unanswered, temporary) from None
            sent += len(piece)
            if progress is not None:
                progress(sent, size, UPLOADING, BYTES)
        deadline.left(endpoint)  # no time left: the MOVE is not sent
    except BaseException:
        _clean_up(send, target, temporary)
        raise
    if progress is not None:
        progress(0, 0, MOVING)
    update = urllib.parse.urlencode({"update": move_update(temporary, target.graph)}).encode()
    try:
        return _request(
            send, "POST", target.update_url, update, "application/x-www-form-urlencoded", target, deadline, endpoint
        )
    except BaseException as error:
        deleted = _clean_up(send, target, temporary)
        raise MoveFailed(error, None if deleted else temporary) from error


class MoveFailed(Exception):
    """The upload went through but the ``MOVE`` onto the target failed (the target may be unchanged or replaced).

    ``left`` names the temporary graph when the server refused to delete it too (measured on Virtuoso 7.2: a
    ``MOVE`` refused for its transaction limit, then the ``DELETE`` of the same triples for the same limit).
    """

    def __init__(self, cause: BaseException, left: str | None = None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.left = left


def _request(
    send: Send,
    method: str,
    url: str,
    data: bytes,
    content_type: str,
    target: SwapTarget,
    deadline: Deadline,
    endpoint: str,
) -> int:
    timeout = deadline.left(endpoint)
    headers = {"Content-Type": content_type, "Content-Length": str(len(data))}
    if target.credentials is not None:
        headers["Authorization"] = authorization(target.credentials, method, url, timeout or CLEAN_UP_TIMEOUT)
    try:
        return within_deadline(lambda: send(method, url, data, headers, timeout), endpoint, timeout)
    except EndpointError:  # what was left of the push's time ran out during this request
        raise NoAnswerInTime(*deadline.passed(endpoint).args) from None


class NoAnswerInTime(EndpointError):
    """A request was sent but its answer did not come within what was left of the push's time."""


class UnansweredUpload(EndpointError):
    """An upload into the temporary graph got no answer in time: the server may still be writing it.

    The clean-up's ``DELETE`` may come before the server has finished that upload (measured on
    Virtuoso 7.2: a 300,000-triple chunk cut off after 0.2 s appeared in the temporary graph about
    two seconds after it had been deleted), so the temporary graph is named for the user to drop.
    """

    def __init__(self, cause: EndpointError, temporary: str) -> None:
        super().__init__(
            f"{cause}; the server may still be writing the temporary graph <{temporary}>: it was asked to delete "
            f"it, and if it is there once the server is idle, drop it with DROP SILENT GRAPH <{temporary}>"
        )
        self.temporary = temporary


def _clean_up(send: Send, target: SwapTarget, temporary: str) -> bool:
    """Delete the temporary graph; whether the server said it did (the push's own failure is what is raised)."""
    url = target.store_url(temporary)
    headers: dict[str, str] = {"Content-Length": "0"}
    try:
        if target.credentials is not None:
            headers["Authorization"] = authorization(target.credentials, "DELETE", url, CLEAN_UP_TIMEOUT)
        within_deadline(lambda: send("DELETE", url, b"", headers, CLEAN_UP_TIMEOUT), url, CLEAN_UP_TIMEOUT)
    except urllib.error.HTTPError as error:
        return error.code == 404  # nothing was written: nothing is left
    except Exception:  # noqa: BLE001 - best effort: no answer, or no answer in time
        return False
    return True
