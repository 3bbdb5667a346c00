"""Formatting query results for people (table) and for programs (W3C CSV, TSV, JSON; JSON lines).

CSV, TSV and JSON follow the W3C "SPARQL 1.1 Query Results" CSV/TSV and JSON
formats; ``jsonl`` writes one JSON object per row (each value encoded as in the
JSON format's bindings), so that it can be streamed; ``table`` aligns columns
and shows labels instead of IRIs where the graph has one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from cyberkg.query.library import QueryResult
from cyberkg.rdf.labels import Labeler, labeler, store_select
from cyberkg.rdf.namespaces import XSD_STRING
from cyberkg.rdf.terms import is_iri

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


def term_kind(term: Any) -> str:
    """'uri', 'bnode' or 'literal', named as the SPARQL JSON results format names them."""
    name = type(term).__name__
    return {"NamedNode": "uri", "BlankNode": "bnode"}.get(name, "literal")


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [_binding(result.columns, row) for row in result.rows]
    return json.dumps(
        {"head": {"vars": result.columns}, "results": {"bindings": bindings}}, indent=2, ensure_ascii=False
    )


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


STREAMED_FORMATS = {"csv": csv_lines, "tsv": tsv_lines, "jsonl": jsonl_lines}


def to_table(result: QueryResult, label: Callable[[Any], str | None] | None = None) -> str:
    """An aligned text table for people; IRIs are shown by label where ``label`` finds one.

    A column ``x`` is left out when the result also has ``xLabel``: people read the label.
    """
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    shown = [index for index, column in enumerate(result.columns) if f"{column}Label" not in result.columns]
    columns = [result.columns[index] for index in shown]
    cells = [[_display(row[index], label) for index in shown] for row in result.rows]
    lines = aligned_table(columns, cells)
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def aligned_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: Collection[int] = ()
) -> list[str]:
    """The lines of a text table for people: the headers, a rule of dashes, then one line per row.

    Each column is as wide as its widest cell, columns are two spaces apart, and a line has no trailing
    spaces. Cells are left-aligned, but those of the columns whose indexes are in ``right_aligned``
    (numbers), headers included.
    """
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if index in right_aligned else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), "  ".join("-" * width for width in widths), *(line(row) for row in rows)]


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


def store_labeler(store: Any, result: QueryResult | None = None) -> Labeler:
    """Labels of IRIs in an Oxigraph store (:mod:`cyberkg.rdf.labels`), fetched at once for ``result``'s IRIs."""
    return labeler(store_select(store), None if result is None else result_iris(result))
