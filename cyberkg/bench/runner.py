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
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cyberkg.store.checkout import default_checkout

PARTICIPANT_PAIRS = """
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
SELECT ?a ?b (COUNT(DISTINCT ?event) AS ?weight) WHERE {
  ?event ckg:participation/ckg:agent ?a .
  ?event ckg:participation/ckg:agent ?b .
  FILTER(STR(?a) < STR(?b))
}
GROUP BY ?a ?b
"""


@dataclass
class Measure:
    """One side of one operation: seconds, peak memory in MB, the answer; or the time limit it hit."""

    seconds: float | None = None
    peak_mb: float | None = None
    answer: object = None
    timed_out: bool = False
    error: str | None = None


@dataclass
class Row:
    operation: str
    size: str
    cyberkg: Measure
    baseline: Measure | None
    agree: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.seconds is None or not self.cyberkg.seconds:
            return None
        return self.baseline.seconds / self.cyberkg.seconds


# -- work done inside the measured subprocess ----------------------------------


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(data: str) -> list[Path]:
    from cyberkg.store.loading import data_files

    return [*data_files(), Path(data)]


def _ox_store(data: str):
    from cyberkg.store.loading import load_store

    return load_store(_files(data))


def _rdflib_graph(data: str):
    import rdflib

    graph = rdflib.Graph()
    for path in _files(data):
        graph.parse(path, format="turtle")
    return graph


def _rdflib_bindings(query) -> dict:
    from cyberkg.query.library import bindings
    from cyberkg.rdf.terms import to_rdflib

    return {name: to_rdflib(term) for name, term in bindings(query, {}).items()}


_RUN = {"seconds": 0.0, "repeat": 1}

# A side stops repeating once its runs of one operation have taken this long in all
# (so a baseline that takes a minute runs once, not three times).
REPEAT_BUDGET_SECONDS = 60.0


def _timed(function: Callable[[], object]) -> dict:
    """Time ``function`` with this run's repeat count and limit (loading before the call is not counted)."""
    return best_of(function, _RUN["repeat"], _RUN["seconds"])


def best_of(function: Callable[[], object], repeat: int = 1, limit: float = 0.0,
            budget: float = REPEAT_BUDGET_SECONDS) -> dict:
    """The best time of up to ``repeat`` calls of ``function``, each cut (by SIGALRM) after ``limit`` seconds.

    Returns ``{"seconds": best, "answer": answer}``, or ``{"timed_out": True}`` when the first
    call is cut. Every call must answer the same; one that differs raises RuntimeError (an
    answer that changes is a bug, not a time). Repeats stop once the calls have taken
    ``budget`` seconds in all, or at the first cut call (the best earlier call is kept).
    A ``limit`` of 0 means no limit.
    """
    import signal

    def stop(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    best: float | None = None
    answer: object = None
    spent = 0.0
    for attempt in range(max(1, repeat)):
        signal.setitimer(signal.ITIMER_REAL, limit)
        start = time.perf_counter()
        try:
            result = function()
        except TimeoutError:
            if best is None:
                return {"timed_out": True}
            break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - start
        if attempt and result != answer:
            raise RuntimeError(f"run {attempt + 1} answered {result!r}, run 1 answered {answer!r}")
        answer = result
        best = seconds if best is None else min(best, seconds)
        spent += seconds
        if spent >= budget:
            break
    return {"seconds": best, "answer": answer}


def work(operation: str, side: str, data: str, extra: str = "", limit: float = 0, repeat: int = 1) -> dict:
    """Do one measured operation in this process; return its (best) time, answer and peak memory."""
    _RUN["seconds"] = limit
    _RUN["repeat"] = repeat
    result = _WORK[(operation, side)](data, extra, limit)
    result["peak_mb"] = _peak_mb()
    return result


def _load_cyberkg(data: str, extra: str, limit: float) -> dict:
    return _timed(lambda: len(_ox_store(data)))


def _load_baseline(data: str, extra: str, limit: float) -> dict:
    return _timed(lambda: len(_rdflib_graph(data)))


def _reopen_cyberkg(data: str, extra: str, limit: float) -> dict:
    """Reopen the saved on-disk store (``--location``) in folder ``extra``, built first (not timed)."""
    from cyberkg.store.saved import open_saved_store, saved_store_folder

    files = _files(data)
    saved_store_folder(Path(extra), files)
    measured = _timed(lambda: open_saved_store(Path(extra), files) is not None)
    if not measured.get("timed_out"):
        measured["answer"] = len(open_saved_store(Path(extra), files))
    return measured


def _disk_queries_cyberkg(data: str, extra: str, limit: float) -> dict:
    """Every library query in turn on the saved on-disk store in folder ``extra``: total time, total rows."""
    from cyberkg.query.library import list_queries, run
    from cyberkg.store.saved import open_saved_store

    store = open_saved_store(Path(extra), _files(data))
    queries = list_queries()
    return _timed(lambda: sum(len(run(store, query).rows) for query in queries))


def _queries_cyberkg(data: str, extra: str, limit: float) -> dict:
    from cyberkg.query.library import list_queries, run

    store = _ox_store(data)
    return {"queries": {query.name: _timed(lambda query=query: len(run(store, query).rows))
                        for query in list_queries()}}


def _queries_baseline(data: str, extra: str, limit: float) -> dict:
    from cyberkg.query.library import list_queries

    wanted = set(extra.split(",")) if extra else None
    graph = _rdflib_graph(data)
    return {"queries": {
        query.name: _timed(lambda query=query: len(graph.query(query.text, initBindings=_rdflib_bindings(query))))
        for query in list_queries() if wanted is None or query.name in wanted}}


def _validation_summary(report) -> dict:
    return {"results": len(report.results),
            "violating": sorted({r.focus_node for r in report.results if r.severity == "Violation"})}


def _validate_cyberkg(data: str, extra: str, limit: float) -> dict:
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes, validate_store

    store = _ox_store(data)
    shapes = compile_shapes(shape_files(default_checkout().shapes_dir))
    return _timed(lambda: _validation_summary(validate_store(store, shapes)))


def _validate_baseline(data: str, extra: str, limit: float) -> dict:
    from cyberkg.validation.reference import load_shapes_graph, validate_graph

    graph = _rdflib_graph(data)
    shapes = load_shapes_graph()
    return _timed(lambda: _validation_summary(validate_graph(graph, shapes)))


def _validate_pyrudof(data: str, extra: str, limit: float) -> dict:
    import pyrudof

    from cyberkg.validation.reference import shape_files

    def run() -> dict:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        for index, path in enumerate(_files(data)):
            rudof.read_data(str(path), merge=index > 0)
        shape_paths = shape_files(default_checkout().shapes_dir)
        shapes_text = "\n".join(p.read_text(encoding="utf-8") for p in shape_paths)
        rudof.read_shacl(shapes_text)  # Turtle allows the files' prefix lines to repeat
        report = rudof.validate_shacl()
        results = list(report)
        violating = sorted({str(r.focus_node) if str(r.focus_node).startswith("<") else f"<{r.focus_node}>"
                            for r in results if "Violation" in str(r.severity)})
        return {"results": len(results), "violating": violating}

    return _timed(run)


def _incremental_cyberkg(data: str, extra: str, limit: float) -> dict:
    from cyberkg.store.loading import load_store
    from cyberkg.validation.incremental import validate_addition
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes

    store = load_store([*_files(data), Path(extra)])
    shapes = compile_shapes(shape_files(default_checkout().shapes_dir))

    def run() -> dict:
        checked = validate_addition(store, shapes, [Path(extra)])
        return {"results": len(checked.report.results), "checked": len(checked.focus_nodes)}

    return _timed(run)


def _incremental_baseline(data: str, extra: str, limit: float) -> dict:
    from cyberkg.store.loading import load_store
    from cyberkg.validation.incremental import checked_focus_nodes
    from cyberkg.validation.reference import load_shapes_graph, validate_graph

    graph = _rdflib_graph(data)
    graph.parse(extra, format="turtle")
    shapes = load_shapes_graph()
    store = load_store([*_files(data), Path(extra)])
    checked = {str(n) for n in checked_focus_nodes(store, [Path(extra)])}

    def run() -> dict:
        report = validate_graph(graph, shapes)
        kept = [r for r in report.results if r.focus_node in checked]
        return {"results": len(kept), "checked": len(checked)}

    return _timed(run)


def _network_cyberkg(data: str, extra: str, limit: float) -> dict:
    from cyberkg.atomic import write_atomically

    store = _ox_store(data)

    def run() -> dict:
        lines = ["source,target,weight"]
        lines += [f"{row[0].value},{row[1].value},{row[2].value}" for row in store.query(PARTICIPANT_PAIRS)]
        write_atomically(Path(extra), "\n".join(lines) + "\n")
        return {"edges": len(lines) - 1, "weight": sum(int(line.rsplit(",", 1)[1]) for line in lines[1:])}

    return _timed(run)


def _network_baseline(data: str, extra: str, limit: float) -> dict:
    import networkx
    import rdflib
    from networkx.algorithms import bipartite

    graph = _rdflib_graph(data)
    ckg = rdflib.Namespace("https://w3id.org/cyberkg/ontology#")

    def run() -> dict:
        network = networkx.Graph()
        agents = set()
        for event, participation in graph.subject_objects(ckg.participation):
            for agent in graph.objects(participation, ckg.agent):
                network.add_edge(("event", str(event)), ("agent", str(agent)))
                agents.add(("agent", str(agent)))
        projected = bipartite.weighted_projected_graph(network, agents)
        networkx.write_edgelist(projected, extra, data=["weight"])
        return {"edges": projected.number_of_edges(),
                "weight": sum(w for _, _, w in projected.edges(data="weight"))}

    return _timed(run)


_WORK: dict[tuple[str, str], Callable[[str, str, float], dict]] = {
    ("load", "cyberkg"): _load_cyberkg,
    ("load", "baseline"): _load_baseline,
    ("reopen", "cyberkg"): _reopen_cyberkg,
    ("disk-queries", "cyberkg"): _disk_queries_cyberkg,
    ("queries", "cyberkg"): _queries_cyberkg,
    ("queries", "baseline"): _queries_baseline,
    ("validate", "cyberkg"): _validate_cyberkg,
    ("validate", "baseline"): _validate_baseline,
    ("validate", "pyrudof"): _validate_pyrudof,
    ("incremental", "cyberkg"): _incremental_cyberkg,
    ("incremental", "baseline"): _incremental_baseline,
    ("network", "cyberkg"): _network_cyberkg,
    ("network", "baseline"): _network_baseline,
}


# -- the orchestrator ----------------------------------------------------------


def measure(operation: str, side: str, data: Path, extra: str = "", limit: float | None = None,
            process_limit: float | None = None, repeat: int = 1) -> tuple[Measure, dict]:
    """Run one operation in a fresh interpreter, best of ``repeat`` runs; cut each run at ``limit`` seconds.

    The whole process is stopped after twice ``process_limit`` (or ``limit``) and the repeat
    budget, plus ten minutes for loading.
    """
    code = ("import json, sys\nfrom cyberkg.bench.runner import work\n"
            "print(json.dumps(work(*sys.argv[1:5], float(sys.argv[5]), int(sys.argv[6]))))")
    command = [sys.executable, "-c", code, operation, side, str(data), extra, str(limit or 0), str(repeat)]
    try:
        # The operation itself is cut inside the worker; the process also gets time to load and repeat.
        budget = process_limit or limit
        done = subprocess.run(command, capture_output=True, text=True,
                              timeout=None if budget is None else 2 * budget + REPEAT_BUDGET_SECONDS + 600,
                              env=_environment())
    except subprocess.TimeoutExpired:
        return Measure(timed_out=True), {}
    if done.returncode != 0:
        return Measure(error=(done.stderr.strip().splitlines() or ["failed"])[-1]), {}
    payload = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(payload.get("seconds"), payload.get("peak_mb"), payload.get("answer"),
                   timed_out=bool(payload.get("timed_out"))), payload


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.setdefault("CYBERKG_ROOT", str(default_checkout().root))
    return environment


def measure_command(argv: Sequence[str], repeat: int = 3) -> tuple[Measure, int]:
    """Wall time of a whole command (best of ``repeat``), with its output line count."""
    best, lines = None, 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(list(argv), capture_output=True, text=True, env=_environment())
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            return Measure(error=(done.stderr.strip().splitlines() or ["failed"])[-1]), 0
        lines = len(done.stdout.strip().splitlines())
        best = seconds if best is None else min(best, seconds)
    return Measure(seconds=best), lines


def _query_rows(size: str, data: Path, limit: float | None, baseline_queries: str | None,
                repeat: int = 1) -> list[Row]:
    ours, ours_payload = measure("queries", "cyberkg", data, repeat=repeat)
    if ours.error:
        return [Row("library queries", size, ours, None, "error")]
    wanted = None if not baseline_queries else set(baseline_queries.split(","))
    if baseline_queries == "":
        theirs, theirs_payload = Measure(), {}
    else:
        # One process parses once and runs the queries, each cut at the limit; the process gets time for all.
        count = len(wanted) if wanted is not None else len(ours_payload["queries"])
        batch_limit = None if limit is None else limit * (count + 1)
        theirs, theirs_payload = measure("queries", "baseline", data, baseline_queries or "", limit,
                                         process_limit=batch_limit, repeat=repeat)
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
    return rows


def _agreement(ours: object, theirs: object, what: str) -> str:
    if ours == theirs:
        return f"yes ({_describe(ours, what)})"
    return f"NO: {_describe(ours, what)} vs {_describe(theirs, what)}"


def _describe(answer: object, what: str) -> str:
    if isinstance(answer, dict):
        return ", ".join(f"{value if not isinstance(value, list) else len(value)} {key}"
                         for key, value in answer.items())
    return f"{answer} {what}"


def _pair(operation: str, label: str, size: str, data: Path, limit: float | None, with_baseline: bool,
          extra: str = "", what: str = "", repeat: int = 1) -> Row:
    ours, _ = measure(operation, "cyberkg", data, extra, repeat=repeat)
    if not with_baseline:
        return Row(label, size, ours, None, "")
    theirs, _ = measure(operation, "baseline", data, extra + ".baseline" if operation == "network" else extra,
                        limit, repeat=repeat)
    if theirs.timed_out:
        return Row(label, size, ours, theirs, "baseline cut")
    if ours.error or theirs.error:
        return Row(label, size, ours, theirs, f"error: {ours.error or theirs.error}")
    return Row(label, size, ours, theirs, _agreement(ours.answer, theirs.answer, what))


def run_benchmark(sizes: Sequence[int], workdir: Path, baseline_timeout: float | None = None,
                  baseline: bool = True, baseline_queries_above: int = 20_000,
                  pyrudof: bool = True, progress: Callable[[Row], None] | None = None,
                  repeat: int = 3) -> list[Row]:
    """Measure every operation at every size, each side the best of ``repeat`` runs; return the table's rows.

    Both sides are repeated alike (a side stops repeating once its runs took REPEAT_BUDGET_SECONDS),
    so the ratios compare best with best. The start-up row is always the best of three.
    """
    from cyberkg.bench.synthetic import generate, generate_addition

    rows: list[Row] = []

    def keep(row: Row) -> None:
        rows.append(row)
        if progress is not None:
            progress(row)

    heavy: list[str] = []
    for target in sizes:
        size = _size_name(target)
        graph = generate(target, workdir / f"synthetic-{size}.ttl")
        addition = generate_addition(graph, 1000, workdir / f"addition-{size}.ttl")
        load = _pair("load", "load (parse Turtle)", size, graph.path, baseline_timeout, baseline,
                     what="triples", repeat=repeat)
        keep(load)
        keep(_reopen_row(size, graph.path, workdir / f"saved-{size}", load, repeat))
        names = None if target <= baseline_queries_above else ",".join(heavy)
        query_rows = _query_rows(size, graph.path, baseline_timeout, names if baseline else "", repeat)
        for row in query_rows:
            keep(row)
        keep(_disk_queries_row(size, graph.path, workdir / f"saved-{size}", query_rows, repeat))
        if not heavy:
            timed = [r for r in query_rows if r.baseline is not None and r.baseline.seconds is not None]
            heavy = [r.operation.split(" ", 1)[1] for r in
                     sorted(timed, key=lambda r: r.baseline.seconds, reverse=True)[:3]]
        validation = _pair("validate", "full validation", size, graph.path, baseline_timeout, baseline,
                           repeat=repeat)
        seeded = {f"<{iri}>" for iri in graph.violating_nodes()}
        violating = set((validation.cyberkg.answer or {}).get("violating", []))
        validation.notes.append("seeded violations found exactly" if violating == seeded
                                else f"seeded violations: {len(seeded)}, violating nodes: {len(violating)}")
        keep(validation)
        if pyrudof:
            rudof, _ = measure("validate", "pyrudof", graph.path, "", baseline_timeout, repeat=repeat)
            rudof_row = Row("full validation, pyrudof (candidate)", size, rudof, validation.baseline, "")
            if rudof.answer is not None and validation.baseline and validation.baseline.answer:
                agreement = _agreement(rudof.answer, validation.baseline.answer, "")
                rudof_row.agree = "pyrudof vs pyshacl: " + agreement
            keep(rudof_row)
        keep(_pair("incremental", "validate a 1,000-triple addition in context", size, graph.path,
                   baseline_timeout, baseline, str(addition.path), repeat=repeat))
        keep(_pair("network", "organisation-organisation network export", size, graph.path, baseline_timeout,
                   baseline, str(workdir / f"network-{size}.csv"), repeat=repeat))
    keep(_startup_row())
    return rows


def _reopen_row(size: str, data: Path, location: Path, load: Row, repeat: int) -> Row:
    """Reopening the saved on-disk store, against the same baseline as loading (rdflib has nothing to reopen)."""
    ours, _ = measure("reopen", "cyberkg", data, str(location), repeat=repeat)
    row = Row("reopen the saved on-disk store (--location)", size, ours, load.baseline, "")
    if load.baseline is not None and load.baseline.answer is not None and ours.answer is not None:
        row.agree = _agreement(ours.answer, load.baseline.answer, "triples")
    elif ours.answer is not None and load.cyberkg.answer is not None:
        row.agree = _agreement(ours.answer, load.cyberkg.answer, "triples")
    return row


def _disk_queries_row(size: str, data: Path, location: Path, in_memory: list[Row], repeat: int) -> Row:
    """All library queries on the saved on-disk store, beside their total in memory (the trade-off of --location)."""
    ours, _ = measure("disk-queries", "cyberkg", data, str(location), repeat=repeat)
    row = Row("all library queries in turn, on the saved on-disk store", size, ours, None, "")
    timed = [r.cyberkg for r in in_memory if r.cyberkg.seconds is not None]
    if len(timed) == len(in_memory) and ours.answer is not None:
        rows = sum(m.answer for m in timed)
        row.agree = _agreement(ours.answer, rows, "rows")
        row.notes.append(f"in memory: {sum(m.seconds for m in timed):.3f} s in all")
    return row


def _startup_row() -> Row:
    ours, lines = measure_command([sys.executable, "-m", "cyberkg", "query", "meetings-promoting-accession",
                                   "--format", "csv"])
    code = ("import sys, rdflib\nfrom cyberkg.store.loading import data_files\n"
            "from cyberkg.store.checkout import default_checkout\n"
            "g = rdflib.Graph()\n[g.parse(p, format='turtle') for p in data_files()]\n"
            "q = (default_checkout().queries_dir / 'meetings-promoting-accession.rq').read_text()\n"
            "rows = g.query(q, initBindings={'instrument': rdflib.URIRef("
            "'https://w3id.org/cyberkg/id/instrument/ets-185')})\nprint(len(rows))")
    theirs, _ = measure_command([sys.executable, "-c", code])
    row = Row("cyberkg query meetings-promoting-accession (curated graph, wall, start-up included)",
              "curated", ours, theirs, f"{max(0, lines - 1)} rows printed")
    return row


def _size_name(target: int) -> str:
    if target >= 1_000_000 and target % 1_000_000 == 0:
        return f"{target // 1_000_000}M"
    if target >= 1_000 and target % 1_000 == 0:
        return f"{target // 1_000}k"
    return str(target)
