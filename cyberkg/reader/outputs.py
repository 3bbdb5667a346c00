"""The output column: ``7``, ``1, 5``, ``1,7``, ``1-3``, ``All``."""

from __future__ import annotations

import re
from dataclasses import dataclass


class OutputsError(ValueError):
    """An output cell that cannot be read."""


@dataclass(frozen=True)
class OutputsRead:
    """The output numbers a row names, or ``every`` for "All"."""

    numbers: tuple[int, ...] = ()
    every: bool = False


_ALL = re.compile(r"^(?:all|all outputs|tous|toutes)$")
_TOKEN = re.compile(r"^(\d{1,2})(?:\s*-\s*(\d{1,2}))?$")


def parse_outputs(text: str) -> OutputsRead:
    """Read an output cell; raise OutputsError when it cannot be read."""
    cleaned = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().rstrip(".,;&").strip().lower()
    cleaned = re.sub(r"^outputs?\s*:?\s*", "", cleaned)
    if not cleaned:
        raise OutputsError("no output given")
    if _ALL.match(cleaned):
        return OutputsRead(every=True)
    numbers: list[int] = []
    for token in re.split(r"\s*(?:,|;|&|\band\b|\s(?=\d))\s*", cleaned):
        match = _TOKEN.match(token)
        if not match:
            raise OutputsError(f"cannot read the outputs {text.strip()!r}")
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if first == 0 or last < first:
            raise OutputsError(f"cannot read the outputs {text.strip()!r}")
        numbers.extend(range(first, last + 1))
    return OutputsRead(numbers=tuple(sorted(set(numbers))))
