"""The graph every command reads by default: chosen by size, or reopened from a named saved store folder.

- small graphs (data files under :data:`~cyberkg.store.cache.LARGE_GRAPH_BYTES`): Turtle parsed in memory;
- large graphs, from a command: a warm server (:mod:`cyberkg.store.warm`) that the first command starts
  and waits for (it loads the graph into memory once), used by the commands after it, stopped when
  unused for half an hour (:mod:`cyberkg.store.warm_choice` says when one is started);
- large graphs otherwise (a library call, ``CYBERKG_WARM=off``, too little memory, a server that did
  not start): the on-disk copy in the cache folder (:mod:`cyberkg.store.cache`), built by the first
  command and reopened by the next ones while the files are unchanged;
- ``--location DIR``: the saved store in that folder (:mod:`cyberkg.store.saved`).

Before any of these (but never with ``--location``), a warm server running for the files as they are
now is used, whatever the size (``CYBERKG_WARM=off`` turns that off). The store layer does not start
servers itself: a command passes ``start_warm``, which does (:func:`cyberkg.endpoint.warming.start_warm`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cyberkg.errors import EndpointError
from cyberkg.progress import Progress
from cyberkg.store.cache import open_cached_store, should_cache
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import open_saved_store
from cyberkg.store.warm import warm_store
from cyberkg.store.warm_choice import should_start_warm

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

logger = logging.getLogger(__name__)

# Starts a warm server for the data files as they are now and returns once it answers (told the bytes it has
# read as it loads); raises EndpointError if it does not start.
WarmStarter = Callable[[Progress | None], object]


def embedded_store(
    location: Path | None = None,
    progress: Progress | None = None,
    start_warm: WarmStarter | None = None,
    warn: Callable[[str], None] | None = None,
) -> pyoxigraph.Store:
    """The ontology and curated graph: in memory, from the cache, or from a saved store folder.

    With ``location`` the graph is kept on disk there (see :mod:`cyberkg.store.saved`):
    built on first use, reopened in milliseconds while the files are unchanged, rebuilt when
    they change. Without it, the warm server's graph if one runs for these files, else a large
    graph kept the same way in the cache folder. An on-disk store and the warm server's graph are
    read-only. ``progress`` is told the bytes read while an on-disk store is built, or while a warm server
    loads. With ``start_warm``, a large graph with no server yet gets one (when memory allows), started by it;
    if it does not start, ``warn`` is told why once the on-disk store has opened instead (default: a log warning).
    """
    files = data_files()
    if location is not None:
        return open_saved_store(location, files, progress)
    warm = warm_store(files)
    if warm is not None:
        # It answers the reading part of Store's API that commands use (query, quads_for_pattern, len).
        return cast("pyoxigraph.Store", warm)
    if should_cache(files):
        if start_warm is not None and should_start_warm(files):
            try:
                start_warm(progress)
            except EndpointError as error:
                # A data file that does not parse stops the server and the on-disk store alike: said once, below.
                opened = open_cached_store(files, progress).store
                message = f"{error}; the on-disk store of the cache was opened instead"
                if warn is None:
                    logger.warning("%s", message)
                else:
                    warn(message)
                return opened
            else:
                warm = warm_store(files)
                if warm is not None:
                    return cast("pyoxigraph.Store", warm)
        return open_cached_store(files, progress).store
    return load_store(files)
