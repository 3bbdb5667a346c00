"""``cyberkg query``: run a library query or a .rq file."""

from __future__ import annotations

from pathlib import Path

import click

from cyberkg.commands.options import (
    allow_service_option,
    format_option,
    location_option,
    open_graph,
    parse_params,
    timeout_option,
)


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
@timeout_option(60.0, "the query may run (on the embedded graph), or the whole request to --endpoint may take")
@click.option(
    "--max-memory",
    "max_memory",
    type=click.IntRange(min=0),
    default=2048,
    show_default=True,
    metavar="MB",
    help="Megabytes the query's worker may grow by on the embedded graph; 0: no limit. Every format is "
    "written as the rows come.",
)
@click.option(
    "--offset", type=click.IntRange(min=0), default=0, show_default=True, metavar="N", help="Skip the first N rows."
)
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N", help="Write at most N rows.")
@allow_service_option
@location_option
def command(
    name: str,
    params: tuple[str, ...],
    fmt: str,
    with_sources: bool,
    endpoint: str | None,
    graph: str | None,
    timeout: float,
    max_memory: int,
    offset: int,
    limit: int | None,
    allow_service: bool,
    location: Path | None,
) -> None:
    """Run the library query NAME (see `cyberkg queries`) or a FILE.rq on the embedded graph."""
    from cyberkg.query.formats import render, store_page_labels, streamed_lines
    from cyberkg.query.library import find_query, resolve_params, select
    from cyberkg.query.streaming import MEGABYTE, StreamedResult, stream_query

    query = find_query(name)
    bound = parse_params(params)
    if endpoint is not None and location is not None:
        raise click.UsageError("--location is for the embedded graph; it cannot be used with --endpoint")
    if endpoint is not None and (offset or limit is not None):
        raise click.UsageError("--offset and --limit are for the embedded graph; write LIMIT and OFFSET in the query")
    if endpoint is not None:
        if allow_service:
            raise click.UsageError("--allow-service is for the embedded graph; the endpoint decides about SERVICE")
        from cyberkg.endpoint import Connection, credentials_from_environment
        from cyberkg.endpoint.client import query_endpoint
        from cyberkg.endpoint.transport import plain_text_warning

        connection = Connection(endpoint, timeout, credentials_from_environment(), graph)
        warning = plain_text_warning(endpoint, connection.credentials)
        if warning:
            click.echo(f"cyberkg: warning: {warning}", err=True)
        result, label = query_endpoint(connection, query, bound, with_sources=with_sources, labels=fmt == "table")
        click.echo(render(result, fmt, label), nl=fmt in ("table", "json"))
        return
    store = open_graph(location)
    bound = resolve_params(store, query, bound)
    memory_limit = max_memory * MEGABYTE
    streamed = stream_query(
        store, query, bound, timeout=timeout, memory_limit=memory_limit, allow_service=allow_service
    ).page(offset, limit)
    if with_sources and streamed.boolean is None:
        from cyberkg.query.sources import rows_with_sources, sources_columns

        streamed = StreamedResult(
            sources_columns(streamed.columns),
            rows_with_sources(streamed.rows, lambda text: select(store, text, where="source look-up")),
        )
    if streamed.boolean is None:
        for line in streamed_lines(fmt, streamed.columns, streamed.rows, store_page_labels(store)):
            click.echo(line, nl=False)
        return
    result = streamed.collect()  # the yes or no of an ASK: no labels shown
    click.echo(render(result, fmt), nl=fmt in ("table", "json"))
