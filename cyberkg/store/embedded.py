"""The graph every command reads by default: chosen by size, or reopened from a named saved store folder.

- small graphs (data files under :data:`~cyberkg.store.cache.LARGE_GRAPH_BYTES`): Turtle parsed in memory;
- large graphs: the on-disk copy in the cache folder (:mod:`cyberkg.store.cache`), built by the first
  command and reopened by the next ones while the files are unchanged;
- ``--location DIR``: the saved store in that folder (:mod:`cyberkg.store.saved`).

Before any of these (but never with ``--location``), a warm server that the user started with
``cyberkg warm start`` for the files as they are now is used, whatever the size
(:mod:`cyberkg.store.warm`; ``CYBERKG_WARM=off`` turns that off).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from cyberkg.progress import Progress
from cyberkg.store.cache import open_cached_store, should_cache
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import open_saved_store
from cyberkg.store.warm import warm_store

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


def embedded_store(location: Path | None = None, progress: Progress | None = None) -> pyoxigraph.Store:
    """The ontology and curated graph: in memory, from the cache, or from a saved store folder.

    With ``location`` the graph is kept on disk there (see :mod:`cyberkg.store.saved`):
    built on first use, reopened in milliseconds while the files are unchanged, rebuilt when
    they change. Without it, the warm server's graph if one runs for these files, else a large
    graph kept the same way in the cache folder. An on-disk store and the warm server's graph are
    read-only. ``progress`` is told the bytes read while an on-disk store is built.
    """
    files = data_files()
    if location is not None:
        return open_saved_store(location, files, progress)
    warm = warm_store(files)
    if warm is not None:
        # It answers the reading part of Store's API that commands use (query, quads_for_pattern, len).
        return cast("pyoxigraph.Store", warm)
    if should_cache(files):
        return open_cached_store(files, progress).store
    return load_store(files)
