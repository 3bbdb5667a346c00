"""A large graph kept as an on-disk copy in the user's cache folder, reopened while the files are unchanged.

Commands open a large graph through a warm server by default (:mod:`cyberkg.store.warm_choice`); this
on-disk copy is the way when they do not (``CYBERKG_WARM=off``, too little memory, a server that does not
start) and for library calls.

Parsing Turtle into memory costs about 4-5 s per million triples on every command, and
no faster dump helps: filling an in-memory Oxigraph store from N-Quads (plain or bulk
load, strict or lenient) took as long as from Turtle at 1M triples, because building the
indexes, not parsing, is the cost (see ``docs/performance.md``). Reopening an on-disk
store takes milliseconds. So when the data files pass :data:`LARGE_GRAPH_BYTES`, the
graph is kept as a saved store (:mod:`cyberkg.store.saved`) in a cache folder::

    $CYBERKG_CACHE, or the user's cache folder (e.g. ~/.cache/cyberkg)/stores/
        store-<checkout digest>-<files' state digest>/

keyed by the files' paths, sizes and modification times, so an edited file gives a new
store and the old one is removed. The first command pays the build (a progress callback
reports the bytes read); later ones reopen it. Small graphs keep parsing Turtle in
memory, where queries are fastest. ``--location`` stays the explicit choice of folder.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.progress import Progress
from cyberkg.store.variables import number_variable

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

CACHE_VARIABLE = "CYBERKG_CACHE"
THRESHOLD_VARIABLE = "CYBERKG_LARGE_GRAPH_MB"
# 20 MB of Turtle is about 350k triples of the synthetic graph: about 1.5 s to parse into memory.
LARGE_GRAPH_BYTES = 20 * 1024 * 1024
OFF = "off"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedOpening:
    """A store opened from the cache, where it came from, and whether this command built it."""

    store: pyoxigraph.Store
    folder: Path
    built: bool


def cache_folder(environment: Mapping[str, str] | None = None) -> Path | None:
    """Where cached stores live: ``$CYBERKG_CACHE``, else the user's cache folder; None if it is ``off``."""
    named = (os.environ if environment is None else environment).get(CACHE_VARIABLE)
    if named:
        return None if named.strip().lower() == OFF else Path(named)
    import platformdirs

    return Path(platformdirs.user_cache_dir("cyberkg")) / "stores"


def large_graph_bytes(environment: Mapping[str, str] | None = None) -> int:
    """The size of data files from which a graph is cached: ``$CYBERKG_LARGE_GRAPH_MB`` or the default."""
    megabytes = number_variable(
        THRESHOLD_VARIABLE, "megabytes", LARGE_GRAPH_BYTES / (1024 * 1024), environment, allow_zero=True
    )
    threshold = megabytes * 1024 * 1024
    return int(threshold) if threshold < sys.maxsize else sys.maxsize  # inf, or too large: never


def total_bytes(files: Sequence[Path]) -> int:
    """The size of the files in bytes (a missing file counts nothing: loading reports it)."""
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def should_cache(files: Sequence[Path], environment: Mapping[str, str] | None = None) -> bool:
    """Whether these files make a large graph, kept in the cache rather than parsed on every command.

    ``environment`` is read instead of this process's (for a command run with another one).
    """
    return cache_folder(environment) is not None and total_bytes(files) >= large_graph_bytes(environment)


def open_cached_store(files: Sequence[Path], progress: Progress | None = None) -> CachedOpening:
    """The store of ``files`` from the cache folder, built first if the files changed or it is missing."""
    from cyberkg.store.saved import open_saved_store, state_key

    folder = cache_folder()
    if folder is None:
        raise InputError(f"the store cache is turned off (${CACHE_VARIABLE}={OFF})")
    target = folder / state_key(files)
    built = not target.is_dir()
    if built:
        logger.info("building the cached store %s from %d files", target, len(files))
    else:
        logger.info("reopening the cached store %s", target)
    store = open_saved_store(folder, files, progress=progress)
    return CachedOpening(store=store, folder=target, built=built)
