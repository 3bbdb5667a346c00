"""``cyberkg timeline``: the events on a time axis."""

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
@click.option(
    "--colour-by",
    "colour_by",
    type=click.Choice(["status", "output"]),
    default="status",
    show_default=True,
    help="Colour the events by their status or by the outputs they serve.",
)
@click.option("--title", default="Events of the Global Project on Cybercrime", show_default=True)
@event_filter_options
@timeout_option(0, "finding the events may take")
@location_option
def command(
    output_file: Path,
    fmt: str | None,
    colour_by: str,
    title: str,
    timeout: float,
    location: Path | None,
    **filters: Any,
) -> None:
    """Draw the dated events on a time axis, from --from to --to when they are given.

    A date known only to the month or year is a hatched span over it ("some time in it"), not a bar.
    """
    from cyberkg.network.timeline import draw_timeline
    from cyberkg.output_file import write_output

    records = events_within_time_limit(timeout, location, filters)
    fmt = fmt or output_file.suffix.lower().lstrip(".")
    content = draw_timeline(records, fmt, colour_by, title, filters["date_from"], filters["date_to"])
    write_output(output_file, content)
    click.echo(f"{len(records)} events -> {output_file}", err=str(output_file) == "-")
