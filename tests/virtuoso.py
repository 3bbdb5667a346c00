"""The private Virtuoso of the tests: the package's own (:mod:`cyberkg.bench.virtuoso_server`), named for the tests."""

from __future__ import annotations

from cyberkg.bench.virtuoso_server import PASSWORD, USER, VirtuosoServer, start_virtuoso

__all__ = ["PASSWORD", "USER", "VirtuosoServer", "start_virtuoso"]
