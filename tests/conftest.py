"""Fixtures shared across the test suite: the merged graph, loaded once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


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
