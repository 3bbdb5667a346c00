"""One measured operation of the benchmark, run in a process of its own.

``python -m cyberkg.bench.worker OPERATION SIDE DATA EXTRA LIMIT REPEAT`` loads what the operation needs,
times the operation alone (the best of REPEAT runs, each cut after LIMIT seconds, 0 for none), and prints
one JSON line: ``seconds``, ``answer`` (what the runner compares between the two sides), ``peak_mb``, or
``timed_out``. SIDE is ``cyberkg`` (Oxigraph, the SPARQL validation engine), ``baseline`` (rdflib, pySHACL,
networkx) or ``pyrudof``.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cyberkg.rdf.namespaces import CKG
from cyberkg.rdf.results import select_solutions
from cyberkg.store.checkout import default_checkout

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from cyberkg.query.library import LibraryQuery
    from cyberkg.validation.report import ValidationReport

Timer = Callable[[Callable[[], object]], dict]

PARTICIPANT_PAIRS = """
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
SELECT ?a ?b (COUNT(DISTINCT ?event) AS ?weight) WHERE {
  ?event ckg:participation/ckg:agent ?a .
  ?event ckg:participation/ckg:agent ?b .
  FILTER(STR(?a) < STR(?b))
}
GROUP BY ?a ?b
"""


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(data: str) -> list[Path]:
    from cyberkg.store.loading import data_files

    return [*data_files(), Path(data)]


def _ox_store(data: str) -> pyoxigraph.Store:
    from cyberkg.store.loading import load_store

    return load_store(_files(data))


def _rdflib_graph(data: str) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    for path in _files(data):
        graph.parse(path, format="turtle")
    return graph


def _rdflib_bindings(query: LibraryQuery) -> dict[str, rdflib.term.Identifier]:
    from cyberkg.query.library import bindings
    from cyberkg.rdf.terms import to_rdflib

    return {name: to_rdflib(term) for name, term in bindings(query, {}).items()}


# A side stops repeating once its runs of one operation have taken this long in all
# (so a baseline that takes a minute runs once, not three times).
REPEAT_BUDGET_SECONDS = 60.0


def best_of(
    function: Callable[[], object], repeat: int = 1, limit: float = 0.0, budget: float = REPEAT_BUDGET_SECONDS
) -> dict:
    """The best time of up to ``repeat`` calls of ``function``, each cut (by SIGALRM) after ``limit`` seconds.

    Returns ``{"seconds": best, "answer": answer}``, or ``{"timed_out": True}`` when the first
    call is cut. Every call must answer the same; one that differs raises RuntimeError (an
    answer that changes is a bug, not a time). Repeats stop once the calls have taken
    ``budget`` seconds in all, or at the first cut call (the best earlier call is kept).
    A ``limit`` of 0 means no limit.
    """
    import signal

    def stop(*_: object) -> NoReturn:
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

    def timer(function: Callable[[], object]) -> dict:
        return best_of(function, repeat, limit)

    result = _WORK[(operation, side)](data, extra, timer)
    result["peak_mb"] = _peak_mb()
    return result


def _load_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    return timer(lambda: len(_ox_store(data)))


def _load_baseline(data: str, extra: str, timer: Timer) -> dict:
    return timer(lambda: len(_rdflib_graph(data)))


def _reopen_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    """Reopen the saved on-disk store (``--location``) in folder ``extra``, built first (not timed)."""
    from cyberkg.store.saved import open_saved_store, saved_store_folder

    files = _files(data)
    saved_store_folder(Path(extra), files)
    measured = timer(lambda: open_saved_store(Path(extra), files) is not None)
    if not measured.get("timed_out"):
        measured["answer"] = len(open_saved_store(Path(extra), files))
    return measured


def _disk_queries_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    """Every library query in turn on the saved on-disk store in folder ``extra``: total time, total rows."""
    from cyberkg.query.library import list_queries, run
    from cyberkg.store.saved import open_saved_store

    store = open_saved_store(Path(extra), _files(data))
    queries = list_queries()
    return timer(lambda: sum(len(run(store, query).rows) for query in queries))


def _queries_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    """Every library query: the time to all its rows (answer: how many), and the time to its first row alone.

    The first row is read as ``cyberkg query`` and ``iter_query`` read it, from Oxigraph's lazy solutions
    (the query parsed and started, then one row); its answer is that row, which must be row 1 of the whole
    result (``same_as_whole``).
    """
    from cyberkg.query.library import QueryResult, iter_dicts, list_queries, run

    store = _ox_store(data)
    row_one: dict[str, dict | None] = {}

    def count_rows(query: LibraryQuery) -> int:
        result = run(store, query)
        row_one[query.name] = QueryResult(result.columns, result.rows[:1]).as_dicts()[0] if result.rows else None
        return len(result.rows)

    def first_row(query: LibraryQuery) -> dict | None:
        return next(iter_dicts(store, query), None)

    measured = {}
    for query in list_queries():
        measured[query.name] = timer(functools.partial(count_rows, query))
        first = timer(functools.partial(first_row, query))
        if not first.get("timed_out"):
            first["same_as_whole"] = first["answer"] == row_one.get(query.name)
        measured[query.name]["first_row"] = first
    return {"queries": measured}


def _queries_baseline(data: str, extra: str, timer: Timer) -> dict:
    from cyberkg.query.library import list_queries

    wanted = set(extra.split(",")) if extra else None
    graph = _rdflib_graph(data)

    def count_rows(query: LibraryQuery) -> int:
        return len(graph.query(query.text, initBindings=_rdflib_bindings(query)))

    return {
        "queries": {
            query.name: timer(functools.partial(count_rows, query))
            for query in list_queries()
            if wanted is None or query.name in wanted
        }
    }


def _validation_summary(report: ValidationReport) -> dict:
    return {
        "results": len(report.results),
        "violating": sorted({r.focus_node for r in report.results if r.severity == "Violation"}),
    }


def _validate_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes, validate_store

    store = _ox_store(data)
    shapes = compile_shapes(shape_files(default_checkout().shapes_dir))
    return timer(lambda: _validation_summary(validate_store(store, shapes)))


def _validate_baseline(data: str, extra: str, timer: Timer) -> dict:
    from cyberkg.validation.reference import load_shapes_graph, validate_graph

    graph = _rdflib_graph(data)
    shapes = load_shapes_graph()
    return timer(lambda: _validation_summary(validate_graph(graph, shapes)))


def _validate_pyrudof(data: str, extra: str, timer: Timer) -> dict:
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
        violating = sorted(
            {
                str(r.focus_node) if str(r.focus_node).startswith("<") else f"<{r.focus_node}>"
                for r in results
                if "Violation" in str(r.severity)
            }
        )
        return {"results": len(results), "violating": violating}

    return timer(run)


def _incremental_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    from cyberkg.store.loading import load_store
    from cyberkg.validation.incremental import validate_addition
    from cyberkg.validation.reference import shape_files
    from cyberkg.validation.sparql_engine import compile_shapes

    store = load_store([*_files(data), Path(extra)])
    shapes = compile_shapes(shape_files(default_checkout().shapes_dir))

    def run() -> dict:
        checked = validate_addition(store, shapes, [Path(extra)])
        return {"results": len(checked.report.results), "checked": len(checked.focus_nodes)}

    return timer(run)


def _incremental_baseline(data: str, extra: str, timer: Timer) -> dict:
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

    return timer(run)


def _network_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    from cyberkg.atomic import write_atomically

    store = _ox_store(data)

    def run() -> dict:
        lines = ["source,target,weight"]
        lines += [f"{row[0].value},{row[1].value},{row[2].value}" for row in select_solutions(store, PARTICIPANT_PAIRS)]
        write_atomically(Path(extra), "\n".join(lines) + "\n")
        return {"edges": len(lines) - 1, "weight": sum(int(line.rsplit(",", 1)[1]) for line in lines[1:])}

    return timer(run)


def _network_baseline(data: str, extra: str, timer: Timer) -> dict:
    import networkx
    import rdflib
    from networkx.algorithms import bipartite

    graph = _rdflib_graph(data)
    ckg = rdflib.Namespace(CKG)

    def run() -> dict:
        network: networkx.Graph[tuple[str, str]] = networkx.Graph()
        agents = set()
        for event, participation in graph.subject_objects(ckg.participation):
            for agent in graph.objects(participation, ckg.agent):
                network.add_edge(("event", str(event)), ("agent", str(agent)))
                agents.add(("agent", str(agent)))
        projected = bipartite.weighted_projected_graph(network, agents)
        networkx.write_weighted_edgelist(projected, extra)
        weights = [weight for _, _, weight in projected.edges(data="weight", default=0)]
        return {"edges": projected.number_of_edges(), "weight": sum(weights)}

    return timer(run)


def _read_report_cyberkg(data: str, extra: str, timer: Timer) -> dict:
    """Read a report into a draft (the reference data loaded first, untimed); answer the items counted."""
    from cyberkg.reader.gazetteer import Gazetteer, geonames_index
    from cyberkg.reader.reading import read_report
    from cyberkg.reader.reference import load_reference

    reference = load_reference()
    gazetteer = Gazetteer(reference.cities, reference.country_names)
    geonames_index()  # built once per process, as in a command

    def run() -> dict:
        reading = read_report(Path(data), reference, gazetteer)
        return {
            "seen": reading.items_seen or reading.drafted,
            "drafted": reading.drafted,
            "turtle": len(reading.turtle),
        }

    return timer(run)


def _add(engine: str) -> Callable[[str, str, Timer], dict]:
    """``cyberkg add`` of DATA into a fresh copy of the project's data folders under EXTRA, the whole add timed.

    ``fast`` is cyberkg's way (Oxigraph for the checks and the validation); ``pyshacl`` is the baseline,
    rdflib graphs and pySHACL, which is what ``add`` did for every file before it chose the engine.
    """

    def measured(data: str, extra: str, timer: Timer) -> dict:
        import shutil
        import tempfile

        from cyberkg.store.checkout import DATA_FOLDERS, Checkout
        from cyberkg.validation.adding import add_file

        source = default_checkout()

        def run() -> dict:
            Path(extra).mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=f"add-{engine}-", dir=extra) as folder:
                for name in DATA_FOLDERS:
                    shutil.copytree(source.root / name, Path(folder) / name)
                outcome = add_file(Path(data), checkout=Checkout(Path(folder)), engine=engine)
                return {
                    "added": outcome.accepted,
                    "violations": outcome.validation.report.counts()["Violation"],
                    "conflicts": len(outcome.conflicts),
                }

        return timer(run)

    return measured


_WORK: dict[tuple[str, str], Callable[[str, str, Timer], dict]] = {
    ("add", "cyberkg"): _add("fast"),
    ("add", "baseline"): _add("pyshacl"),
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
    ("read-report", "cyberkg"): _read_report_cyberkg,
}


def main(argv: list[str] | None = None) -> None:
    operation, side, data, extra, limit, repeat = (argv if argv is not None else sys.argv[1:])[:6]
    print(json.dumps(work(operation, side, data, extra, float(limit), int(repeat))))


if __name__ == "__main__":
    main()
