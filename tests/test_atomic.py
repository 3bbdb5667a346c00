"""Atomic writes: whole files, the usual permissions, no leftovers, no overwrite when asked not to; files written
chunk by chunk as the chunks come."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cyberkg.atomic import write_atomically, write_chunks_atomically


def test_writes_whole_file_with_the_mode_open_would_give(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomically(target, "hello\n")
    assert target.read_text() == "hello\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_mode_asked_for_holds_from_the_start(tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    target.write_text("old")
    target.chmod(0o644)
    write_atomically(target, "{}", mode=0o600)
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("{}", 0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


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


def test_chunks_are_written_as_they_come_and_the_file_appears_only_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    seen: list[tuple[str, list[str]]] = []

    def chunks():
        for chunk in ("one\n", b"two\n", "three\n"):
            # What the folder holds, and what the temporary file holds, when this chunk is asked for.
            files = sorted(p.name for p in tmp_path.iterdir())
            temporary = [p.read_text() for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
            seen.append((files[0][:9] if files else "", temporary))
            yield chunk

    write_chunks_atomically(target, chunks())
    assert [written for _, written in seen] == [[""], ["one\n"], ["one\ntwo\n"]]
    assert [name for name, _ in seen] == [".out.txt."] * 3
    assert target.read_text() == "one\ntwo\nthree\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_chunk_iterator_that_fails_leaves_the_old_file_and_no_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def chunks():
        yield "new, first half"
        raise RuntimeError("the producer failed")

    with pytest.raises(RuntimeError, match="the producer failed"):
        write_chunks_atomically(target, chunks())
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
