"""Writing a command's output file (``-o``): atomically when it is a regular file, as it is otherwise.

- ``-`` is standard output;
- a path that names a FIFO, a device (``/dev/null``, a terminal) or a socket is opened and
  written into: it is never replaced by a regular file (a rename would put a file where
  the pipe or device was, or fail for want of rights on its folder);
- anything else (a new file, a regular file) is written atomically through
  :func:`cyberkg.atomic.write_atomically`, so a reader sees the old file or the new one.

A failure is one :class:`~cyberkg.errors.InputError` naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from cyberkg.atomic import write_atomically
from cyberkg.errors import InputError

STANDARD_OUTPUT = "-"


def is_standard_output(path: Path | str) -> bool:
    return str(path) == STANDARD_OUTPUT


def is_special_file(path: Path | str) -> bool:
    """Whether ``path`` exists and is not a regular file or a folder (a FIFO, a device, a socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_output(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` to the output ``path``: standard output, into a FIFO or device, or atomically to a file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if is_standard_output(path):
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        elif is_special_file(path):
            _write_into(Path(path), payload)
        else:
            write_atomically(Path(path), payload)
    except OSError as error:
        raise InputError(_reason(error, Path(path)), path) from None


def _write_into(path: Path, payload: bytes) -> None:
    """Open the FIFO or device as it is (no creation, no truncation) and write the whole payload."""
    handle = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(handle, view)
            view = view[written:]
    finally:
        os.close(handle)


def _reason(error: OSError, path: Path) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        where = "this file" if path.exists() else "its folder"
        return f"cannot write the output here: permission denied on {where}"
    if error.errno == errno.ENOENT:
        return "cannot write the output here: the folder does not exist"
    if error.errno == errno.EISDIR:
        return "cannot write the output here: it is a folder"
    if error.errno == errno.EPIPE:
        return "cannot write the output: the reader of the pipe has gone"
    return f"cannot write the output: {error.strerror or error}"
