"""The engine-neutral result model of a validation.

A :class:`ValidationReport` is a sorted tuple of :class:`ValidationResult` records whose terms are
N-Triples strings (``<iri>``, ``"text"@en``, ``"2009-11-02"^^<...#date>``) and whose paths are SPARQL
property paths (``<p>``, ``^<p>``, ``<a>/<b>``, ``<a>|<b>``). Any engine that fills these records the
same way can be compared result for result with the reference engine (pySHACL).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.rdf.namespaces import SHAPES

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SEVERITIES = ("Violation", "Warning", "Info")
SHAPES_NAMESPACE = SHAPES


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One result: which node broke which shape, where, with what value, and what it means."""

    focus_node: str
    path: str | None
    value: str | None
    constraint_component: str
    source_shape: str
    severity: str
    message: str

    def sort_key(self) -> tuple[int, str, str, str, str, str, str]:
        return (
            SEVERITIES.index(self.severity) if self.severity in SEVERITIES else len(SEVERITIES),
            self.focus_node,
            self.path or "",
            self.constraint_component,
            self.source_shape,
            self.value or "",
            self.message,
        )


@dataclass(frozen=True)
class ValidationReport:
    """The results of one validation, sorted by severity, focus node, path, component, shape, value."""

    results: tuple[ValidationResult, ...] = ()

    @classmethod
    def of(cls, results: Iterable[ValidationResult]) -> ValidationReport:
        return cls(tuple(sorted(set(results), key=ValidationResult.sort_key)))

    @property
    def conforms(self) -> bool:
        """True when no result is a violation (warnings and infos alone conform)."""
        return all(result.severity != "Violation" for result in self.results)

    def counts(self) -> dict[str, int]:
        """How many results of each severity."""
        return {severity: sum(1 for r in self.results if r.severity == severity) for severity in SEVERITIES}

    def only_involving(self, nodes: set[str]) -> ValidationReport:
        """The results whose focus node or value is one of ``nodes`` (N-Triples strings)."""
        return ValidationReport(tuple(r for r in self.results if r.focus_node in nodes or r.value in nodes))


@dataclass
class Validation:
    """A report with the graph it was computed on (for labels and cited sources) and the new data, if any."""

    report: ValidationReport
    graph: rdflib.Graph
    new_data: rdflib.Graph | None = None
    files: tuple[Path, ...] = field(default_factory=tuple)
