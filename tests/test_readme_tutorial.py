"""Issue 21: the README's tutorial "Add a new meeting" runs as written, on a copy of the data folders.

The commands are taken from the README's ``sh`` block and run in a shell, one by one, in a folder holding a copy
of the clone's data folders and the example file (``CYBERKG_ROOT`` makes the copy the working copy, as the clone
is for a reader); what the README shows they print is what they print.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = ROOT / "docs" / "examples" / "new-meeting.ttl"


def tutorial() -> str:
    return README.read_text(encoding="utf-8").split("## Add a new meeting: a tutorial\n", 1)[1].split("\n## ", 1)[0]


def blocks(kind: str) -> list[str]:
    return [part.split("```", 1)[0] for part in tutorial().split(f"```{kind}\n")[1:]]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    copy = tmp_path / "cyberkg"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(ROOT / folder, copy / folder)
    (copy / "docs" / "examples").mkdir(parents=True)
    shutil.copyfile(EXAMPLE, copy / "docs" / "examples" / "new-meeting.ttl")
    return copy


def run(command: str, clone: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "CYBERKG_ROOT": str(clone),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(command, shell=True, cwd=clone, env=environment, capture_output=True, text=True)


def test_the_tutorial_shows_three_commands():
    (commands,) = blocks("sh")
    assert commands.splitlines() == [
        "cyberkg validate docs/examples/new-meeting.ttl",
        "cyberkg add docs/examples/new-meeting.ttl --as octopus-2012",
        "cyberkg query search-events --param text=2012",
    ]


def test_the_tutorial_runs_as_written_and_prints_what_it_shows(clone: Path):
    (commands,) = blocks("sh")
    added_line, rows = blocks("console")
    validate, add, query = (run(command, clone) for command in commands.splitlines())
    assert (validate.returncode, validate.stdout.splitlines()[-1]) == (
        0,
        "Summary: 0 violations, 1 warning, 0 infos; conforms.",
    )
    assert add.returncode == 0
    assert add.stdout.splitlines()[-1] == added_line.strip().replace("/path/to/cyberkg", str(clone))
    assert (clone / "graph" / "octopus-2012.ttl").read_bytes() == EXAMPLE.read_bytes()
    assert (query.returncode, query.stdout) == (0, rows)


def test_the_clone_itself_does_not_hold_the_example():
    assert not (ROOT / "graph" / "octopus-2012.ttl").exists()
    assert (
        sorted(path.name for path in (ROOT / "graph").glob("*.ttl") if path.read_bytes() == EXAMPLE.read_bytes()) == []
    )
