"""Results written as the rows come: CSV, TSV, JSON lines and the table view, and the sources column.

Each test feeds the writer a generator of rows that notes, every time a row is asked for, what has been
written so far; a streamed format has written row k before row k+1 (the table: a page before the next
page) is asked for. The table's pages are pinned on small examples: widths from the first page, a new
block of headers when a later row is wider.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph
import pytest

from cyberkg.query.formats import (
    TABLE_PAGE_ROWS,
    aligned_table,
    store_labeler,
    store_page_labels,
    streamed_lines,
    table_lines,
)
from cyberkg.query.library import find_query, pages, run, select
from cyberkg.query.sources import rows_with_sources, with_sources

EX = "http://example.org/"
ID = "https://w3id.org/cyberkg/id/"


class Recorder:
    """Rows handed out one by one; before each, what the output held when it was asked for."""

    def __init__(self, rows: Iterable[tuple[Any, ...]], out: io.StringIO) -> None:
        self.rows = list(rows)
        self.out = out
        self.written_when_asked: list[str] = []

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for row in self.rows:
            self.written_when_asked.append(self.out.getvalue())
            yield row


def write(fmt: str, columns: list[str], recorder: Recorder) -> str:
    """Write as ``cyberkg query`` does: each line to the output as the format gives it."""
    for line in streamed_lines(fmt, columns, iter(recorder)):
        recorder.out.write(line)
    return recorder.out.getvalue()


def numbered_rows(count: int) -> list[tuple[Any, ...]]:
    return [(pyoxigraph.NamedNode(f"{EX}r{n:03d}"), pyoxigraph.Literal(f"row-{n:03d}")) for n in range(count)]


def expected_lines(fmt: str, rows: Sequence[tuple[Any, ...]]) -> list[str]:
    """Each format's header (as the first item) and then its line for each row, written out by hand."""
    header = {"csv": "thing,name\r\n", "tsv": "?thing\t?name\n", "jsonl": None}[fmt]
    lines = []
    for thing, name in rows:
        if fmt == "csv":
            lines.append(f"{thing.value},{name.value}\r\n")
        elif fmt == "tsv":
            lines.append(f'<{thing.value}>\t"{name.value}"\n')
        else:
            binding = {"thing": {"type": "uri", "value": thing.value}, "name": {"type": "literal", "value": name.value}}
            lines.append(json.dumps(binding) + "\n")
    return [header or "", *lines]


def whole_json_document(columns: list[str], rows: Sequence[tuple[Any, ...]]) -> str:
    """The JSON results document built whole by ``json.dumps``, written out by hand."""
    bindings = []
    for row in rows:
        binding = {}
        for column, term in zip(columns, row, strict=True):
            if term is None:
                continue
            if isinstance(term, pyoxigraph.NamedNode):
                binding[column] = {"type": "uri", "value": term.value}
            elif term.language:
                binding[column] = {"type": "literal", "value": term.value, "xml:lang": term.language}
            else:
                binding[column] = {"type": "literal", "value": term.value}
        bindings.append(binding)
    document = {"head": {"vars": columns}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_the_json_document_is_written_a_binding_at_a_time_as_json_dumps_writes_it_whole() -> None:
    rows = numbered_rows(3)
    recorder = Recorder(rows, io.StringIO())
    whole = write("json", ["thing", "name"], recorder)
    assert whole == whole_json_document(["thing", "name"], rows)
    assert [len(text) for text in recorder.written_when_asked] == [
        len(whole[: whole.index("\n      {")]),
        len(whole[: whole.index(",\n      {")]),
        len(whole[: whole.index(",\n      {", whole.index(",\n      {") + 1)]),
    ]


@pytest.mark.parametrize(
    ("columns", "rows"),
    [
        ([], []),
        (["thing"], []),
        (["thing", "name"], [(None, None)]),
        (
            ["thing", "name"],
            [
                (pyoxigraph.NamedNode(f"{EX}é"), pyoxigraph.Literal("Zürich", language="de")),
                (None, pyoxigraph.Literal('a "quoted"\nline')),
            ],
        ),
    ],
    ids=["no columns", "no rows", "an empty binding", "unicode, language, quotes and a line end"],
)
def test_the_streamed_json_document_is_byte_for_byte_the_whole_one(columns: list[str], rows: list) -> None:
    assert "".join(streamed_lines("json", columns, iter(rows))) == whole_json_document(columns, rows)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_each_row_is_written_before_the_next_is_asked_for(fmt: str) -> None:
    rows = numbered_rows(5)
    recorder = Recorder(rows, io.StringIO())
    header, *lines = expected_lines(fmt, rows)
    whole = write(fmt, ["thing", "name"], recorder)
    assert recorder.written_when_asked == [header + "".join(lines[:k]) for k in range(5)]
    assert whole == header + "".join(lines)


def test_the_table_is_written_a_page_at_a_time() -> None:
    rows = numbered_rows(2 * TABLE_PAGE_ROWS + 1)
    recorder = Recorder(rows, io.StringIO())
    whole = write("table", ["thing", "name"], recorder)
    # Every cell of a column is as wide as the others, so the first page's widths fit every later row.
    head = "thing" + " " * 18 + "  name\n" + "-" * 23 + "  " + "-" * 7 + "\n"
    body = [f"{EX}r{n:03d}  row-{n:03d}\n" for n in range(len(rows))]
    first, second = TABLE_PAGE_ROWS, 2 * TABLE_PAGE_ROWS
    assert recorder.written_when_asked == (
        [""] * first + [head + "".join(body[:first])] * first + [head + "".join(body[:second])]
    )
    assert whole == head + "".join(body) + f"({len(rows)} rows)\n"


def test_a_later_wider_row_starts_a_new_block_of_headers_wide_enough_for_the_rest_of_its_page() -> None:
    text = [("a", "x"), ("bb", "y"), ("c", "zzzz"), ("d", "w"), ("eeeee", "v"), ("f", "uuuuuu"), ("g", "t")]
    rows = [tuple(pyoxigraph.Literal(cell) for cell in row) for row in text]
    assert list(table_lines(["name", "code"], rows, page_rows=2)) == [
        "name  code",
        "----  ----",
        "a     x",
        "bb    y",
        "c     zzzz",  # the second page fits the first page's widths
        "d     w",
        "",
        "name   code",  # "eeeee" does not fit: widths for it and "uuuuuu", the rest of its page
        "-----  ------",
        "eeeee  v",
        "f      uuuuuu",
        "g      t",  # widths never shrink
        "(7 rows)",
    ]


def test_a_result_within_one_page_is_the_aligned_table_and_its_count() -> None:
    rows = [(pyoxigraph.Literal("Strasbourg"), pyoxigraph.Literal("12")), (pyoxigraph.Literal("Baku"), None)]
    assert list(table_lines(["name", "n"], rows)) == [
        *aligned_table(["name", "n"], [["Strasbourg", "12"], ["Baku", ""]]),
        "(2 rows)",
    ]
    assert list(table_lines(["name", "n"], [])) == ["name  n", "----  -", "(0 rows)"]


def test_labels_are_asked_for_a_page_at_a_time_for_the_shown_columns() -> None:
    things = [pyoxigraph.NamedNode(f"{EX}t{n}") for n in range(3)]
    kinds = [pyoxigraph.NamedNode(f"{EX}k{n}") for n in range(3)]
    rows = [
        (thing, kind, pyoxigraph.Literal(f"Kind {n}"))
        for n, (thing, kind) in enumerate(zip(things, kinds, strict=True))
    ]
    asked: list[list[list[str]]] = []

    def labels_for(page: Sequence[Sequence[Any]]) -> Any:
        asked.append([[term.value for term in row] for row in page])
        return lambda term: term.value.replace(EX, "label of ")

    # "kind" is left out: the result has "kindLabel".
    assert list(table_lines(["thing", "kind", "kindLabel"], rows, labels_for, page_rows=2)) == [
        "thing        kindLabel",
        "-----------  ---------",
        "label of t0  Kind 0",
        "label of t1  Kind 1",
        "label of t2  Kind 2",
        "(3 rows)",
    ]
    assert asked == [[[f"{EX}t0", "Kind 0"], [f"{EX}t1", "Kind 1"]], [[f"{EX}t2", "Kind 2"]]]


def test_labels_fetched_a_page_at_a_time_are_those_of_the_whole_result(store) -> None:
    result = run(store, find_query("events-timeline"))
    whole = store_labeler(store, result)
    expected = [
        [whole(term) if term is not None and type(term).__name__ == "NamedNode" else None for term in row]
        for row in result.rows
    ]
    for kept in (1, 100_000):  # keeping one label drops them all at every page; the labels stay the same
        for_page = store_page_labels(store, kept=kept)
        found = []
        for page in pages(result.rows, 7):
            label = for_page(page)
            found += [
                [label(term) if term is not None and type(term).__name__ == "NamedNode" else None for term in row]
                for row in page
            ]
        assert found == expected
    assert {label for row in expected for label in row} - {None}  # the result does show labels


def test_the_sources_column_is_looked_up_a_page_at_a_time_with_the_same_cells(store) -> None:
    result = run(store, find_query("decisions"))
    look_up = lambda text: select(store, text, where="source look-up")  # noqa: E731
    whole = with_sources(result, look_up)
    pulled: list[int] = []

    def counted() -> Iterator[tuple[Any, ...]]:
        for number, row in enumerate(result.rows, 1):
            pulled.append(number)
            yield row

    streamed = rows_with_sources(counted(), look_up, page_rows=2)
    first = next(streamed)
    assert pulled == [1, 2]  # the first row with its sources came after one page was read, not the whole result
    assert [first, *streamed] == whole.rows
    assert len(whole.rows) == 4
    assert all(row[-1] is not None for row in whole.rows)


def test_a_streamed_sources_column_stops_the_rows_it_reads_when_it_is_stopped(store) -> None:
    closed: list[bool] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        try:
            yield from run(store, find_query("decisions")).rows
        finally:
            closed.append(True)

    streamed = rows_with_sources(rows(), lambda text: select(store, text), page_rows=1)
    next(streamed)
    streamed.close()
    assert closed == [True]


def test_the_command_line_table_of_a_one_page_result_is_the_whole_table(store, capsys) -> None:
    from cyberkg.cli import main
    from cyberkg.query.formats import to_table

    result = run(store, find_query("treaty-actions"))
    assert 1 < len(result.rows) <= TABLE_PAGE_ROWS
    assert main(["query", "treaty-actions"]) == 0
    assert capsys.readouterr().out == to_table(result, store_labeler(store, result)) + "\n"


def test_pages_are_read_only_when_asked_for() -> None:
    pulled: list[int] = []

    def rows() -> Iterator[int]:
        for number in range(5):
            pulled.append(number)
            yield number

    paged = pages(rows(), 2)
    assert pulled == []
    assert next(paged) == [0, 1]
    assert pulled == [0, 1]
    assert list(paged) == [[2, 3], [4]]
