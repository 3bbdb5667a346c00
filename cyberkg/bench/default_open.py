"""The benchmark rows of a repeated command on a large graph opened the default way (the store cache), and with
a warm server running.

A checkout is assembled beside the synthetic graph (the project's data folders copied, the synthetic
file linked into ``graph/``) with a cache folder of its own, so that ``cyberkg query`` opens it exactly
as a researcher's command would: the first command builds the cached on-disk store
(:mod:`cyberkg.store.cache`), the next ones reopen it. Then ``cyberkg warm start`` loads it into memory
once (:mod:`cyberkg.endpoint.warming`) and the same command is repeated against it; the server is
stopped afterwards by its process id. All are timed whole (process start included).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
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
        "CYBERKG_WARM": "off",
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
    return rows + warm_rows(size, root, {**environment, "CYBERKG_WARM": "on"}, argv, expected_rows, repeat)


def warm_rows(
    size: str, root: Path, environment: dict[str, str], argv: list[str], expected_rows: object, repeat: int
) -> list[Row]:
    """``cyberkg warm start`` (the load into memory, once) and then ``argv`` repeated while the server runs."""
    start = [sys.executable, "-m", "cyberkg", "warm", "start"]
    started, _ = measure_command(start, repeat=1, environment=environment)
    try:
        again, lines = started, 0
        if not started.error:
            again, lines = measure_command(argv, repeat=repeat, environment=environment)
    finally:
        _stop_warm_server(root, environment)
    return [
        Row("warm start: the graph loaded into memory once, in the background", size, started, None, ""),
        Row(
            f"repeated command, warm server running: query {QUERY}",
            size,
            again,
            None,
            _agreement(again, lines, expected_rows),
        ),
    ]


def _stop_warm_server(root: Path, environment: dict[str, str]) -> None:
    """Stop the checkout's warm server by the process id of its record (SIGTERM; it removes its record)."""
    from cyberkg.store.checkout import Checkout
    from cyberkg.store.loading import data_files
    from cyberkg.store.warm_record import process_alive, read_record, record_path

    record = read_record(record_path(Path(environment["CYBERKG_CACHE"]), data_files(Checkout(root))))
    if record is None or not process_alive(record.pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(record.pid, signal.SIGTERM)
    for _ in range(200):
        if not process_alive(record.pid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(record.pid, signal.SIGKILL)


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
