"""``cyberkg serve``: the ontology and curated graph as a read-only SPARQL endpoint (Oxigraph)."""

from __future__ import annotations

from pathlib import Path

import click

from cyberkg.commands.options import allow_service_option, timeout_option


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="TCP port to listen on (0: any free port).",
)
@click.option(
    "--bind",
    "host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback opens the graph to other machines.",
)
@click.option(
    "--location",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the on-disk store in this folder and reuse it while the files are unchanged "
    "(the same folder as query --location). Default: a temporary folder, removed on exit.",
)
@timeout_option(30.0, "each query may run before the server cancels it")
@click.option(
    "--cors",
    "cors_origin",
    metavar="ORIGIN",
    default=None,
    help="Let web pages from ORIGIN (e.g. https://example.org, or * for any) query the endpoint; off by default.",
)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header is NAME (a name of this machine for the other machines); "
    "repeatable. By default only the bind address (and localhost names for a loopback bind).",
)
@allow_service_option
def command(
    port: int,
    host: str,
    location: Path | None,
    timeout: float,
    cors_origin: str | None,
    allowed_hosts: tuple[str, ...],
    allow_service: bool,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol until Ctrl-C (or SIGTERM, SIGHUP)."""
    from cyberkg.endpoint.server import LOOPBACK_HOSTS
    from cyberkg.endpoint.serving import ServeOptions, Serving, serve
    from cyberkg.network.page import projection_page
    from cyberkg.pages.serving import open_routes

    def ready(serving: Serving) -> None:
        if serving.host not in LOOPBACK_HOSTS:
            click.echo(f"cyberkg: note: listening on {serving.host}, not only on this machine", err=True)
        click.echo(f"Serving {serving.triples} triples read-only. SPARQL endpoint: {serving.query_url}")
        base_url = serving.query_url.removesuffix("/query")
        click.echo(f"Pages: {base_url}/index.html (every entity at {base_url}/id/...)")
        click.echo("Press Ctrl-C to stop.")

    options = ServeOptions(
        host,
        port,
        location,
        timeout,
        cors_origin,
        allow_service,
        allowed_hosts,
        pages=lambda folder: open_routes(folder, network=projection_page).answer,
    )
    serve(options, ready)
    click.echo("Stopped.")
