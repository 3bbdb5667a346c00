"""Helpers shared by the tests of limits: a fake SPARQL endpoint on 127.0.0.1, and whether a process runs."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path


def is_running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie does not count)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


class FakeEndpoint:
    """A SPARQL endpoint on 127.0.0.1 that answers every query with one label, and counts the queries."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        state = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                state.requests.append(self.command + " " + self.rfile.read(length).decode("utf-8", "replace"))
                body = json.dumps(
                    {
                        "head": {"vars": ["thing", "label"]},
                        "results": {
                            "bindings": [
                                {
                                    "thing": {"type": "uri", "value": "http://example.org/thing"},
                                    "label": {"type": "literal", "value": "a label from afar"},
                                }
                            ]
                        },
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
