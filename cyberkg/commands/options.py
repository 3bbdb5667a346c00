"""Options shared by several subcommands."""

from __future__ import annotations

from pathlib import Path

import click

from cyberkg.render import FORMATS

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="table for people; csv, tsv, json in the W3C SPARQL results formats.",
)


location_option = click.option(
    "--location", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Keep the graph on disk in this folder and reopen it while the files are unchanged "
         "(for large graphs: no loading at start, but queries run slower than in memory).",
)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """Turn repeated KEY=VALUE options into a mapping."""
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        params[key.strip()] = value
    return params
