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

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.progress import Progress
from cyberkg.store.checkout import Checkout, default_checkout, turtle_files
from cyberkg.validation.report import Validation, ValidationReport

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

# The stages validate_files reports; neither is counted (rdflib parses a file, and pySHACL validates, in one call).
READING_RDFLIB = "reading the graph and shapes (rdflib)"
PYSHACL = "validating with pySHACL"


def shape_files(shapes_dir: Path) -> list[Path]:
    """The Turtle files of a shapes folder; an error if there is no such folder or no shape file in it."""
    if not shapes_dir.is_dir():
        raise InputError("no such shapes folder", shapes_dir)
    files = turtle_files(shapes_dir)
    if not files:
        raise InputError("no .ttl shape files in this folder", shapes_dir)
    return files


def load_shapes_graph(shapes_dir: Path | None = None) -> rdflib.Graph:
    """The shapes graph: every Turtle file in ``shapes_dir`` (default: the project's ``shapes/``)."""
    import rdflib

    from cyberkg.store.loading import parse_turtle_into

    folder = shapes_dir if shapes_dir is not None else default_checkout().shapes_dir
    graph = rdflib.Graph()
    for path in shape_files(folder):
        parse_turtle_into(graph, path)
    return graph


def load_new_data(files: Sequence[Path]) -> rdflib.Graph:
    """Parse the given Turtle files into one graph; a file that cannot be used raises InputError."""
    import rdflib

    from cyberkg.store.loading import parse_turtle_into

    graph = rdflib.Graph()
    for path in files:
        parse_turtle_into(graph, Path(path))
    return graph


def load_curated(checkout: Checkout | None = None) -> rdflib.Graph:
    """The ontology and curated graph of a checkout as one rdflib graph."""
    from cyberkg.store.loading import data_files, load_graph

    return load_graph(data_files(checkout or default_checkout()))


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

    from cyberkg.rdf.namespaces import bind_prefixes

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


def validate_in_context(
    curated: rdflib.Graph, new_data: rdflib.Graph, shapes: rdflib.Graph, ontology_dir: Path | None = None
) -> Validation:
    """Validate new data merged with the curated graph; keep the results that involve the new data.

    With ``ontology_dir``, the closed-vocabulary and literal checks (:mod:`cyberkg.validation.vocabulary`)
    against that ontology join the report.
    """
    from cyberkg.validation.vocabulary import check_graph

    graph = merged(curated, new_data)
    results = list(validate_graph(graph, shapes).results)
    if ontology_dir is not None:
        results += check_graph(graph, ontology_dir)
    report = ValidationReport.of(results).only_involving(nodes_of(new_data))
    return Validation(report=report, graph=graph, new_data=new_data)


def validate_data(
    data: rdflib.Graph, *, checkout: Checkout | None = None, shapes_dir: Path | None = None
) -> Validation:
    """Validate a graph obtained elsewhere (such as one fetched from an endpoint) with the reference engine.

    The checkout's ontology is merged in first, so that shapes targeting a class also reach the
    instances of its subclasses even when the remote store holds the data without the ontology.
    """
    from cyberkg.store.loading import load_graph

    checkout = checkout or default_checkout()
    shapes = load_shapes_graph(shapes_dir if shapes_dir is not None else checkout.shapes_dir)
    graph = merged(load_graph(turtle_files(checkout.ontology_dir)), data)
    return Validation(report=with_vocabulary(validate_graph(graph, shapes), graph, checkout), graph=graph)


def validate_files(
    files: Sequence[Path] = (),
    *,
    checkout: Checkout | None = None,
    shapes_dir: Path | None = None,
    progress: Progress | None = None,
) -> Validation:
    """Validate the curated graph (no files) or the given files in its context.

    All input is parsed before anything is validated: a missing file or a
    Turtle error raises :class:`~cyberkg.errors.InputError` with file, line
    and column. ``progress`` is told :data:`READING_RDFLIB`, then :data:`PYSHACL`.
    """
    checkout = checkout or default_checkout()
    if progress is not None:
        progress(0, 0, READING_RDFLIB)
    shapes = load_shapes_graph(shapes_dir if shapes_dir is not None else checkout.shapes_dir)
    new_data = load_new_data(files) if files else None
    curated = load_curated(checkout)
    if progress is not None:
        progress(0, 0, PYSHACL)
    if new_data is None:
        return Validation(report=with_vocabulary(validate_graph(curated, shapes), curated, checkout), graph=curated)
    validation = validate_in_context(curated, new_data, shapes, checkout.ontology_dir)
    validation.files = tuple(Path(path) for path in files)
    return validation


def with_vocabulary(report: ValidationReport, graph: rdflib.Graph, checkout: Checkout) -> ValidationReport:
    """The report and the closed-vocabulary and literal checks of :mod:`cyberkg.validation.vocabulary`."""
    from cyberkg.validation.vocabulary import check_graph

    return ValidationReport.of([*report.results, *check_graph(graph, checkout.ontology_dir)])
