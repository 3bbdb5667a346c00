"""Fixtures shared across the test suite: the merged graph, loaded once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_warm_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands open the graph themselves: a warm server the developer runs (``cyberkg warm start``) is not
    used by the tests. The tests of the warm server turn it back on."""
    monkeypatch.setenv("CYBERKG_WARM", "off")


@pytest.fixture(scope="session")
def merged_graph():
    """The ontology and curated graph as one rdflib Graph (read-only: do not modify)."""
    from cyberkg.store.loading import load_graph

    return load_graph()


@pytest.fixture(scope="session")
def store():
    """The ontology and curated graph in an in-memory Oxigraph store (read-only: do not modify)."""
    from cyberkg.store.loading import load_store

    return load_store()


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Readable test ids for Turtle or SPARQL text: its lines after the prefixes, on one line, at most 60 characters."""
    if not isinstance(val, str) or ("\n" not in val and len(val) <= 60):
        return None
    lines = [
        line.strip()
        for line in val.splitlines()
        if line.strip() and not line.lstrip().lower().startswith(("@prefix", "prefix "))
    ]
    text = " / ".join(lines) or val.strip()
    return text if len(text) <= 60 else text[:59] + "…"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's data folders, made the package's root through CYBERKG_ROOT (for tests that write)."""
    root = tmp_path / "project"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    monkeypatch.setenv("CYBERKG_ROOT", str(root))
    return root


# --- the stores researchers scale to: one Oxigraph server and one Virtuoso per session -------------

PARITY_GRAPH = "https://w3id.org/cyberkg/graph/parity"
PARITY_COPY_GRAPH = "https://w3id.org/cyberkg/graph/parity-copy"


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory, store):
    """An Oxigraph server (127.0.0.1, free port) holding the merged graph in its default graph."""
    from cyberkg.endpoint.push import push_store
    from cyberkg.endpoint.server import free_port, start_server

    server = start_server(tmp_path_factory.mktemp("oxigraph-server"), "127.0.0.1", free_port(), read_only=False)
    try:
        push_store(store, server.store_url)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory, store):
    """A private Virtuoso (127.0.0.1, free ports, own database) holding the merged graph in PARITY_GRAPH.

    A copy of the same triples sits in a second named graph from the start, as in a shared store that keeps
    several versions: Virtuoso 7.2 mis-joined one form of events-timeline only once such a copy existed.
    """
    from virtuoso import start_virtuoso

    from cyberkg.endpoint.push import push_store

    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        push_store(store, server.store_url, PARITY_GRAPH)
        push_store(store, server.store_url, PARITY_COPY_GRAPH)
        yield server
    finally:
        server.stop()
