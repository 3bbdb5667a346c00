"""``cyberkg query``: run a library query or a .rq file."""

from __future__ import annotations

from pathlib import Path

import click

from cyberkg.commands.options import format_option, location_option, parse_params


@click.command()
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind a query parameter (repeatable). Values are bound as RDF terms, never pasted.",
)
@format_option
@click.option(
    "--with-sources", is_flag=True, help="Add a sources column: the document passages behind the IRIs of each row."
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Run on this remote SPARQL endpoint (its query URL) instead of the embedded graph; "
    "credentials from CYBERKG_USER + CYBERKG_PASSWORD or CYBERKG_TOKEN.",
)
@click.option("--graph", metavar="IRI", default=None, help="With --endpoint: query this named graph.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="With --endpoint: seconds to wait for the endpoint.",
)
@location_option
def command(
    name: str,
    params: tuple[str, ...],
    fmt: str,
    with_sources: bool,
    endpoint: str | None,
    graph: str | None,
    timeout: float,
    location: Path | None,
) -> None:
    """Run the library query NAME (see `cyberkg queries`) or a FILE.rq on the embedded graph."""
    from cyberkg.query.formats import render, store_labeler
    from cyberkg.query.library import check_iris_in_graph, find_query, run, select
    from cyberkg.store.embedded import embedded_store

    query = find_query(name)
    bound = parse_params(params)
    if endpoint is not None and location is not None:
        raise click.UsageError("--location is for the embedded graph; it cannot be used with --endpoint")
    if endpoint is not None:
        from cyberkg.endpoint import Connection, credentials_from_environment
        from cyberkg.endpoint.client import query_endpoint

        connection = Connection(endpoint, timeout, credentials_from_environment(), graph)
        result, label = query_endpoint(connection, query, bound, with_sources=with_sources, labels=fmt == "table")
        click.echo(render(result, fmt, label), nl=fmt in ("table", "json"))
        return
    store = embedded_store(location)
    check_iris_in_graph(store, query, bound)
    result = run(store, query, bound)
    if with_sources:
        from cyberkg.query.sources import with_sources as add_sources

        result = add_sources(result, lambda text: select(store, text, where="source look-up"))
    click.echo(render(result, fmt, store_labeler(store, result)), nl=fmt in ("table", "json"))
