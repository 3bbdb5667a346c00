"""The results of a validation report as sorted tuples of compact terms, for exact comparisons in tests."""

from __future__ import annotations

from typing import Any

from cyberkg.validation.report_format import compact


def result_rows(report: Any) -> list[tuple[str, ...]]:
    """(focus node, path, value, constraint component, source shape, severity) of each result, sorted."""
    return sorted(
        (
            compact(r.focus_node),
            compact(r.path),
            compact(r.value),
            r.constraint_component,
            compact(r.source_shape),
            r.severity,
        )
        for r in report.results
    )
