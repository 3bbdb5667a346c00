"""``cyberkg push``: replace a graph on a remote store with the merged graph (Graph Store Protocol)."""

from __future__ import annotations

import click

from cyberkg.commands.options import timeout_option


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
@timeout_option(120.0, "the whole upload may take")
def command(endpoint: str, graph: str | None, user: str | None, timeout: float) -> None:
    """Upload the ontology and curated graph, replacing the target graph in one request.

    The server swaps the whole graph at once: an interrupted or failed push leaves
    the previous content as it was. A failed push is not retried.
    """
    from cyberkg.endpoint.push import push_store
    from cyberkg.endpoint.transport import credentials_from_environment, plain_text_warning
    from cyberkg.store.loading import load_store

    credentials = credentials_from_environment(user)
    warning = plain_text_warning(endpoint, credentials)
    if warning:
        click.echo(f"cyberkg: warning: {warning}", err=True)
    report = push_store(load_store(), endpoint, graph, credentials, timeout)
    target = f"graph <{report.graph}>" if report.graph else "the default graph"
    click.echo(f"Pushed {report.triples} triples to {target} at {report.endpoint} (HTTP {report.status}).")
