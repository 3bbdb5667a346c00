"""The steps of a benchmark, counted for a progress callback: which one is being measured, of how many."""

from __future__ import annotations

from cyberkg.progress import Progress

UNIT = "steps"
ALL_DONE = "all measured"


class Steps:
    """Tells ``progress`` the step that begins and how many of ``total`` are done; then that all are."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress

    def begin(self, name: str) -> None:
        """Step ``name`` begins (the one before it, if any, is done)."""
        if self.progress is not None:
            self.progress(self.done, self.total, name, UNIT)
        self.done += 1

    def end(self) -> None:
        """Every step is done."""
        if self.progress is not None:
            self.progress(self.total, self.total, ALL_DONE, UNIT)
