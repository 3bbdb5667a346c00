"""The one progress bar of the commands: tqdm on standard error, drawn only when standard error is a terminal.

Library calls take a :class:`cyberkg.progress.Progress` callback and print nothing. A command opens
:func:`progress_bar` and passes what it yields: a :class:`TerminalBar` on a terminal, None anywhere else
(a pipe, a file, a CI log, a test's captured output), so nothing but the command's own lines reaches them.
The bar is drawn from the first call on, so work that reports nothing (a store reopened from the cache)
draws nothing; a stage with another total or unit starts it again; it is cleared when the work ends, so
standard output and the lines printed through :meth:`TerminalBar.write` are all that stay on the screen.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cyberkg.progress import BYTES

if TYPE_CHECKING:  # pragma: no cover
    from tqdm import tqdm

# A stage that is not counted shows its name and the time it has taken.
UNCOUNTED_FORMAT = "{desc}[{elapsed}]"
# The bar is drawn again this often even when nothing is reported, so the time taken keeps moving.
REDRAW_SECONDS = 1.0


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[TerminalBar | None]:
    """A bar headed ``label`` ("cyberkg push") on standard error when it is a terminal; None when it is not."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = TerminalBar(label)
    try:
        yield bar
    finally:
        bar.close()


def echo_above(bar: TerminalBar | None, line: str) -> None:
    """Print a line on standard error, above the bar when there is one (so the bar is not torn)."""
    if bar is None:
        print(line, file=sys.stderr, flush=True)
    else:
        bar.write(line)


class TerminalBar:
    """A :class:`~cyberkg.progress.Progress` that draws one tqdm bar on standard error."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: tqdm | None = None
        self.shape: tuple[str, int] | None = None  # (unit, total) of the stage drawn
        self.finished = False  # the stage's last count has been drawn
        self.closed = threading.Event()  # a request abandoned at its deadline may still report: nothing is drawn
        self.lock = threading.Lock()  # calls may come from a request's thread; the redrawing has its own

    def __call__(self, done: int, total: int, stage: str = "", unit: str = "") -> None:
        with self.lock:
            if not self.closed.is_set():
                self._draw(done, total, stage, unit)

    def _draw(self, done: int, total: int, stage: str, unit: str) -> None:
        named = f"{self.label}: {stage}" if stage else self.label
        description = f"{named}: " if total else f"{named} "
        bar = self.bar
        if bar is None or (unit, total) != self.shape or done < bar.n:
            bar = self._start(description, total, unit)
        elif description != bar.desc:
            bar.set_description_str(description)
        if total:
            bar.update(done - bar.n)
            if done >= total and not self.finished:
                bar.refresh()  # the last count of a stage is always drawn
                self.finished = True

    def _start(self, description: str, total: int, unit: str) -> tqdm:
        """Draw a new stage: its name, and its count from 0 of ``total`` in ``unit`` (total 0: not counted)."""
        from tqdm import tqdm

        self.shape, self.finished = (unit, total), False
        scaled = unit == BYTES
        bar_format = None if total else UNCOUNTED_FORMAT
        if self.bar is None:
            size = os.get_terminal_size(sys.stderr.fileno())
            known = bool(size.columns and size.lines)  # else taken as 80 by 24, as the shell does
            self.bar = tqdm(
                desc=description,
                total=total or None,
                unit=unit or "it",
                unit_scale=scaled,
                unit_divisor=1024 if scaled else 1000,
                bar_format=bar_format,
                file=sys.stderr,
                leave=False,
                dynamic_ncols=known,
                ncols=None if known else 80,
                nrows=None if known else 24,
            )
            threading.Thread(target=self._redraw, name="cyberkg-progress", daemon=True).start()
            return self.bar
        bar = self.bar
        bar.desc, bar.total, bar.unit = description, total or None, unit or "it"
        bar.unit_scale, bar.unit_divisor, bar.bar_format = scaled, 1024 if scaled else 1000, bar_format
        bar.reset()  # from 0, of the total just set, drawn at once
        return bar

    def _redraw(self) -> None:
        """Draw the bar again every :data:`REDRAW_SECONDS` until it is closed (a long stage shows its time)."""
        while not self.closed.wait(REDRAW_SECONDS):
            with self.lock:
                if self.bar is not None and not self.closed.is_set():
                    self.bar.refresh()

    def write(self, line: str) -> None:
        """Print a line on standard error above the bar."""
        from tqdm import tqdm

        with self.lock:
            if self.bar is None or self.closed.is_set():
                print(line, file=sys.stderr, flush=True)
            else:
                tqdm.write(line, file=sys.stderr)

    def close(self) -> None:
        """Clear the bar from the terminal; later calls draw nothing."""
        with self.lock:
            self.closed.set()
            if self.bar is not None:
                self.bar.close()
