"""`cyberkg bench`: the table it prints, and the command line over cyberkg.bench.

Speed targets live in the benchmark output, never here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from terminal import run_on_terminal

from cyberkg.bench.runner import Measure, Row
from cyberkg.bench.table import cells, disagreeing, markdown

ROOT = Path(__file__).resolve().parent.parent


def _rows() -> list[Row]:
    return [
        Row("load (parse Turtle)", "10k", Measure(0.05, 32.4, 10014), Measure(1.0, 42.0, 10014), "yes (10014 triples)"),
        Row(
            "full validation",
            "1M",
            Measure(9.5, 466.0),
            Measure(timed_out=True),
            "baseline cut",
            ["seeded violations found exactly"],
        ),
        Row(
            "query events-timeline",
            "10k",
            Measure(0.025, 33.0, 103),
            Measure(0.9, 149.0, 104),
            "NO: 103 rows vs 104 rows",
        ),
        Row("organisation-organisation network export", "1M", Measure(error="boom"), None, "error: boom"),
    ]


def test_the_table_gives_times_memory_ratios_and_a_lower_bound_for_a_cut_baseline():
    assert markdown(_rows(), 60).splitlines() == [
        "| operation | size | cyberkg | peak MB | baseline | peak MB | ratio | answers agree |",
        "|---|---|---|---|---|---|---|---|",
        "| load (parse Turtle) | 10k | 0.050 s | 32 | 1.000 s | 42 | 20.0x | yes (10014 triples) |",
        "| full validation | 1M | 9.500 s | 466 | > 60 s | - | > 6x | baseline cut; seeded violations found exactly |",
        "| query events-timeline | 10k | 0.025 s | 33 | 0.900 s | 149 | 36.0x | NO: 103 rows vs 104 rows |",
        "| organisation-organisation network export | 1M | error | - | - | - | - | error: boom |",
    ]


def test_a_cut_without_a_limit_is_printed_as_cut():
    assert cells(_rows()[1], None)[4:7] == ["cut", "-", "-"]


def test_disagreeing_rows_are_the_wrong_answers_and_the_failures():
    assert [row.operation for row in disagreeing(_rows())] == [
        "query events-timeline",
        "organisation-organisation network export",
    ]


def as_table_row(line: str) -> str:
    """A row as the table on stdout writes it (| a | b |) from a line on stderr (  a | b), spaces collapsed."""
    row = line if line.startswith("|") else f"| {line.strip()} |"
    return re.sub(r"\s+", " ", row)


def _cyberkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cyberkg", *args], capture_output=True, text=True, cwd=ROOT)


def test_cyberkg_bench_prints_one_row_per_operation(tmp_path):
    done = _cyberkg(
        "bench", "--sizes", "2k", "--no-baseline", "--no-pyrudof", "--reader-sizes", "0.2", "--workdir", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "| operation | size | cyberkg | peak MB | baseline | peak MB | ratio | answers agree |"
    from cyberkg.query.library import list_queries

    assert [line.split(" | ")[0].lstrip("| ") for line in lines[2:]] == [
        "load (parse Turtle)",
        "reopen the saved on-disk store (--location)",
        *[operation for q in list_queries() for operation in (f"query {q.name}", f"query {q.name}, first row")],
        "all library queries in turn, on the saved on-disk store",
        "first command on the graph, default way (parses the Turtle): query meetings-promoting-accession",
        "repeated command, default way (parses the Turtle): query meetings-promoting-accession",
        "every library query in turn, each a command, default way (parses the Turtle at the first)",
        "full validation",
        "validate a 1,000-triple addition in context",
        "organisation-organisation network export",
        "read-report, 2009 update layout (synthetic rows)",
        "cyberkg query meetings-promoting-accession (curated graph, wall, start-up included)",
    ]
    assert [line.split(" | ")[1] for line in lines[2:-2]] == ["2k"] * (len(lines) - 4)
    # the reader's row: the synthetic update's size, every row written drafted, a rate in MB/s
    reader = lines[-2].split(" | ")
    assert (reader[1], reader[-1].split(";")[0]) == ("0.2 MB", "yes: 349 rows written, 349 seen, 349 drafted")
    assert reader[-1].split("; ")[1].endswith(" MB/s |")
    # The graph and the report were written where asked.
    assert sorted(p.name for p in tmp_path.glob("*.ttl")) == ["addition-2k.ttl", "synthetic-2k.ttl"]
    assert sorted(p.name for p in tmp_path.glob("report-*.txt")) == ["report-0.2MB.txt"]
    # Every answer agreed (the on-disk store with the memory store, the repeats with each other).
    assert all("NO:" not in line and "error" not in line for line in lines), done.stdout
    # Each query's first row is timed on its own and was row 1 of its whole result, of as many rows as it has here.
    from cyberkg.query.library import run
    from cyberkg.store.loading import load_store

    store = load_store(extra=[tmp_path / "synthetic-2k.ttl"])
    counts = {query.name: len(run(store, query).rows) for query in list_queries()}
    first_rows = {
        line.split(" | ")[0].lstrip("| ").removeprefix("query ").removesuffix(", first row"): line.split(" | ")[2:]
        for line in lines[2:]
        if line.split(" | ")[0].endswith(", first row")
    }
    assert {name: cells[2:] for name, cells in first_rows.items()} == {
        name: ["-", "-", "-", "yes (no rows) |" if count == 0 else f"yes (row 1 of the {count} rows) |"]
        for name, count in counts.items()
    }
    assert {cells[0].endswith(" s") for cells in first_rows.values()} == {True}
    assert 0 in counts.values() and max(counts.values()) > 1  # both kinds of answer were checked
    # Off a terminal, standard error holds the rows as they were measured and nothing else (no bar).
    assert [as_table_row(line) for line in done.stderr.splitlines()] == [as_table_row(line) for line in lines[2:]]


def test_on_a_terminal_cyberkg_bench_draws_its_steps_under_the_rows(tmp_path):
    argv = [sys.executable, "-m", "cyberkg", "bench", "--sizes", "2k", "--no-baseline", "--no-pyrudof"]
    run = run_on_terminal(
        [*argv, "--repeat", "1", "--reader-sizes", "", "--workdir", str(tmp_path)], os.environ, cwd=ROOT
    )
    assert run.returncode == 0, run.drawn
    table = run.stdout.strip().splitlines()
    assert run.stages() == [
        "cyberkg bench: 2k: generating the graph",
        "cyberkg bench: 2k: load (parse Turtle)",
        "cyberkg bench: 2k: reopen the saved on-disk store",
        "cyberkg bench: 2k: every library query",
        "cyberkg bench: 2k: every library query on the saved on-disk store",
        "cyberkg bench: 2k: first and repeated command on the graph opened the default way",
        "cyberkg bench: 2k: full validation",
        "cyberkg bench: 2k: validate a 1,000-triple addition in context",
        "cyberkg bench: 2k: organisation-organisation network export",
        "cyberkg bench: start-up: cyberkg query meetings-promoting-accession",
        "cyberkg bench: all measured",
    ]
    assert run.last_count("cyberkg bench: all measured") == ("100%", "10/10")
    # the rows were printed above the bar, one line each, as the table on standard output has them
    assert [as_table_row(line) for line in run.lines()] == [as_table_row(line) for line in table[2:]]
    assert run.cleared()


def test_cyberkg_bench_refuses_a_size_it_cannot_read():
    done = _cyberkg("bench", "--sizes", "ten", "--no-baseline")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["cyberkg: error: not a size: 'ten' (write e.g. 10k, 100k, 1M or 2500)"]
