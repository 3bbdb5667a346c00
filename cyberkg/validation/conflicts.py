"""Conflicts between new data and the graph on single-valued properties.

A property is single-valued when the ontology declares it an
``owl:FunctionalProperty`` or a shape gives it ``sh:maxCount 1`` on a plain
predicate path. New data conflicts with the graph when it gives a subject a
value for such a property that the graph does not already give it, while the
graph already gives it one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

OWL_FUNCTIONAL_PROPERTY = "http://www.w3.org/2002/07/owl#FunctionalProperty"
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Conflict:
    """A subject whose single-valued property the new data would give a second, different value."""

    subject: str
    predicate: str
    existing: tuple[str, ...]
    new: tuple[str, ...]


def single_valued_properties(graph: rdflib.Graph, shapes: rdflib.Graph) -> set[rdflib.URIRef]:
    """Functional properties of the ontology (in ``graph``) and predicates that shapes cap at one value."""
    from rdflib import RDF, Literal, URIRef

    properties = set(graph.subjects(RDF.type, URIRef(OWL_FUNCTIONAL_PROPERTY)))
    for shape, count in shapes.subject_objects(URIRef(SH + "maxCount")):
        path = shapes.value(shape, URIRef(SH + "path"))
        if isinstance(path, URIRef) and count == Literal(1):
            properties.add(path)
    return {prop for prop in properties if isinstance(prop, URIRef)}


def find_conflicts(graph: rdflib.Graph, new_data: rdflib.Graph,
                   properties: set[rdflib.URIRef]) -> list[Conflict]:
    """Every subject and single-valued property on which ``new_data`` disagrees with ``graph``, sorted."""
    conflicts = set()
    for subject, predicate in {(s, p) for s, p, _ in new_data if p in properties}:
        existing = set(graph.objects(subject, predicate))
        new = set(new_data.objects(subject, predicate))
        if existing and not new <= existing:
            conflicts.add(Conflict(subject=subject.n3(), predicate=predicate.n3(),
                                   existing=tuple(sorted(term.n3() for term in existing)),
                                   new=tuple(sorted(term.n3() for term in new))))
    return sorted(conflicts)
