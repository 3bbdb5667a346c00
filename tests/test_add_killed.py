"""A real ``cyberkg add`` killed with SIGKILL while it writes into ``graph/``.

The add runs as a process of its own on a file of about 40 MB (long comments on a few dozen nodes: quick
to validate, slow to write and flush). The test watches ``graph/`` until the add's temporary file appears,
which happens only once validation is over and the write has begun, and kills the process at once. Then
``graph/`` must hold the whole graph as it was, or as it was plus the whole new file, never part of it; the
graph must conform; and the next add removes the temporary file the killed one left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cyberkg.cli import main
from cyberkg.validation.adding import ORPHAN

LATER = Path(__file__).parent / "shapes" / "later"
ARGENTINA = LATER / "argentina-accession-ets-185.ttl"
NOTE = "A long note written to make the file large, so that writing it takes a while. " * 6500  # ~0.5 MB


def _files(graph: Path) -> dict[str, bytes]:
    """Every file under graph/ except the temporary files of a write, by relative path."""
    return {
        str(path.relative_to(graph)): path.read_bytes()
        for path in sorted(graph.rglob("*"))
        if path.is_file() and not ORPHAN.match(path.name)
    }


def _temporary_files(graph: Path) -> list[str]:
    return sorted(path.name for path in graph.iterdir() if ORPHAN.match(path.name))


def test_a_kill_during_the_write_leaves_graph_whole_and_the_next_add_removes_the_leftover(project, tmp_path, capsys):
    big = tmp_path / "bulk-notes.ttl"
    big.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + "".join(f'<https://w3id.org/cyberkg/id/note/bulk-{i:02d}> rdfs:comment "{NOTE}"@en .\n' for i in range(80)),
        encoding="utf-8",
    )
    graph = project / "graph"
    before = _files(graph)
    assert main(["validate"]) == 0
    verdict = capsys.readouterr().out.splitlines()[-1]
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg", "--root", str(project), "add", "--engine", "fast", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    seen: list[str] = []
    deadline = time.monotonic() + 600
    while not seen and process.poll() is None and time.monotonic() < deadline:
        seen = _temporary_files(graph)
    if seen:
        os.kill(process.pid, signal.SIGKILL)
    _, err = process.communicate(timeout=60)
    assert (len(seen), process.returncode, err) == (1, -signal.SIGKILL, b"")  # killed while writing

    after = _files(graph)
    with_file = {**before, big.name: big.read_bytes()}
    # Killed before the rename: the graph as it was, and the temporary file. Killed just after the new
    # name was linked: the whole file, and the temporary one too or not (it is unlinked right after).
    state = ("as before" if after == before else "with the whole file" if after == with_file else "torn",)
    state += ("temporary file left" if _temporary_files(graph) == seen else "no temporary file",)
    assert state in {
        ("as before", "temporary file left"),
        ("with the whole file", "temporary file left"),
        ("with the whole file", "no temporary file"),
    }

    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == verdict
    assert verdict.endswith("; conforms.")

    assert main(["add", str(ARGENTINA)]) == 0
    removed = [f"Removed {graph / name}, a temporary file left by an interrupted add." for name in seen]
    added = [f"Added {ARGENTINA} as {graph / ARGENTINA.name}."]
    left = state[1] == "temporary file left"
    assert capsys.readouterr().out.splitlines() == ([*removed, *added] if left else added)
    assert _temporary_files(graph) == []
    assert _files(graph) == {**after, ARGENTINA.name: ARGENTINA.read_bytes()}
