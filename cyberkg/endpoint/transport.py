"""What every request to a remote store shares: credentials, one-line failures, bounded retries.

A failure becomes one :class:`~cyberkg.errors.EndpointError` that names the
endpoint (without any user:password part) and what happened. Reads are retried
a bounded number of times with a growing pause when the failure is likely to
pass (connection refused or reset, HTTP 502/503/504); a timeout, a 4xx or a 500
is reported at once. Writes are never retried (see ``cyberkg.endpoint.push``).
"""

from __future__ import annotations

import ast
import base64
import http.client
import ipaddress
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cyberkg.errors import EndpointError, InputError

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.5
TRANSIENT_STATUS = frozenset({502, 503, 504})
ENVIRONMENT_USER = "CYBERKG_USER"
ENVIRONMENT_PASSWORD = "CYBERKG_PASSWORD"
ENVIRONMENT_TOKEN = "CYBERKG_TOKEN"

T = TypeVar("T")


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic user and password, or a bearer token. Never printed: the repr hides the secret."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def authorization(self) -> str:
        """The value of the Authorization header."""
        if self.token:
            return f"Bearer {self.token}"
        pair = f"{self.user or ''}:{self.password or ''}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")


def credentials_from_environment(
    user: str | None = None, environ: Mapping[str, str] | None = None
) -> Credentials | None:
    """Credentials from CYBERKG_TOKEN, or a user (given or CYBERKG_USER) with CYBERKG_PASSWORD."""
    environ = os.environ if environ is None else environ
    token = environ.get(ENVIRONMENT_TOKEN)
    user = user or environ.get(ENVIRONMENT_USER)
    if user:
        password = environ.get(ENVIRONMENT_PASSWORD)
        if password is None:
            raise InputError(
                f"a user is given ({user}) but {ENVIRONMENT_PASSWORD} is not set; "
                f"put the password in that environment variable"
            )
        return Credentials(user=user, password=password)
    if token:
        return Credentials(token=token)
    return None


def public_url(url: str) -> str:
    """The URL as it may be shown: any user:password@ part removed."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL before a request is made."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{public_url(url)!r} is not an http:// or https:// URL of a SPARQL endpoint")
    if parts.username is not None or parts.password is not None:
        raise InputError(
            f"{public_url(url)}: put credentials in {ENVIRONMENT_USER} and "
            f"{ENVIRONMENT_PASSWORD} (or {ENVIRONMENT_TOKEN}), not in the URL"
        )


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def is_loopback(url: str) -> bool:
    """Whether the URL's host is this machine (localhost, 127.0.0.0/8, ::1)."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_text_warning(url: str, credentials: Credentials | None) -> str | None:
    """A warning when credentials would go over plain http to another machine, else None."""
    if credentials is None or urllib.parse.urlsplit(url).scheme != "http" or is_loopback(url):
        return None
    what = "the token" if credentials.token else "the password"
    return f"{what} for {public_url(url)} goes over plain http, readable on the way; use https"


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed only within the endpoint's own scheme, host and port when credentials are sent.

    urllib would carry the Authorization header to wherever a server redirects; a redirect to
    another host (or from https to http) is refused instead, with a message naming both URLs.
    """

    def __init__(self, endpoint: str) -> None:
        super().__init__()
        self.endpoint = endpoint

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        has_credentials = req.has_header("Authorization") or req.has_header("Proxy-authorization")
        if has_credentials and _origin(newurl) != _origin(self.endpoint):
            raise EndpointError(
                f"endpoint {public_url(self.endpoint)} redirected to {public_url(newurl)} (HTTP {code}), another "
                f"host or scheme; not followed, so that the credentials are not sent there (give that URL as the "
                f"endpoint if you trust it)"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def open_request(request: urllib.request.Request, endpoint: str, timeout: float) -> Any:
    """Open a urllib request; redirects keep credentials to the endpoint's own host (:class:`SameOriginRedirects`)."""
    opener = urllib.request.build_opener(SameOriginRedirects(endpoint))
    return opener.open(request, timeout=timeout or None)


def within_deadline(work: Callable[[], T], endpoint: str, timeout: float) -> T:
    """``work()`` (one whole request: connection, sending, the answer to its last byte) bounded by ``timeout``.

    A socket timeout bounds each wait for a byte, so a server that trickles one byte a second
    keeps a request going for ever; this bounds the whole. The request runs in a daemon thread;
    past the deadline it is abandoned (its socket times out or closes with the process) and an
    EndpointError raised. A timeout of 0 means no limit.
    """
    if not timeout:
        return work()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name="cyberkg-request", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise EndpointError(
            f"endpoint {public_url(endpoint)} did not answer within {timeout:g} s "
            "(timed out; raise --timeout if the server is slow)"
        )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# How much of the server's own explanation an error message keeps.
DETAIL_CHARACTERS = 300

_STATUS_MEANING = {
    400: "rejected the request as malformed (HTTP 400 Bad Request)",
    401: (
        f"refused the credentials (HTTP 401 Unauthorized; set {ENVIRONMENT_USER} and "
        f"{ENVIRONMENT_PASSWORD}, or {ENVIRONMENT_TOKEN})"
    ),
    403: "forbids this request (HTTP 403 Forbidden)",
    404: "has nothing at this URL (HTTP 404 Not Found; check the endpoint URL)",
    405: "does not accept this request at this URL (HTTP 405 Method Not Allowed; check the endpoint URL)",
    414: "found the request too long (HTTP 414 URI Too Long)",
    415: "does not accept this content type (HTTP 415 Unsupported Media Type)",
}


def status_message(status: int, reason: str = "", detail: str = "") -> str:
    """What an HTTP error status means, in words."""
    if status in _STATUS_MEANING:
        message = _STATUS_MEANING[status]
    elif status >= 500:
        message = f"failed on the server side (HTTP {status}{' ' + reason if reason else ''})"
    else:
        message = f"answered HTTP {status}{' ' + reason if reason else ''}"
    detail = " ".join(_plain_text(detail).split())[:DETAIL_CHARACTERS]
    return f"{message}: {detail}{_advice(detail)}" if detail and _says_why(status) else message


# What a store's own error code means for the person using it: (code in the server's words, what to do).
_ADVICE = (
    (
        "SR325",
        "Virtuoso's TransactionAfterImageLimit, under [Parameters] in virtuoso.ini, caps what one transaction "
        "may write; its administrator can raise it for a write this large",
    ),
    (
        "SR171",
        "Virtuoso's MaxQueryExecutionTime, under [SPARQL] in virtuoso.ini, limits how long one request may run; "
        "its administrator can raise it, or set it to 0 for no limit",
    ),
)


def _advice(reason: str) -> str:
    """What to do about a failure a store names by its own code, as a clause to append ('' when none is known)."""
    return "".join(f" ({advice})" for code, advice in _ADVICE if code in reason)


def _says_why(status: int) -> bool:
    """Whether the server's own words are kept: a malformed request (400) or a failure on its side (5xx)."""
    return status == 400 or status >= 500


def _plain_text(body: str) -> str:
    """The text of an error page: an HTML body loses its markup (a server's own error page), other bodies stay."""
    if not body.lstrip().startswith("<"):
        return body
    import lxml.etree
    import lxml.html

    try:
        return str(lxml.html.fromstring(body).text_content())
    except (lxml.etree.ParserError, ValueError):
        return body


def _status_of(error: BaseException) -> int | None:
    if isinstance(error, urllib.error.HTTPError):
        return error.code
    # SPARQLWrapper turns some statuses into its own exceptions.
    return {
        "QueryBadFormed": 400,
        "Unauthorized": 401,
        "EndPointNotFound": 404,
        "URITooLong": 414,
        "EndPointInternalError": 500,
    }.get(type(error).__name__)


def _response_text(error: BaseException) -> str:
    """The body of an error response, as far as it can be read."""
    if isinstance(error, urllib.error.HTTPError):
        try:
            return error.read(2000).decode("utf-8", "replace")
        except OSError:
            return ""
    # SPARQLWrapper's exceptions end with "Response:\n" and the repr of the body bytes.
    text = str(error)
    if "Response:" not in text:
        return ""
    body = text.split("Response:", 1)[1].strip()
    try:
        value = ast.literal_eval(body)
    except (ValueError, SyntaxError):
        return body
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _socket_reason(error: BaseException) -> BaseException:
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        return error.reason
    return error


def failure(endpoint: str, error: BaseException, timeout: float) -> EndpointError:
    """One EndpointError naming the endpoint and what happened."""
    where = f"endpoint {public_url(endpoint)}"
    status = _status_of(error)
    if status is not None:
        detail = _response_text(error) if _says_why(status) else ""
        reason = getattr(error, "reason", "") if isinstance(error, urllib.error.HTTPError) else ""
        return EndpointError(f"{where} {status_message(status, str(reason or ''), detail)}")
    reason = _socket_reason(error)
    if isinstance(reason, TimeoutError):
        return EndpointError(
            f"{where} did not answer within {timeout:g} s (timed out; raise --timeout if the server is slow)"
        )
    if isinstance(reason, ConnectionRefusedError):
        return EndpointError(f"{where} refused the connection (is the server running on this host and port?)")
    if isinstance(reason, socket.gaierror):
        return EndpointError(f"{where}: the host name could not be resolved")
    if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
        return EndpointError(f"{where} closed the connection before answering")
    if isinstance(reason, http.client.HTTPException):
        return EndpointError(f"{where} did not answer in HTTP ({type(reason).__name__})")
    if isinstance(reason, OSError):
        return EndpointError(f"{where} could not be reached ({reason.strerror or reason})")
    return EndpointError(f"{where} failed: {type(error).__name__}")


def is_transient(error: BaseException) -> bool:
    """Whether trying the same read again later may succeed."""
    status = _status_of(error)
    if status is not None:
        return status in TRANSIENT_STATUS
    reason = _socket_reason(error)
    if isinstance(reason, TimeoutError):
        return False  # a slow query stays slow; the user raises --timeout instead
    return isinstance(reason, ConnectionRefusedError | ConnectionResetError | http.client.RemoteDisconnected)


def with_retries(
    read: Callable[[], T],
    endpoint: str,
    timeout: float,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run a read; retry a transient failure at most ``retries`` times, pausing backoff, 2×backoff, ..."""
    for attempt in range(retries + 1):
        try:
            return read()
        except EndpointError:
            raise
        except Exception as error:  # noqa: BLE001 - every failure becomes one EndpointError
            if attempt < retries and is_transient(error):
                sleep(backoff * (2**attempt))
                continue
            raise failure(endpoint, error, timeout) from None
    raise AssertionError("unreachable")  # pragma: no cover
