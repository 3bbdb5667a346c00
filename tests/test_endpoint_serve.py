"""``cyberkg serve`` end to end: a SPARQL client can query it, Ctrl-C stops it and frees the port."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from cyberkg.endpoint.server import fill_store_folder, free_port
from cyberkg.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
PREVIOUS = Path(__file__).resolve().parent / "endpoint" / "previous.ttl"
START_LIMIT = 60.0


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, queue.Queue, int, Path]]:
    port = free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    try:
        yield process, lines, port, temp
        reader.join(15)
    finally:
        if process.poll() is None:  # the test failed before stopping it: stop it by its process id
            process.terminate()
            process.wait(15)


def test_serve_answers_a_sparql_client_and_stops_on_ctrl_c(serve, store: ox.Store) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    process, lines, port, temp = serve
    url = f"http://127.0.0.1:{port}/query"
    first = lines.get(timeout=START_LIMIT)
    assert first == f"Serving {len(store)} triples read-only. SPARQL endpoint: {url}\n"

    client = SPARQLWrapper(url)
    client.setTimeout(10)
    client.setReturnFormat(JSON)
    client.setQuery(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label WHERE { "
        "<https://w3id.org/cyberkg/id/event/2009-10-16-buenos-aires-visit> rdfs:label ?label }"
    )
    answer = client.queryAndConvert()
    assert [row["label"]["value"] for row in answer["results"]["bindings"]] == [
        "Visit to Argentina to promote accession to the Convention on Cybercrime"
    ]
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == str(len(store))

    # Read-only: an update is refused.
    import urllib.error
    import urllib.parse
    import urllib.request

    update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/update", data=update, timeout=10)

    process.send_signal(signal.SIGINT)
    assert process.wait(15) == 0
    rest = [lines.get(timeout=15) for _ in range(3)]
    assert rest == [
        f"Pages: http://127.0.0.1:{port}/index.html (every entity at http://127.0.0.1:{port}/id/...)\n",
        "Press Ctrl-C to stop.\n",
        "Stopped.\n",
    ]
    assert process.stderr.read() == ""
    # The port is free again (the server child is gone): nobody answers, and a new server could listen
    # (SO_REUSEADDR, as servers set it, so that closed connections in TIME_WAIT do not count).
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()
    assert sorted(path.name for path in temp.iterdir()) == []  # temporary store and log removed


def test_fill_store_folder_keeps_to_empty_folders_and_stores(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    assert fill_store_folder(folder, [PREVIOUS]) == 4
    assert fill_store_folder(folder, [PREVIOUS]) == 4  # refilled, not added to
    other = tmp_path / "documents"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="this folder is neither empty nor an Oxigraph store"):
        fill_store_folder(other, [PREVIOUS])
    assert sorted(path.name for path in other.iterdir()) == ["notes.txt"]


def _serve_once(location: Path, store: ox.Store) -> None:
    """Start `cyberkg serve --location`, count the triples over HTTP, stop it with Ctrl-C."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg", "serve", "--port", str(port), "--location", str(location)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
        assert lines.get(timeout=START_LIMIT).startswith(f"Serving {len(store)} triples read-only.")
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        client.setTimeout(10)
        client.setReturnFormat(JSON)
        client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == str(len(store))
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(15)


def test_serve_with_a_location_builds_the_saved_store_once_and_reuses_it(tmp_path: Path, store: ox.Store) -> None:
    from cyberkg.store.loading import data_files
    from cyberkg.store.saved import state_key

    location = tmp_path / "saved"
    _serve_once(location, store)
    state = location / state_key(data_files())
    assert sorted(path.name for path in location.iterdir()) == [state.name]
    built = state.stat().st_ino
    _serve_once(location, store)
    assert state.stat().st_ino == built  # served again from the same store, not rebuilt
    assert sorted(path.name for path in location.iterdir()) == [state.name]


def test_a_port_in_use_is_said_in_plain_words_before_loading(tmp_path: Path) -> None:
    """Issue 21: no Rust backtrace, one line, exit 2, and nothing loaded or left behind."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        temp = tmp_path / "tmp"
        temp.mkdir()
        done = subprocess.run(
            [sys.executable, "-m", "cyberkg", "serve", "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, "TMPDIR": str(temp)},
            capture_output=True,
            text=True,
            timeout=START_LIMIT,
        )
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"cyberkg: error: cannot serve on 127.0.0.1 port {port}: the address is in use (another program listens "
        "there); choose another --port, or --port 0\n",
    )
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize(
    "host, message",
    [("192.0.2.1", "this machine has no such address; give one of its own addresses to --host")],
)
def test_an_address_that_cannot_be_listened_on_is_one_plain_line(host: str, message: str) -> None:
    from cyberkg.endpoint.serving import _check_port

    with pytest.raises(InputError) as caught:
        _check_port(host, 7878)
    assert str(caught.value) == f"cannot serve on {host} port 7878: {message}"
