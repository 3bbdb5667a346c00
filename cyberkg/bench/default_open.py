"""The benchmark rows of commands on a graph opened the default way for its size, and with the store cache alone.

A checkout is assembled beside the synthetic graph (the project's data folders copied, the synthetic
file linked into ``graph/``) with a cache folder of its own, so that ``cyberkg query`` opens it exactly
as a researcher's command would (:mod:`cyberkg.store.embedded`): a small graph is parsed by every command;
for a large one the first command starts a warm server and waits while it loads, and the next ones query it
(:mod:`cyberkg.store.warm_choice`). Rows, each timed whole (process start included):

1. the first command, and the same command repeated, the default way;
2. every library query in turn, each its own command, the default way from a cold start (no server yet),
   so the load of the first is counted; its rows are compared with the in-memory runs;
3. for a large graph, the first and repeated command with ``CYBERKG_WARM=off``: the on-disk store of the
   cache, built by the first and reopened by the next (the default before servers were started by default).

A command chooses by the memory the kernel says is free when it runs, so each row names the way it saw taken
(a server running after the command, or a store in the cache folder), not the way expected.

A server the rows start is stopped afterwards by the process id of its record.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.bench.measuring import Measure, Row, measure_command
from cyberkg.store.checkout import DATA_FOLDERS, default_checkout

if TYPE_CHECKING:  # pragma: no cover
    from cyberkg.store.warm_record import WarmRecord

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


def default_open_rows(
    size: str,
    data: Path,
    workdir: Path,
    expected_rows: object,
    repeat: int,
    library_rows: int | None = None,
) -> list[Row]:
    """The rows of the module's note. ``expected_rows``: the rows of :data:`QUERY` in memory; ``library_rows``:
    the rows of every library query in memory, in all (None: not measured, so not compared)."""
    root = assemble_checkout(data, workdir / f"checkout-{size}")
    cache = workdir / f"cache-{size}"
    environment = {**os.environ, "CYBERKG_ROOT": str(root), "CYBERKG_CACHE": str(cache)}
    environment.pop("CYBERKG_WARM", None)
    shutil.rmtree(cache, ignore_errors=True)
    argv = [sys.executable, "-m", "cyberkg", "query", QUERY, "--format", "csv"]
    try:
        first, first_lines = measure_command(argv, repeat=1, environment=environment)
        first_way, again_way = _way_taken(root, environment, cache_before=False)
        again, again_lines = measure_command(argv, repeat=repeat, environment=environment)
    finally:
        _stop_warm_server(root, environment)
    rows = [
        Row(f"first command on the graph, default way ({first_way}): query {QUERY}", size, first, None, ""),
        Row(f"repeated command, default way ({again_way}): query {QUERY}", size, again, None, ""),
    ]
    rows[0].agree = _agreement(first, first_lines, expected_rows)
    rows[1].agree = _agreement(again, again_lines, expected_rows)
    try:
        library, printed, library_way = _every_library_query(root, environment, _cache_stores(cache) != [])
    finally:
        _stop_warm_server(root, environment)
    rows.append(
        Row(
            f"every library query in turn, each a command, default way ({library_way} at the first)",
            size,
            library,
            None,
            _agreement(library, printed + 1, library_rows),
        )
    )
    if _cached(root, environment):
        shutil.rmtree(cache, ignore_errors=True)  # built afresh by the first command below
        cached = {**environment, "CYBERKG_WARM": "off"}
        first, first_lines = measure_command(argv, repeat=1, environment=cached)
        again, again_lines = measure_command(argv, repeat=repeat, environment=cached)
        rows += [
            Row(
                f"first command, CYBERKG_WARM=off (builds the cache): query {QUERY}",
                size,
                first,
                None,
                _agreement(first, first_lines, expected_rows),
            ),
            Row(
                f"repeated command, CYBERKG_WARM=off (reopens the cache): query {QUERY}",
                size,
                again,
                None,
                _agreement(again, again_lines, expected_rows),
            ),
        ]
    return rows


def _way_taken(root: Path, environment: dict[str, str], cache_before: bool) -> tuple[str, str]:
    """How a command just run opened the checkout's graph, and how the next will (a server that runs now, a
    store in the cache folder, or neither): the command decides by the memory it sees, so the rows say what it did.
    ``cache_before``: whether the cache held a store before that command."""
    if _live_server(root, environment):
        return "starts a warm server", "the warm server"
    if _cache_stores(Path(environment["CYBERKG_CACHE"])):
        return ("reopens the cache" if cache_before else "builds the cache"), "reopens the cache"
    return "parses the Turtle", "parses the Turtle"


def _cache_stores(cache: Path) -> list[Path]:
    return sorted(cache.glob("store-*")) if cache.is_dir() else []


def _every_library_query(root: Path, environment: dict[str, str], cache_before: bool) -> tuple[Measure, int, str]:
    """``cyberkg query NAME --format csv --timeout 0`` for every library query in turn (no time limit: the row is
    the time of all): the time, the rows printed, and how the first command opened the graph."""
    from cyberkg.query.library import list_queries

    printed, way = 0, ""
    start = time.perf_counter()
    for query in list_queries():
        argv = [sys.executable, "-m", "cyberkg", "query", query.name, "--format", "csv", "--timeout", "0"]
        done = subprocess.run(argv, capture_output=True, text=True, env=environment)
        if not way:
            way = _way_taken(root, environment, cache_before)[0]
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["failed"])[-1]
            return Measure(error=f"{query.name}: {last}"), 0, way
        printed += _csv_rows(done.stdout.splitlines(keepends=True))
    return Measure(seconds=time.perf_counter() - start), printed, way


def _csv_rows(lines: Sequence[str]) -> int:
    """The rows of a CSV result, its header left out (a quoted value may span lines)."""
    return max(0, sum(1 for _ in csv.reader(lines)) - 1)


def _record_of(root: Path, environment: dict[str, str]) -> WarmRecord | None:
    from cyberkg.store.checkout import Checkout
    from cyberkg.store.loading import data_files
    from cyberkg.store.warm_record import read_record, record_path

    return read_record(record_path(Path(environment["CYBERKG_CACHE"]), data_files(Checkout(root))))


def _live_server(root: Path, environment: dict[str, str]) -> bool:
    from cyberkg.store.warm_record import process_alive

    record = _record_of(root, environment)
    return record is not None and process_alive(record.pid)


def _stop_warm_server(root: Path, environment: dict[str, str]) -> None:
    """Stop the checkout's warm server by the process id of its record (SIGTERM; it removes its record)."""
    from cyberkg.store.warm_record import process_alive

    record = _record_of(root, environment)
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
