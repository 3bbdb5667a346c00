"""`cyberkg bench --stores`: the push and every library query on an Oxigraph server beside Virtuoso.

The servers are started by the benchmark itself (127.0.0.1, temporary folders, stopped by process id).
Only the shape of the rows and the agreement of the answers are checked: speed lives in the benchmark output.
"""

from __future__ import annotations

from pathlib import Path

from cyberkg.bench.runner import Measure
from cyberkg.bench.stores import MIXED_PUSH, StoreRow, compare_stores
from cyberkg.bench.table import stores_markdown
from cyberkg.query.library import list_queries
from cyberkg.store.loading import data_files, load_store

PUSH = "push (temporary graph in chunks, then MOVE)"


def test_the_stores_table_puts_both_stores_side_by_side() -> None:
    rows = [
        StoreRow(PUSH, "1M", Measure(20.0, answer=1000), Measure(50.0, answer=1000), "yes (1000 triples on each)"),
        StoreRow("query events-per-city", "1M", Measure(0.5), Measure(error="HTTP 500"), "error: HTTP 500"),
    ]
    assert stores_markdown(rows).splitlines() == [
        "| operation | size | Oxigraph server | Virtuoso | ratio Virtuoso / Oxigraph | answers agree |",
        "|---|---|---|---|---|---|",
        f"| {PUSH} | 1M | 20.000 s | 50.000 s | 2.50x | yes (1000 triples on each) |",
        "| query events-per-city | 1M | 0.500 s | error | - | error: HTTP 500 |",
    ]


def test_a_100k_graph_is_pushed_and_queried_on_both_stores_with_the_same_answers(tmp_path: Path) -> None:
    seen: list[str] = []
    steps: list[tuple[int, int, str, str]] = []
    rows = compare_stores(
        100_000,
        tmp_path,
        repeat=1,
        progress=lambda row: seen.append(row.operation),
        step_progress=lambda done, total, stage="", unit="": steps.append((done, total, stage, unit)),
    )
    operations = [PUSH, *[f"query {query.name}" for query in list_queries()]]
    assert [row.operation for row in rows] == operations
    assert seen == operations
    names = [
        "stores 100k: generating and loading the graph",
        "stores 100k: starting Oxigraph and Virtuoso",
        "stores 100k: push",
        *[f"stores 100k: query {query.name}" for query in list_queries()],
    ]
    total = len(names)
    assert steps == [
        *[(done, total, name, "steps") for done, name in enumerate(names)],
        (total, total, "all measured", "steps"),
    ]
    assert {row.size for row in rows} == {"100k"}
    assert [row.operation for row in rows if row.oxigraph.seconds is None or row.virtuoso.seconds is None] == []
    assert rows[0].agree.startswith("yes (") and rows[0].agree.endswith(" triples on each)")
    assert rows[0].oxigraph.answer == rows[0].virtuoso.answer
    assert [(row.operation, row.agree) for row in rows[1:] if not row.agree.startswith("yes (")] == []

    # The private Virtuoso was started with the limits a 10M MOVE needs (its own defaults refuse it).
    settings = (tmp_path / "stores-virtuoso-100k" / "virtuoso.ini").read_text("utf-8").splitlines()
    assert [line for line in settings if line.startswith(("TransactionAfterImageLimit", "MaxQueryExecutionTime"))] == [
        "TransactionAfterImageLimit = 2000000000",
        "MaxQueryExecutionTime = 0",
    ]


def test_above_the_atomic_limit_the_oxigraph_side_is_bulk_loaded_and_the_answers_still_agree(tmp_path: Path) -> None:
    rows = compare_stores(10_000, tmp_path, repeat=1, oxigraph_atomic_limit=1_000)
    triples = len(load_store([*data_files(), tmp_path / "stores-synthetic-10k.ttl"]))
    push = rows[0]
    assert (push.operation, push.size, push.agree) == (MIXED_PUSH, "10k", f"yes ({triples} triples on each)")
    assert (push.oxigraph.answer, push.virtuoso.answer) == (triples, triples)
    assert [(row.operation, row.agree) for row in rows[1:] if not row.agree.startswith("yes (")] == []
