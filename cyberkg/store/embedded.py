"""The graph every command reads by default: loaded in memory, or reopened from a saved store folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import open_saved_store

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


def embedded_store(location: Path | None = None) -> pyoxigraph.Store:
    """The ontology and curated graph: loaded in memory, or reopened from a saved store folder.

    With ``location`` the graph is kept on disk there (see :mod:`cyberkg.store.saved`):
    built on first use, reopened in milliseconds while the files are unchanged, rebuilt when
    they change. The store is then read-only.
    """
    if location is None:
        return load_store()
    return open_saved_store(location, data_files())
