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


def test_a_large_addition_is_checked_through_the_whole_store_with_the_same_results(tmp_path, monkeypatch):
    """Above WHOLE_STORE_ABOVE focus nodes the whole store is validated and the focus nodes' results kept."""
    from cyberkg.bench.synthetic import generate_addition
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import load_store
    from cyberkg.validation import incremental
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes

    base = generate(8_000, tmp_path / "base.ttl")
    addition = generate_addition(base, 1000, tmp_path / "addition.ttl")
    store = load_store(extra=[base.path, addition.path])
    shapes = compile_shapes(shape_files(default_checkout().shapes_dir))
    node_by_node = incremental.validate_addition(store, shapes, [addition.path])
    monkeypatch.setattr(incremental, "WHOLE_STORE_ABOVE", 0)
    through_the_store = incremental.validate_addition(store, shapes, [addition.path])
    assert sorted(through_the_store.report.results) == sorted(node_by_node.report.results)
    assert through_the_store.focus_nodes == node_by_node.focus_nodes
    assert {result.focus_node for result in node_by_node.report.results} == {
        f"<{iri}>" for iri in addition.violating_nodes()
    }
