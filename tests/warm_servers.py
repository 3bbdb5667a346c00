"""Warm servers for the tests: a copy of the project's data, a cache folder of its own, a server started and stopped
by process id (``cyberkg warm start --foreground``)."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_LIMIT = 120.0
READY = "Warm server ready (process "


@dataclass
class ServedCopy:
    """A copy of the data folders, the environment that points commands at it, and its warm server (if started)."""

    root: Path
    cache: Path
    environment: dict[str, str]
    process: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


def copy_project(folder: Path, extra: tuple[Path, ...] = ()) -> ServedCopy:
    """The data folders copied under ``folder`` (``extra`` Turtle files added to graph/), with a cache of their own."""
    root = folder / "project"
    for name in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(ROOT / name, root / name)
    for path in extra:
        shutil.copy(path, root / "graph" / path.name)
    cache = folder / "cache"
    environment = {**os.environ, "CYBERKG_ROOT": str(root), "CYBERKG_CACHE": str(cache)}
    environment.pop("CYBERKG_WARM", None)
    return ServedCopy(root, cache, environment)


def run_cyberkg(copy: ServedCopy, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """``cyberkg ARGS`` run to its end on the copy, with ``environment`` added to the copy's."""
    return subprocess.run(
        [sys.executable, "-m", "cyberkg", *args],
        env={**copy.environment, **environment},
        capture_output=True,
        text=True,
        timeout=180,
    )


def start_in_foreground(copy: ServedCopy, *options: str) -> str:
    """Start the copy's warm server in the foreground (with ``options``); the line it prints once it answers."""
    copy.process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg", "warm", "start", "--foreground", *options],
        env=copy.environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert copy.process.stdout is not None
    ready, _, _ = select.select([copy.process.stdout], [], [], START_LIMIT)
    line = copy.process.stdout.readline() if ready else ""
    if not line.startswith(READY):
        stop(copy)
        raise AssertionError(f"the warm server did not start: {line!r}")
    return line


def stop(copy: ServedCopy, number: int = signal.SIGTERM) -> int | None:
    """Stop the copy's server by its process id (``number``, then SIGKILL); its exit code."""
    process = copy.process
    if process is None:
        return None
    if process.poll() is None:
        process.send_signal(number)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return process.returncode


def wait_until_gone(path: Path, limit: float = 10.0) -> bool:
    """Whether ``path`` is gone within ``limit`` seconds (what a janitor removes, it removes a moment later)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not path.exists():
            return True
        time.sleep(0.05)
    return not path.exists()
