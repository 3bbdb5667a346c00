"""``cyberkg push``: replace a graph on a remote store with the merged graph (Graph Store Protocol)."""

from __future__ import annotations

import click

from cyberkg.commands.options import timeout_option
from cyberkg.commands.progress_bar import progress_bar


@click.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's Graph Store Protocol URL (Oxigraph: http://host:7878/store; "
    "Fuseki: http://host:3030/DATASET/data).",
)
@click.option(
    "--graph", metavar="IRI", default=None, help="Replace this named graph (default: the store's default graph)."
)
@click.option(
    "--user",
    default=None,
    help="User name for HTTP Basic authentication; the password is read from CYBERKG_PASSWORD. "
    "A bearer token is read from CYBERKG_TOKEN.",
)
@click.option(
    "--update-endpoint",
    metavar="URL",
    default=None,
    help="The store's SPARQL Update URL (Oxigraph: http://host:7878/update; Virtuoso: http://host:8890/sparql). "
    "With it the graph goes in chunks into a temporary graph, then one MOVE replaces the target.",
)
@click.option(
    "--bulk-load",
    is_flag=True,
    help="Oxigraph server only: write the upload with the server's bulk loader, for graphs too large for one "
    "transaction in its memory. NOT atomic: after a failure the previous graph is gone and at most part of "
    "the new one is there.",
)
@timeout_option(120.0, "the whole upload may take")
def command(
    endpoint: str, graph: str | None, user: str | None, update_endpoint: str | None, bulk_load: bool, timeout: float
) -> None:
    """Upload the ontology and curated graph, replacing the target graph.

    With --update-endpoint the push is atomic on any store: the graph goes into a
    temporary graph in chunks, and only once all of it is there does one SPARQL MOVE
    replace the target. Without it, one PUT carries the whole graph (atomic on
    Oxigraph, not on Virtuoso). A failed push leaves the previous graph and is not retried,
    except with --bulk-load, which gives up atomicity for memory on an Oxigraph server.
    A progress bar is drawn when standard error is a terminal.
    """
    from cyberkg.endpoint.push import push_store
    from cyberkg.endpoint.transport import credentials_from_environment, plain_text_warning
    from cyberkg.store.loading import load_store

    credentials = credentials_from_environment(user)
    warning = plain_text_warning(endpoint, credentials)
    if warning:
        click.echo(f"cyberkg: warning: {warning}", err=True)
    with progress_bar("cyberkg push") as bar:
        store = load_store(progress=bar)
        report = push_store(
            store, endpoint, graph, credentials, timeout, update_endpoint, progress=bar, bulk_load=bulk_load
        )
    target = f"graph <{report.graph}>" if report.graph else "the default graph"
    how = (
        f" through a temporary graph in {report.chunks} chunk{'s' if report.chunks != 1 else ''}"
        if report.atomic
        else (" by the server's bulk loader (not atomic)" if report.bulk_load else "")
    )
    click.echo(f"Pushed {report.triples} triples to {target} at {report.endpoint}{how} (HTTP {report.status}).")
