"""``cyberkg bench``: the benchmark against plain rdflib + pySHACL on synthetic graphs, as one table."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click


@click.command()
@click.option("--sizes", default="10k,100k", show_default=True, help="Graph sizes in triples, e.g. 10k,100k,1M.")
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
    stores_size: str | None,
) -> int | None:
    """Time loading, every library query, validation and the network export; print a Markdown table.

    Each operation runs in a fresh Python process for each side, best of --repeat runs; rows appear
    on standard error as they are measured, the table on standard output. Exit code 1 if any
    answers disagree.
    """
    from cyberkg.bench.runner import run_benchmark
    from cyberkg.bench.synthetic import parse_size
    from cyberkg.bench.table import cells, disagreeing, markdown

    targets = [parse_size(text) for text in sizes.split(",") if text.strip()]
    report_sizes = [_megabytes(text) for text in reader_sizes.split(",") if text.strip()]
    with tempfile.TemporaryDirectory(prefix="cyberkg-bench-") as scratch:
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
            progress=lambda row: click.echo("  " + " | ".join(cells(row, baseline_timeout)), err=True),
        )
        store_rows = []
        if stores_size:
            from cyberkg.bench.stores import compare_stores
            from cyberkg.bench.table import store_cells

            store_rows = compare_stores(
                parse_size(stores_size),
                folder,
                repeat=repeat,
                progress=lambda row: click.echo("  " + " | ".join(store_cells(row)), err=True),
            )
    click.echo(markdown(rows, baseline_timeout))
    if store_rows:
        from cyberkg.bench.table import stores_markdown

        click.echo()
        click.echo(stores_markdown(store_rows))
    differing = [row for row in store_rows if not row.agree.startswith("yes")]
    return 1 if disagreeing(rows) or differing else None


def _megabytes(text: str) -> float:
    from cyberkg.errors import InputError

    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise InputError(f"not a size in MB: {text!r} (write e.g. 5 or 0.5)")
    return value
