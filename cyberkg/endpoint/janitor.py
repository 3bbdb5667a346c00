"""A janitor process: what a server leaves behind is cleaned even if the server is killed outright.

SIGKILL cannot be caught: a killed ``cyberkg serve`` runs no clean-up of its own.
So before anything is made, a small process is forked in a session of its own
(Ctrl-C and a closed terminal do not reach it). It holds the read end of a pipe
whose write end only the parent holds; the kernel closes that end when the parent
ends, however it ends. The parent writes the process ids of its servers into the
pipe. At end of file the janitor kills those still running (the Oxigraph server
also dies with its parent by ``PR_SET_PDEATHSIG``; the janitor is the second
line) and removes the temporary folder. After a normal stop the parent has
cleaned up itself and writes ``done`` first: the janitor then touches nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from dataclasses import dataclass
from pathlib import Path

DONE = "done"
GRACE = 2.0  # seconds between SIGTERM and SIGKILL for a server left running


@dataclass
class Janitor:
    """The parent's side: the janitor's process id and the write end of its pipe."""

    pid: int
    pipe: int | None

    def watch(self, pid: int) -> None:
        """Have the janitor stop process ``pid`` if this process dies first."""
        if self.pipe is not None:
            os.write(self.pipe, f"{pid}\n".encode())

    def release(self) -> None:
        """Everything is cleaned up: tell the janitor to stop, touching nothing, and reap it."""
        if self.pipe is None:
            return
        with contextlib.suppress(OSError):
            os.write(self.pipe, f"{DONE}\n".encode())
        os.close(self.pipe)
        self.pipe = None
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start_janitor(folder: Path, program: Path) -> Janitor:
    """Fork the janitor for ``folder`` (removed when the parent dies) and servers running ``program``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the janitor; tested through cyberkg serve killed by each signal
        code = 1
        try:
            os.setsid()
            for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
                signal.signal(number, signal.SIG_IGN)
            null = os.open(os.devnull, os.O_RDWR)
            for standard in (0, 1, 2):  # hold none of the parent's terminals or pipes open
                os.dup2(null, standard)
            os.closerange(3, read_end)
            os.closerange(read_end + 1, 65536)
            _watch(read_end, folder, program)
            code = 0
        finally:
            os._exit(code)
    os.close(read_end)
    return Janitor(pid, write_end)


def _watch(read_end: int, folder: Path, program: Path) -> None:  # pragma: no cover - runs in the janitor
    pids: list[int] = []
    with os.fdopen(read_end, "r") as pipe:
        for line in pipe:
            if line.strip() == DONE:
                return
            pids.append(int(line))
    for pid in pids:
        _stop(pid, program)
    shutil.rmtree(folder, ignore_errors=True)


def _runs(pid: int, program: Path) -> bool:  # pragma: no cover - runs in the janitor
    """Whether ``pid`` is still a live process of ``program`` (not a zombie, not a reused id)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return command == os.fsencode(program) and state != "Z"


def _stop(pid: int, program: Path) -> None:  # pragma: no cover - runs in the janitor
    for number in (signal.SIGTERM, signal.SIGKILL):
        if not _runs(pid, program):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, number)
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline and _runs(pid, program):
            time.sleep(0.05)
