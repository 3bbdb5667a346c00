"""How a long operation tells its caller how far it has gone, without printing anything.

The library packages take an optional ``progress`` callback of this type and call it as they go;
only ``cyberkg.commands`` turns the calls into a bar on a terminal (``commands/progress_bar.py``).
A call says that ``done`` of ``total`` units of the current ``stage`` are done: bytes when ``unit``
is :data:`BYTES`, else whatever ``unit`` names ("shapes", "steps"). A ``total`` of 0 is a stage
whose work cannot be counted (one call into pySHACL, one SPARQL ``MOVE``): it is only named.
"""

from __future__ import annotations

from typing import Protocol

BYTES = "B"


class Progress(Protocol):
    """Told ``done`` of ``total`` units of ``stage`` are done (``total`` 0: a stage that is not counted)."""

    def __call__(self, done: int, total: int, stage: str = "", unit: str = "") -> None: ...  # pragma: no cover
