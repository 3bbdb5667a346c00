"""An on-disk copy of the graph, built once and reopened while its files are unchanged.

Loading a million triples from Turtle takes seconds on every command; reopening an
on-disk Oxigraph store takes milliseconds. A *saved store folder* holds one such
store per set of input files (a checkout), for their current state::

    LOCATION/
        store-3fa0c1d2-1f0c2a9e4b7d3e55/   the Oxigraph (RocksDB) store of the files as they are now

The first part of the name is a digest of the folder the files live in (so two
checkouts can share LOCATION without removing each other's store), the second a digest
of the files' paths, sizes and modification times and of the pyoxigraph version, so an
edited, added or removed file gives a new name and the store is rebuilt; the store of
the same files' earlier state is removed once the new one is in place. A store is built
under a temporary name and renamed when complete, so a command that is stopped halfway
leaves no store that looks finished (its temporary folder is cleared by the next run),
and two commands racing to build the same state both end with a complete one. A store
that no longer opens (damaged) is rebuilt once.

Queries on the on-disk store are slower than in memory (about four times for the
library queries at 1M triples, see the benchmark), so this pays when a command would
otherwise spend longer loading than querying.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.progress import Progress

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

STORE_PREFIX = "store-"
BUILDING_PREFIX = ".building-"
# The cache folder also holds the record and log of a warm server (cyberkg.store.warm_record), and their
# temporary files while they are written: a saved store folder may hold these beside its stores.
WARM_PREFIX = "warm-"
_BESIDE_STORES = (WARM_PREFIX, "." + WARM_PREFIX)
# The cache folder also holds the record and log of a warm server (cyberkg.store.warm_record), and their
# temporary files while they are written: a saved store folder may hold these beside its stores.
WARM_PREFIX = "warm-"
_BESIDE_STORES = (WARM_PREFIX, "." + WARM_PREFIX)
# Files that Oxigraph (RocksDB) writes at the top of a store folder: a folder holding them is a
# bare store, such as the ones `serve --location` made before saved store folders existed.
_BARE_STORE_FILES = ("CURRENT", "IDENTITY")


def _digest(value: object, length: int) -> str:
    return hashlib.sha256(json.dumps(value).encode("utf-8")).hexdigest()[:length]


def source_prefix(files: Sequence[Path]) -> str:
    """The first part of a store's name: which files (by the folder they share) the store is of."""
    paths = [str(path.resolve()) for path in files]
    common = os.path.commonpath(paths) if paths else ""
    return f"{STORE_PREFIX}{_digest(common, 8)}-"


def state_key(files: Sequence[Path]) -> str:
    """The name of the store for these files as they are now: source, then paths, sizes, times, engine."""
    import pyoxigraph

    described = []
    for path in files:
        try:
            status = path.stat()
        except OSError:
            raise InputError("no such file", path) from None
        described.append([str(path.resolve()), status.st_size, status.st_mtime_ns])
    state = {"layout": 1, "pyoxigraph": pyoxigraph.__version__, "files": described}
    return source_prefix(files) + _digest(state, 16)


def open_saved_store(location: Path, files: Sequence[Path], progress: Progress | None = None) -> pyoxigraph.Store:
    """The store of ``files`` kept in ``location``, opened read-only (see :func:`saved_store_folder`).

    A store that does not open (a damaged folder) is removed and built again, once. ``progress``
    is told the bytes read while a store is built.
    """
    target = saved_store_folder(location, files, progress)
    try:
        return _open_read_only(target)
    except InputError:
        shutil.rmtree(target, ignore_errors=True)
        return _open_read_only(saved_store_folder(location, files, progress))


def _open_read_only(target: Path) -> pyoxigraph.Store:
    import pyoxigraph

    try:
        return pyoxigraph.Store.read_only(str(target))
    except (OSError, RuntimeError) as error:
        raise InputError(f"cannot open the saved store ({error}); remove this folder", target) from None


def saved_store_folder(location: Path, files: Sequence[Path], progress: Progress | None = None) -> Path:
    """The Oxigraph store folder of ``files`` as they are now, inside ``location``; built first if missing.

    ``location`` must be missing, empty, or a saved store folder made here: any other
    folder is refused, so that no one's files are mixed with a database. A file that
    does not parse raises InputError (file, line, column) and leaves the folder as it was;
    so does a folder that cannot be written.
    """
    key = state_key(files)
    target = location / key
    try:
        _check_folder(location)
        if not target.is_dir():
            _build(location, key, files, progress)
        _remove_earlier_states(location, key, source_prefix(files))
    except OSError as error:
        raise InputError(f"cannot use this folder for the saved store: {error.strerror or error}", location) from None
    return target


def _check_folder(location: Path) -> None:
    if location.exists() and not location.is_dir():
        raise InputError("not a folder", location)
    if not location.exists():
        return
    names = [entry.name for entry in location.iterdir()]
    if any(name in names for name in _BARE_STORE_FILES):
        raise InputError(
            "this folder holds a bare Oxigraph store (as `serve --location` made before "
            "saved store folders); remove it or give a new folder",
            location,
        )
    foreign = [name for name in names if not name.startswith((STORE_PREFIX, BUILDING_PREFIX, *_BESIDE_STORES))]
    if foreign:
        raise InputError(f"not a saved store folder (it holds {foreign[0]!r}); give an empty or new folder", location)


def _build(location: Path, key: str, files: Sequence[Path], progress: Progress | None = None) -> None:
    """Bulk-load ``files`` into a temporary folder, then rename it to ``key``."""
    from cyberkg.store.loading import load_store

    location.mkdir(parents=True, exist_ok=True)
    building = location / f"{BUILDING_PREFIX}{key}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        store = load_store(files, location=building, progress=progress)
        store.flush()
        # Compacting once at build time makes later queries faster (by a quarter to a half at 1M
        # triples, for 1.7 s more building), and the store is never written again.
        store.optimize()
        del store  # closes the database before it is renamed
        try:
            building.rename(location / key)
        except OSError:
            if not (location / key).is_dir():
                raise
            # Another command built the same state meanwhile: keep theirs.
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _remove_earlier_states(location: Path, key: str, prefix: str) -> None:
    """Remove stores of earlier states of the same files, and builds left by commands that were stopped.

    Stores of other files (another checkout sharing the folder) and builds still running are kept.
    """
    for entry in location.iterdir():
        if entry.name == key:
            continue
        if entry.name.startswith(BUILDING_PREFIX):
            if _builder_is_running(entry.name):
                continue
        elif not entry.name.startswith(prefix):
            continue
        shutil.rmtree(entry, ignore_errors=True)


def _builder_is_running(name: str) -> bool:
    pid_text = name.rsplit("-", 1)[-1]
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
