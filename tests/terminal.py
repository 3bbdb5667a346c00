"""Run a command with its standard error on a pseudo-terminal, and read what it drew there.

Standard output stays a pipe, so what a command prints and what it draws are never mixed. Standard
error is the terminal side of a pty of 120 columns by 40 lines; the controller side is read, while the
command runs, to its end. The bar of ``cyberkg.commands.progress_bar`` redraws its line after a carriage
return, so the text between carriage returns and line ends is one *frame*; each frame is read as a stage
(the text before the count, or before the elapsed time of a stage that is not counted) and its count.

Usage::

    run = run_on_terminal([sys.executable, "-m", "cyberkg", "push", ...], environment)
    assert run.stages() == ["cyberkg push: reading Turtle", ...]
    assert run.last_count("cyberkg push: sending") == ("100%", "1.16M/1.16M")
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

COLUMNS, LINES = 120, 40
COUNTED = re.compile(r"^(?P<stage>.*?): +(?P<percent>\d+%)\|[^|]*\| (?P<count>\S+/\S+) \[")
UNCOUNTED = re.compile(r"^(?P<stage>.*) \[\d\d:\d\d\]$")


@dataclass(frozen=True)
class TerminalRun:
    returncode: int
    stdout: str
    drawn: str  # everything written on the terminal, control characters included

    def frames(self) -> list[str]:
        """The lines drawn, in order, blank ones (the bar cleared) left out."""
        return [part.strip() for part in re.split(r"[\r\n]+", self.drawn) if part.strip()]

    def cleared(self) -> bool:
        """Whether the last thing drawn blanks the line (the bar gone, so the screen keeps only what stays)."""
        frames = self.frames()
        return bool(frames) and re.fullmatch(r"[\r ]*\r", self.drawn.rsplit(frames[-1], 1)[1]) is not None

    def stages(self) -> list[str]:
        """The stages the bar drew, in the order they first appear."""
        seen: list[str] = []
        for frame in self.frames():
            match = COUNTED.match(frame) or UNCOUNTED.match(frame)
            if match and match.group("stage") not in seen:
                seen.append(match.group("stage"))
        return seen

    def lines(self) -> list[str]:
        """The lines written on the terminal other than the bar's (those printed above it)."""
        return [frame for frame in self.frames() if not (COUNTED.match(frame) or UNCOUNTED.match(frame))]

    def last_count(self, stage: str) -> tuple[str, str]:
        """The percentage and ``done/total`` of the last frame drawn for a counted ``stage``."""
        counts = [
            (match.group("percent"), match.group("count"))
            for match in map(COUNTED.match, self.frames())
            if match and match.group("stage") == stage
        ]
        return counts[-1]


def run_on_terminal(
    argv: Sequence[str], environment: Mapping[str, str], timeout: float = 600, cwd: str | None = None
) -> TerminalRun:
    """Run ``argv`` with standard error on a pty and standard output on a pipe; both read to the end."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the last holder of the terminal side has closed it
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        with subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
            env=dict(environment),
            cwd=cwd,
        ) as process:
            os.close(terminal)
            terminal = -1
            try:
                stdout, _ = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()  # the command this test started, by its process id
                raise
        reader.join(timeout=30)
    finally:
        if terminal != -1:
            os.close(terminal)
        os.close(controller)
    return TerminalRun(process.returncode, stdout.decode(), b"".join(chunks).decode())
