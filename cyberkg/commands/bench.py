"""``cyberkg bench``: the benchmark against plain rdflib + pySHACL on synthetic graphs, as one table."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from cyberkg.bench.served import DEFAULT_CLIENTS, DEFAULT_QUERIES
from cyberkg.commands.progress_bar import echo_above, progress_bar


@click.command()
@click.option(
    "--sizes",
    default="10k,100k",
    show_default=True,
    help="Graph sizes in triples, e.g. 10k,100k,1M,10M (10M: about 2 GB to generate, 4 GB in memory).",
)
@click.option(
    "--baseline-timeout",
    "baseline_timeout",
    type=float,
    default=None,
    help="Cut each baseline operation after this many seconds (printed as '> N s').",
)
@click.option("--no-baseline", "no_baseline", is_flag=True, help="Measure cyberkg only.")
@click.option("--no-pyrudof", "no_pyrudof", is_flag=True, help="Skip the pyrudof candidate engine.")
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the synthetic graphs are written (a temporary folder by default).",
)
@click.option(
    "--repeat",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Runs per operation and side; the best is reported (a side stops repeating after 60 s).",
)
@click.option(
    "--reader-sizes",
    "reader_sizes",
    default="5,50",
    show_default=True,
    help="Sizes in MB of the synthetic updates that read-report is timed on (MB/s); empty for none.",
)
@click.option(
    "--add-size",
    "add_size",
    default=None,
    metavar="SIZE",
    help="Also time `cyberkg add` of a conforming synthetic file of SIZE triples (920k is about 50 MB), once.",
)
@click.option(
    "--serve",
    "served",
    is_flag=True,
    help="Also load `cyberkg serve` and Oxigraph served directly on loopback: req/s, p50, p99 (a second table).",
)
@click.option(
    "--serve-queries",
    "serve_queries",
    default=",".join(DEFAULT_QUERIES),
    show_default=True,
    help="The library queries sent to the served endpoints.",
)
@click.option(
    "--serve-clients",
    "serve_clients",
    default=",".join(str(n) for n in DEFAULT_CLIENTS),
    show_default=True,
    help="Numbers of concurrent clients, one row each per query.",
)
@click.option(
    "--serve-requests",
    "serve_requests",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="At most this many requests per row and side.",
)
@click.option(
    "--serve-seconds",
    "serve_seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="No request is started after this many seconds, per row and side.",
)
@click.option(
    "--stores",
    "stores_size",
    default=None,
    metavar="SIZE",
    help="Also push the synthetic graph of SIZE triples (e.g. 1M) to a private Oxigraph server and a private "
    "Virtuoso, and time the push and every library query on both, side by side (needs virtuoso-opensource-7).",
)
def command(
    sizes: str,
    baseline_timeout: float | None,
    no_baseline: bool,
    no_pyrudof: bool,
    workdir: Path | None,
    repeat: int,
    reader_sizes: str,
    add_size: str | None,
    served: bool,
    serve_queries: str,
    serve_clients: str,
    serve_requests: int,
    serve_seconds: float,
    stores_size: str | None,
) -> int | None:
    """Time loading, every library query, validation and the network export; print a Markdown table.

    Each operation runs in a fresh Python process for each side, best of --repeat runs; rows appear
    on standard error as they are measured (under a progress bar of the steps when it is a terminal),
    the table on standard output. Exit code 1 if any
    answers disagree. With --serve, a second table: the served endpoint (`cyberkg serve`, the gate in front of
    Oxigraph) and Oxigraph served directly, both started on loopback and stopped by process id, under load.
    """
    from cyberkg.bench.runner import run_benchmark
    from cyberkg.bench.served import run_served_benchmark
    from cyberkg.bench.synthetic import parse_size
    from cyberkg.bench.table import cells, disagreeing, markdown, served_cells, served_markdown
    from cyberkg.query.library import find_query

    targets = [parse_size(text) for text in sizes.split(",") if text.strip()]
    report_sizes = [_megabytes(text) for text in reader_sizes.split(",") if text.strip()]
    query_names = [find_query(name.strip()).name for name in serve_queries.split(",") if name.strip()]
    client_counts = [_clients(text) for text in serve_clients.split(",") if text.strip()]
    with tempfile.TemporaryDirectory(prefix="cyberkg-bench-") as scratch, progress_bar("cyberkg bench") as bar:
        folder = workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = run_benchmark(
            targets,
            folder,
            baseline_timeout=baseline_timeout,
            baseline=not no_baseline,
            pyrudof=not no_pyrudof,
            repeat=repeat,
            reader_sizes=report_sizes,
            add_triples=parse_size(add_size) if add_size else 0,
            progress=lambda row: echo_above(bar, "  " + " | ".join(cells(row, baseline_timeout))),
            step_progress=bar,
        )
        served_rows = []
        if served:
            served_rows = run_served_benchmark(
                folder,
                query_names,
                client_counts,
                serve_requests,
                serve_seconds,
                progress=lambda row: echo_above(bar, "  " + " | ".join(served_cells(row))),
                step_progress=bar,
            )
        store_rows = []
        if stores_size:
            from cyberkg.bench.stores import compare_stores
            from cyberkg.bench.table import store_cells

            store_rows = compare_stores(
                parse_size(stores_size),
                folder,
                repeat=repeat,
                progress=lambda row: echo_above(bar, "  " + " | ".join(store_cells(row))),
                step_progress=bar,
            )
    click.echo(markdown(rows, baseline_timeout))
    if served:
        click.echo()
        click.echo(served_markdown(served_rows))
    if store_rows:
        from cyberkg.bench.table import stores_markdown

        click.echo()
        click.echo(stores_markdown(store_rows))
    failed = bool(disagreeing(rows)) or any(row.agree.startswith(("NO", "error")) for row in served_rows)
    failed = failed or any(not row.agree.startswith("yes") for row in store_rows)
    return 1 if failed else None


def _clients(text: str) -> int:
    from cyberkg.errors import InputError

    if not text.strip().isdigit() or int(text) < 1:
        raise InputError(f"not a number of clients: {text!r} (write e.g. 8,64)")
    return int(text)


def _megabytes(text: str) -> float:
    from cyberkg.errors import InputError

    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise InputError(f"not a size in MB: {text!r} (write e.g. 5 or 0.5)")
    return value
