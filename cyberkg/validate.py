"""Validating data against the SHACL shapes, in the context of the curated graph.

The report model is engine-neutral: a :class:`ValidationReport` is a sorted
tuple of :class:`ValidationResult` records whose terms are N-Triples strings
(``<iri>``, ``"text"@en``, ``"2009-11-02"^^<...#date>``) and whose paths are
SPARQL property paths (``<p>``, ``^<p>``, ``<a>/<b>``, ``<a>|<b>``). Any engine
that fills these records the same way can be compared result for result with
the reference engine, pySHACL over an in-memory rdflib graph.

With files, the new data is validated merged with the curated graph, and only
the results that involve the new data are kept: those whose focus node or
value is a subject or object of the new data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.layout import Layout, default_layout, turtle_files

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SEVERITIES = ("Violation", "Warning", "Info")
SHAPES_NAMESPACE = "https://w3id.org/cyberkg/shapes#"


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
        return (SEVERITIES.index(self.severity) if self.severity in SEVERITIES else len(SEVERITIES),
                self.focus_node, self.path or "", self.constraint_component, self.source_shape,
                self.value or "", self.message)


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


def shape_files(shapes_dir: Path) -> list[Path]:
    """The Turtle files of a shapes folder; an error if there is no such folder or no shape file in it."""
    if not shapes_dir.is_dir():
        raise InputError("no such shapes folder", shapes_dir)
    files = turtle_files(shapes_dir)
    if not files:
        raise InputError("no .ttl shape files in this folder", shapes_dir)
    return files


def load_shapes(shapes_dir: Path | None = None) -> rdflib.Graph:
    """The shapes graph: every Turtle file in ``shapes_dir`` (default: the project's ``shapes/``)."""
    import rdflib

    from cyberkg.loader import parse_turtle_into

    folder = shapes_dir if shapes_dir is not None else default_layout().shapes_dir
    graph = rdflib.Graph()
    for path in shape_files(folder):
        parse_turtle_into(graph, path)
    return graph


def load_new_data(files: Sequence[Path]) -> rdflib.Graph:
    """Parse the given Turtle files into one graph; a file that cannot be used raises InputError."""
    import rdflib

    from cyberkg.loader import parse_turtle_into

    graph = rdflib.Graph()
    for path in files:
        parse_turtle_into(graph, Path(path))
    return graph


def load_curated(layout: Layout | None = None) -> rdflib.Graph:
    """The ontology and curated graph of a checkout as one rdflib graph."""
    from cyberkg.loader import data_files, load_graph

    return load_graph(data_files(layout or default_layout()))


def nodes_of(graph: rdflib.Graph) -> set[str]:
    """Every subject and object of a graph, as N-Triples strings."""
    nodes: set[str] = set()
    for subject, _, obj in graph:
        nodes.add(subject.n3())
        nodes.add(obj.n3())
    return nodes


def merged(curated: rdflib.Graph, new_data: rdflib.Graph) -> rdflib.Graph:
    """A new graph holding the curated graph and the new data (neither is changed)."""
    import rdflib

    from cyberkg.loader import bind_prefixes

    graph = rdflib.Graph()
    for triple in curated:
        graph.add(triple)
    for triple in new_data:
        graph.add(triple)
    bind_prefixes(graph)
    return graph


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationReport:
    """Validate a whole graph with the reference engine (pySHACL, in memory, no inference)."""
    from cyberkg.validation.pyshacl_engine import run_pyshacl

    return ValidationReport.of(run_pyshacl(data, shapes))


def validate_in_context(curated: rdflib.Graph, new_data: rdflib.Graph, shapes: rdflib.Graph) -> Validation:
    """Validate new data merged with the curated graph; keep the results that involve the new data."""
    graph = merged(curated, new_data)
    report = validate_graph(graph, shapes).only_involving(nodes_of(new_data))
    return Validation(report=report, graph=graph, new_data=new_data)


def validate_data(data: rdflib.Graph, *, layout: Layout | None = None,
                  shapes_dir: Path | None = None) -> Validation:
    """Validate a graph obtained elsewhere (such as one fetched from an endpoint) with the reference engine.

    The checkout's ontology is merged in first, so that shapes targeting a class also reach the
    instances of its subclasses even when the remote store holds the data without the ontology.
    """
    from cyberkg.loader import load_graph

    layout = layout or default_layout()
    shapes = load_shapes(shapes_dir if shapes_dir is not None else layout.shapes_dir)
    graph = merged(load_graph(turtle_files(layout.ontology_dir)), data)
    return Validation(report=validate_graph(graph, shapes), graph=graph)


def validate(files: Sequence[Path] = (), *, layout: Layout | None = None,
             shapes_dir: Path | None = None) -> Validation:
    """Validate the curated graph (no files) or the given files in its context.

    All input is parsed before anything is validated: a missing file or a
    Turtle error raises :class:`~cyberkg.errors.InputError` with file, line
    and column.
    """
    layout = layout or default_layout()
    shapes = load_shapes(shapes_dir if shapes_dir is not None else layout.shapes_dir)
    new_data = load_new_data(files) if files else None
    curated = load_curated(layout)
    if new_data is None:
        return Validation(report=validate_graph(curated, shapes), graph=curated)
    validation = validate_in_context(curated, new_data, shapes)
    validation.files = tuple(Path(path) for path in files)
    return validation
