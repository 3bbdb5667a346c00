"""The Python API for notebooks: run a named query with parameters, get rows or a pandas DataFrame."""

from __future__ import annotations

import pytest

import cyberkg


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
