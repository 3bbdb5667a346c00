"""Options shared by several subcommands."""

from __future__ import annotations

import click

from cyberkg.render import FORMATS

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="table for people; csv, tsv, json in the W3C SPARQL results formats.",
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
