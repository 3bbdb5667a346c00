"""``cyberkg export``: a projection of the graph written as a network file or picture."""

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

FORMATS = ("graphml", "gexf", "json", "cytoscape", "dot", "csv", "png", "svg", "html")
SUFFIXES = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".dot": "dot",
    ".gv": "dot",
    ".csv": "csv",
    ".png": "png",
    ".svg": "svg",
    ".html": "html",
    ".htm": "html",
}


@click.command()
@projection_argument
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="File format; by default taken from the output file's suffix."
)
@click.option(
    "-o",
    "--output-file",
    "output_file",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="File to write. For csv, FILE.csv becomes FILE-nodes.csv and FILE-edges.csv.",
)
@click.option("--title", help="Title of a drawing or page (default: the projection's name).")
@agent_link_options
@event_filter_options
@timeout_option(0, "building the network may take")
@location_option
def command(
    projection: str,
    fmt: str | None,
    output_file: Path,
    title: str | None,
    include_groups: bool,
    project_activities: bool,
    event_parts: bool,
    fold_bodies: bool,
    timeout: float,
    location: Path | None,
    **filters: Any,
) -> None:
    """Write the network of PROJECTION (see `cyberkg network projections`) to a file.

    graphml and gexf open in Gephi and Cytoscape with typed attributes; json is networkx node-link;
    cytoscape is Cytoscape.js JSON; dot is Graphviz; csv writes nodes and edges tables; png and svg are
    drawings; html is one self-contained interactive page that works offline.
    """
    from cyberkg.errors import InputError
    from cyberkg.network.export import export_network

    if fmt is None:
        fmt = SUFFIXES.get(output_file.suffix.lower())
        if fmt is None:
            raise InputError(f"cannot tell the format from {output_file.name!r}; give --format")

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
    written = export_network(graph, fmt, output_file, title)
    click.echo(
        f"{projection}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> "
        + ", ".join(str(path) for path in written),
        err=str(output_file) == "-",  # the file itself is on standard output
    )
