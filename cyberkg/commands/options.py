"""Options shared by several subcommands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cyberkg.query.formats import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from cyberkg.network.filters import EventFilter
    from cyberkg.progress import Progress

T = TypeVar("T")

OPENING_LABEL = "cyberkg: opening the graph"

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table for people; csv, tsv, json in the W3C SPARQL results formats; jsonl: one JSON object per row.",
)


location_option = click.option(
    "--location",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the graph on disk in this folder and reopen it while the files are unchanged "
    "(no loading at start, but queries run slower than in memory). Without it, a graph of 20 MB of Turtle "
    "or more is loaded once into a warm server that the next commands use (see `cyberkg warm`), or, with "
    "CYBERKG_WARM=off, kept on disk in the user's cache folder ($CYBERKG_CACHE; 'off' to parse every time).",
)


def timeout_option(default: float, what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--timeout SECONDS``: how long ``what`` may take; 0 for no limit."""
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=default,
        show_default=True,
        metavar="SECONDS",
        help=f"Seconds {what}; 0: no limit.",
    )


def within_time_limit(timeout: float, what: str, work: Callable[[], T]) -> T:
    """``work()``, in a worker process stopped after ``timeout`` seconds when one is given (0: here, no limit)."""
    if not timeout:
        return work()
    from cyberkg.bounded import call_bounded

    return call_bounded(work, timeout, what)


def network_within_time_limit(
    timeout: float, location: Path | None, projection: str, filters: dict[str, Any], include_groups: bool, **links: bool
) -> Any:
    """The network PROJECTION of the graph, built under ``timeout`` (``links``: the agent-link options)."""
    from cyberkg.network.projections import build_network

    def build() -> Any:
        store = open_graph(location)
        return build_network(store, projection, build_filter(**filters, store=store), include_groups, **links)

    return within_time_limit(timeout, f"building the network {projection}", build)


def events_within_time_limit(timeout: float, location: Path | None, filters: dict[str, Any]) -> Any:
    """The event records that the filters keep, found under ``timeout`` (for the timeline and the map)."""
    from cyberkg.network.events import event_records

    def find() -> Any:
        store = open_graph(location)
        return event_records(store, build_filter(**filters, store=store))

    return within_time_limit(timeout, "finding the events", find)


shapes_option = click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of SHACL shape files to use instead of the project's shapes/.",
)

engine_option = click.option(
    "--engine",
    type=click.Choice(("auto", "pyshacl", "fast")),
    default="auto",
    show_default=True,
    help="pyshacl (the reference), fast (shapes as SPARQL on Oxigraph), or auto (fast above 50k triples).",
)

allow_service_option = click.option(
    "--allow-service",
    is_flag=True,
    help="Let the query use SERVICE clauses (requests to other endpoints while it runs); refused by default.",
)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """Turn repeated KEY=VALUE options into a mapping."""
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        params[key.strip()] = value
    return params


def event_filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that select events: --from, --to, --output, --instrument, --topic, --status."""
    options = [
        click.option("--from", "date_from", metavar="DATE", help="Events that end on or after DATE (YYYY[-MM[-DD]])."),
        click.option("--to", "date_to", metavar="DATE", help="Events that start on or before DATE (YYYY[-MM[-DD]])."),
        click.option(
            "--output",
            "outputs",
            multiple=True,
            metavar="OUTPUT",
            help="Events serving this output (phase-2-output-1, output:..., a label or an IRI); repeatable.",
        ),
        click.option(
            "--instrument",
            "instruments",
            multiple=True,
            metavar="INSTRUMENT",
            help="Events that discussed or concerned this instrument (ets-185, instrument:ets-185, a label or an IRI); "
            "repeatable.",
        ),
        click.option(
            "--topic",
            "topics",
            multiple=True,
            metavar="TOPIC",
            help="Events on this topic or a narrower one (judicial-training, topic:..., a label or an IRI); "
            "repeatable.",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(["held", "planned"]),
            help="Events with this status as of their report; repeatable.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def build_filter(
    date_from: str | None,
    date_to: str | None,
    outputs: tuple[str, ...],
    instruments: tuple[str, ...],
    topics: tuple[str, ...],
    statuses: tuple[str, ...],
    store: Any = None,
) -> EventFilter:
    """The EventFilter for the options of event_filter_options; with ``store``, its names checked against it."""
    from cyberkg.network.filters import EventFilter

    if store is None:
        return EventFilter.from_options(date_from, date_to, outputs, instruments, topics, statuses)
    from cyberkg.network.filter_names import check_filter_names, resolve_filter_names

    outputs, instruments, topics = resolve_filter_names(store, outputs, instruments, topics)
    event_filter = EventFilter.from_options(date_from, date_to, outputs, instruments, topics, statuses)
    check_filter_names(store, event_filter)
    return event_filter


def projection_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    from cyberkg.network.projection_names import PROJECTION_NAMES

    return click.argument("projection", type=click.Choice(PROJECTION_NAMES))(function)


def agent_link_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that choose the agents and links of the organisation projections."""
    options = [
        click.option(
            "--include-groups",
            is_flag=True,
            help="Count stakeholder groups (e.g. 'private sector') as organisations; left out by default.",
        ),
        click.option(
            "--project-activities/--no-project-activities",
            default=True,
            show_default=True,
            help="Link the organisation that implements a project (and the bodies it belongs to) to the "
            "project's activities.",
        ),
        click.option(
            "--event-parts/--no-event-parts",
            default=True,
            show_default=True,
            help="Count who took part in a part of an event (a round table within a visit) towards the "
            "larger event too.",
        ),
        click.option(
            "--fold-bodies/--no-fold-bodies",
            default=True,
            show_default=True,
            help="Count what a body did (MONEYVAL, a division) for the organisations it belongs to "
            "as well, as the library queries do.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def open_graph(location: Path | None) -> pyoxigraph.Store:
    """The embedded graph (see :mod:`cyberkg.store.embedded`): a large graph through a warm server, started
    here by the first command (a line on stderr says so), or its on-disk store; on a terminal, a progress bar
    on stderr while the server loads or the on-disk store is built."""
    from cyberkg.commands.progress_bar import echo_above, progress_bar
    from cyberkg.store.embedded import embedded_store

    with progress_bar(OPENING_LABEL) as bar:

        def start_warm(progress: Progress | None) -> None:
            from cyberkg.endpoint.warming import start_warm
            from cyberkg.store.warm_choice import idle_stop

            unused = idle_stop()
            # No limit of the server's own: each command applies its own (query --timeout), as it would in memory.
            started = start_warm(0.0, unused, progress)
            if not started.already:
                echo_above(
                    bar,
                    f"cyberkg: a large graph, so it was loaded into memory once, by a warm server (process "
                    f"{started.record.pid}) that the next commands use; it stops after {_duration(unused)} unused "
                    f"(`cyberkg warm stop` stops it now)",
                )

        def warn(message: str) -> None:
            echo_above(bar, f"cyberkg: warning: {message}")

        return embedded_store(location, bar, start_warm, warn)


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
    return f"{seconds:g} s"
