"""Choosing the validation engine: pySHACL (the reference), the fast SPARQL engine, or the one that fits.

``auto`` takes the fast engine when the data is larger than
:data:`FAST_ABOVE_TRIPLES` and the shapes and data are within what it evaluates
exactly (otherwise pySHACL). With files, the fast engine checks only the focus
nodes the new data touches (:mod:`cyberkg.validation.incremental`) and keeps,
as the reference path does, the results that involve the new data. Either way
the answer is the same :class:`~cyberkg.validate.Validation`, so one report
format serves both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.progress import Progress
from cyberkg.rdf.results import construct_triples
from cyberkg.rdf.terms import to_rdflib
from cyberkg.store.checkout import Checkout, default_checkout
from cyberkg.validation.reference import shape_files
from cyberkg.validation.report import Validation, ValidationReport

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

ENGINES = ("auto", "pyshacl", "fast")
FAST_ABOVE_TRIPLES = 50_000
# The stages a validation reports besides reading the Turtle (bytes) and checking the shapes (queries).
VOCABULARY = "checking the vocabulary and literals"

# What the report shows of a node: its labels and the passages (and documents) it cites.
_DESCRIPTIONS = """
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT {
  ?node ?labelled ?label . ?node prov:wasDerivedFrom ?source . ?source ?about ?fact . ?document ?named ?name .
} WHERE {
  VALUES ?node { NODES }
  { ?node ?labelled ?label . VALUES ?labelled { rdfs:label skos:prefLabel } }
  UNION
  { ?node prov:wasDerivedFrom ?source .
    OPTIONAL { ?source ?about ?fact . VALUES ?about { ckg:location ckg:inDocument rdfs:label } }
    OPTIONAL { ?source ckg:inDocument ?document . ?document ?named ?name . VALUES ?named { rdfs:label } } }
}
"""


def validate_with(
    engine: str,
    files: Sequence[Path] = (),
    *,
    checkout: Checkout | None = None,
    shapes_dir: Path | None = None,
    progress: Progress | None = None,
) -> Validation:
    """Validate the curated graph, or the files in its context, with the chosen engine.

    ``progress`` is told the stages as they come: the fast engine's are the bytes of Turtle read
    (:data:`cyberkg.store.loading.READING`), the constraint queries done
    (:data:`cyberkg.validation.sparql_engine.CHECKING`) and :data:`VOCABULARY`; pySHACL's are
    :data:`~cyberkg.validation.reference.READING_RDFLIB` and :data:`~cyberkg.validation.reference.PYSHACL`,
    which are not counted. ``auto`` reads the Turtle first to count the triples.
    """
    from cyberkg.validation.reference import validate_files

    checkout = checkout or default_checkout()
    refuse_empty(files)
    if engine == "pyshacl":
        return validate_files(files, checkout=checkout, shapes_dir=shapes_dir, progress=progress)
    from cyberkg.store.loading import data_files, load_store
    from cyberkg.validation.sparql_engine import UnsupportedShapeError

    paths = [*data_files(checkout), *(Path(f) for f in files)]
    store = load_store(paths, progress=progress)
    if engine == "auto" and len(store) <= FAST_ABOVE_TRIPLES:
        return validate_files(files, checkout=checkout, shapes_dir=shapes_dir, progress=progress)
    try:
        return _validate_fast(store, paths, files, shapes_dir or checkout.shapes_dir, checkout.ontology_dir, progress)
    except UnsupportedShapeError:
        if engine == "fast":
            raise
        return validate_files(files, checkout=checkout, shapes_dir=shapes_dir, progress=progress)


EMPTY = "the file holds no triples; there is nothing to validate or add"


def refuse_empty(files: Sequence[Path]) -> None:
    """An empty file (or one with only prefixes and comments) is an error, in ``validate`` as in ``add``."""
    from cyberkg.errors import InputError
    from cyberkg.store.loading import holds_triples

    for path in files:
        if not holds_triples(Path(path)):
            raise InputError(EMPTY, path)


def _validate_fast(
    store: pyoxigraph.Store,
    paths: Sequence[Path],
    files: Sequence[Path],
    shapes_dir: Path,
    ontology_dir: Path,
    progress: Progress | None = None,
) -> Validation:
    from cyberkg.validation.incremental import validate_addition
    from cyberkg.validation.sparql_engine import check_data_fidelity, compile_shapes, validate_store
    from cyberkg.validation.vocabulary import check_store

    check_data_fidelity(paths)
    shapes = compile_shapes(shape_files(shapes_dir))
    if not files:
        checked = validate_store(store, shapes, progress=progress)
        if progress is not None:
            progress(0, 0, VOCABULARY)
        report = ValidationReport.of([*checked.results, *check_store(store, ontology_dir)])
        return Validation(report=report, graph=_descriptions(store, {r.focus_node for r in report.results}))
    addition = validate_addition(store, shapes, [Path(f) for f in files], progress)
    if progress is not None:
        progress(0, 0, VOCABULARY)
    report = ValidationReport.of([*addition.report.results, *check_store(store, ontology_dir)]).only_involving(
        _nodes_of_files(files)
    )
    return Validation(
        report=report,
        graph=_descriptions(store, {r.focus_node for r in report.results}),
        files=tuple(Path(f) for f in files),
    )


def _nodes_of_files(files: Sequence[Path]) -> set[str]:
    """Every subject and object of the files, as N-Triples text (the form of the fast engine's results).

    The files are read as they are parsed, never into an rdflib graph: a 50 MB addition stays in Oxigraph.
    """
    import pyoxigraph

    nodes: set[str] = set()
    for path in files:
        for triple in pyoxigraph.parse(
            path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()
        ):
            nodes.add(str(triple.subject))
            nodes.add(str(triple.object))
    return nodes


def _descriptions(store: pyoxigraph.Store, nodes: set[str]) -> rdflib.Graph:
    """A small rdflib graph with the labels and cited sources of the given nodes, for the report."""
    import rdflib

    from cyberkg.rdf.namespaces import bind_prefixes

    graph = rdflib.Graph()
    bind_prefixes(graph)
    iris = sorted(node for node in nodes if node.startswith("<"))
    if not iris:
        return graph
    for triple in construct_triples(store, _DESCRIPTIONS.replace("NODES", " ".join(iris))):
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph
