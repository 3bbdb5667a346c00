"""The warm server's workers: each connection handed to a forked worker, one worker kept from request to request.

A worker forked from the server shares the loaded store copy-on-write, and reading the store writes to
its memory (Oxigraph's in-memory store, we infer, takes a lock on what it reads), so a worker pays for
copies of the pages its queries touch. At 1M triples a short library query took 0.45-0.64 s in a fresh
fork against 0.08-0.17 s in the server itself, and again 0.08-0.17 s in the same fork afterwards; that
first query copied 123 MB, and after five more the fork held 325 MB of its own, all that the server
holds. So one worker is kept (:data:`KEPT_WORKERS`): the server accepts each connection itself, checks
whose it is, and passes it (``SCM_RIGHTS``, :func:`socket.send_fds`) to the kept worker when it is idle.
When it is busy (another command at the same moment; a command that asks again while it reads an
answer first reads the rest of it, see :mod:`cyberkg.store.warm`), a new worker is forked for the
connection and ends after it (up to :data:`MOST_WORKERS` at once, then connections wait), so the server
holds the store at most twice over, plus what such short-lived workers copy while they run. The worker
kept is the one that has served the most.

A worker that ends (stopped by its time or memory limit, or by a failure) is reaped and replaced
when it is needed. Workers die with the server (``PR_SET_PDEATHSIG``).

A server started by a command for a large graph (:mod:`cyberkg.endpoint.warming`) stops itself when it
has been idle long enough: :meth:`WorkerPool.run` returns once no connection has come and no worker has
been busy for ``idle_stop`` seconds.
"""

from __future__ import annotations

import contextlib
import math
import os
import selectors
import signal
import socket
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass
from typing import NoReturn

from cyberkg.endpoint.server import die_with_parent
from cyberkg.endpoint.warm_server import WarmServer

LONGEST_WAIT = 3600.0  # seconds: longer waits are waited in turns (the kernel takes no more than about 24 days)
MOST_WORKERS = 8
KEPT_WORKERS = 1  # workers kept idle between requests, each holding its own copy of what it touched
HANDED = b"c"  # server to worker: here is a connection (its descriptor rides along)
IDLE = b"i"  # worker to server: done, ready for the next


@dataclass(eq=False)
class Worker:
    pid: int
    control: socket.socket  # the server's end of the pair; the worker holds the other
    served: int = 0


class WorkerPool:
    """The server's side: accept, check, hand over; reap workers that end."""

    def __init__(self, server: WarmServer, most: int = MOST_WORKERS, kept: int = KEPT_WORKERS) -> None:
        self.server = server
        self.most = most
        self.kept = kept
        self.workers: list[Worker] = []
        self.idle: list[Worker] = []  # those kept, the one that has served the most last (asked first)
        self.waiting: deque[socket.socket] = deque()
        self.selector = selectors.DefaultSelector()
        self.selector.register(server.socket, selectors.EVENT_READ, None)

    def run(self, idle_stop: float | None = None) -> None:
        """Serve until a signal handler raises, or (with ``idle_stop``) until idle that many seconds."""
        if idle_stop is not None and math.isinf(idle_stop):
            idle_stop = None
        last_busy = time.monotonic()
        while True:
            wait = None if idle_stop is None else min(LONGEST_WAIT, max(0.0, last_busy + idle_stop - time.monotonic()))
            events = self.selector.select(wait)
            for key, _ in events:
                if key.data is None:
                    self._accept()
                else:
                    self._heard_from(key.data)
            self._hand_over()
            if events or self.busy():  # a request came, is answered, or has just been
                last_busy = time.monotonic()
            elif idle_stop is not None and time.monotonic() - last_busy >= idle_stop:
                return

    def busy(self) -> bool:
        """Whether a connection waits or a worker is answering one."""
        return bool(self.waiting) or len(self.idle) < len(self.workers)

    def close(self) -> None:
        """Kill every worker by its process id and reap it; close what is still waiting."""
        for worker in list(self.workers):
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
            self._forget(worker)
        while self.waiting:
            self.waiting.popleft().close()
        self.selector.close()

    def _accept(self) -> None:
        try:
            connection, _ = self.server.socket.accept()
        except OSError:
            return
        if self.server.verify_request(connection, ""):
            self.waiting.append(connection)
        else:
            connection.close()

    def _hand_over(self) -> None:
        while self.waiting:
            if self.idle:
                worker = self.idle.pop()
            elif len(self.workers) < self.most:
                worker = self._spawn()
            else:
                return
            connection = self.waiting.popleft()
            try:
                socket.send_fds(worker.control, [HANDED], [connection.fileno()])
            except OSError:
                self._forget(worker)  # it ended meanwhile: the connection goes to another
                self.waiting.appendleft(connection)
                continue
            connection.close()

    def _heard_from(self, worker: Worker) -> None:
        try:
            message = worker.control.recv(16)
        except OSError:
            message = b""
        if not message:
            self._forget(worker)
            return
        worker.served += 1
        if worker in self.idle:
            return
        self.idle.append(worker)
        self.idle.sort(key=lambda idle: idle.served)
        while len(self.idle) > self.kept:
            self._forget(self.idle[0])  # closing its end ends it: it was waiting for a connection

    def _forget(self, worker: Worker) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(worker.control)
        worker.control.close()
        if worker in self.idle:
            self.idle.remove(worker)
        self.workers.remove(worker)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(worker.pid, 0)

    def _spawn(self) -> Worker:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the worker; tested through the server
            # Hold nothing of the server's: a connection kept open here would hide its end from its client.
            ours.close()
            self.server.socket.close()
            for other in self.workers:
                other.control.close()
            for connection in self.waiting:
                connection.close()
            _work(self.server, theirs)
        theirs.close()
        worker = Worker(pid, ours)
        self.workers.append(worker)
        self.selector.register(ours, selectors.EVENT_READ, worker)
        return worker


def _work(server: WarmServer, control: socket.socket) -> NoReturn:  # pragma: no cover - runs in the worker
    code = 1
    try:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM):
            signal.signal(number, signal.SIG_DFL)  # the server's stop handlers are not the worker's
        die_with_parent()
        while True:
            message, descriptors, _, _ = socket.recv_fds(control, 16, 1)
            if not message or not descriptors:
                code = 0  # the server closed its end: it is stopping
                break
            connection = socket.socket(fileno=descriptors[0])
            try:
                server.finish_request(connection, "")
            except Exception:  # noqa: BLE001 - one failed request must not end the worker
                traceback.print_exc(file=sys.stderr)
            finally:
                server.shutdown_request(connection)
            control.sendall(IDLE)
    except BaseException:  # noqa: BLE001 - never return into the server's code from a worker
        pass
    os._exit(code)
