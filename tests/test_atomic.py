"""Atomic writes: whole files, the usual permissions, no leftovers, no overwrite when asked not to."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cyberkg.atomic import write_atomically


def test_writes_whole_file_with_the_mode_open_would_give(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomically(target, "hello\n")
    assert target.read_text() == "hello\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_refuses_to_overwrite_and_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(FileExistsError):
        write_atomically(target, b"new", overwrite=False)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_replaces_when_allowed(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
