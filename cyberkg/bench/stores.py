"""The benchmark's store columns: the same graph pushed to an Oxigraph server and to Virtuoso, then queried on both.

:func:`compare_stores` generates the synthetic graph of one size, starts a private
Oxigraph server and a private Virtuoso (127.0.0.1, temporary folders, stopped by
process id), times an atomic push of the graph to a named graph of each
(:func:`cyberkg.endpoint.push.push_store` through a temporary graph and a MOVE; above
:data:`OXIGRAPH_ATOMIC_PUSH_LIMIT` triples the Oxigraph server gets one PUT by its bulk loader), then
times every library query on each, best of ``repeat`` runs, and compares the
rows (N-Triples terms in result order). Each row puts Oxigraph server and
Virtuoso side by side; the ratio is Virtuoso's time over Oxigraph's. Nothing is printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cyberkg.bench.runner import Measure, size_name
from cyberkg.bench.steps import Steps
from cyberkg.bench.virtuoso_server import start_virtuoso
from cyberkg.progress import Progress

GRAPH = "https://w3id.org/cyberkg/graph/bench"
# The largest graph (triples) pushed atomically to the Oxigraph server: 1M went through a temporary graph and a MOVE;
# at 10M the MOVE, and a plain PUT in one transaction, each held more than 18 GB in the server (measured). Above it
# the Oxigraph side is pushed by the server's bulk loader (one PUT, not atomic).
OXIGRAPH_ATOMIC_PUSH_LIMIT = 1_000_000
ATOMIC_PUSH = "push (temporary graph in chunks, then MOVE)"
MIXED_PUSH = "push (Oxigraph: one PUT by its bulk loader, not atomic; Virtuoso: temporary graph in chunks, then MOVE)"
QUERY_TIMEOUT = 600.0
VIRTUOSO_BUFFERS = 170_000  # 1.3 GB of 8 kB pages: Virtuoso's own advice for a machine with 2 GB to spare
# What one transaction may write on the private Virtuoso: its default (50 MB) refuses the MOVE of 10M triples.
VIRTUOSO_TRANSACTION_LIMIT = 2_000_000_000
# No server-side time limit on one request there (the client's QUERY_TIMEOUT still holds): the MOVE of 10M triples
# runs longer than Virtuoso's usual 120 s, and a query cut short by it would answer with part of its rows.
VIRTUOSO_EXECUTION_LIMIT = 0


@dataclass
class StoreRow:
    """One operation on both stores."""

    operation: str
    size: str
    oxigraph: Measure
    virtuoso: Measure
    agree: str = ""

    @property
    def ratio(self) -> float | None:
        """Virtuoso's time over the Oxigraph server's (above 1: Virtuoso slower)."""
        if self.oxigraph.seconds is None or self.virtuoso.seconds is None or not self.oxigraph.seconds:
            return None
        return self.virtuoso.seconds / self.oxigraph.seconds


def compare_stores(
    target: int,
    workdir: Path,
    repeat: int = 3,
    progress: Callable[[StoreRow], None] | None = None,
    virtuoso_buffers: int = VIRTUOSO_BUFFERS,
    step_progress: Progress | None = None,
    oxigraph_atomic_limit: int = OXIGRAPH_ATOMIC_PUSH_LIMIT,
) -> list[StoreRow]:
    """Push the synthetic graph of ``target`` triples to both stores and run every library query on each.

    ``progress`` is given each row once measured; ``step_progress`` is told each step as it begins. A graph
    of more than ``oxigraph_atomic_limit`` triples goes to the Oxigraph server by its bulk loader.
    """
    from cyberkg.bench.synthetic import generate
    from cyberkg.endpoint.server import free_port, start_server
    from cyberkg.query.library import list_queries
    from cyberkg.store.loading import data_files, load_store

    size = size_name(target)
    steps = Steps(3 + len(list_queries()), step_progress)
    steps.begin(f"stores {size}: generating and loading the graph")
    graph = generate(target, workdir / f"stores-synthetic-{size}.ttl")
    store = load_store([*data_files(), graph.path])
    rows: list[StoreRow] = []

    def keep(row: StoreRow) -> None:
        rows.append(row)
        if progress is not None:
            progress(row)

    steps.begin(f"stores {size}: starting Oxigraph and Virtuoso")
    oxigraph = start_server(workdir / f"stores-oxigraph-{size}", "127.0.0.1", free_port(), read_only=False)
    try:
        virtuoso = start_virtuoso(
            workdir / f"stores-virtuoso-{size}",
            buffers=virtuoso_buffers,
            transaction_limit=VIRTUOSO_TRANSACTION_LIMIT,
            execution_limit=VIRTUOSO_EXECUTION_LIMIT,
        )
        try:
            sides = {
                "oxigraph": (oxigraph.store_url, oxigraph.update_url, oxigraph.query_url),
                "virtuoso": (virtuoso.store_url, virtuoso.update_url, virtuoso.query_url),
            }
            steps.begin(f"stores {size}: push")
            keep(_push_row(store, size, sides, bulk_oxigraph=len(store) > oxigraph_atomic_limit))
            for row in _query_rows(size, sides, repeat, lambda name: steps.begin(f"stores {size}: query {name}")):
                keep(row)
            steps.end()
        finally:
            virtuoso.stop()
    finally:
        oxigraph.stop()
    return rows


def _push_row(store: object, size: str, sides: dict[str, tuple[str, str, str]], bulk_oxigraph: bool) -> StoreRow:
    from cyberkg.endpoint import Connection
    from cyberkg.endpoint.client import run_text
    from cyberkg.endpoint.push import push_store

    measures: dict[str, Measure] = {}
    counts: dict[str, int] = {}
    for side, (store_url, update_url, query_url) in sides.items():
        start = time.perf_counter()
        try:
            bulk = bulk_oxigraph and side == "oxigraph"
            report = push_store(
                store,  # type: ignore[arg-type]
                store_url,
                GRAPH,
                timeout=0,
                update_endpoint=None if bulk else update_url,
                bulk_load=bulk,
            )
        except Exception as error:  # noqa: BLE001 - a failed side is a cell of the table
            measures[side] = Measure(error=str(error))
            continue
        measures[side] = Measure(seconds=time.perf_counter() - start, answer=report.triples)
        connection = Connection(query_url, QUERY_TIMEOUT, graph=GRAPH)
        counts[side] = int(run_text(connection, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value)
    triples = len(store)  # type: ignore[arg-type]
    if len(counts) == 2 and counts["oxigraph"] == counts["virtuoso"] == triples:
        agree = f"yes ({triples} triples on each)"
    else:
        errors = [m.error for m in measures.values() if m.error]
        agree = f"error: {errors[0]}" if errors else f"NO: {counts} of {triples} triples"
    operation = MIXED_PUSH if bulk_oxigraph else ATOMIC_PUSH
    return StoreRow(operation, size, measures["oxigraph"], measures["virtuoso"], agree)


def _query_rows(
    size: str, sides: dict[str, tuple[str, str, str]], repeat: int, begin: Callable[[str], None]
) -> list[StoreRow]:
    from cyberkg.endpoint import Connection
    from cyberkg.query.library import list_queries

    connections = {side: Connection(urls[2], QUERY_TIMEOUT, graph=GRAPH) for side, urls in sides.items()}
    rows = []
    for query in list_queries():
        begin(query.name)
        measures = {side: _best_run(connection, query, repeat) for side, connection in connections.items()}
        rows.append(
            StoreRow(
                f"query {query.name}",
                size,
                measures["oxigraph"],
                measures["virtuoso"],
                _agreement(measures["oxigraph"], measures["virtuoso"]),
            )
        )
    return rows


def _best_run(connection: object, query: object, repeat: int) -> Measure:
    """The best of ``repeat`` runs of a library query on a store; the answer is its rows as N-Triples terms."""
    from cyberkg.endpoint import run_remote

    best: float | None = None
    answer: list[tuple[str | None, ...]] = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            result = run_remote(connection, query)  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 - a failed query is a cell of the table
            return Measure(error=str(error))
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
        answer = comparable_rows(result.rows)
    return Measure(seconds=best, answer=answer)


def comparable_rows(rows: Sequence[Sequence[object]]) -> list[tuple[str | None, ...]]:
    """Rows as N-Triples terms in result order; a blank node as one placeholder (labels differ between stores)."""
    import pyoxigraph

    return [
        tuple("_:blank" if isinstance(t, pyoxigraph.BlankNode) else (None if t is None else str(t)) for t in row)
        for row in rows
    ]


def _agreement(oxigraph: Measure, virtuoso: Measure) -> str:
    if oxigraph.error or virtuoso.error:
        return f"error: {oxigraph.error or virtuoso.error}"
    ours = oxigraph.answer if isinstance(oxigraph.answer, list) else []
    theirs = virtuoso.answer if isinstance(virtuoso.answer, list) else []
    if ours == theirs:
        return f"yes ({len(ours)} rows)"
    if sorted(ours, key=repr) == sorted(theirs, key=repr):
        return f"same {len(ours)} rows, other order"
    return f"NO: {len(ours)} rows vs {len(theirs)} rows"
