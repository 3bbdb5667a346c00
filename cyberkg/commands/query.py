"""``cyberkg query``: run a library query or a .rq file."""

from __future__ import annotations

import click

from cyberkg.commands.options import format_option, parse_params


@click.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a query parameter (repeatable). Values are bound as RDF terms, never pasted.")
@format_option
def command(name: str, params: tuple[str, ...], fmt: str) -> None:
    """Run the library query NAME (see `cyberkg queries`) or a FILE.rq on the embedded graph."""
    from cyberkg.loader import load_store
    from cyberkg.query import find_query, run
    from cyberkg.render import render, store_labeler

    query = find_query(name)
    store = load_store()
    result = run(store, query, parse_params(params))
    click.echo(render(result, fmt, store_labeler(store)), nl=fmt in ("table", "json"))
