"""``cyberkg warm``: keep the graph in memory in a server of the user's own, used by later commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cyberkg.commands.options import timeout_option
from cyberkg.commands.progress_bar import progress_bar

if TYPE_CHECKING:  # pragma: no cover
    from cyberkg.store.warm_record import WarmRecord


@click.group()
def command() -> None:
    """Keep the graph in memory between commands: start, status, stop.

    While a warm server runs for the data files as they are now, query, conflicts, network,
    export, timeline and map use it instead of loading the graph or reopening the cached
    store: no load, and queries at in-memory speed. It listens on a Unix socket that only
    you can reach. On a large graph (20 MB of Turtle or more) the first of those commands
    starts one itself, which stops after half an hour unused (CYBERKG_WARM_IDLE seconds).
    A command without it (edited files, a stopped server, CYBERKG_WARM=off, --location or
    --endpoint) opens the graph as it would have.
    """


@command.command()
@timeout_option(300.0, "a query may run on the server when its command gives no limit")
@click.option(
    "--foreground",
    is_flag=True,
    help="Serve in this process until Ctrl-C (or SIGTERM, SIGHUP) instead of in the background.",
)
@click.option(
    "--stop-when-idle",
    "idle_stop",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Stop the server once no command has used it for this long (default: run until `cyberkg warm stop`).",
)
def start(timeout: float, foreground: bool, idle_stop: float | None) -> None:
    """Load the graph into memory once, in the background, for the commands that follow."""
    if foreground:
        from cyberkg.endpoint.warming import IDLE, serve_warm

        def ready(record: WarmRecord) -> None:
            click.echo(f"Warm server ready (process {record.pid}, {record.triples} triples). Press Ctrl-C to stop.")

        ended = serve_warm(timeout, ready, idle_stop)
        click.echo(f"Stopped after {idle_stop:g} s without a request." if ended == IDLE else "Stopped.")
        return
    from cyberkg.endpoint.warming import start_warm

    click.echo("cyberkg: loading the graph into memory for the warm server ...", err=True)
    with progress_bar("cyberkg warm start") as bar:
        started = start_warm(timeout, idle_stop, bar)
    if started.replaced is not None:
        click.echo(f"Stopped the warm server of an earlier state of the files (process {started.replaced.pid}).")
    record = started.record
    if started.already:
        click.echo(f"A warm server already runs for this graph (process {record.pid}, {record.triples} triples).")
        return
    until = "`cyberkg warm stop` or a change to its files"
    if idle_stop is not None:
        until = f"`cyberkg warm stop`, a change to its files or {idle_stop:g} s unused"
    click.echo(
        f"Warm server started (process {record.pid}): {record.triples} triples in memory. Commands on this graph "
        f"use it until {until}."
    )


@command.command()
def status() -> None:
    """Say whether a warm server runs for this graph, and whether commands use it."""
    from cyberkg.endpoint.warming import warm_status
    from cyberkg.store.warm_record import WARM_VARIABLE, warm_enabled

    found = warm_status()
    record = found.record
    if record is None:
        click.echo("No warm server runs for this graph.")
    elif not found.running:
        click.echo(f"The warm server of process {record.pid} does not answer; commands do not use it.")
    elif not found.current:
        click.echo(
            f"A warm server runs (process {record.pid}) for an earlier state of the files; commands do not use it. "
            f"`cyberkg warm start` replaces it."
        )
    else:
        click.echo(
            f"A warm server runs for this graph as it is now: process {record.pid}, {record.triples} triples, "
            f"since {record.started}."
        )
        if not warm_enabled():
            click.echo(f"Commands do not use it: ${WARM_VARIABLE} is off.")


@command.command()
def stop() -> None:
    """Stop the warm server of this graph."""
    from cyberkg.endpoint.warming import stop_warm

    record = stop_warm()
    if record is None:
        click.echo("No warm server was running for this graph.")
    else:
        click.echo(f"Stopped the warm server (process {record.pid}).")
