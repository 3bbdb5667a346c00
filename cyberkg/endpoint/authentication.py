"""Answering a store's authentication challenge: HTTP Basic, or Digest where the server asks for it.

With a user and password, one request without credentials first asks the server which scheme it
wants (the ``WWW-Authenticate`` header of its 401 answer). Digest (Virtuoso's protected endpoints)
is answered with the header httpx's :class:`httpx.DigestAuth` computes for that challenge, so the
password never crosses the wire; otherwise the Basic header is sent as before. A bearer token is
sent as it is, without asking.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from cyberkg.endpoint.transport import Credentials

CHALLENGE_HEADER = "WWW-Authenticate"


def ask_challenge(url: str, timeout: float) -> str | None:
    """The server's ``WWW-Authenticate`` challenge for ``url`` (a HEAD without credentials), or None."""
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            return None
    except urllib.error.HTTPError as error:
        return error.headers.get(CHALLENGE_HEADER) if error.code == 401 else None
    except OSError:
        return None  # the real request reports what is wrong with the connection


def is_digest(challenge: str | None) -> bool:
    return challenge is not None and challenge.strip().lower().startswith("digest")


def digest_authorization(credentials: Credentials, method: str, url: str, challenge: str) -> str:
    """The ``Authorization`` header answering a Digest ``challenge`` for ``method`` on ``url``."""
    import httpx

    auth = httpx.DigestAuth(credentials.user or "", credentials.password or "")
    flow = auth.sync_auth_flow(httpx.Request(method, url))
    first = next(flow)
    answered = flow.send(httpx.Response(401, headers={CHALLENGE_HEADER: challenge}, request=first))
    return str(answered.headers["Authorization"])


def authorization(credentials: Credentials, method: str, url: str, timeout: float) -> str:
    """The ``Authorization`` header for one request: Digest where the server asks for it, else Basic or Bearer."""
    if credentials.token or not credentials.user:
        return credentials.authorization()
    challenge = ask_challenge(url, timeout)
    if is_digest(challenge):
        return digest_authorization(credentials, method, url, str(challenge))
    return credentials.authorization()
