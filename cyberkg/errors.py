"""The package's own exceptions.

Library code raises these; only the command line turns them into one-line
messages and exit codes (see ``cyberkg.cli``).
"""

from __future__ import annotations

from pathlib import Path


class CyberkgError(Exception):
    """Base class of every error the package reports to its user."""

    exit_code = 2


class InputError(CyberkgError):
    """A file or value given to the package cannot be used (missing, malformed, unknown)."""

    def __init__(
        self, message: str, path: Path | str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.detail = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.detail


class QueryError(CyberkgError):
    """A query is unknown, does not parse, or was given parameters it does not take."""


class EndpointError(CyberkgError):
    """A remote SPARQL endpoint could not be reached or answered with something unusable."""


class NotConformingError(CyberkgError):
    """Data does not conform to the shapes (exit code 1, as pySHACL does)."""

    exit_code = 1


class TimeLimitError(CyberkgError):
    """Work (a query, a request) did not finish within the time allowed and was stopped."""


class WorkerError(CyberkgError):
    """The child process doing some work failed in a way that is not one of the package's errors."""
