"""Fixtures shared across the test suite: the merged graph, loaded once per session."""

from __future__ import annotations

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
