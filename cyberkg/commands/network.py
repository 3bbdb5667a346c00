"""``cyberkg network``: the projections and their metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cyberkg.commands.options import (
    agent_link_options,
    event_filter_options,
    location_option,
    network_within_time_limit,
    projection_argument,
    timeout_option,
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
    from cyberkg.network.metrics import node_metrics
    from cyberkg.network.metrics_report import metrics_report

    graph = network_within_time_limit(
        timeout,
        location,
        projection,
        filters,
        include_groups,
        project_activities=project_activities,
        event_parts=event_parts,
        fold_bodies=fold_bodies,
    )
    rows, summary = node_metrics(graph)
    click.echo(metrics_report(projection, rows, summary, top, fmt), nl=False)
