"""The benchmark's `cyberkg add` row: a conforming synthetic file, added by the fast engine and by pySHACL.

Speed targets live in the benchmark output (scripts/bench.py), never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg.bench.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def clean_graph(tmp_path_factory):
    return generate(8_000, tmp_path_factory.mktemp("synthetic") / "clean.ttl", seeded=False)


def test_a_graph_without_seeded_violations_conforms_in_both_engines(clean_graph):
    from cyberkg.validation.engines import validate_with

    assert clean_graph.violations == []
    counts = [validate_with(engine, [clean_graph.path]).report.counts() for engine in ("fast", "pyshacl")]
    assert counts == [{"Violation": 0, "Warning": 0, "Info": 0}] * 2


@pytest.mark.parametrize("side", ["cyberkg", "baseline"])
def test_the_add_worker_adds_the_file_into_a_fresh_copy_and_reports_the_outcome(clean_graph, tmp_path, side):
    scratch = tmp_path / "scratch"
    done = subprocess.run(
        [sys.executable, "-m", "cyberkg.bench.worker", "add", side, str(clean_graph.path), str(scratch), "0", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    payload = json.loads(done.stdout)
    assert payload["answer"] == {"added": True, "violations": 0, "conflicts": 0}
    assert payload["seconds"] > 0 and payload["peak_mb"] > 0
    assert sorted(scratch.iterdir()) == []  # each run's copy of the data folders is removed after it
    assert sorted(path.name for path in (ROOT / "graph").glob("clean*.ttl")) == []  # the project's graph/ is untouched
