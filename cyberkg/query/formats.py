"""Formatting query results for people (table) and for programs (W3C CSV, TSV, JSON; JSON lines).

CSV, TSV and JSON follow the W3C "SPARQL 1.1 Query Results" CSV/TSV and JSON
formats; ``jsonl`` writes one JSON object per row (each value encoded as in the
JSON format's bindings); ``table`` aligns columns and shows labels instead of IRIs
where the graph has one.

Every format is written as the rows come (:func:`streamed_lines`): CSV, TSV, JSON
lines and the JSON document's bindings a row at a time, the table a page of
:data:`TABLE_PAGE_ROWS` rows at a time (:func:`table_lines`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from cyberkg.query.library import QueryResult, pages
from cyberkg.rdf.labels import Labeler, find_labels, labeler, store_select
from cyberkg.rdf.namespaces import XSD_STRING
from cyberkg.rdf.terms import is_iri

FORMATS = ("table", "csv", "tsv", "json", "jsonl")
TABLE_PAGE_ROWS = 100  # rows whose cells set the table's first column widths; rows labelled at a time
LABELS_KEPT = 100_000  # labels a streamed table keeps between pages, at most

# Given a page of terms (the shown columns of some rows), a function term -> label for them.
PageLabels = Callable[[Sequence[Sequence[Any]]], "Labeler | None"]


def term_kind(term: Any) -> str:
    """'uri', 'bnode' or 'literal', named as the SPARQL JSON results format names them."""
    name = type(term).__name__
    return {"NamedNode": "uri", "BlankNode": "bnode"}.get(name, "literal")


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    return "".join(json_lines(result.columns, result.rows))


def json_lines(columns: list[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """SPARQL 1.1 Query Results JSON of a SELECT, written a binding at a time (no final line end).

    The same text as ``json.dumps`` of the whole document with ``indent=2``: the head, then each
    binding indented to its place in the ``bindings`` list as its row comes, then the closing brackets.
    """
    head = json.dumps({"vars": columns}, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    yield '{\n  "head": ' + head + ',\n  "results": {\n    "bindings": ['
    separator = "\n      "
    for row in rows:
        yield separator + json.dumps(_binding(columns, row), indent=2, ensure_ascii=False).replace("\n", "\n      ")
        separator = ",\n      "
    yield ("]" if separator == "\n      " else "\n    ]") + "\n  }\n}"


def _binding(columns: Sequence[str], row: Sequence[Any]) -> dict[str, dict[str, str]]:
    """One solution as the JSON results format writes it: column -> type, value, language or datatype."""
    binding = {}
    for column, term in zip(columns, row, strict=True):
        if term is None:
            continue
        kind = term_kind(term)
        value: dict[str, str] = {"type": kind, "value": term.value}
        if kind == "literal":
            if term.language:
                value["xml:lang"] = term.language
            elif term.datatype.value != XSD_STRING:
                value["datatype"] = term.datatype.value
        binding[column] = value
    return binding


def jsonl_lines(columns: list[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """One JSON object per row and line, as the rows come; unbound columns are left out, as in JSON."""
    for row in rows:
        yield json.dumps(_binding(columns, row), ensure_ascii=False) + "\n"


def to_jsonl(result: QueryResult) -> str:
    """JSON lines: a row per line, or for an ASK query the one line ``{"boolean": true|false}``."""
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) + "\n"
    return "".join(jsonl_lines(result.columns, result.rows))


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    return "".join(csv_lines(result.columns, result.rows))


def csv_lines(columns: list[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV header and then one line per row, as the rows come."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if term is None else _csv_value(term) for term in row])
        yield buffer.getvalue()


def _csv_value(term: Any) -> str:
    return f"_:{term.value}" if term_kind(term) == "bnode" else term.value


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: header of ?variables, terms in Turtle syntax."""
    return "".join(tsv_lines(result.columns, result.rows))


def tsv_lines(columns: list[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The TSV header and then one line per row, as the rows come."""
    yield "\t".join(f"?{column}" for column in columns) + "\n"
    for row in rows:
        yield "\t".join("" if term is None else str(term) for term in row) + "\n"


def _json_document_lines(columns: list[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    yield from json_lines(columns, rows)
    yield "\n"


STREAMED_FORMATS = {"csv": csv_lines, "tsv": tsv_lines, "jsonl": jsonl_lines, "json": _json_document_lines}


def streamed_lines(
    fmt: str, columns: list[str], rows: Iterable[Sequence[Any]], labels_for: PageLabels | None = None
) -> Iterator[str]:
    """The output of a SELECT in ``fmt`` (any of FORMATS), line ends included, as the rows come."""
    if fmt == "table":
        return (line + "\n" for line in table_lines(columns, rows, labels_for))
    return STREAMED_FORMATS[fmt](columns, rows)


def to_table(result: QueryResult, label: Callable[[Any], str | None] | None = None) -> str:
    """An aligned text table for people; IRIs are shown by label where ``label`` finds one.

    A column ``x`` is left out when the result also has ``xLabel``: people read the label.
    The whole result is one page: each column is as wide as its widest cell.
    """
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    return "\n".join(table_lines(result.columns, result.rows, lambda page: label, max(1, len(result.rows))))


def table_lines(
    columns: list[str],
    rows: Iterable[Sequence[Any]],
    labels_for: PageLabels | None = None,
    page_rows: int = TABLE_PAGE_ROWS,
) -> Iterator[str]:
    """The table view a line at a time (without line ends), written a page of ``page_rows`` rows at a time.

    The column widths are those of the first page, so a result that fits in one page is the table of
    :func:`aligned_table`: the headers, a rule, the rows, then the count of rows. A later row too wide
    for the widths starts a new block: an empty line, then the headers and the rule again, at widths
    wide enough for that row and the rest of its page (widths only grow). IRIs are shown by the labels
    that ``labels_for`` gives for each page (its rows, shown columns only), else by their text.
    """
    shown = [index for index, column in enumerate(columns) if f"{column}Label" not in columns]
    headers = [columns[index] for index in shown]
    widths: list[int] | None = None
    count = 0
    for page in pages(rows, page_rows):
        terms = [[row[index] for index in shown] for row in page]
        label = labels_for(terms) if labels_for is not None else None
        cells = [[_display(term, label) for term in row] for row in terms]
        for position, row_cells in enumerate(cells):
            if widths is None or any(len(cell) > width for cell, width in zip(row_cells, widths, strict=True)):
                if widths is not None:
                    yield ""
                widths = _column_widths(headers, cells[position:], widths)
                yield _table_line(headers, widths)
                yield _rule(widths)
            yield _table_line(row_cells, widths)
        count += len(page)
    if widths is None:
        widths = _column_widths(headers, [], None)
        yield _table_line(headers, widths)
        yield _rule(widths)
    yield f"({count} row{'s' if count != 1 else ''})"


def aligned_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: Collection[int] = ()
) -> list[str]:
    """The lines of a text table for people: the headers, a rule of dashes, then one line per row.

    Each column is as wide as its widest cell, columns are two spaces apart, and a line has no trailing
    spaces. Cells are left-aligned, but those of the columns whose indexes are in ``right_aligned``
    (numbers), headers included.
    """
    widths = _column_widths(headers, rows, None)
    return [
        _table_line(headers, widths, right_aligned),
        _rule(widths),
        *(_table_line(row, widths, right_aligned) for row in rows),
    ]


def _column_widths(headers: Sequence[str], rows: Iterable[Sequence[str]], at_least: Sequence[int] | None) -> list[int]:
    """Each column's width: its widest header or cell, and never less than ``at_least``."""
    widths = list(at_least) if at_least is not None else [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    return widths


def _table_line(cells: Sequence[str], widths: Sequence[int], right_aligned: Collection[int] = ()) -> str:
    return "  ".join(
        cell.rjust(width) if index in right_aligned else cell.ljust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ).rstrip()


def _rule(widths: Sequence[int]) -> str:
    return "  ".join("-" * width for width in widths)


def _display(term: Any, label: Callable[[Any], str | None] | None) -> str:
    if term is None:
        return ""
    if term_kind(term) == "uri" and label is not None:
        found = label(term)
        if found:
            return found
    return " ".join(term.value.split())


def render(result: QueryResult, fmt: str, label: Callable[[Any], str | None] | None = None) -> str:
    """Render a result in one of FORMATS."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "jsonl":
        return to_jsonl(result)
    return to_table(result, label)


def result_iris(result: QueryResult) -> set[str]:
    """Every IRI that appears in a result's rows."""
    return {term.value for row in result.rows for term in row if is_iri(term)}


def store_page_labels(store: Any, kept: int = LABELS_KEPT) -> PageLabels:
    """Labels of IRIs in an Oxigraph store for :func:`table_lines`, fetched a page at a time.

    A label found for one page is kept for the next ones (up to ``kept`` of them; past that the
    kept labels are dropped and fetched again as needed), so an IRI seen on every page is looked up once.
    """
    select = store_select(store)
    known: dict[str, str | None] = {}

    def for_page(page: Sequence[Sequence[Any]]) -> Labeler:
        iris = {term.value for row in page for term in row if is_iri(term)}
        if len(known) + len(iris) > kept:
            known.clear()
        wanted = iris - known.keys()
        found = find_labels(select, wanted)
        known.update({iri: found.get(iri) for iri in wanted})
        return lambda term: known.get(term.value)

    return for_page


def store_labeler(store: Any, result: QueryResult | None = None) -> Labeler:
    """Labels of IRIs in an Oxigraph store (:mod:`cyberkg.rdf.labels`), fetched at once for ``result``'s IRIs."""
    return labeler(store_select(store), None if result is None else result_iris(result))
