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
        (1400000.0, 500000.0, 28, "EUR"), (1400000.0, 500000.0, 28, "EUR")]
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


def test_running_a_query_leaves_the_garbage_collector_as_it_found_it(store):
    """Collection is paused while rows are built, and restored after, also when it was off."""
    import gc

    from cyberkg.query import find_query, run

    query = find_query("events-timeline")
    assert gc.isenabled()
    assert run(store, query).rows
    assert gc.isenabled()
    gc.disable()
    try:
        run(store, query)
        assert not gc.isenabled()
    finally:
        gc.enable()
