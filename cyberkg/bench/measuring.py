"""What the benchmark records: one side's measure, one table row, and the timing of a whole command."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cyberkg.store.checkout import default_checkout


@dataclass
class Measure:
    """One side of one operation: seconds, peak memory in MB, the answer; or the time limit it hit."""

    seconds: float | None = None
    peak_mb: float | None = None
    answer: object = None
    timed_out: bool = False
    error: str | None = None


@dataclass
class Row:
    operation: str
    size: str
    cyberkg: Measure
    baseline: Measure | None
    agree: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.seconds is None or not self.cyberkg.seconds:
            return None
        return self.baseline.seconds / self.cyberkg.seconds


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.setdefault("CYBERKG_ROOT", str(default_checkout().root))
    return environment


def measure_command(
    argv: Sequence[str], repeat: int = 3, environment: Mapping[str, str] | None = None
) -> tuple[Measure, int]:
    """Wall time of a whole command (best of ``repeat``), with its output line count."""
    best, lines = None, 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            list(argv), capture_output=True, text=True, env=_environment() if environment is None else dict(environment)
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            return Measure(error=(done.stderr.strip().splitlines() or ["failed"])[-1]), 0
        lines = len(done.stdout.strip().splitlines())
        best = seconds if best is None else min(best, seconds)
    return Measure(seconds=best), lines
