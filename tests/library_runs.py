"""The runs of every library query that tests compare between engines: each query with no parameters, and
each parameter set of the competency table (tests/test_queries_competency.py), as ``(name, params)`` pairs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from cyberkg.query.library import list_queries


def _competency_table() -> list:
    path = Path(__file__).with_name("test_queries_competency.py")
    spec = importlib.util.spec_from_file_location("_competency_for_library_runs", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.COMPETENCY


RUNS: list[tuple[str, tuple]] = sorted(
    {(query.name, ()) for query in list_queries()}
    | {(case.query, tuple(sorted(case.params.items()))) for case in _competency_table()}
)
IDS = [f"{name}{dict(params) or ''}" for name, params in RUNS]
