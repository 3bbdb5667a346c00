"""The one text-table renderer (cyberkg.query.formats.aligned_table), shared by query results and network metrics."""

from __future__ import annotations

from cyberkg.query.formats import aligned_table


def test_columns_as_wide_as_their_widest_cell_left_aligned_without_trailing_spaces():
    assert aligned_table(["name", "n"], [["Strasbourg", "12"], ["Baku", "3"]]) == [
        "name        n",
        "----------  --",
        "Strasbourg  12",
        "Baku        3",
    ]


def test_right_aligned_columns_headers_included():
    assert aligned_table(["name", "events", "iri"], [["Baku", "3", "x"], ["Vienna", "12", "y"]], {1}) == [
        "name    events  iri",
        "------  ------  ---",
        "Baku         3  x",
        "Vienna      12  y",
    ]


def test_no_rows_is_the_headers_and_the_rule():
    assert aligned_table(["a", "bb"], []) == ["a  bb", "-  --"]
