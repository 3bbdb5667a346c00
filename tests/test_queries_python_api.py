"""The Python API for notebooks: run a named query with parameters, get rows (whole or one at a time) or a pandas
DataFrame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import cyberkg
from cyberkg.errors import QueryError


def test_run_query_binds_keyword_parameters() -> None:
    """Update of 2 November 2009, output column: output 6 was served by carried-out rows 2 (All), 9 (1, 6),
    12 (All) and planned rows 3 (All) and 4 (6)."""
    result = cyberkg.run_query("events-serving-output", output="https://w3id.org/cyberkg/id/output/phase-2-output-6")
    assert [row["event"] for row in result.as_dicts()] == [
        "https://w3id.org/cyberkg/id/event/2009-09-21-strasbourg-meeting",
        "https://w3id.org/cyberkg/id/event/2009-10-strasbourg-launch",
        "https://w3id.org/cyberkg/id/event/2009-10-14-paris-forum",
        "https://w3id.org/cyberkg/id/event/2009-11-15-sharm-el-sheikh-meeting",
        "https://w3id.org/cyberkg/id/event/2009-11-18-hanoi-seminar",
    ]


def test_values_convert_numbers_and_booleans() -> None:
    """Update of 2 November 2009, project data: up to EUR 1.4 million, threshold EUR 500,000, 28 months."""
    rows = cyberkg.run_query("project-overview").as_values()
    assert [(row["budgetMax"], row["threshold"], row["durationMonths"], row["currency"]) for row in rows] == [
        (1400000.0, 500000.0, 28, "EUR"),
        (1400000.0, 500000.0, 28, "EUR"),
    ]
    hierarchy = cyberkg.run_query("organisation-hierarchy").as_values()
    assert {type(row["direct"]) for row in hierarchy} == {bool}


def test_a_result_becomes_a_dataframe() -> None:
    """Output column of both activity tables, counted by hand (All counts for each output)."""
    pandas = pytest.importorskip("pandas")
    frame = cyberkg.run_query("project-outputs").to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["project", "number", "output", "outputLabel", "events"]
    assert frame["number"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert frame["events"].tolist() == [12, 6, 4, 4, 6, 5, 5]
    assert str(frame["events"].dtype) == "int64"


def _collections_during(action) -> int:
    """How many automatic cyclic-GC collections start while ``action`` runs."""
    import gc

    started = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(record)
    try:
        action()
    finally:
        gc.callbacks.remove(record)
    return len(started)


def test_no_cyclic_collection_runs_while_a_large_result_is_built(store):
    """Building ~5,000 rows of three terms sets off several collections, inside select() at most the one
    that is due when collection resumes."""
    import pyoxigraph

    from cyberkg.query.library import select

    every_triple = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    # The control: the same rows built outside select() do set off collections.
    assert _collections_during(lambda: [tuple(row) for row in store.query(every_triple)]) >= 3
    result = []
    assert _collections_during(lambda: result.append(select(store, every_triple))) <= 1
    assert len(result[0].rows) == len(store) and isinstance(result[0].rows[0][0], pyoxigraph.NamedNode)


def test_the_garbage_collector_is_restored_also_when_reading_the_rows_fails(store):
    import gc

    from cyberkg.errors import QueryError
    from cyberkg.query.library import select

    # A SERVICE on a closed port fails while the rows are read, not when the query starts.
    failing = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert gc.isenabled()
    with pytest.raises(QueryError, match="^query: "):
        select(store, failing)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(QueryError):
            select(store, failing)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- rows one at a time -------------------------------------------------------------------------------


def test_iter_query_gives_the_rows_of_run_query_one_at_a_time() -> None:
    """Update of 2 November 2009, output column (as in the first test above); and the timeline from October 2009."""
    output = "https://w3id.org/cyberkg/id/output/phase-2-output-6"
    rows = cyberkg.iter_query("events-serving-output", output=output)
    assert next(rows)["event"] == "https://w3id.org/cyberkg/id/event/2009-09-21-strasbourg-meeting"
    assert len(list(rows)) == 4  # the other four, as run_query has them
    assert list(cyberkg.iter_query("events-serving-output", output=output)) == (
        cyberkg.run_query("events-serving-output", output=output).as_dicts()
    )
    timeline = list(cyberkg.iter_query("events-timeline", date_from="2009-10"))
    assert timeline == cyberkg.run_query("events-timeline", date_from="2009-10").as_dicts()
    assert len(timeline) > 1


def test_iter_query_gives_the_first_rows_of_a_query_that_never_ends() -> None:
    """The rows come as the engine produces them: three rows of an endless cartesian product, then stop."""
    cartesian = Path(__file__).parent / "limits" / "cartesian.rq"
    code = (
        "import itertools, cyberkg\n"
        f"rows = list(itertools.islice(cyberkg.iter_query({str(cartesian)!r}), 3))\n"
        "print(len(rows), sorted(rows[0]))"
    )
    # Were the rows held whole, this would run for hours: the time-out fails the test instead.
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout == "3 ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']\n"


def test_iter_query_gives_the_triples_of_a_construct_and_refuses_an_ask(tmp_path: Path) -> None:
    construct = tmp_path / "decision-labels.rq"
    construct.write_text(
        "PREFIX ckg: <https://w3id.org/cyberkg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a ckg:Decision ; rdfs:label ?l }\n"
    )
    triples = list(cyberkg.iter_query(str(construct)))
    assert sorted(triples, key=str) == sorted(cyberkg.run_query(str(construct)).as_dicts(), key=str)
    assert {tuple(triple) for triple in triples} == {("subject", "predicate", "object")}
    assert len(triples) == 4
    ask = tmp_path / "any-decision.rq"
    ask.write_text("PREFIX ckg: <https://w3id.org/cyberkg/ontology#>\nASK { ?d a ckg:Decision }\n")
    with pytest.raises(QueryError) as refused:
        cyberkg.iter_query(str(ask))
    assert str(refused.value) == f"{ask}: an ASK query answers yes or no and has no rows to iterate; use run_query"
