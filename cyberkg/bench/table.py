"""The benchmark's table: the rows of :func:`cyberkg.bench.run_benchmark` as Markdown text.

Shared by ``scripts/bench.py`` and ``cyberkg bench``; it formats and returns text, and prints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cyberkg.bench.runner import Measure, Row
from cyberkg.bench.served import ServedRow

if TYPE_CHECKING:  # pragma: no cover
    from cyberkg.bench.stores import StoreRow

STORES_HEADER = ("operation", "size", "Oxigraph server", "Virtuoso", "ratio Virtuoso / Oxigraph", "answers agree")
HEADER = ("operation", "size", "cyberkg", "peak MB", "baseline", "peak MB", "ratio", "answers agree")


def seconds(measure: Measure | None, limit: float | None) -> str:
    """A time cell: "0.123 s", "> N s" for a run cut at the limit, "error", or "-" when not measured."""
    if measure is None:
        return "-"
    if measure.timed_out:
        return f"> {limit:g} s" if limit else "cut"
    if measure.error:
        return "error"
    return f"{measure.seconds:.3f} s" if measure.seconds is not None else "-"


def megabytes(measure: Measure | None) -> str:
    """A peak-memory cell in whole MB, or "-"."""
    if measure is None or measure.peak_mb is None:
        return "-"
    return f"{measure.peak_mb:.0f}"


def cells(row: Row, limit: float | None) -> list[str]:
    """The cells of one row; a baseline cut at ``limit`` gives a lower bound of the ratio ("> Nx")."""
    ratio = row.ratio
    cut = row.baseline is not None and row.baseline.timed_out
    if ratio is None and cut and row.cyberkg.seconds and limit:
        ratio_text = f"> {limit / row.cyberkg.seconds:.0f}x"
    else:
        ratio_text = f"{ratio:.1f}x" if ratio is not None else "-"
    agree = "; ".join([row.agree, *row.notes]) if row.notes else row.agree
    return [
        row.operation,
        row.size,
        seconds(row.cyberkg, None),
        megabytes(row.cyberkg),
        seconds(row.baseline, limit),
        megabytes(row.baseline),
        ratio_text,
        agree,
    ]


def markdown(rows: Sequence[Row], limit: float | None) -> str:
    """The whole table as Markdown, header first."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cells(row, limit)) + " |" for row in rows]
    return "\n".join(lines)


def disagreeing(rows: Sequence[Row]) -> list[Row]:
    """The rows whose answers differ between the two sides, or whose run failed."""
    return [row for row in rows if row.agree.startswith(("NO", "error"))]


SERVED_HEADER = (
    "query",
    "clients",
    "cyberkg serve req/s",
    "p50",
    "p99",
    "oxigraph req/s",
    "p50",
    "p99",
    "answers agree",
)


def milliseconds(value: float | None) -> str:
    """A latency cell in milliseconds, or "-"."""
    return "-" if value is None else f"{value * 1000:.1f} ms"


def rate(value: float | None) -> str:
    """A throughput cell in requests per second, or "-"."""
    return "-" if value is None else f"{value:.0f}"


def served_cells(row: ServedRow) -> list[str]:
    """The cells of one served row: throughput, p50 and p99 of each side, the agreement and what was answered."""
    answered = "answered " + " and ".join(f"{load.answered}/{load.sent}" for load in (row.cyberkg, row.baseline))
    cut = [f"cut at the time limit: {side}" for side, load in row.sides() if load.cut]
    return [
        row.query,
        str(row.clients),
        *[
            cell
            for load in (row.cyberkg, row.baseline)
            for cell in (rate(load.per_second), milliseconds(load.percentile(0.5)), milliseconds(load.percentile(0.99)))
        ],
        "; ".join([row.agree, answered, *cut]),
    ]


def served_markdown(rows: Sequence[ServedRow]) -> str:
    """The served rows as a Markdown table, header first."""
    lines = ["| " + " | ".join(SERVED_HEADER) + " |", "|" + "---|" * len(SERVED_HEADER)]
    lines += ["| " + " | ".join(served_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def store_cells(row: StoreRow) -> list[str]:
    """The cells of one row of the stores table: both times, Virtuoso's over Oxigraph's, and the agreement."""
    ratio = row.ratio
    return [
        row.operation,
        row.size,
        seconds(row.oxigraph, None),
        seconds(row.virtuoso, None),
        f"{ratio:.2f}x" if ratio is not None else "-",
        row.agree,
    ]


def stores_markdown(rows: Sequence[StoreRow]) -> str:
    """The stores table as Markdown, header first."""
    lines = ["| " + " | ".join(STORES_HEADER) + " |", "|" + "---|" * len(STORES_HEADER)]
    lines += ["| " + " | ".join(store_cells(row)) + " |" for row in rows]
    return "\n".join(lines)
