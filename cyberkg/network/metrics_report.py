"""The node metrics of a network as text: an aligned table for people, or CSV for programs."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from cyberkg.network.metrics import NetworkSummary, NodeMetrics
from cyberkg.query.formats import aligned_table

FORMATS = ("table", "csv")
CSV_COLUMNS = ("label", "kind", "degree", "weighted_degree", "betweenness", "component", "component_size", "iri")
TABLE_HEADERS = ("node", "kind", "degree", "weighted", "betweenness", "component", "size", "IRI")
NUMERIC_COLUMNS = frozenset({2, 3, 4, 5, 6})


def metrics_report(
    projection: str, rows: Sequence[NodeMetrics], summary: NetworkSummary, top: int, fmt: str = "table"
) -> str:
    """The ``top`` nodes of highest weighted degree (all when ``top`` is 0 or less), in ``fmt``, ending with a newline.

    The table starts with a summary line of the network and ends with a note when nodes were left out;
    the CSV holds only the rows, betweenness to six decimals.
    """
    shown = rows if top <= 0 else rows[:top]
    if fmt == "csv":
        return metrics_csv(shown)
    return metrics_table(projection, shown, summary, len(rows))


def metrics_csv(rows: Sequence[NodeMetrics]) -> str:
    """A header of :data:`CSV_COLUMNS` and one line per node."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [getattr(row, column) if column != "betweenness" else f"{row.betweenness:.6f}" for column in CSV_COLUMNS]
        )
    return buffer.getvalue()


def metrics_table(projection: str, rows: Sequence[NodeMetrics], summary: NetworkSummary, total: int) -> str:
    """The summary line, the aligned table of ``rows``, and how many of the ``total`` nodes it shows."""
    sampled = " (betweenness estimated from a sample)" if summary.betweenness_sampled else ""
    lines = [
        f"{projection}: {summary.nodes} nodes, {summary.edges} edges, {summary.components} connected "
        f"components (largest {summary.largest_component} nodes){sampled}"
    ]
    cells = [
        [
            row.label,
            row.kind,
            str(row.degree),
            str(row.weighted_degree),
            f"{row.betweenness:.4f}",
            str(row.component),
            str(row.component_size),
            row.iri,
        ]
        for row in rows
    ]
    lines += aligned_table(TABLE_HEADERS, cells, NUMERIC_COLUMNS)
    if len(rows) < total:
        lines.append(f"({len(rows)} of {total} nodes; --top 0 shows all)")
    return "\n".join(lines) + "\n"
