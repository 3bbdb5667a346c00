"""The fast validation engine: the project's SHACL shapes evaluated as SPARQL on Oxigraph.

Each SHACL Core constraint of a shape is compiled to one SPARQL SELECT that
returns only the violating focus nodes (and values); SHACL-SPARQL constraints
(``sh:sparql`` / ``sh:select``) run as written, once for all focus nodes, and are
joined with the shape's focus nodes. Everything runs inside Oxigraph, so a
million-triple graph validates in seconds, where pySHACL, walking the graph in
Python, takes minutes.

Exactness is the point: the parity tests run every shape fixture through this
engine and through pySHACL and require the same (focus node, path, constraint
component, value) results. What pySHACL decides in Python and SPARQL cannot see
is done the same way here: an ill-formed literal (``"2020-13-45"^^xsd:date``)
is found by asking rdflib, as pySHACL does, about each distinct literal of a
checked datatype.

Limits (:class:`UnsupportedShapeError` is raised, so callers fall back to
pySHACL): nested shapes inside ``sh:or``/``sh:and``/``sh:not``/``sh:xone`` may
use value constraints only (no property shapes of their own); ``sh:node``,
qualified value shapes, ``sh:closed``, SPARQL-based targets and ``$shapesGraph``
/ ``$currentShape`` are not compiled. Oxigraph stores derived integer types
(``xsd:positiveInteger`` ...) as ``xsd:integer``; :func:`check_data_fidelity`
refuses data that writes them, since a datatype check would then differ.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.errors import CyberkgError
from cyberkg.progress import Progress
from cyberkg.rdf.labels import english_text
from cyberkg.rdf.results import select_solutions
from cyberkg.validation.report import ValidationReport, ValidationResult

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
VIOLATION = SH + "Violation"
# The stage validate_store reports: the constraint queries done of all planned.
CHECKING = "checking the shapes"
CHECKS = "checks"

# Constraint parameters that this engine compiles, by the component they belong to.
VALUE_PARAMETERS = {
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "in": "InConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent",
    "maxExclusive": "MaxExclusiveConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "or": "OrConstraintComponent",
    "and": "AndConstraintComponent",
    "not": "NotConstraintComponent",
    "xone": "XoneConstraintComponent",
}
COUNT_PARAMETERS = {
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "uniqueLang": "UniqueLangConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
}
# sh:node is left to pySHACL: it reports the nested shape's results as well (under sh:detail).
UNSUPPORTED_PARAMETERS = ("closed", "qualifiedValueShape", "target", "node")
# Shape-graph terms that are not constraints.
NON_CONSTRAINTS = {
    "path",
    "property",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "message",
    "severity",
    "deactivated",
    "name",
    "description",
    "order",
    "group",
    "sparql",
    "ignoredProperties",
    "defaultValue",
    "declare",
    "prefixes",
    "flags",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint",
}

# Derived XSD integer types that Oxigraph stores as xsd:integer.
_DERIVED_INTEGER_TYPES = (
    "nonPositiveInteger",
    "negativeInteger",
    "nonNegativeInteger",
    "positiveInteger",
    "long",
    "int",
    "short",
    "byte",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
)
_DERIVED_INTEGER_LITERAL = re.compile(
    rb'"\^\^(?:<http://www\.w3\.org/2001/XMLSchema#|[A-Za-z][\w.-]*:)('
    + "|".join(_DERIVED_INTEGER_TYPES).encode()
    + rb")\b"
)


class UnsupportedShapeError(CyberkgError):
    """The shapes or data use something this engine does not evaluate exactly; use pySHACL."""


@dataclass
class Shape:
    """A node or property shape read from the shapes graph."""

    node: Any
    path: str | None = None
    targets: list[str] = field(default_factory=list)  # SPARQL group patterns binding ?this
    target_classes: list[Any] = field(default_factory=list)  # sh:targetClass, and the shape itself if a class
    parameters: dict[str, list[Any]] = field(default_factory=dict)
    properties: list[Shape] = field(default_factory=list)
    sparql: list[tuple[str, str | None]] = field(default_factory=list)  # (query, message)
    severity: str = VIOLATION
    message: str | None = None


@dataclass
class ShapesGraph:
    """The shapes to run, with the shapes graph they were read from."""

    shapes: list[Shape]
    store: Any
    datatypes: set[str]


# -- reading the shapes graph -------------------------------------------------


def _objects(store: pyoxigraph.Store, subject: Any, local: str) -> list[Any]:
    import pyoxigraph

    return [q.object for q in store.quads_for_pattern(subject, pyoxigraph.NamedNode(SH + local), None)]


def _rdf_list(store: pyoxigraph.Store, head: Any) -> list[Any]:
    import pyoxigraph

    first, rest, nil = (pyoxigraph.NamedNode(RDF + n) for n in ("first", "rest", "nil"))
    items = []
    while head != nil:
        items += [q.object for q in store.quads_for_pattern(head, first, None)]
        nexts = [q.object for q in store.quads_for_pattern(head, rest, None)]
        if not nexts:
            raise UnsupportedShapeError(f"malformed RDF list in the shapes at {head}")
        head = nexts[0]
    return items


def sparql_path(store: pyoxigraph.Store, node: Any) -> str:
    """A SHACL path node as SPARQL property-path text, as cyberkg.validation.result_paths writes it."""
    import pyoxigraph

    if isinstance(node, pyoxigraph.NamedNode):
        return str(node)
    inverse = _objects(store, node, "inversePath")
    if inverse:
        return "^" + _operand(store, inverse[0])
    for local, sign in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
        inner = _objects(store, node, local)
        if inner:
            return _operand(store, inner[0]) + sign
    alternatives = _objects(store, node, "alternativePath")
    if alternatives:
        return "|".join(_operand(store, p) for p in _rdf_list(store, alternatives[0]))
    return "/".join(_operand(store, p) for p in _rdf_list(store, node))


def _operand(store: pyoxigraph.Store, node: Any) -> str:
    import pyoxigraph

    text = sparql_path(store, node)
    return text if isinstance(node, pyoxigraph.NamedNode) else f"({text})"


def _prefix_declarations(store: pyoxigraph.Store, holder: Any) -> str:
    lines = []
    for prefixes in _objects(store, holder, "prefixes"):
        for declaration in _objects(store, prefixes, "declare"):
            prefix = _objects(store, declaration, "prefix")
            namespace = _objects(store, declaration, "namespace")
            if prefix and namespace:
                lines.append(f"PREFIX {prefix[0].value}: <{namespace[0].value}>")
    return "\n".join(lines)


def _targets(store: pyoxigraph.Store, node: Any) -> list[str]:
    """The targets other than classes, as SPARQL group patterns binding ?this."""
    targets = []
    for focus in _objects(store, node, "targetNode"):
        targets.append(f"VALUES ?this {{ {focus} }}")
    for predicate in _objects(store, node, "targetSubjectsOf"):
        targets.append(f"?this {predicate} ?target_object .")
    for predicate in _objects(store, node, "targetObjectsOf"):
        targets.append(f"?target_subject {predicate} ?this .")
    return targets


def _target_classes(store: pyoxigraph.Store, node: Any) -> list[Any]:
    """The classes whose instances (with those of their subclasses) the shape targets."""
    import pyoxigraph

    classes = list(_objects(store, node, "targetClass"))
    is_class = any(
        True
        for _ in store.quads_for_pattern(node, pyoxigraph.NamedNode(RDF + "type"), pyoxigraph.NamedNode(RDFS + "Class"))
    )
    if is_class:
        classes.append(node)
    return classes


def _read_shape(store: pyoxigraph.Store, node: Any, datatypes: set[str]) -> Shape:
    paths = _objects(store, node, "path")
    shape = Shape(
        node=node,
        path=sparql_path(store, paths[0]) if paths else None,
        targets=_targets(store, node),
        target_classes=_target_classes(store, node),
    )
    for quad in store.quads_for_pattern(node, None, None):
        predicate = quad.predicate.value
        if not predicate.startswith(SH):
            continue
        local = predicate[len(SH) :]
        if local in UNSUPPORTED_PARAMETERS:
            raise UnsupportedShapeError(f"sh:{local} (in shape {node}) is not compiled to SPARQL")
        if local in VALUE_PARAMETERS or local in COUNT_PARAMETERS:
            shape.parameters.setdefault(local, []).append(quad.object)
        elif local not in NON_CONSTRAINTS:
            raise UnsupportedShapeError(f"sh:{local} (in shape {node}) is not compiled to SPARQL")
    for datatype in shape.parameters.get("datatype", []):
        datatypes.add(datatype.value)
    severities = _objects(store, node, "severity")
    if severities:
        shape.severity = severities[0].value
    shape.message = _english(_objects(store, node, "message"))
    for constraint in _objects(store, node, "sparql"):
        if any(o.value == "true" for o in _objects(store, constraint, "deactivated")):
            continue
        selects = _objects(store, constraint, "select")
        if not selects:
            raise UnsupportedShapeError(f"a SPARQL constraint of {node} has no sh:select")
        text = selects[0].value
        if "$shapesGraph" in text or "$currentShape" in text:
            raise UnsupportedShapeError(f"a SPARQL constraint of {node} uses $shapesGraph or $currentShape")
        if shape.path is not None:
            text = text.replace("$PATH", shape.path)
        text = _prefix_declarations(store, constraint) + "\n" + text.replace("$this", "?this")
        shape.sparql.append((text, _english(_objects(store, constraint, "message")) or shape.message))
    for nested in ("or", "and", "xone"):
        for head in shape.parameters.get(nested, []):
            for member in _rdf_list(store, head):
                _read_value_shape(store, member, datatypes)
    for nested in ("not",):
        for member in shape.parameters.get(nested, []):
            _read_value_shape(store, member, datatypes)
    shape.properties = [_read_shape(store, p, datatypes) for p in _objects(store, node, "property")]
    return shape


def _english(messages: list[Any]) -> str | None:
    """The message to report (the same choice as the reference engine's)."""
    return english_text((m.value, getattr(m, "language", None)) for m in messages)


def _read_value_shape(store: pyoxigraph.Store, node: Any, datatypes: set[str]) -> Shape:
    shape = _read_shape(store, node, datatypes)
    if (
        shape.path is not None
        or shape.properties
        or shape.sparql
        or any(p in shape.parameters for p in COUNT_PARAMETERS if p != "hasValue")
    ):
        raise UnsupportedShapeError(f"the nested shape {node} has property constraints; not compiled to SPARQL")
    return shape


def compile_shapes(paths: Iterable[Path]) -> ShapesGraph:
    """Read the shapes files into the engine's model of them."""
    import pyoxigraph

    from cyberkg.store.loading import load_store

    store = load_store(list(paths))
    shape_type = {pyoxigraph.NamedNode(SH + "NodeShape"), pyoxigraph.NamedNode(SH + "PropertyShape")}
    rdf_type = pyoxigraph.NamedNode(RDF + "type")
    declared = {q.subject for kind in shape_type for q in store.quads_for_pattern(None, rdf_type, kind)}
    for local in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "sparql"):
        declared |= {q.subject for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(SH + local), None)}
    datatypes: set[str] = set()
    shapes = []
    for node in sorted(declared, key=str):
        if any(o.value == "true" for o in _objects(store, node, "deactivated")):
            continue
        shape = _read_shape(store, node, datatypes)
        if shape.targets or shape.target_classes:
            shapes.append(shape)
    return ShapesGraph(shapes=shapes, store=store, datatypes=datatypes)


# -- compiling constraints to SPARQL ------------------------------------------


class _Compiler:
    """Turns constraints into SPARQL expressions over a value variable."""

    def __init__(
        self, shapes: ShapesGraph, ill_formed: dict[str, list[Any]], data: pyoxigraph.Store | None = None
    ) -> None:
        self.shapes = shapes
        self.ill_formed = ill_formed
        self.data = data
        self._subclasses: dict[str, list[str]] = {}

    def subclasses(self, cls: Any) -> list[str]:
        """The classes of the data graph that are ``cls`` or below it (rdfs:subClassOf*), as SPARQL terms."""
        key = str(cls)
        if key not in self._subclasses:
            if self.data is None:
                raise ValueError("the subclasses of a class are read from the data graph, which was not given")
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* {key} }}"
            found = {str(row[0]) for row in select_solutions(self.data, query)} | {key}
            self._subclasses[key] = sorted(found)
        return self._subclasses[key]

    def conforms(self, shape: Shape, var: str) -> str:
        """A SPARQL boolean expression: the node in ``var`` meets every value constraint of ``shape``."""
        parts = [
            self.value_expression(local, value, var)
            for local, values in shape.parameters.items()
            if local in VALUE_PARAMETERS or local == "hasValue"
            for value in values
        ]
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def value_expression(self, local: str, value: Any, var: str) -> str:
        store = self.shapes.store
        if local == "class":
            import pyoxigraph

            if self.data is None or not isinstance(value, pyoxigraph.NamedNode):
                return f"EXISTS {{ {var} <{RDF}type>/<{RDFS}subClassOf>* {value} }}"
            # The same test with the class hierarchy walked once, not once per value: 2 s -> 0.5 s
            # for the 71k participations of the 1M-triple benchmark graph.
            classes = " ".join(self.subclasses(value))
            return f"EXISTS {{ {var} <{RDF}type> ?instance_of . VALUES ?instance_of {{ {classes} }} }}"
        if local == "datatype":
            return self.datatype_expression(value.value, var)
        if local == "nodeKind":
            kinds = {
                "IRI": "isIRI({v})",
                "BlankNode": "isBlank({v})",
                "Literal": "isLiteral({v})",
                "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
                "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
                "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
            }
            return kinds[value.value[len(SH) :]].format(v=var)
        if local == "in":
            members = _rdf_list(store, value)
            return "(" + " || ".join(f"sameTerm({var}, {m})" for m in members) + ")" if members else "false"
        if local == "hasValue":
            return f"sameTerm({var}, {value})"
        if local == "pattern":
            flags = "".join(f.value for f in _objects(store, self._holder(value, "pattern"), "flags"))
            return f"(!isBlank({var}) && REGEX(STR({var}), {_string(value.value)}, {_string(flags)}))"
        if local in ("minLength", "maxLength"):
            op = ">=" if local == "minLength" else "<="
            return f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(value.value)})"
        if local in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[local]
            return f"COALESCE({var} {op} {value}, false)"
        if local == "languageIn":
            tags = [t.value for t in _rdf_list(store, value)]
            return "(" + " || ".join(f"LANGMATCHES(LANG({var}), {_string(t)})" for t in tags) + ")"
        if local in ("or", "and", "xone"):
            members = [self.conforms(self._value_shape(m), var) for m in _rdf_list(store, value)]
            if local == "xone":
                counted = " + ".join(f"IF({m}, 1, 0)" for m in members)
                return f"(({counted}) = 1)"
            return "(" + (" || " if local == "or" else " && ").join(members) + ")"
        if local == "not":
            return f"(!{self.conforms(self._value_shape(value), var)})"
        raise UnsupportedShapeError(f"sh:{local} is not compiled to SPARQL")

    def _holder(self, value: Any, local: str) -> Any:
        import pyoxigraph

        for quad in self.shapes.store.quads_for_pattern(None, pyoxigraph.NamedNode(SH + local), value):
            return quad.subject
        return None

    def _value_shape(self, node: Any) -> Shape:
        return _read_value_shape(self.shapes.store, node, set())

    def datatype_expression(self, datatype: str, var: str) -> str:
        if datatype == RDFS + "Literal":
            return f"isLiteral({var})"
        if datatype == RDF + "langString":
            return f'(isLiteral({var}) && LANG({var}) != "")'
        expression = f'(isLiteral({var}) && LANG({var}) = "" && DATATYPE({var}) = <{datatype}>'
        bad = self.ill_formed.get(datatype, [])
        if bad:
            expression += " && !(" + " || ".join(f"sameTerm({var}, {b})" for b in bad) + ")"
        return expression + ")"


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


# -- running ------------------------------------------------------------------


def check_data_fidelity(paths: Sequence[Path]) -> None:
    """Refuse data whose literals Oxigraph would store with another datatype than written."""
    for path in paths:
        with open(path, "rb") as handle:
            match = _DERIVED_INTEGER_LITERAL.search(handle.read())
        if match:
            raise UnsupportedShapeError(
                f"{path}: a literal typed xsd:{match.group(1).decode()} is stored by Oxigraph as "
                "xsd:integer, "
                "so the fast engine cannot check its datatype exactly; use the pyshacl engine"
            )


def find_ill_formed(
    store: pyoxigraph.Store,
    datatypes: Iterable[str],
    subjects: Sequence[Any] | None = None,
    paths: Iterable[str] = (),
) -> dict[str, list[Any]]:
    """The distinct literals of each datatype whose lexical form is not valid, decided as pySHACL does.

    One pass over the literals of the checked datatypes: of the whole store, or, when ``subjects`` are
    given, of the values those nodes reach, which are the nodes themselves, their objects, and the
    values of the longer ``paths`` (SPARQL property paths) from them. At 1M triples the whole store
    holds 9k distinct such literals and the pass takes 0.6 s (about 7 s at 10M); the nodes that a
    thousand new triples touch reach a few dozen, in milliseconds (:func:`value_paths` gives the
    paths that a shape can take further than one step).
    """
    import pyoxigraph
    import rdflib

    checked = sorted(set(datatypes) - {XSD + "string", RDF + "langString", RDFS + "Literal"})
    if not checked:
        return {}
    kinds = ", ".join(f"<{datatype}>" for datatype in checked)
    if subjects is None:
        reached = "?s ?p ?v"
    else:
        # The VALUES block is repeated in each branch: outside the union, the engine would walk a
        # longer path from every node of the store first (8 s instead of 4 ms at 1M triples).
        values = "VALUES ?s { " + " ".join(str(s) for s in subjects) + " }"
        steps = ["BIND(?s AS ?v)", "?s ?p ?v", *(f"?s {path} ?v" for path in sorted(set(paths)))]
        reached = " UNION ".join(f"{{ {values} {step} }}" for step in steps)
    query = f"SELECT DISTINCT ?v WHERE {{ {reached} FILTER(isLiteral(?v) && DATATYPE(?v) IN ({kinds})) }}"
    found: dict[str, list[Any]] = {}
    # rdflib logs every literal it cannot convert; here that is the expected outcome, not news.
    rdflib_log = logging.getLogger("rdflib.term")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.CRITICAL)
    try:
        for row in select_solutions(store, query):
            literal = row[0]
            datatype = literal.datatype.value
            if rdflib.Literal(literal.value, datatype=rdflib.URIRef(datatype)).ill_typed is True:
                found.setdefault(datatype, []).append(
                    pyoxigraph.Literal(literal.value, datatype=pyoxigraph.NamedNode(datatype))
                )
    finally:
        rdflib_log.setLevel(level)
    return found


def value_paths(shapes: Iterable[Shape]) -> set[str]:
    """The shapes' paths that can reach a literal further than one step from the focus node.

    A predicate, alternative predicates and an inverse step (whose values are subjects, never literals)
    reach no further than the focus node's own objects, so they are left out.
    """
    found: set[str] = set()
    for shape in shapes:
        if shape.path is not None and re.search(r"[/*+?]|\^\(", re.sub(r"<[^>]*>", "", shape.path)):
            found.add(f"({shape.path})")
        found |= value_paths(shape.properties)
    return found


def _focus_pattern(shape: Shape, compiler: _Compiler, focus_nodes: Sequence[Any] | None) -> str:
    """A group pattern binding ?this to the shape's focus nodes (a sub-select of ``focus_nodes`` when given).

    A class target is one ``?this rdf:type C`` pattern for the class and for each of its subclasses in the
    data (read once per class, as the class constraint reads them), not the path
    ``rdf:type/rdfs:subClassOf*``: the same nodes, but the engine can then start from the class instead
    of from every typed node, which makes a query on a small class a hundred times faster at 1M triples.
    A node may come twice (typed with two of the classes); the results are kept as a set, so it is reported once.
    """
    classes = sorted({f"?this <{RDF}type> {c} ." for cls in shape.target_classes for c in compiler.subclasses(cls)})
    union = " UNION ".join("{ " + target + " }" for target in [*classes, *shape.targets])
    if focus_nodes is None:
        return f"{{ {union} }}"
    restrict = "VALUES ?this { " + " ".join(str(n) for n in focus_nodes) + " } "
    return f"{{ SELECT DISTINCT ?this WHERE {{ {restrict}{union} }} }}"


# Counting stops here: which of two sides is smaller is all a count decides, and counting 10k rows takes 5 ms.
COUNT_CAP = 10_000
# With many focus nodes and many triples of a predicate, the predicate is read first if this share of its
# triples is on focus nodes.
PREDICATE_FIRST_SHARE = 0.9


@dataclass(frozen=True)
class SizedFocus:
    """How many focus nodes a shape has (counted up to :data:`COUNT_CAP`), and a group pattern true of one."""

    size: int
    test: str


_ONE_PREDICATE = re.compile(r"\^?<[^<>\s]*>")


def capped_count(store: pyoxigraph.Store, pattern: str) -> int:
    """How many solutions the group pattern has, up to :data:`COUNT_CAP`."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT * WHERE {{ {pattern} }} LIMIT {COUNT_CAP} }} }}"
    return next(int(row[0].value) for row in select_solutions(store, query))


def _focus_test(shape: Shape, compiler: _Compiler) -> str:
    """A group pattern true when ?this, already bound, is a focus node of the shape.

    For a shape that targets classes only, the node's own types are looked up and compared with the
    classes (one lookup, where the union of one pattern per subclass would make twenty).
    """
    if shape.target_classes and not shape.targets:
        classes = " ".join(sorted({c for cls in shape.target_classes for c in compiler.subclasses(cls)}))
        return f"{{ ?this <{RDF}type> ?focus_class . VALUES ?focus_class {{ {classes} }} }}"
    return _focus_pattern(shape, compiler, None)


def _violations(store: pyoxigraph.Store, query: str) -> list[Any]:
    return list(select_solutions(store, query))


# What a job finds: the arguments of _Run.add for each result (shape, component, focus, value, message, path).
_Found = tuple[Shape, str, Any, Any, "str | None", "str | None"]
_Job = Callable[[], list[_Found]]


def _run_jobs(jobs: Sequence[_Job], progress: Progress | None = None) -> list[list[_Found]]:
    """Run the queries, on as many threads as there are cores: Oxigraph evaluates them without the GIL.

    ``progress`` is told how many are done, from this thread, as each one ends (:data:`CHECKING`).
    """

    def report(done: int) -> None:
        if progress is not None:
            progress(done, len(jobs), CHECKING, CHECKS)

    report(0)
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        found = []
        for job in jobs:
            found.append(job())
            report(len(found))
        return found
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(job) for job in jobs]
        for done, _ in enumerate(as_completed(futures), start=1):
            report(done)
        return [future.result() for future in futures]


class _Run:
    def __init__(self, store: pyoxigraph.Store, shapes: ShapesGraph, focus_nodes: Sequence[Any] | None) -> None:
        self.store = store
        self.shapes = shapes
        self.focus_nodes = focus_nodes
        # With focus nodes, only the literals they reach through the shapes' paths can be checked.
        ill_formed = find_ill_formed(store, shapes.datatypes, focus_nodes, value_paths(shapes.shapes))
        self.compiler = _Compiler(shapes, ill_formed, store)
        self.results: set[ValidationResult] = set()
        self.jobs: list[_Job] = []
        self.predicate_sizes: dict[str, int] = {}

    def query(self, shape: Shape, component: str, query: str, with_value: bool) -> None:
        """Plan a query whose rows are (focus node, value) violations of one constraint."""

        def job() -> list[_Found]:
            return [
                (shape, component, row[0], row[1] if with_value else None, None, None)
                for row in _violations(self.store, query)
            ]

        self.jobs.append(job)

    def finish(self, progress: Progress | None = None) -> None:
        """Run the planned queries and keep their results."""
        for found in _run_jobs(self.jobs, progress):
            for arguments in found:
                self.add(*arguments)
        self.jobs = []

    def add(
        self, shape: Shape, component: str, focus: Any, value: Any, message: str | None = None, path: str | None = None
    ) -> None:
        severity = shape.severity[len(SH) :] if shape.severity.startswith(SH) else shape.severity
        self.results.add(
            ValidationResult(
                focus_node=_term_text(focus),
                path=path if path is not None else shape.path,
                value=None if value is None else _term_text(value),
                constraint_component=component,
                source_shape=_term_text(shape.node),
                severity=severity,
                message=message or shape.message or f"{component} is not met",
            )
        )

    def shape(self, shape: Shape, focus: str, sized: SizedFocus | None = None) -> None:
        """Plan the queries of a shape's constraints on the focus nodes that ``focus`` binds to ?this.

        ``sized`` says how many focus nodes there are and how to test one (None: a few nodes, named).
        """
        scope = self.scope(shape, focus, sized)
        for local, parameters in shape.parameters.items():
            for parameter in parameters:
                if local in VALUE_PARAMETERS or (local == "hasValue" and shape.path is None):
                    component = VALUE_PARAMETERS.get(local, COUNT_PARAMETERS["hasValue"])
                    condition = self.compiler.value_expression(local, parameter, "?v")
                    query = f"SELECT DISTINCT ?this ?v WHERE {{ {scope} FILTER(!{condition}) }}"
                    self.query(shape, component, query, with_value=local != "hasValue")
                else:
                    self.count_constraint(shape, focus, scope, local, parameter)
        for text, message in shape.sparql:
            self.jobs.append(functools.partial(self.sparql_constraint, shape, focus, text, message))
        for prop in shape.properties:
            self.shape(prop, focus, sized)

    def scope(self, shape: Shape, focus: str, sized: SizedFocus | None) -> str:
        """A pattern binding each focus node ?this with each of its values ?v, read from the better side.

        Oxigraph starts from the focus nodes (the class's instances). When the shape's path is one
        predicate, starting from the predicate's triples and testing whether each subject is a focus
        node gives the same pairs, and reads fewer rows when fewer triples use the predicate than there
        are focus nodes (``ckg:representedBy`` on the participations: 1.1 s to 0.000 s at 10M), or when both are
        many but nearly every triple of the predicate is on a focus node (``ckg:statusAsOf`` on events,
        whose focus is a union of twenty classes).
        """
        if shape.path is None:
            return f"{focus} BIND(?this AS ?v)"
        values = f"?this ({shape.path}) ?v ."
        if sized is not None and _ONE_PREDICATE.fullmatch(shape.path) and self.predicate_first(shape.path, sized):
            return f"{values} FILTER EXISTS {sized.test}"
        return f"{focus} {values}"

    def predicate_first(self, path: str, sized: SizedFocus) -> bool:
        """Whether to read the pairs from the triples of the path's predicate (see :meth:`scope`)."""
        size = self.predicate_size(path.lstrip("^"))
        if size < sized.size:
            return True
        if sized.size < COUNT_CAP:
            return False
        return self.share_on_focus(path, sized.test) >= PREDICATE_FIRST_SHARE

    def predicate_size(self, predicate: str) -> int:
        """How many triples use the predicate, counted up to :data:`COUNT_CAP` (once per predicate)."""
        if predicate not in self.predicate_sizes:
            self.predicate_sizes[predicate] = capped_count(self.store, f"?s {predicate} ?o")
        return self.predicate_sizes[predicate]

    def share_on_focus(self, path: str, test: str) -> float:
        """The share of the path's first :data:`COUNT_CAP` pairs whose node is a focus node."""
        query = (
            f"SELECT (COUNT(*) AS ?n) (SUM(IF(EXISTS {test}, 1, 0)) AS ?on) WHERE {{ "
            f"{{ SELECT ?this WHERE {{ ?this {path} ?v }} LIMIT {COUNT_CAP} }} }}"
        )
        row = next(iter(select_solutions(self.store, query)))
        return int(row[1].value) / int(row[0].value) if int(row[0].value) else 0.0

    def count_constraint(self, shape: Shape, focus: str, scope: str, local: str, parameter: Any) -> None:
        component = COUNT_PARAMETERS[local]
        path = f"({shape.path})" if shape.path else None
        if local == "minCount":
            n = int(parameter.value)
            if n == 1:
                query = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
            else:
                query = (
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})"
                )
            self.query(shape, component, query, with_value=False)
        elif local == "maxCount":
            most = int(parameter.value)
            if most == 1:
                # Two different values, found by a lookup of the node's values rather than by grouping every
                # focus node's values (the same nodes; a quarter faster on 71k participations).
                query = f"SELECT DISTINCT ?this WHERE {{ {scope} ?this {path} ?w . FILTER(!sameTerm(?v, ?w)) }}"
            else:
                query = f"SELECT ?this WHERE {{ {scope} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {most})"
            self.query(shape, component, query, with_value=False)
        elif local == "uniqueLang":
            if parameter.value != "true":
                return
            query = (
                f"SELECT DISTINCT ?this (LCASE(LANG(?v)) AS ?lang) WHERE {{ {focus} ?this {path} ?v . "
                f'?this {path} ?w . FILTER(!sameTerm(?v, ?w) && LANG(?v) != "" '
                f"&& LCASE(LANG(?v)) = LCASE(LANG(?w))) }}"
            )
            self.query(shape, component, query, with_value=False)
        elif local == "hasValue":
            query = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {parameter} }} }}"
            self.query(shape, component, query, with_value=False)
        elif local in ("lessThan", "lessThanOrEquals"):
            op = "<" if local == "lessThan" else "<="
            values = f"?this {path} ?v ." if path else "BIND(?this AS ?v)"
            query = (
                f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {values} ?this {parameter} ?o . "
                f"FILTER(!COALESCE(?v {op} ?o, false)) }}"
            )
            self.query(shape, component, query, with_value=True)
        elif local == "equals":
            values = f"?this {path} ?v ." if path else "BIND(?this AS ?v)"
            query = (
                f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {{ {values} FILTER NOT EXISTS {{ ?this "
                f"{parameter} ?v }} }} UNION {{ ?this {parameter} ?v . FILTER NOT EXISTS "
                f"{{ {values.replace('?v', '?x')} FILTER(sameTerm(?x, ?v)) }} }} }}"
            )
            self.query(shape, component, query, with_value=True)
        else:  # disjoint
            values = f"?this {path} ?v ." if path else "BIND(?this AS ?v)"
            query = f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {values} ?this {parameter} ?v . }}"
            self.query(shape, component, query, with_value=True)

    def sparql_constraint(self, shape: Shape, focus: str, text: str, message: str | None) -> list[_Found]:
        import pyoxigraph

        focus_query = f"SELECT ?this WHERE {{ {focus} }}"
        allowed = {row[0] for row in select_solutions(self.store, focus_query)}
        if not allowed:
            return []
        answers: list[tuple[Any, dict[str, Any]]] = []
        if self.focus_nodes is not None and len(allowed) <= 200:
            for node in sorted(allowed, key=str):
                solutions = self.store.query(text, substitutions={pyoxigraph.Variable("this"): node})
                answers += [(node, row) for row in _rows(solutions)]
        else:
            answers = [(row.get("this"), row) for row in _rows(self.store.query(text))]
        found: list[_Found] = []
        for this, row in answers:
            if this not in allowed:
                continue
            path_term = row.get("path")
            path = str(path_term) if isinstance(path_term, pyoxigraph.NamedNode) else shape.path
            found.append(
                (shape, "SPARQLConstraintComponent", this, row.get("value"), _fill_message(message, row), path)
            )
        return found


def _rows(solutions: Any) -> list[dict[str, Any]]:
    names = [variable.value for variable in solutions.variables]
    return [{name: solution[name] for name in names if solution[name] is not None} for solution in solutions]


_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def _fill_message(message: str | None, variables: dict[str, Any]) -> str | None:
    if message is None:
        return None
    return _PLACEHOLDER.sub(
        lambda m: variables[m.group(1)].value if variables.get(m.group(1)) is not None else m.group(0), message
    )


def validate_store(
    store: pyoxigraph.Store,
    shapes: ShapesGraph,
    focus_nodes: Iterable[Any] | None = None,
    progress: Progress | None = None,
) -> ValidationReport:
    """Validate the store against the shapes, checking only these focus nodes when given.

    ``progress`` is told the constraint queries done of all planned (:data:`CHECKING`), from 0.
    """
    nodes = None if focus_nodes is None else sorted(set(focus_nodes), key=str)
    if nodes is not None and not nodes:
        return ValidationReport()
    run = _Run(store, shapes, nodes)
    for shape in shapes.shapes:
        pattern = _focus_pattern(shape, run.compiler, nodes)
        if nodes is None:
            run.shape(shape, pattern, SizedFocus(capped_count(store, pattern), _focus_test(shape, run.compiler)))
            continue
        # A few focus nodes: find which this shape targets once, and name them in every query.
        targeted = [row[0] for row in select_solutions(store, f"SELECT ?this WHERE {{ {pattern} }}")]
        if targeted:
            run.shape(shape, "VALUES ?this { " + " ".join(str(n) for n in sorted(targeted, key=str)) + " }")
    run.finish(progress)
    return ValidationReport.of(run.results)


def _term_text(term: Any) -> str:
    """A term as N-Triples text, the form of the engine-neutral records (cyberkg.validation.report)."""
    return str(term)
