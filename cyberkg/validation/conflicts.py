"""Conflicts between new data and the graph on single-valued properties.

A property is single-valued for every subject when the ontology declares it
an ``owl:FunctionalProperty``, and for the instances of a class when a shape
that targets that class gives it ``sh:maxCount 1`` on a plain predicate path
(``ckg:instrument`` is single-valued for a treaty action, not for a project).
New data conflicts with the graph when it gives a subject a value for such a
property that the graph does not already give it, while the graph already
gives it one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cyberkg.rdf.results import select_solutions

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

OWL_FUNCTIONAL_PROPERTY = "http://www.w3.org/2002/07/owl#FunctionalProperty"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EVERY_SUBJECT = None


@dataclass(frozen=True, order=True)
class Conflict:
    """A subject whose single-valued property the new data would give a second, different value."""

    subject: str
    predicate: str
    existing: tuple[str, ...]
    new: tuple[str, ...]


def single_valued_properties(
    graph: rdflib.Graph,
    shapes: rdflib.Graph,
) -> dict[rdflib.URIRef, frozenset[rdflib.URIRef] | None]:
    """Predicate -> the classes whose instances may have one value of it (None: every subject)."""
    from rdflib import RDF, Literal, URIRef

    rules: dict[URIRef, set[URIRef] | None] = {}
    for prop in graph.subjects(RDF.type, URIRef(OWL_FUNCTIONAL_PROPERTY)):
        if isinstance(prop, URIRef):
            rules[prop] = EVERY_SUBJECT
    for shape, count in shapes.subject_objects(URIRef(SH + "maxCount")):
        path = shapes.value(shape, URIRef(SH + "path"))
        if not isinstance(path, URIRef) or count != Literal(1):
            continue
        listed = rules.setdefault(path, set())
        if listed is EVERY_SUBJECT:
            continue
        owners = [shape, *shapes.subjects(URIRef(SH + "property"), shape)]
        classes = {c for owner in owners for c in shapes.objects(owner, URIRef(SH + "targetClass"))}
        listed.update(c for c in classes if isinstance(c, URIRef))
    return {prop: None if classes is None else frozenset(classes) for prop, classes in rules.items()}


def find_conflicts(
    graph: rdflib.Graph, new_data: rdflib.Graph, rules: dict[rdflib.URIRef, frozenset[rdflib.URIRef] | None]
) -> list[Conflict]:
    """Every subject and single-valued property on which ``new_data`` disagrees with ``graph``, sorted."""
    from rdflib import URIRef

    conflicts = set()
    for subject, predicate in {(s, p) for s, p, _ in new_data if isinstance(p, URIRef) and p in rules}:
        classes = rules[predicate]
        if classes is not None and not classes & _types(subject, graph, new_data):
            continue
        existing = set(graph.objects(subject, predicate))
        new = set(new_data.objects(subject, predicate))
        if existing and not new <= existing:
            conflicts.add(
                Conflict(
                    subject=subject.n3(),
                    predicate=predicate.n3(),
                    existing=tuple(sorted(term.n3() for term in existing)),
                    new=tuple(sorted(term.n3() for term in new)),
                )
            )
    return sorted(conflicts)


def _types(subject: rdflib.term.Node, graph: rdflib.Graph, new_data: rdflib.Graph) -> set[rdflib.term.Node]:
    """The classes of a subject in either graph, with their superclasses (from the ontology in ``graph``)."""
    from rdflib import RDF, RDFS

    types = set(graph.objects(subject, RDF.type)) | set(new_data.objects(subject, RDF.type))
    closure: set[rdflib.term.Node] = set()
    for cls in types:
        closure |= {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if c is not None}
    return closure


# --- the same, over Oxigraph stores (the fast engine's path: no rdflib graph of the data) ----------

_FUNCTIONAL = "SELECT ?p WHERE { ?p a <http://www.w3.org/2002/07/owl#FunctionalProperty> FILTER(isIRI(?p)) }"
_MAX_ONE = f"""
PREFIX sh: <{SH}>
SELECT ?path ?class WHERE {{
  ?shape sh:maxCount ?count ; sh:path ?path .
  FILTER(isIRI(?path) && sameTerm(?count, 1))
  OPTIONAL {{ {{ ?shape sh:targetClass ?class }} UNION {{ ?owner sh:property ?shape ; sh:targetClass ?class }}
             FILTER(isIRI(?class)) }}
}}"""
_SUPERCLASSES = "SELECT ?class ?super WHERE { ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?super }"


def single_valued_properties_in_store(
    store: pyoxigraph.Store, shapes: pyoxigraph.Store
) -> dict[pyoxigraph.NamedNode, frozenset[pyoxigraph.NamedNode] | None]:
    """As :func:`single_valued_properties`, over the graph and the shapes in Oxigraph stores."""
    rules: dict[Any, set[Any] | None] = {row[0]: EVERY_SUBJECT for row in select_solutions(store, _FUNCTIONAL)}
    for path, cls in select_solutions(shapes, _MAX_ONE):
        if path in rules and rules[path] is None:
            continue
        classes = rules.setdefault(path, set())
        if cls is not None and classes is not None:
            classes.add(cls)
    return {prop: None if classes is None else frozenset(classes) for prop, classes in rules.items()}


def find_conflicts_in_store(
    store: pyoxigraph.Store, new_triples: Iterable[Any], rules: dict[Any, frozenset[Any] | None]
) -> list[Conflict]:
    """As :func:`find_conflicts`, with the graph in a store and the new data as Oxigraph triples, read once."""
    import pyoxigraph

    rdf_type = pyoxigraph.NamedNode(RDF_TYPE)
    default = pyoxigraph.DefaultGraph()
    new_values: dict[tuple[Any, Any], set[Any]] = {}
    new_types: dict[Any, set[Any]] = {}
    for triple in new_triples:
        if triple.predicate in rules:
            new_values.setdefault((triple.subject, triple.predicate), set()).add(triple.object)
        if triple.predicate == rdf_type:
            new_types.setdefault(triple.subject, set()).add(triple.object)
    superclasses: dict[Any, set[Any]] = {}

    def closure(cls: Any) -> set[Any]:
        if cls not in superclasses:
            bound = {pyoxigraph.Variable("class"): cls}
            superclasses[cls] = {row[1] for row in select_solutions(store, _SUPERCLASSES, substitutions=bound)}
        return superclasses[cls]

    conflicts = set()
    for (subject, predicate), new in new_values.items():
        classes = rules[predicate]
        if classes is not None:
            types = {q.object for q in store.quads_for_pattern(subject, rdf_type, None, default)}
            types |= new_types.get(subject, set())
            if not classes & {parent for cls in types for parent in closure(cls)}:
                continue
        existing = {q.object for q in store.quads_for_pattern(subject, predicate, None, default)}
        if existing and not new <= existing:
            conflicts.add(
                Conflict(
                    subject=str(subject),
                    predicate=str(predicate),
                    existing=tuple(sorted(str(term) for term in existing)),
                    new=tuple(sorted(str(term) for term in new)),
                )
            )
    return sorted(conflicts)
