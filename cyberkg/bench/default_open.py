"""The benchmark row of a repeated command on a large graph opened the default way (the store cache).

A checkout is assembled beside the synthetic graph (the project's data folders copied, the synthetic
file linked into ``graph/``) with a cache folder of its own, so that ``cyberkg query`` opens it exactly
as a researcher's command would: the first command builds the cached on-disk store
(:mod:`cyberkg.store.cache`), the next ones reopen it. Both are timed whole (process start included).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from cyberkg.bench.measuring import Measure, Row, measure_command
from cyberkg.store.checkout import DATA_FOLDERS, default_checkout

QUERY = "meetings-promoting-accession"


def assemble_checkout(data: Path, root: Path) -> Path:
    """A checkout at ``root`` holding the project's data folders and ``data`` linked into its graph folder."""
    source = default_checkout().root
    for folder in DATA_FOLDERS:
        if not (root / folder).is_dir():
            shutil.copytree(source / folder, root / folder)
    linked = root / "graph" / data.name
    if not linked.exists():
        linked.symlink_to(data.resolve())
    return root


def default_open_rows(size: str, data: Path, workdir: Path, expected_rows: object, repeat: int) -> list[Row]:
    """The first command (which builds the cache) and the repeated command, each with the rows it printed."""
    root = assemble_checkout(data, workdir / f"checkout-{size}")
    environment = {
        **os.environ,
        "CYBERKG_ROOT": str(root),
        "CYBERKG_CACHE": str(workdir / f"cache-{size}"),
    }
    shutil.rmtree(workdir / f"cache-{size}", ignore_errors=True)
    argv = [sys.executable, "-m", "cyberkg", "query", QUERY, "--format", "csv"]
    first, first_lines = measure_command(argv, repeat=1, environment=environment)
    again, again_lines = measure_command(argv, repeat=repeat, environment=environment)
    if _cached(root, environment):
        first_way, again_way = "builds the cache", "reopens the cache"
    else:
        first_way = again_way = "parses the Turtle"
    rows = []
    for operation, measured, lines in (
        (f"first command on the graph, default way ({first_way}): query {QUERY}", first, first_lines),
        (f"repeated command, default way ({again_way}): query {QUERY}", again, again_lines),
    ):
        rows.append(Row(operation, size, measured, None, _agreement(measured, lines, expected_rows)))
    return rows


def _cached(root: Path, environment: dict[str, str]) -> bool:
    """Whether the commands' environment makes this checkout's graph a cached one (see :mod:`cyberkg.store.cache`)."""
    from cyberkg.store.cache import should_cache
    from cyberkg.store.checkout import Checkout, turtle_files

    checkout = Checkout(root)
    return should_cache(turtle_files(checkout.ontology_dir) + turtle_files(checkout.graph_dir), environment)


def _agreement(measured: Measure, lines: int, expected_rows: object) -> str:
    if measured.error:
        return f"error: {measured.error}"
    printed = max(0, lines - 1)
    if not isinstance(expected_rows, int):
        return f"{printed} rows printed"
    verdict = "yes" if printed == expected_rows else "NO"
    return f"{verdict}: {printed} rows printed, {expected_rows} in memory"
