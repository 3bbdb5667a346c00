"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomically(path: Path, data: bytes | str, *, overwrite: bool = True, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    With ``overwrite=False`` an existing file is never replaced (FileExistsError),
    and the check and the rename are one step (a hard link), so two writers
    cannot both win. ``mode`` (e.g. 0o600) is the file's mode from the start; by
    default the mode a plain ``open()`` would give.
    """
    write_chunks_atomically(path, (data,), overwrite=overwrite, mode=mode)


def write_chunks_atomically(
    path: Path, chunks: Iterable[bytes | str], *, overwrite: bool = True, mode: int | None = None
) -> None:
    """Write ``chunks`` one after the other to ``path``, as each comes, then rename: see :func:`write_atomically`.

    Only one chunk is held at a time, so a file larger than memory can be written. If
    the iterator raises, the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600; give the mode asked for, or the one a plain open() would.
        os.fchmod(fd, 0o666 & ~_current_umask() if mode is None else mode)
        with os.fdopen(fd, "wb", buffering=0) as handle:  # each chunk goes to the file before the next is asked for
            for chunk in chunks:
                _write_whole(handle.fileno(), chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails with FileExistsError if path exists
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_whole(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
