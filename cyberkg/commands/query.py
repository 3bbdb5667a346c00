"""``cyberkg query``: run a library query or a .rq file."""

from __future__ import annotations

import click

from cyberkg.commands.options import format_option, parse_params


@click.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a query parameter (repeatable). Values are bound as RDF terms, never pasted.")
@format_option
@click.option("--with-sources", is_flag=True,
              help="Add a sources column: the document passages behind the IRIs of each row.")
def command(name: str, params: tuple[str, ...], fmt: str, with_sources: bool) -> None:
    """Run the library query NAME (see `cyberkg queries`) or a FILE.rq on the embedded graph."""
    from cyberkg.loader import load_store
    from cyberkg.query import find_query, run, select
    from cyberkg.render import render, store_labeler

    query = find_query(name)
    bound = parse_params(params)
    store = load_store()
    result = run(store, query, bound)
    if with_sources:
        from cyberkg.row_sources import with_sources as add_sources

        result = add_sources(result, lambda text: select(store, text, where="source look-up"))
    click.echo(render(result, fmt, store_labeler(store)), nl=fmt in ("table", "json"))
