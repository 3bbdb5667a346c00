"""The synthetic graph generator, incremental validation, `cyberkg query` start-up, repeats, and a bench smoke run.

Speed targets live in the benchmark output (scripts/bench.py), never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from cyberkg.bench.synthetic import VIOLATION_KINDS, generate, generate_addition, parse_size
from cyberkg.bench.worker import best_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    return generate(12_000, tmp_path_factory.mktemp("synthetic") / "graph.ttl")


def test_sizes_are_read_as_people_write_them():
    assert [parse_size(t) for t in ("10k", "100K", "1M", "2500", "1.5k")] == [
        10_000,
        100_000,
        1_000_000,
        2500,
        1500,
    ]


def test_the_generator_is_deterministic(tmp_path, small_graph):
    again = generate(12_000, tmp_path / "again.ttl")
    assert again.path.read_bytes() == small_graph.path.read_bytes()
    other = generate(12_000, tmp_path / "other.ttl", seed=7)
    assert other.path.read_bytes() != small_graph.path.read_bytes()


def test_the_generator_reaches_its_target_and_counts_its_triples(small_graph):
    from cyberkg.store.loading import load_store

    store = load_store(extra=[small_graph.path])
    assert len(store) == small_graph.total_triples
    assert abs(small_graph.total_triples - 12_000) <= 12_000 * 0.03


def test_the_generator_writes_the_projects_own_kinds_of_things(small_graph):
    from cyberkg.store.loading import load_store

    store = load_store(extra=[small_graph.path])
    query = """PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
        SELECT ?kind (COUNT(DISTINCT ?thing) AS ?n) WHERE {
          VALUES ?kind {
            ckg:TreatyAction ckg:Participation ckg:CountryInvolvement ckg:SourcePassage ckg:City
          }
          ?thing a ?kind . FILTER(CONTAINS(STR(?thing), "synthetic"))
        } GROUP BY ?kind"""
    counts = {row[0].value.rsplit("#", 1)[1]: int(row[1].value) for row in store.query(query)}
    assert set(counts) == {"TreatyAction", "Participation", "CountryInvolvement", "SourcePassage", "City"}
    assert counts["TreatyAction"] == small_graph.treaty_actions


def test_each_violation_kind_is_seeded_the_known_number_of_times(small_graph):
    assert Counter(kind for kind, _ in small_graph.violations) == {kind: 1 for kind in VIOLATION_KINDS}


def test_the_shapes_find_exactly_the_seeded_violations(small_graph):
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import load_store
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes, validate_store

    report = validate_store(
        load_store(extra=[small_graph.path]), compile_shapes(shape_files(default_checkout().shapes_dir))
    )
    violating = {r.focus_node for r in report.results if r.severity == "Violation"}
    assert violating == {f"<{iri}>" for iri in small_graph.violating_nodes()}


def test_every_state_and_convention_gets_treaty_actions_at_100k(tmp_path):
    from cyberkg.bench.synthetic import read_reference

    graph = generate(100_000, tmp_path / "graph.ttl")
    text = graph.path.read_text(encoding="utf-8")
    reference = read_reference()
    pairs = {(country, convention.slug) for country in reference.countries for convention in reference.conventions}
    written = set()
    for line in text.splitlines():
        if line.startswith("action:synthetic-") and line.endswith("-entry-into-force"):
            country, rest = line[len("action:synthetic-") :].split("-", 1)
            written.add((country, rest[: -len("-entry-into-force")]))
    assert written == pairs


def test_incremental_validation_equals_full_validation_on_the_nodes_it_checks(tmp_path, small_graph):
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import load_store
    from cyberkg.validation.incremental import validate_addition
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes, validate_store

    addition = generate_addition(small_graph, 1000, tmp_path / "addition.ttl")
    store = load_store(extra=[small_graph.path, addition.path])
    shapes = compile_shapes(shape_files(default_checkout().shapes_dir))
    incremental = validate_addition(store, shapes, [addition.path])
    full = validate_store(store, shapes)
    checked = {str(node) for node in incremental.focus_nodes}
    assert list(incremental.report.results) == [r for r in full.results if r.focus_node in checked]
    # It checks the addition, not the whole graph, and finds the violation seeded in it.
    assert len(checked) < len(store) / 20
    assert {r.focus_node for r in incremental.report.results if r.severity == "Violation"} == {
        f"<{iri}>" for iri in addition.violating_nodes()
    }


def test_cyberkg_query_imports_neither_pyshacl_networkx_nor_rdflib():
    code = (
        "import sys\nfrom cyberkg.cli import main\n"
        "code = main(['query', 'meetings-promoting-accession', '--format', 'csv'])\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(top & {'pyshacl', 'networkx', 'rdflib', 'pyrudof'})\n"
        "print(heavy, code, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[] 0"


def test_a_bench_worker_reports_time_memory_and_answer(small_graph):
    done = subprocess.run(
        [sys.executable, "-m", "cyberkg.bench.worker", "load", "cyberkg", str(small_graph.path), "", "0", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    payload = json.loads(done.stdout)
    assert payload["answer"] == small_graph.total_triples
    assert payload["seconds"] > 0 and payload["peak_mb"] > 0


def test_scripts_bench_is_cyberkg_bench(tmp_path):
    """The script runs the same command (its table is checked row by row in test_bench_command.py)."""
    script = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--help"], capture_output=True, text=True, cwd=ROOT
    )
    command = subprocess.run(
        [sys.executable, "-m", "cyberkg", "bench", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert script.returncode == command.returncode == 0
    assert script.stdout.split("Options:")[1] == command.stdout.split("Options:")[1]
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--sizes",
            "2k",
            "--no-baseline",
            "--no-pyrudof",
            "--repeat",
            "1",
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()[0]
        == "| operation | size | cyberkg | peak MB | baseline | peak MB | ratio | answers agree |"
    )


def _calls_taking(*seconds: float):
    """A function that sleeps for the given durations in turn and counts its calls."""
    durations = iter(seconds)
    calls = []

    def function() -> str:
        calls.append(1)
        time.sleep(next(durations))
        return "same answer"

    return function, calls


def test_best_of_reports_the_fastest_of_the_repeats():
    function, calls = _calls_taking(0.20, 0.02, 0.10)
    measured = best_of(function, repeat=3)
    assert len(calls) == 3
    assert measured["answer"] == "same answer"
    assert 0.02 <= measured["seconds"] < 0.10


def test_best_of_stops_repeating_once_the_budget_is_spent():
    function, calls = _calls_taking(0.05, 0.05, 0.05)
    best_of(function, repeat=3, budget=0.04)
    assert len(calls) == 1


def test_best_of_keeps_the_best_earlier_run_when_a_repeat_is_cut():
    function, calls = _calls_taking(0.01, 1.0)
    measured = best_of(function, repeat=2, limit=0.3)
    assert len(calls) == 2
    assert measured["answer"] == "same answer" and measured["seconds"] < 0.3
    function, _ = _calls_taking(1.0)
    assert best_of(function, repeat=2, limit=0.3) == {"timed_out": True}


def test_best_of_refuses_an_answer_that_changes_between_runs():
    answers = iter([1, 2])
    with pytest.raises(RuntimeError, match="run 2 answered 2, run 1 answered 1"):
        best_of(lambda: next(answers), repeat=2)


def test_a_synthetic_report_reaches_its_size_and_reads_row_for_row(tmp_path):
    from cyberkg.bench.reports import generate_report
    from cyberkg.reader.reading import read_report

    report = generate_report(0.05, tmp_path / "report.txt")
    assert (report.size_bytes >= 50_000, report.size_bytes < 50_000 + 1_000) == (True, True)
    assert report.size_bytes == len((tmp_path / "report.txt").read_bytes())
    reading = read_report(report.path)
    assert reading.count_check == f"{report.rows} items seen = {report.rows} drafted + 0 noted"
    assert reading.problems == []


def test_the_benchmark_tells_each_step_as_it_begins_and_how_many_are_done(tmp_path):
    from cyberkg.bench.runner import run_benchmark
    from cyberkg.query.library import list_queries

    events: list[tuple] = []
    run_benchmark(
        [2000],
        tmp_path,
        baseline=False,
        pyrudof=False,
        repeat=1,
        reader_sizes=[0.2],
        progress=lambda row: events.append(("row", row.operation)),
        step_progress=lambda done, total, stage="", unit="": events.append((done, total, stage, unit)),
    )
    assert events == [
        (0, 11, "2k: generating the graph", "steps"),
        (1, 11, "2k: load (parse Turtle)", "steps"),
        ("row", "load (parse Turtle)"),
        (2, 11, "2k: reopen the saved on-disk store", "steps"),
        ("row", "reopen the saved on-disk store (--location)"),
        (3, 11, "2k: every library query", "steps"),
        *[
            ("row", f"query {query.name}{part}")
            for query in list_queries()
            for part in ("", ", first row")  # each query's row, then its first row's
        ],
        (4, 11, "2k: every library query on the saved on-disk store", "steps"),
        ("row", "all library queries in turn, on the saved on-disk store"),
        (5, 11, "2k: first and repeated command on the graph opened the default way", "steps"),
        ("row", "first command on the graph, default way (parses the Turtle): query meetings-promoting-accession"),
        ("row", "repeated command, default way (parses the Turtle): query meetings-promoting-accession"),
        ("row", "every library query in turn, each a command, default way (parses the Turtle at the first)"),
        (6, 11, "2k: full validation", "steps"),
        ("row", "full validation"),
        (7, 11, "2k: validate a 1,000-triple addition in context", "steps"),
        ("row", "validate a 1,000-triple addition in context"),
        (8, 11, "2k: organisation-organisation network export", "steps"),
        ("row", "organisation-organisation network export"),
        (9, 11, "read-report of a 0.2 MB update", "steps"),
        ("row", "read-report, 2009 update layout (synthetic rows)"),
        (10, 11, "start-up: cyberkg query meetings-promoting-accession", "steps"),
        ("row", "cyberkg query meetings-promoting-accession (curated graph, wall, start-up included)"),
        (11, 11, "all measured", "steps"),
    ]


def test_a_baseline_gets_no_loading_allowance_beyond_its_limit() -> None:
    from cyberkg.bench.runner import process_timeout

    assert [
        process_timeout("cyberkg", 120),
        process_timeout("baseline", 120),
        process_timeout("pyrudof", 120),
        process_timeout("baseline", 120, process_limit=480),
        process_timeout("baseline", None),
    ] == [900.0, 300.0, 300.0, 1020.0, None]


def test_the_pyrudof_row_says_why_it_was_not_measured() -> None:
    from cyberkg.bench.measuring import Measure
    from cyberkg.bench.runner import pyrudof_row

    missing = Measure(error="ModuleNotFoundError: No module named 'pyrudof'")
    pyshacl = Measure(2.0, answer={"results": 1, "violating": ["<x>"]})
    rows = [
        pyrudof_row("10k", missing, pyshacl),
        pyrudof_row("10k", Measure(timed_out=True), pyshacl),
        pyrudof_row("10k", Measure(1.0, answer={"results": 1, "violating": ["<x>"]}), pyshacl),
    ]
    assert [row.agree for row in rows] == [
        "not measured: ModuleNotFoundError: No module named 'pyrudof'",
        "pyrudof cut",
        "pyrudof vs pyshacl: yes (1 results, 1 violating)",
    ]
