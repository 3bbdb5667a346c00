"""The closed vocabulary and well-typed literals: checks that no SHACL shape states, run once for both engines.

Three checks, each a source shape of its own in the shapes namespace:

- ``shape:DeclaredTerm``: every ``ckg:`` term the data uses as a predicate, as a class (object of
  ``rdf:type``) or as an object is declared in the ontology files (a class must be declared as a class).
  The result names the nearest declared term, when one is near. A predicate or class from a
  vocabulary outside :data:`KNOWN_VOCABULARIES` is a warning.
- ``shape:WellTypedLiteral``: every literal with an XSD datatype has a lexical form of that datatype.
- ``shape:DatatypeRange``: the literals of a ``ckg:`` datatype property have its declared ``rdfs:range``.

The checks ask a few SPARQL SELECTs through a :data:`Select` function, so the same code runs over
an rdflib graph (the pySHACL reference path) and over an Oxigraph store (the fast engine), and
both give the same :class:`~cyberkg.validation.report.ValidationResult` records.
"""

from __future__ import annotations

import difflib
import logging
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.rdf.namespaces import (
    CKG,
    DCAT,
    DCTERMS,
    FOAF,
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SH,
    SHAPES,
    SKOS,
    VANN,
    VOID,
    WELL_KNOWN,
    XSD,
    XSD_STRING,
)
from cyberkg.rdf.results import rdflib_select_rows, select_solutions
from cyberkg.validation.report import ValidationResult

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

# A cell of a query row: the term as N-Triples, and its IRI or lexical form (None when unbound).
Cell = tuple[str, str] | None
Select = Callable[[str], list[tuple[Cell, ...]]]

KNOWN_VOCABULARIES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "schema": SCHEMA,
    "foaf": FOAF,
    "geo": GEO,
    "sh": SH,
    "void": VOID,
    "dcat": DCAT,
    "vann": VANN,
}
DECLARED_TERM = f"<{SHAPES}DeclaredTerm>"
KNOWN_VOCABULARY = f"<{SHAPES}KnownVocabulary>"
WELL_TYPED_LITERAL = f"<{SHAPES}WellTypedLiteral>"
DATATYPE_RANGE = f"<{SHAPES}DatatypeRange>"
_CLASS_TYPES = (OWL + "Class", RDFS + "Class")
_UNCHECKED_DATATYPES = (XSD_STRING, XSD + "anyURI", RDF + "langString")

# Lexical spaces (XML Schema 1.1) checked by pattern; rdflib then decides the values (2021-02-30, ...).
_TZ = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?"
_LEXICAL = {
    "date": rf"-?\d{{4,}}-\d\d-\d\d{_TZ}",
    "gYearMonth": rf"-?\d{{4,}}-\d\d{_TZ}",
    "gYear": rf"-?\d{{4,}}{_TZ}",
    "dateTime": rf"-?\d{{4,}}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?{_TZ}",
    "time": rf"\d\d:\d\d:\d\d(\.\d+)?{_TZ}",
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "boolean": r"true|false|1|0",
    "double": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|-INF|NaN",
    "float": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|-INF|NaN",
}
_PATTERNS = {XSD + name: re.compile(pattern) for name, pattern in _LEXICAL.items()}


@dataclass(frozen=True)
class Vocabulary:
    """What the ontology declares: its ``ckg:`` terms, which of them are classes, and datatype ranges."""

    terms: frozenset[str]
    classes: frozenset[str]
    ranges: dict[str, frozenset[str]]


def load_vocabulary(ontology_files: Iterable[Path]) -> Vocabulary:
    """The ``ckg:`` terms typed in the ontology files, their classes, and the XSD ranges of datatype properties."""
    import pyoxigraph

    typed: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for path in ontology_files:
        for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
            subject = triple.subject
            if not isinstance(subject, pyoxigraph.NamedNode) or not subject.value.startswith(CKG):
                continue
            predicate, obj = triple.predicate.value, triple.object
            if predicate == RDF_TYPE and isinstance(obj, pyoxigraph.NamedNode):
                typed.setdefault(subject.value, set()).add(obj.value)
            elif predicate == RDFS + "range" and isinstance(obj, pyoxigraph.NamedNode):
                ranges.setdefault(subject.value, set()).add(obj.value)
    datatype_ranges = {
        prop: frozenset(kinds)
        for prop, kinds in ranges.items()
        if OWL + "DatatypeProperty" in typed.get(prop, set())
        and all(kind.startswith(XSD) or kind == RDF + "langString" for kind in kinds)
    }
    return Vocabulary(
        terms=frozenset(typed),
        classes=frozenset(term for term, kinds in typed.items() if kinds & set(_CLASS_TYPES)),
        ranges=datatype_ranges,
    )


def ontology_vocabulary(ontology_dir: Path) -> Vocabulary:
    """The vocabulary of every Turtle file in an ontology folder."""
    from cyberkg.store.checkout import turtle_files

    return load_vocabulary(turtle_files(ontology_dir))


# -- the checks ---------------------------------------------------------------


def vocabulary_results(select: Select, vocabulary: Vocabulary) -> list[ValidationResult]:
    """Every result of the three checks over the data that ``select`` queries."""
    return [
        *_undeclared_predicates(select, vocabulary),
        *_undeclared_classes(select, vocabulary),
        *_undeclared_objects(select, vocabulary),
        *_ill_typed_literals(select),
        *_out_of_range_literals(select, vocabulary),
    ]


def _result(
    focus: str, path: str, value: str | None, shape: str, message: str, severity: str = "Violation"
) -> ValidationResult:
    component = shape[1:-1] + "ConstraintComponent"  # a full IRI: not one of SHACL's components
    return ValidationResult(
        focus_node=focus,
        path=path,
        value=value,
        constraint_component=component,
        source_shape=shape,
        severity=severity,
        message=message,
    )


def _bound(cell: Cell) -> tuple[str, str]:
    """A cell of a variable that the query's pattern always binds."""
    if cell is None:
        raise ValueError("a variable bound by every solution of its query is unbound")
    return cell


def _distinct(select: Select, query: str) -> list[str]:
    return sorted({row[0][1] for row in select(query) if row[0] is not None})


def _undeclared_predicates(select: Select, vocabulary: Vocabulary) -> list[ValidationResult]:
    results = []
    for predicate in _distinct(select, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"):
        problem = _problem(predicate, vocabulary.terms, vocabulary.terms, "property")
        if problem is None:
            continue
        shape, severity, message = problem
        for row in select(f"SELECT DISTINCT ?s WHERE {{ ?s <{predicate}> ?o }}"):
            results.append(_result(_bound(row[0])[0], f"<{predicate}>", None, shape, message, severity))
    return results


def _undeclared_classes(select: Select, vocabulary: Vocabulary) -> list[ValidationResult]:
    results = []
    for cls in _distinct(select, f"SELECT DISTINCT ?c WHERE {{ ?s <{RDF_TYPE}> ?c FILTER(isIRI(?c)) }}"):
        problem = _problem(cls, vocabulary.classes, vocabulary.classes, "class")
        if problem is None:
            continue
        shape, severity, message = problem
        for row in select(f"SELECT DISTINCT ?s WHERE {{ ?s <{RDF_TYPE}> <{cls}> }}"):
            results.append(_result(_bound(row[0])[0], f"<{RDF_TYPE}>", f"<{cls}>", shape, message, severity))
    return results


def _undeclared_objects(select: Select, vocabulary: Vocabulary) -> list[ValidationResult]:
    query = (
        f'SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{CKG}") '
        f"&& ?p != <{RDF_TYPE}>) }}"
    )
    results = []
    for term in _distinct(select, query):
        if term in vocabulary.terms:
            continue
        message = _undeclared_message(term, "term", vocabulary.terms)
        for row in select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{term}> FILTER(?p != <{RDF_TYPE}>) }}"):
            results.append(_result(_bound(row[0])[0], _bound(row[1])[0], f"<{term}>", DECLARED_TERM, message))
    return results


def _problem(
    term: str, declared: frozenset[str], suggestions: frozenset[str], kind: str
) -> tuple[str, str, str] | None:
    """What is wrong with a predicate or class: (shape, severity, message), or None."""
    if term.startswith(CKG):
        if term in declared:
            return None
        return DECLARED_TERM, "Violation", _undeclared_message(term, kind, suggestions)
    if any(term.startswith(namespace) for namespace in KNOWN_VOCABULARIES.values()):
        return None
    known = ", ".join(KNOWN_VOCABULARIES)
    return (
        KNOWN_VOCABULARY,
        "Warning",
        f"<{term}> is a {kind} from a vocabulary outside the declared list ({known}, and ckg).",
    )


def _undeclared_message(term: str, kind: str, declared: Iterable[str]) -> str:
    text = f"{compact(term)} is not a {kind} declared in the ontology"
    nearest = nearest_term(term, declared)
    return f"{text}; did you mean {compact(nearest)}?" if nearest else f"{text}."


def nearest_term(term: str, declared: Iterable[str]) -> str | None:
    """The declared term whose name is nearest to ``term`` (ignoring case first), if any is near enough."""
    names = {name[len(CKG) :]: name for name in declared if name.startswith(CKG)}
    local = term[len(CKG) :] if term.startswith(CKG) else term
    same = sorted(name for name in names if name.lower() == local.lower())
    if same:
        return names[same[0]]
    close = difflib.get_close_matches(local, sorted(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def compact(iri: str) -> str:
    """``prefix:name`` for an IRI of a well-known namespace, else ``<iri>``."""
    for prefix, namespace in WELL_KNOWN.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w.-]*", local):
            return f"{prefix}:{local}"
    return f"<{iri}>"


def well_formed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is a valid lexical form of the XSD ``datatype`` (decided by pattern, then rdflib)."""
    import rdflib

    pattern = _PATTERNS.get(datatype)
    if pattern is not None and not pattern.fullmatch(lexical):
        return False
    rdflib_log = logging.getLogger("rdflib.term")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.CRITICAL)
    try:
        return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype)).ill_typed is not True
    finally:
        rdflib_log.setLevel(level)


def _ill_typed_literals(select: Select) -> list[ValidationResult]:
    unchecked = ", ".join(f"<{datatype}>" for datatype in _UNCHECKED_DATATYPES)
    query = (
        f"SELECT DISTINCT ?o (DATATYPE(?o) AS ?d) WHERE {{ ?s ?p ?o FILTER(isLiteral(?o) "
        f'&& STRSTARTS(STR(DATATYPE(?o)), "{XSD}") && DATATYPE(?o) NOT IN ({unchecked})) }}'
    )
    results = []
    for row in select(query):
        literal, datatype = _bound(row[0]), _bound(row[1])[1]
        if well_formed(literal[1], datatype):
            continue
        message = f"{_quoted(literal[1])} is not a valid {compact(datatype)}."
        for use in select(
            f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p ?o FILTER(isLiteral(?o) && "
            f"DATATYPE(?o) = <{datatype}> && STR(?o) = {_quoted(literal[1])}) }}"
        ):
            results.append(_result(_bound(use[0])[0], _bound(use[1])[0], literal[0], WELL_TYPED_LITERAL, message))
    return results


def _out_of_range_literals(select: Select, vocabulary: Vocabulary) -> list[ValidationResult]:
    if not vocabulary.ranges:
        return []
    properties = " ".join(f"<{prop}>" for prop in sorted(vocabulary.ranges))
    query = f"SELECT DISTINCT ?s ?p ?o (DATATYPE(?o) AS ?d) WHERE {{ VALUES ?p {{ {properties} }} ?s ?p ?o }}"
    results = []
    for row in select(query):
        prop = _bound(row[1])[1]
        kinds = vocabulary.ranges[prop]
        if row[3] is not None and row[3][1] in kinds:
            continue
        allowed = " or ".join(compact(kind) for kind in sorted(kinds))
        message = f"The values of {compact(prop)} are {allowed} literals (its declared range)."
        results.append(_result(_bound(row[0])[0], _bound(row[1])[0], _bound(row[2])[0], DATATYPE_RANGE, message))
    return results


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


# -- where the data is --------------------------------------------------------


def rdflib_select(graph: rdflib.Graph) -> Select:
    """A :data:`Select` over an rdflib graph."""
    import rdflib

    def cell(term: rdflib.term.Node | None) -> Cell:
        if term is None:
            return None
        if isinstance(term, rdflib.Literal):
            if term.datatype is not None and str(term.datatype) == XSD_STRING:
                return _quoted(str(term)), str(term)
            return term.n3(), str(term)
        return term.n3(), str(term)

    def select(query: str) -> list[tuple[Cell, ...]]:
        with warnings.catch_warnings():  # rdflib warns when it writes an ill-typed number: reported, not warned
            warnings.simplefilter("ignore", UserWarning)
            return [tuple(cell(term) for term in row) for row in rdflib_select_rows(graph, query)]

    return select


def oxigraph_select(store: pyoxigraph.Store) -> Select:
    """A :data:`Select` over an Oxigraph store."""

    def select(query: str) -> list[tuple[Cell, ...]]:
        variables = None
        rows: list[tuple[Cell, ...]] = []
        for solution in select_solutions(store, query):
            if variables is None:
                variables = len(solution)
            rows.append(
                tuple(None if solution[i] is None else (str(solution[i]), solution[i].value) for i in range(variables))
            )
        return rows

    return select


def check_graph(graph: rdflib.Graph, ontology_dir: Path) -> list[ValidationResult]:
    """The vocabulary results of an rdflib graph (the reference path)."""
    return vocabulary_results(rdflib_select(graph), ontology_vocabulary(ontology_dir))


def check_store(store: pyoxigraph.Store, ontology_dir: Path) -> list[ValidationResult]:
    """The vocabulary results of an Oxigraph store (the fast engine)."""
    return vocabulary_results(oxigraph_select(store), ontology_vocabulary(ontology_dir))
