"""Uploading the merged graph to a store by the SPARQL 1.1 Graph Store HTTP Protocol.

With the store's SPARQL Update URL (``update_endpoint``), the push is atomic on any
store: the graph goes in chunks into a temporary named graph, and one ``MOVE``
replaces the target (:mod:`cyberkg.endpoint.graph_swap`). Without it, one HTTP
``PUT`` carries the whole graph; Oxigraph applies a ``PUT`` in one transaction
(tested), Virtuoso 7.2 does not (it refuses a body with a syntax error half-way, yet keeps its first half).
The graph is written to a temporary N-Triples file first and streamed from it,
so memory does not grow with the graph. A write is never retried: the error
says what happened and the user decides.
"""

from __future__ import annotations

import http.client
import io
import tempfile
import typing
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.endpoint.authentication import authorization
from cyberkg.endpoint.graph_swap import DEFAULT_CHUNK_BYTES, MoveFailed, SwapTarget, swap_in
from cyberkg.endpoint.transport import Credentials, check_url, failure, public_url, within_deadline
from cyberkg.errors import EndpointError, InputError
from cyberkg.progress import BYTES, Progress

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

DEFAULT_WRITE_TIMEOUT = 120.0
# N-Triples is a subset of Turtle: every Graph Store server reads it as text/turtle.
BODY_MEDIA_TYPE = "text/turtle; charset=utf-8"
# A named graph no one writes: asking for it tells a working Graph Store (404) from a failing server.
PROBE_GRAPH = "https://w3id.org/cyberkg/graph/no-such-graph"
# The Oxigraph server's Graph Store parameter that writes an upload with its bulk loader, outside a transaction.
BULK_LOAD_PARAMETER = "no_transaction"
# How much of an error answer's body is read for its message.
ERROR_BODY_BYTES = 4000
# The stages a push reports (with those of cyberkg.endpoint.graph_swap on the atomic path).
WRITING = "writing the graph as N-Triples"
SENDING = "sending"


@dataclass(frozen=True)
class PushReport:
    """What a push did."""

    endpoint: str  # shown without credentials
    graph: str | None  # None: the default graph
    triples: int
    status: int
    chunks: int = 1  # Graph Store requests that carried the graph
    atomic: bool = False  # True: through a temporary graph and a MOVE
    bulk_load: bool = False  # True: written by the server's bulk loader, outside a transaction


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of the target graph: ``?graph=<IRI>`` (encoded) or ``?default``."""
    check_url(endpoint)
    parts = urllib.parse.urlsplit(endpoint)
    target = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    query = f"{parts.query}&{target}" if parts.query else target
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _check_graph(graph: str | None) -> None:
    if graph is None:
        return
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(graph)
    except ValueError:
        raise InputError(f"graph {graph!r} is not an absolute IRI") from None


def push_store(
    store: pyoxigraph.Store,
    endpoint: str,
    graph: str | None = None,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_WRITE_TIMEOUT,
    update_endpoint: str | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    progress: Progress | None = None,
    bulk_load: bool = False,
) -> PushReport:
    """Replace ``graph`` (None: the default graph) at the Graph Store endpoint with the store's graph.

    ``bulk_load`` (an Oxigraph server only, not with ``update_endpoint``) asks the server to write the one
    ``PUT`` with its bulk loader rather than in one transaction: memory stays small for any size, but the push
    is not atomic (after a failure the previous graph is gone and at most part of the new one is there). A
    10M-triple ``PUT`` in one transaction held more than 18 GB in the server before it was stopped (measured;
    docs/performance.md).

    With ``update_endpoint`` (the store's SPARQL Update URL) the graph goes through a temporary graph in
    chunks of about ``chunk_bytes`` and one ``MOVE``. ``progress`` is told :data:`WRITING` (not counted)
    while the body is written, then the bytes sent: as they go (:data:`SENDING`), or after each chunk and
    before the ``MOVE`` (:mod:`cyberkg.endpoint.graph_swap`).
    """
    import pyoxigraph

    _check_graph(graph)
    if timeout < 0:
        raise InputError(f"the timeout must be 0 (no limit) or positive (got {timeout:g} s)")
    if chunk_bytes <= 0:
        raise InputError(f"the chunk size must be positive (got {chunk_bytes} bytes)")
    if bulk_load and update_endpoint is not None:
        raise InputError(
            "a bulk load is one PUT written outside a transaction; it cannot go through a temporary graph "
            "(give either --bulk-load or --update-endpoint)"
        )
    url = graph_store_url(endpoint, graph)
    if bulk_load:
        url = f"{url}&{BULK_LOAD_PARAMETER}"
    if update_endpoint is not None:
        check_url(update_endpoint)
    with tempfile.TemporaryFile(prefix="cyberkg-push-", suffix=".nt") as body:
        if progress is not None:
            progress(0, 0, WRITING)
        store.dump(body, format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
        size = body.tell()
        body.seek(0)
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
        if update_endpoint is not None:
            return _push_through_temporary_graph(
                body, size, triples, endpoint, update_endpoint, graph, credentials, timeout, chunk_bytes, progress
            )
        headers = {"Content-Type": BODY_MEDIA_TYPE, "Content-Length": str(size)}
        try:
            if credentials is not None:
                headers["Authorization"] = authorization(credentials, "PUT", url, timeout)
            sent = None if progress is None else _sent_counter(progress, size)
            status = within_deadline(lambda: _send("PUT", url, body, headers, timeout, sent), endpoint, timeout)
        except EndpointError as error:  # the whole upload took longer than the timeout
            raise EndpointError(f"push failed, nothing was retried: {error}") from None
        except Exception as error:  # noqa: BLE001 - every failure becomes one EndpointError
            if graph is None and _refuses_default_graph(endpoint, error, timeout):
                raise EndpointError(
                    f"push failed, nothing was written: the store at {public_url(endpoint)} has no writable "
                    f"default graph (it refused ?default with HTTP {_status_code(error)}); "
                    "give --graph IRI to push to a named graph"
                ) from None
            raise _write_failure(endpoint, error, timeout) from None
    if status not in (200, 201, 204):
        raise EndpointError(
            f"endpoint {public_url(endpoint)} answered HTTP {status} to the upload; the push may not have been applied"
        )
    return PushReport(public_url(endpoint), graph, triples, status, bulk_load=bulk_load)


def _sent_counter(progress: Progress, size: int) -> typing.Callable[[int], None]:
    """A callback for each block handed to the connection that tells ``progress`` the bytes sent so far."""
    sent = 0

    def count(block: int) -> None:
        nonlocal sent
        sent += block
        progress(sent, size, SENDING, BYTES)

    return count


def _push_through_temporary_graph(
    body: typing.BinaryIO,
    size: int,
    triples: int,
    endpoint: str,
    update_endpoint: str,
    graph: str | None,
    credentials: Credentials | None,
    timeout: float,
    chunk_bytes: int,
    progress: Progress | None,
) -> PushReport:
    target = SwapTarget(lambda iri: graph_store_url(endpoint, iri), update_endpoint, graph, credentials)
    requests: list[str] = []

    def send(method: str, url: str, data: bytes, headers: dict[str, str], limit: float) -> int:
        requests.append(method)
        return _send(method, url, data, headers, limit)

    try:
        status = swap_in(body, size, target, send, public_url(endpoint), timeout, chunk_bytes, progress)
    except MoveFailed as moving:
        error = moving.cause
        if graph is None and _refuses_default_graph(endpoint, error, timeout):
            raise EndpointError(
                f"push failed, nothing was written: the store at {public_url(endpoint)} has no writable "
                f"default graph (it refused MOVE ... TO DEFAULT at {public_url(update_endpoint)} with HTTP "
                f"{_status_code(error)}); give --graph IRI to push to a named graph"
            ) from None
        reason = error if isinstance(error, EndpointError) else failure(update_endpoint, error, timeout)
        raise EndpointError(
            f"push failed while replacing the graph, nothing was retried: {reason}{_left_behind(moving.left)}"
        ) from None
    except EndpointError as error:
        raise EndpointError(f"push failed, the previous graph was left as it was: {error}") from None
    except Exception as error:  # noqa: BLE001 - every failure becomes one EndpointError
        reason = failure(endpoint, error, timeout)
        raise EndpointError(f"push failed, the previous graph was left as it was: {reason}") from None
    uploads = sum(1 for method in requests if method in ("PUT", "POST")) - 1  # the last POST is the MOVE
    return PushReport(public_url(endpoint), graph, triples, status, uploads, atomic=True)


def _send(
    method: str,
    url: str,
    body: typing.BinaryIO | bytes,
    headers: dict[str, str],
    timeout: float,
    sent: typing.Callable[[int], None] | None = None,
) -> int:
    """Send one request with a streamed body and return the status of the answer (``sent``: told each block's size).

    A server may answer (401, 413, ...) and close before it has read the whole
    body; the client then meets a broken pipe while sending. The answer the
    server did send is read and reported rather than the broken pipe.
    """
    parts = urllib.parse.urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout or None)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        stream = io.BytesIO(body) if isinstance(body, bytes) else body
        try:
            while chunk := stream.read(1 << 16):
                connection.send(chunk)
                if sent is not None:
                    sent(len(chunk))
        except (BrokenPipeError, ConnectionResetError) as error:
            try:
                response = connection.getresponse()
            except (OSError, http.client.HTTPException):
                raise error from None
            return _status(url, response)
        return _status(url, connection.getresponse())
    finally:
        connection.close()


def _status(url: str, response: http.client.HTTPResponse) -> int:
    """The status of a successful answer; an error status is raised with the start of its body, read now.

    The body is read before the connection is closed, so that the error message can carry the server's
    own words (Virtuoso says why a write failed only there).
    """
    if response.status >= 400:
        try:
            said = response.read(ERROR_BODY_BYTES)
        except (OSError, http.client.HTTPException):
            said = b""
        raise urllib.error.HTTPError(url, response.status, response.reason, response.headers, io.BytesIO(said))
    return response.status


def _status_code(error: BaseException) -> int | None:
    return error.code if isinstance(error, urllib.error.HTTPError) else None


def _read_status(url: str, timeout: float) -> int | None:
    """The status of a GET on ``url`` (no credentials; the body is not read), or None if there was no HTTP answer.

    GET, not HEAD: Virtuoso answers HEAD on a named graph with 501.
    """
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=timeout or None) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def _refuses_default_graph(endpoint: str, error: BaseException, timeout: float) -> bool:
    """Whether a failed upload to ``?default`` failed because the store has no default graph to write.

    Virtuoso's Graph Store endpoint answers HTTP 500 to any request naming the default graph, while it
    answers a read (GET) of a named graph that does not exist with 404. So, once an upload to the default graph
    has failed with HTTP 400, 500 or 501, the store is asked for
    both: a working Graph Store that refuses only ``?default`` has no default graph to write.
    """
    status = _status_code(error)
    if status not in (400, 500, 501):  # credentials, size, wrong URL or a passing overload: said as it is
        return False
    named = _read_status(graph_store_url(endpoint, PROBE_GRAPH), timeout)
    default = _read_status(graph_store_url(endpoint, None), timeout)
    return named in (200, 204, 404) and default is not None and default >= 400 and default not in (401, 403, 404)


def _write_failure(endpoint: str, error: BaseException, timeout: float) -> EndpointError:
    reason = failure(endpoint, error, timeout)
    return EndpointError(f"push failed, nothing was retried: {reason}")


def _left_behind(temporary: str | None) -> str:
    """The clause naming a temporary graph the server would not delete ('' when it was deleted)."""
    if temporary is None:
        return ""
    return (
        f"; the server did not delete the temporary graph <{temporary}> either: drop it with "
        f"DROP SILENT GRAPH <{temporary}> (on Virtuoso, after raising the same limit)"
    )
