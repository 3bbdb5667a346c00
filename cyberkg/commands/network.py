"""``cyberkg network``: the projections and their metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cyberkg.commands.options import (
    agent_link_options,
    build_filter,
    event_filter_options,
    location_option,
    projection_argument,
    timeout_option,
    within_time_limit,
)


@click.group()
def command() -> None:
    """Networks drawn from the graph: list the projections, print their metrics."""


@command.command("projections")
def projections() -> None:
    """List the projections a network can be drawn with."""
    from cyberkg.network.projections import PROJECTIONS

    for projection in PROJECTIONS.values():
        click.echo(f"{projection.name}\n    {projection.summary}")


@command.command("stats")
@projection_argument
@event_filter_options
@agent_link_options
@click.option("--top", type=int, default=20, show_default=True, help="Show this many nodes (0: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@timeout_option(0, "building the network may take")
@location_option
def stats(
    projection: str,
    include_groups: bool,
    project_activities: bool,
    event_parts: bool,
    fold_bodies: bool,
    top: int,
    fmt: str,
    timeout: float,
    location: Path | None,
    **filters: Any,
) -> None:
    """Degree, weighted degree, betweenness and connected component of each node of PROJECTION."""
    import csv
    import sys

    from cyberkg.network.metrics import node_metrics
    from cyberkg.network.projections import build_network
    from cyberkg.store.embedded import embedded_store

    graph = within_time_limit(
        timeout,
        f"building the network {projection}",
        lambda: build_network(
            embedded_store(location),
            projection,
            build_filter(**filters),
            include_groups,
            project_activities=project_activities,
            event_parts=event_parts,
            fold_bodies=fold_bodies,
        ),
    )
    rows, summary = node_metrics(graph)
    shown = rows if top <= 0 else rows[:top]
    columns = ["label", "kind", "degree", "weighted_degree", "betweenness", "component", "component_size", "iri"]
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in shown:
            writer.writerow(
                [getattr(row, column) if column != "betweenness" else f"{row.betweenness:.6f}" for column in columns]
            )
        return
    sampled = " (betweenness estimated from a sample)" if summary.betweenness_sampled else ""
    click.echo(
        f"{projection}: {summary.nodes} nodes, {summary.edges} edges, {summary.components} connected "
        f"components (largest {summary.largest_component} nodes){sampled}"
    )
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
        for row in shown
    ]
    headers = ["node", "kind", "degree", "weighted", "betweenness", "component", "size", "IRI"]
    widths = [
        max(len(header), *(len(cell[i]) for cell in cells)) if cells else len(header)
        for i, header in enumerate(headers)
    ]
    numeric = {2, 3, 4, 5, 6}
    click.echo(
        "  ".join(
            h.rjust(w) if i in numeric else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        ).rstrip()
    )
    click.echo("  ".join("-" * width for width in widths))
    for cell in cells:
        click.echo(
            "  ".join(
                c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cell, widths, strict=True))
            ).rstrip()
        )
    if len(shown) < len(rows):
        click.echo(f"({len(shown)} of {len(rows)} nodes; --top 0 shows all)")
