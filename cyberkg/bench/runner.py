"""The benchmark: cyberkg's engines against the plain rdflib + pySHACL stack, on synthetic graphs.

:func:`run_benchmark` generates a graph per size (:mod:`cyberkg.bench.synthetic`),
then measures each operation twice, once the cyberkg way (Oxigraph, the
SPARQL validation engine) and once the baseline way (rdflib parse, rdflib
SPARQL, pySHACL, networkx), each in a fresh Python subprocess that reports its
time and its peak resident memory (``ru_maxrss``). Both answers are compared
(triples, rows, results, edges) before a time is reported; a baseline cut at
the time limit is reported as such. Nothing is printed here: the rows are
returned for ``scripts/bench.py`` to print.

Times are for the operation alone (after loading, for queries and validation);
start-up is measured by the ``cyberkg query`` row, which times the whole command.
Every library query has two rows: all its rows (against the baseline), and its first
row alone (cyberkg only), which must be row 1 of the whole result.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cyberkg.bench import worker
from cyberkg.bench.measuring import Measure, Row, _environment, measure_command
from cyberkg.bench.steps import Steps
from cyberkg.progress import Progress

# -- the orchestrator ----------------------------------------------------------


LOADING_ALLOWANCE_SECONDS = 600.0


def process_timeout(side: str, limit: float | None, process_limit: float | None = None) -> float | None:
    """Seconds a worker process may run in all: twice ``process_limit`` (or ``limit``) and the repeat budget.

    The operation itself is cut inside the worker. cyberkg's side also gets ten minutes to load its graph;
    the baseline and the candidate engine do not: their loading counts against the limit, so a baseline that
    cannot even load the graph in time is cut and printed as "> N s" (at 10M rdflib had used 13 GB and was
    still loading after 12 minutes).
    """
    budget = process_limit or limit
    if budget is None:
        return None
    loading = LOADING_ALLOWANCE_SECONDS if side == "cyberkg" else 0.0
    return 2 * budget + worker.REPEAT_BUDGET_SECONDS + loading


def measure(
    operation: str,
    side: str,
    data: Path,
    extra: str = "",
    limit: float | None = None,
    process_limit: float | None = None,
    repeat: int = 1,
) -> tuple[Measure, dict]:
    """Run one operation in a fresh interpreter, best of ``repeat`` runs; cut each run at ``limit`` seconds.

    The whole process is stopped after :func:`process_timeout` seconds (reported as cut).
    """
    command = [
        sys.executable,
        "-m",
        "cyberkg.bench.worker",
        operation,
        side,
        str(data),
        extra,
        str(limit or 0),
        str(repeat),
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=process_timeout(side, limit, process_limit),
            env=_environment(),
        )
    except subprocess.TimeoutExpired:
        return Measure(timed_out=True), {}
    if done.returncode != 0:
        return Measure(error=(done.stderr.strip().splitlines() or ["failed"])[-1]), {}
    payload = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(
        payload.get("seconds"), payload.get("peak_mb"), payload.get("answer"), timed_out=bool(payload.get("timed_out"))
    ), payload


def _query_rows(
    size: str, data: Path, limit: float | None, baseline_queries: str | None, repeat: int = 1
) -> tuple[list[Row], list[Row]]:
    """Every library query: a row for all its rows against the baseline, and one for its first row alone."""
    ours, ours_payload = measure("queries", "cyberkg", data, repeat=repeat)
    if ours.error:
        return [Row("library queries", size, ours, None, "error")], []
    wanted = None if not baseline_queries else set(baseline_queries.split(","))
    theirs_payload: dict[str, Any]
    if baseline_queries == "":
        theirs, theirs_payload = Measure(), {}
    else:
        # One process parses once and runs the queries, each cut at the limit; the process gets time for all.
        count = len(wanted) if wanted is not None else len(ours_payload["queries"])
        batch_limit = None if limit is None else limit * (count + 1)
        theirs, theirs_payload = measure(
            "queries", "baseline", data, baseline_queries or "", limit, process_limit=batch_limit, repeat=repeat
        )
    rows = []
    for name, answer in ours_payload["queries"].items():
        mine = Measure(answer["seconds"], ours.peak_mb, answer["answer"])
        base = None
        agree = "not run"
        other = theirs_payload.get("queries", {}).get(name)
        if wanted is not None and name not in wanted:
            agree = "baseline not run at this size"
        elif theirs.timed_out or (other and other.get("timed_out")):
            base, agree = Measure(timed_out=True), "baseline cut"
        elif other:
            base = Measure(other["seconds"], theirs.peak_mb, other["answer"])
            agree = _agreement(mine.answer, base.answer, "rows")
        rows.append(Row(f"query {name}", size, mine, base, agree))
    first_rows = [
        _first_row_row(name, size, answer["first_row"], ours.peak_mb, answer["answer"])
        for name, answer in ours_payload["queries"].items()
    ]
    return rows, first_rows


def _first_row_row(name: str, size: str, first: dict, peak_mb: float | None, rows: object) -> Row:
    """The time to the first row of library query ``name``, checked against row 1 of the whole result."""
    mine = Measure(first.get("seconds"), peak_mb, first.get("answer"), timed_out=bool(first.get("timed_out")))
    if mine.timed_out:
        agree = "cut"
    elif not first.get("same_as_whole"):
        agree = "NO: the first row read is not row 1 of the whole result"
    elif rows == 0:
        agree = "yes (no rows)"
    else:
        agree = f"yes (row 1 of the {rows} rows)"
    return Row(f"query {name}, first row", size, mine, None, agree)


def _agreement(ours: object, theirs: object, what: str) -> str:
    if ours == theirs:
        return f"yes ({_describe(ours, what)})"
    return f"NO: {_describe(ours, what)} vs {_describe(theirs, what)}"


def _describe(answer: object, what: str) -> str:
    if isinstance(answer, dict):
        return ", ".join(
            f"{value if not isinstance(value, list) else len(value)} {key}" for key, value in answer.items()
        )
    return f"{answer} {what}"


def pyrudof_row(size: str, rudof: Measure, pyshacl: Measure | None) -> Row:
    """The candidate engine's row: its agreement with pySHACL, or why it was not measured."""
    row = Row("full validation, pyrudof (candidate)", size, rudof, pyshacl, "")
    if rudof.error:
        row.agree = f"not measured: {rudof.error}"
    elif rudof.timed_out:
        row.agree = "pyrudof cut"
    elif rudof.answer is not None and pyshacl is not None and pyshacl.answer:
        row.agree = "pyrudof vs pyshacl: " + _agreement(rudof.answer, pyshacl.answer, "")
    return row


def _pair(
    operation: str,
    label: str,
    size: str,
    data: Path,
    limit: float | None,
    with_baseline: bool,
    extra: str = "",
    what: str = "",
    repeat: int = 1,
) -> Row:
    ours, _ = measure(operation, "cyberkg", data, extra, repeat=repeat)
    if not with_baseline:
        return Row(label, size, ours, None, "")
    theirs, _ = measure(
        operation, "baseline", data, extra + ".baseline" if operation == "network" else extra, limit, repeat=repeat
    )
    if theirs.timed_out:
        return Row(label, size, ours, theirs, "baseline cut")
    if ours.error or theirs.error:
        return Row(label, size, ours, theirs, f"error: {ours.error or theirs.error}")
    return Row(label, size, ours, theirs, _agreement(ours.answer, theirs.answer, what))


def run_benchmark(
    sizes: Sequence[int],
    workdir: Path,
    baseline_timeout: float | None = None,
    baseline: bool = True,
    baseline_queries_above: int = 20_000,
    pyrudof: bool = True,
    progress: Callable[[Row], None] | None = None,
    repeat: int = 3,
    reader_sizes: Sequence[float] = (),
    add_triples: int = 0,
    step_progress: Progress | None = None,
) -> list[Row]:
    """Measure every operation at every size, each side the best of ``repeat`` runs; return the table's rows.

    Both sides are repeated alike (a side stops repeating once its runs took worker.REPEAT_BUDGET_SECONDS),
    so the ratios compare best with best. The start-up row is always the best of three. With
    ``add_triples``, one more row times ``cyberkg add`` of a conforming file of that many triples, once.
    ``progress`` is given each row once measured; ``step_progress`` is told each step as it begins ("10k:
    full validation"), with how many of all are done (:class:`~cyberkg.bench.steps.Steps`).
    """
    from cyberkg.bench.default_open import QUERY, default_open_rows
    from cyberkg.bench.synthetic import generate, generate_addition

    rows: list[Row] = []

    def keep(row: Row) -> None:
        rows.append(row)
        if progress is not None:
            progress(row)

    per_size = 9 + (1 if pyrudof else 0)
    steps = Steps(per_size * len(sizes) + len(reader_sizes) + (1 if add_triples else 0) + 1, step_progress)
    heavy: list[str] = []
    for target in sizes:
        size = size_name(target)
        steps.begin(f"{size}: generating the graph")
        graph = generate(target, workdir / f"synthetic-{size}.ttl")
        addition = generate_addition(graph, 1000, workdir / f"addition-{size}.ttl")
        steps.begin(f"{size}: load (parse Turtle)")
        load = _pair(
            "load", "load (parse Turtle)", size, graph.path, baseline_timeout, baseline, what="triples", repeat=repeat
        )
        keep(load)
        steps.begin(f"{size}: reopen the saved on-disk store")
        keep(_reopen_row(size, graph.path, workdir / f"saved-{size}", load, repeat))
        steps.begin(f"{size}: every library query")
        names = None if target <= baseline_queries_above else ",".join(heavy)
        query_rows, first_rows = _query_rows(size, graph.path, baseline_timeout, names if baseline else "", repeat)
        for row in query_rows:
            keep(row)
            for first in first_rows:
                if first.operation == f"{row.operation}, first row":
                    keep(first)
        steps.begin(f"{size}: every library query on the saved on-disk store")
        keep(_disk_queries_row(size, graph.path, workdir / f"saved-{size}", query_rows, repeat))
        steps.begin(f"{size}: first and repeated command on the graph opened the default way")
        for row in default_open_rows(
            size, graph.path, workdir, _rows_of(query_rows, QUERY), repeat, _all_rows(query_rows)
        ):
            keep(row)
        if not heavy:
            timed = [r for r in query_rows if r.baseline is not None and r.baseline.seconds is not None]
            heavy = [r.operation.split(" ", 1)[1] for r in sorted(timed, key=_baseline_seconds, reverse=True)[:3]]
        steps.begin(f"{size}: full validation")
        validation = _pair("validate", "full validation", size, graph.path, baseline_timeout, baseline, repeat=repeat)
        seeded = {f"<{iri}>" for iri in graph.violating_nodes()}
        answer = validation.cyberkg.answer
        violating = set(answer.get("violating", []) if isinstance(answer, dict) else [])
        validation.notes.append(
            "seeded violations found exactly"
            if violating == seeded
            else f"seeded violations: {len(seeded)}, violating nodes: {len(violating)}"
        )
        keep(validation)
        if pyrudof:
            steps.begin(f"{size}: full validation, pyrudof")
            rudof, _ = measure("validate", "pyrudof", graph.path, "", baseline_timeout, repeat=repeat)
            keep(pyrudof_row(size, rudof, validation.baseline))
        steps.begin(f"{size}: validate a 1,000-triple addition in context")
        keep(
            _pair(
                "incremental",
                "validate a 1,000-triple addition in context",
                size,
                graph.path,
                baseline_timeout,
                baseline,
                str(addition.path),
                repeat=repeat,
            )
        )
        steps.begin(f"{size}: organisation-organisation network export")
        keep(
            _pair(
                "network",
                "organisation-organisation network export",
                size,
                graph.path,
                baseline_timeout,
                baseline,
                str(workdir / f"network-{size}.csv"),
                repeat=repeat,
            )
        )
    for megabytes in reader_sizes:
        steps.begin(f"read-report of a {megabytes:g} MB update")
        keep(reader_row(megabytes, workdir, repeat))
    if add_triples:
        steps.begin(f"add a file of {size_name(add_triples)} triples")
        keep(_add_row(add_triples, workdir, baseline_timeout, baseline))
    steps.begin("start-up: cyberkg query meetings-promoting-accession")
    keep(_startup_row())
    steps.end()
    return rows


def reader_row(megabytes: float, workdir: Path, repeat: int = 3) -> Row:
    """Reading a synthetic 2009-style update of ``megabytes`` MB into a draft: time, memory, MB/s; every row
    must be drafted (the answer compared is the row count written)."""
    from cyberkg.bench.reports import generate_report

    report = generate_report(megabytes, workdir / f"report-{megabytes:g}MB.txt")
    ours, _ = measure("read-report", "cyberkg", report.path, repeat=repeat)
    size = f"{report.size_bytes / 1_000_000:.1f} MB"
    row = Row("read-report, 2009 update layout (synthetic rows)", size, ours, None, "")
    answer = ours.answer if isinstance(ours.answer, dict) else {}
    if answer:
        seen, drafted = answer.get("seen"), answer.get("drafted")
        verdict = "yes" if seen == drafted == report.rows else "NO"
        row.agree = f"{verdict}: {report.rows} rows written, {seen} seen, {drafted} drafted"
    elif ours.error:
        row.agree = f"error: {ours.error}"
    if ours.seconds:
        row.notes.append(f"{report.size_bytes / 1_000_000 / ours.seconds:.1f} MB/s")
    return row


def _add_row(target: int, workdir: Path, limit: float | None, with_baseline: bool) -> Row:
    """``cyberkg add`` of a large conforming file (no seeded violations): the fast engine against pySHACL.

    Each side adds the same file into its own fresh copy of the data folders, once (a large add is slow
    on the baseline side, and an accepted add cannot be repeated into the same folder).
    """
    from cyberkg.bench.synthetic import generate

    size = size_name(target)
    graph = generate(target, workdir / f"add-{size}.ttl", seeded=False)
    megabytes = graph.path.stat().st_size / 1_000_000
    row = _pair(
        "add", "add a file (cyberkg add)", f"{megabytes:.0f} MB", graph.path, limit, with_baseline, str(workdir)
    )
    row.notes.append(f"{graph.triples} triples in the file; cyberkg: --engine fast, baseline: --engine pyshacl")
    return row


def _reopen_row(size: str, data: Path, location: Path, load: Row, repeat: int) -> Row:
    """Reopening the saved on-disk store, against the same baseline as loading (rdflib has nothing to reopen)."""
    ours, _ = measure("reopen", "cyberkg", data, str(location), repeat=repeat)
    row = Row("reopen the saved on-disk store (--location)", size, ours, load.baseline, "")
    if load.baseline is not None and load.baseline.answer is not None and ours.answer is not None:
        row.agree = _agreement(ours.answer, load.baseline.answer, "triples")
    elif ours.answer is not None and load.cyberkg.answer is not None:
        row.agree = _agreement(ours.answer, load.cyberkg.answer, "triples")
    return row


def _rows_of(query_rows: list[Row], name: str) -> object:
    """The row count the in-memory run of library query ``name`` answered (None if it was not measured)."""
    return next((row.cyberkg.answer for row in query_rows if row.operation.split(" ", 1)[-1] == name), None)


def _all_rows(query_rows: list[Row]) -> int | None:
    """The rows of every library query in memory, in all (None if one was not measured)."""
    answers = [row.cyberkg.answer for row in query_rows]
    if not all(isinstance(answer, int) for answer in answers):
        return None
    return sum(answer for answer in answers if isinstance(answer, int))


def _baseline_seconds(row: Row) -> float:
    """The time of a row's baseline side (0 when it has none)."""
    return row.baseline.seconds or 0.0 if row.baseline is not None else 0.0


def _disk_queries_row(size: str, data: Path, location: Path, in_memory: list[Row], repeat: int) -> Row:
    """All library queries on the saved on-disk store, beside their total in memory (the trade-off of --location)."""
    ours, _ = measure("disk-queries", "cyberkg", data, str(location), repeat=repeat)
    row = Row("all library queries in turn, on the saved on-disk store", size, ours, None, "")
    timed = [r.cyberkg for r in in_memory if r.cyberkg.seconds is not None]
    if len(timed) == len(in_memory) and ours.answer is not None:
        rows = sum(m.answer for m in timed if isinstance(m.answer, int))
        row.agree = _agreement(ours.answer, rows, "rows")
        row.notes.append(f"in memory: {sum(m.seconds for m in timed if m.seconds is not None):.3f} s in all")
    return row


def _startup_row() -> Row:
    ours, lines = measure_command(
        [sys.executable, "-m", "cyberkg", "query", "meetings-promoting-accession", "--format", "csv"]
    )
    code = (
        "import sys, rdflib\nfrom cyberkg.store.loading import data_files\n"
        "from cyberkg.store.checkout import default_checkout\n"
        "g = rdflib.Graph()\n[g.parse(p, format='turtle') for p in data_files()]\n"
        "q = (default_checkout().queries_dir / 'meetings-promoting-accession.rq').read_text()\n"
        "rows = g.query(q, initBindings={'instrument': rdflib.URIRef("
        "'https://w3id.org/cyberkg/id/instrument/ets-185')})\nprint(len(rows))"
    )
    theirs, _ = measure_command([sys.executable, "-c", code])
    row = Row(
        "cyberkg query meetings-promoting-accession (curated graph, wall, start-up included)",
        "curated",
        ours,
        theirs,
        f"{max(0, lines - 1)} rows printed",
    )
    return row


def size_name(target: int) -> str:
    if target >= 1_000_000 and target % 1_000_000 == 0:
        return f"{target // 1_000_000}M"
    if target >= 1_000 and target % 1_000 == 0:
        return f"{target // 1_000}k"
    return str(target)
