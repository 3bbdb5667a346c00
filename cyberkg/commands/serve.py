"""``cyberkg serve``: the ontology and curated graph as a read-only SPARQL endpoint (Oxigraph)."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


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
def command(port: int, host: str, location: Path | None) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol until Ctrl-C."""
    import shutil
    import tempfile

    from cyberkg.endpoint.server import LOOPBACK_HOSTS, fill_store_folder, free_port, start_server
    from cyberkg.errors import EndpointError
    from cyberkg.pages.front import Upstream, start_front
    from cyberkg.pages.serving import open_routes
    from cyberkg.store.loading import data_files
    from cyberkg.store.saved import open_saved_store, state_key

    temporary = location is None
    folder = Path(tempfile.mkdtemp(prefix="cyberkg-serve-")) if location is None else location
    # Ctrl-C (SIGINT) and SIGTERM both stop the server, even where the shell started us with SIGINT ignored.
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        if temporary:
            triples = fill_store_folder(folder)
            served = folder
        else:
            files = data_files()
            store = open_saved_store(folder, files)  # builds or reuses it; rebuilds a damaged one
            triples = len(store)
            del store  # the server opens the folder itself
            served = folder / state_key(files)
        # Oxigraph on a private loopback port; the pages front (cyberkg.pages) listens on the user's address,
        # answers /id/... and the other page paths, and passes everything else on to Oxigraph.
        server = start_server(served, "127.0.0.1", free_port(), read_only=True)
        front = None
        try:
            front = start_front(host, port or free_port(host), open_routes(served), Upstream("127.0.0.1", server.port))
            base_url = f"http://{f'[{host}]' if ':' in host else host}:{front.server_address[1]}"
            if host not in LOOPBACK_HOSTS:
                click.echo(f"cyberkg: note: listening on {host}, not only on this machine", err=True)
            click.echo(f"Serving {triples} triples read-only. SPARQL endpoint: {base_url}/query")
            click.echo(f"Pages: {base_url}/index.html (every entity at {base_url}/id/...)")
            click.echo("Press Ctrl-C to stop.")
            code = server.process.wait()
            raise EndpointError(
                f"the Oxigraph server stopped by itself (exit code {code}): {server.log_tail() or 'no message'}"
            )
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            if front is not None:
                front.shutdown()
                front.server_close()
            server.stop()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
