"""``cyberkg validate``: check the curated graph, or new files in its context, against the shapes."""

from __future__ import annotations

from pathlib import Path

import click

from cyberkg.commands.options import engine_option, shapes_option, within_time_limit
from cyberkg.commands.progress_bar import progress_bar

ENDPOINT_TIMEOUT = 30.0

REPORT_FORMATS = ("text", "turtle", "json")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for people; turtle (W3C SHACL report) or json for programs.",
)
@shapes_option
@engine_option
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Validate the graph held by this SPARQL endpoint (its query URL; fetched by CONSTRUCT, "
    "validated with pySHACL) instead of the curated graph.",
)
@click.option("--graph", metavar="IRI", default=None, help="With --endpoint: validate this named graph.")
@click.option(
    "--user",
    default=None,
    help="With --endpoint: user name; the password is read from CYBERKG_PASSWORD (or a token from "
    "CYBERKG_TOKEN), never from the command line.",
)
@click.option(
    "--page-size",
    "page_triples",
    type=click.IntRange(min=1),
    default=250_000,
    show_default=True,
    metavar="TRIPLES",
    help="With --endpoint: fetch the graph in pages of this many triples (each page one request).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help=f"Seconds the validation may run here (loading included; default: no limit), or the whole request to "
    f"--endpoint may take (default: {ENDPOINT_TIMEOUT:g}); 0: no limit. Past it, exit 2.",
)
def command(
    files: tuple[Path, ...],
    fmt: str,
    shapes_dir: Path | None,
    engine: str,
    endpoint: str | None,
    graph: str | None,
    user: str | None,
    page_triples: int,
    timeout: float | None,
) -> int:
    """Validate the curated graph, FILE... merged with it (reporting only what involves the new data), or the
    graph of a remote endpoint.

    Exit code 0 when the data conforms (warnings allowed), 1 on violations, 2 on unusable input.
    On a terminal (and without --timeout), a progress bar on standard error shows the stages.
    """
    from cyberkg.validation.report_format import render_report

    if endpoint is not None:
        if files:
            raise click.UsageError("give either FILE... or --endpoint, not both")
        from cyberkg.endpoint import credentials_from_environment, fetch_graph
        from cyberkg.endpoint.transport import plain_text_warning
        from cyberkg.validation.reference import validate_data

        credentials = credentials_from_environment(user)
        warning = plain_text_warning(endpoint, credentials)
        if warning:
            click.echo(f"cyberkg: warning: {warning}", err=True)
        data = fetch_graph(
            endpoint,
            graph,
            timeout=ENDPOINT_TIMEOUT if timeout is None else timeout,
            credentials=credentials,
            page_triples=page_triples,
        )
        validation = validate_data(data, shapes_dir=shapes_dir)
    else:
        from cyberkg.validation.engines import validate_with

        # In a child process that the time limit (and Ctrl-C) stops at once, whichever engine runs; that
        # child's standard error is closed, so the bar is drawn only without --timeout.
        with progress_bar("cyberkg validate") as bar:
            validation = within_time_limit(
                timeout or 0, "validation", lambda: validate_with(engine, files, shapes_dir=shapes_dir, progress=bar)
            )
    click.echo(render_report(validation, fmt), nl=fmt != "turtle")
    return 0 if validation.report.conforms else 1
