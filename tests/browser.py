"""Open a page in headless Chromium, offline, and report console errors and network requests.

A reusable helper for tests of generated HTML. Chromium is driven over the
DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON messages ending
in NUL on file descriptors 3 and 4), so no driver or websocket package is
needed. Every host name resolves to nothing and every proxy is unreachable,
so a page that needs the network fails loudly instead of quietly fetching.

Usage::

    report = open_page(path.as_uri())
    assert report.console_errors == []
    assert report.failed_requests == []
    assert [url for url in report.requests if not url.startswith(("file:", "data:"))] == []

Debian's Chromium is installed by the set-up (``make browser``, part of
``make test``), never by a test. The browser runs
with a fresh profile in a temporary folder and is stopped by process id.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")  # Debian's launcher script, installed with the package
CHROMIUM_BINARY = Path("/usr/lib/chromium/chromium")  # the browser itself, run directly to keep fds 3 and 4
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    # Offline: no name resolves and no proxy answers.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--remote-debugging-pipe",
)


@dataclass
class PageReport:
    """What happened while a page loaded: console errors, uncaught exceptions, requests made and failed."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    loaded: bool = False
    values: list[Any] = field(default_factory=list)  # what each of the ``evaluate`` expressions gave, in order
    urls_by_request: dict[str, str] = field(default_factory=dict, repr=False)


def ensure_chromium() -> Path:
    """The Chromium binary, installed from Debian if it is missing."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium (make test does)")
    return CHROMIUM


class _Pipe:
    """The DevTools protocol over Chromium's debugging pipe."""

    def __init__(self, to_browser: int, from_browser: int) -> None:
        self.to_browser = os.fdopen(to_browser, "wb", buffering=0)
        self.from_browser = os.fdopen(from_browser, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self.to_browser.write(json.dumps(message).encode("utf-8") + b"\0")
        return self.next_id

    def receive(self, timeout: float = 30.0) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.from_browser], [], [], timeout)
            if not ready:
                raise TimeoutError(f"Chromium did not answer within {timeout} s")
            chunk = self.from_browser.read(65536)
            if not chunk:
                raise RuntimeError("Chromium closed its debugging pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        """Send a command and wait for its answer, keeping the events that arrive meanwhile."""
        wanted = self.send(method, params, session)
        while True:
            message = self.receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def close(self) -> None:
        self.to_browser.close()
        self.from_browser.close()


def open_page(
    url: str,
    timeout: float = 60.0,
    settle: float = 1.0,
    allow_loopback: bool = False,
    evaluate: tuple[str, ...] = (),
    size: tuple[int, int] = (1280, 800),
) -> PageReport:
    """Load ``url`` in headless Chromium and report what went wrong, waiting ``settle`` s after load.

    Each of ``evaluate`` (JavaScript expressions, run in order after the page settled, in a window of
    ``size`` pixels) adds its value to ``report.values``; an exception it throws is a console error.
    ``allow_loopback`` lets the page reach 127.0.0.1 (a server the test started); every other host stays
    unreachable.
    """
    ensure_chromium()
    profile = tempfile.mkdtemp(prefix="cyberkg-chromium-")
    # fds 3 and 4 of the child: Chromium reads commands from 3 and writes to 4.
    command_read, command_write = os.pipe()
    answer_read, answer_write = os.pipe()

    def _child_fds() -> None:
        # Move both ends out of the way first, so that neither dup2 clobbers the other.
        high_read = fcntl.fcntl(command_read, fcntl.F_DUPFD, 10)
        high_write = fcntl.fcntl(answer_write, fcntl.F_DUPFD, 10)
        os.dup2(high_read, 3)
        os.dup2(high_write, 4)

    flags = CHROMIUM_FLAGS
    if allow_loopback:
        flags = tuple(
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
            if flag.startswith("--host-resolver-rules")
            else flag
            for flag in flags
            if not flag.startswith("--proxy-bypass-list")
        )
    process = subprocess.Popen(
        [str(CHROMIUM_BINARY), *flags, f"--user-data-dir={profile}", "about:blank"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # close_fds=False: fds 3 and 4 are set up in the child after the fork and must survive exec.
        preexec_fn=_child_fds,
        close_fds=False,
    )
    os.close(command_read)
    os.close(answer_write)
    pipe = _Pipe(command_write, answer_read)
    report = PageReport()
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            pipe.call(f"{domain}.enable", session=session)
        pipe.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        pipe.events.clear()
        pipe.call("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + timeout
        settled_at: float | None = None
        while time.monotonic() < deadline:
            while pipe.events:
                _record(pipe.events.pop(0), report)
            if report.loaded and settled_at is None:
                settled_at = time.monotonic() + settle
            if settled_at is not None and time.monotonic() >= settled_at:
                break
            # A cheap command round trip, so that events keep flowing while we wait.
            pipe.call("Runtime.evaluate", {"expression": "document.readyState"}, session=session)
            time.sleep(0.05)
        for expression in evaluate:
            answer = pipe.call(
                "Runtime.evaluate",
                {"expression": expression, "returnByValue": True, "awaitPromise": True},
                session=session,
            )
            if "exceptionDetails" in answer:
                report.console_errors.append(f"evaluate {expression!r}: {answer['exceptionDetails'].get('text')}")
            report.values.append(answer.get("result", {}).get("value"))
        while pipe.events:
            _record(pipe.events.pop(0), report)
        try:
            pipe.send("Browser.close")
        except OSError:
            pass
    finally:
        pipe.close()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return report


def _record(event: dict[str, Any], report: PageReport) -> None:
    method, params = event.get("method"), event.get("params", {})
    if method == "Page.loadEventFired":
        report.loaded = True
    elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
        report.console_errors.append(f"console.{params.get('type')}: {text}")
    elif method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        report.console_errors.append(
            f"exception: {details.get('exception', {}).get('description')} ({details.get('text')})"
        )
    elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        text = f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}"
        report.console_errors.append(text.strip())
    elif method == "Network.requestWillBeSent":
        url = params.get("request", {}).get("url", "")
        report.requests.append(url)
        report.urls_by_request[params.get("requestId", "")] = url
    elif method == "Network.loadingFailed":
        url = report.urls_by_request.get(params.get("requestId", ""), "?")
        report.failed_requests.append(f"{url}: {params.get('errorText')}")
