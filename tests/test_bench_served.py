"""The served benchmark rows (`cyberkg bench --serve`): their shape with tiny counts, and what they leave behind.

Speed targets live in the benchmark output, never here: no assertion below is about a time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cyberkg.bench.served import Load, ServedRow, run_served_benchmark
from cyberkg.bench.table import served_cells, served_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_percentiles_are_nearest_rank_and_none_without_answers():
    load = Load(sent=10, latencies=[0.010 * n for n in range(10, 0, -1)], seconds=0.5)
    assert [load.percentile(0.5), load.percentile(0.99), load.per_second] == [0.05, 0.1, 20.0]
    assert [Load().percentile(0.5), Load().per_second] == [None, None]


def test_a_served_row_gives_each_sides_rate_p50_p99_and_what_was_answered():
    ours = Load(sent=4, latencies=[0.004, 0.002, 0.003, 0.001], row_counts={6}, seconds=0.01)
    theirs = Load(sent=4, latencies=[0.001, 0.001], row_counts={6}, seconds=0.004, cut=True)
    assert served_cells(ServedRow("instruments", 8, ours, theirs)) == [
        "instruments",
        "8",
        "400",
        "2.0 ms",
        "4.0 ms",
        "500",
        "1.0 ms",
        "1.0 ms",
        "yes (6 rows); answered 4/4 and 2/4; cut at the time limit: oxigraph",
    ]


def test_answers_that_differ_or_fail_are_reported():
    same = Load(sent=1, latencies=[0.001], row_counts={6}, seconds=0.001)
    other = Load(sent=1, latencies=[0.001], row_counts={5}, seconds=0.001)
    failed = Load(sent=2, latencies=[0.001], row_counts={6}, errors=["HTTP 403"], seconds=0.001)
    assert ServedRow("q", 8, same, other).agree == "NO: cyberkg serve: [6] rows; oxigraph: [5] rows"
    assert ServedRow("q", 8, failed, same).agree == "error: cyberkg serve: HTTP 403 (1 failed)"
    assert served_markdown([ServedRow("q", 8, same, same)]).splitlines()[:2] == [
        "| query | clients | cyberkg serve req/s | p50 | p99 | oxigraph req/s | p50 | p99 | answers agree |",
        "|---|---|---|---|---|---|---|---|---|",
    ]


def _children() -> set[int]:
    """The process ids whose parent is this test process."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.add(int(entry.name))
    return found


def test_both_servers_answer_every_request_and_are_stopped_by_process_id(tmp_path):
    from cyberkg.query.library import find_query, run
    from cyberkg.store.loading import load_store

    running: list[set[int]] = []
    steps: list[tuple[int, int, str, str]] = []
    before = _children()
    rows = run_served_benchmark(
        tmp_path,
        ["instruments", "events-timeline"],
        [2, 3],
        requests=3,
        seconds=60,
        progress=lambda _: running.append(_children()),
        step_progress=lambda done, total, stage="", unit="": steps.append((done, total, stage, unit)),
    )
    store = load_store()
    expected = {name: len(run(store, find_query(name)).rows) for name in ("instruments", "events-timeline")}
    assert [(row.query, row.clients, row.agree) for row in rows] == [
        ("instruments", 2, f"yes ({expected['instruments']} rows)"),
        ("instruments", 3, f"yes ({expected['instruments']} rows)"),
        ("events-timeline", 2, f"yes ({expected['events-timeline']} rows)"),
        ("events-timeline", 3, f"yes ({expected['events-timeline']} rows)"),
    ]
    assert {(load.sent, load.answered, load.cut) for row in rows for load in row.sides_loads()} == {(3, 3, False)}
    assert steps == [
        (0, 5, "served: starting cyberkg serve and Oxigraph", "steps"),
        (1, 5, "served: instruments, 2 clients", "steps"),
        (2, 5, "served: instruments, 3 clients", "steps"),
        (3, 5, "served: events-timeline, 2 clients", "steps"),
        (4, 5, "served: events-timeline, 3 clients", "steps"),
        (5, 5, "all measured", "steps"),
    ]
    # While it ran: `cyberkg serve` and the direct Oxigraph server were this process's children; afterwards none is
    # left, and the store folder made under the work folder is gone.
    started = running[0] - before
    assert len(started) == 2
    assert [pid for pid in started if Path(f"/proc/{pid}").exists()] == []
    assert list(tmp_path.iterdir()) == []


def test_cyberkg_bench_serve_prints_a_second_table(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cyberkg",
            "bench",
            "--sizes",
            "",
            "--reader-sizes",
            "",
            "--repeat",
            "1",
            "--serve",
            "--serve-queries",
            "instruments",
            "--serve-clients",
            "2",
            "--serve-requests",
            "2",
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    tables = done.stdout.strip().split("\n\n")
    assert [len(table.splitlines()) for table in tables] == [3, 3]
    served = tables[1].splitlines()
    assert served[0].startswith("| query | clients | cyberkg serve req/s |")
    cells = served[2].strip("| ").split(" | ")
    assert (cells[:2], cells[-1].split("; ")[1]) == (["instruments", "2"], "answered 2/2 and 2/2")


def test_cyberkg_bench_refuses_a_query_it_does_not_know():
    done = subprocess.run(
        [sys.executable, "-m", "cyberkg", "bench", "--serve", "--serve-queries", "no-such-query"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (done.returncode, len(done.stderr.strip().splitlines())) == (2, 1)
    assert done.stderr.startswith("cyberkg: error: ")
