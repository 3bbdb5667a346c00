"""A new source's different value for a single-valued fact, kept as a claim instead of refused as a clash.

When a file gives an existing thing a second value of a single-valued property (a day where the
graph has a month, another end date, another figure), the graph cannot hold both as direct
triples. If the file cites a passage of its own for that thing, the value is rewritten as a
normal-rank ``ckg:Claim`` (docs/model.md) about the thing, derived from those passages: the graph
keeps its value, and the new one stands beside it with its source. Each is reported as refining
or conflicting with the graph's value. A value whose thing cites no new passage cannot be
recorded faithfully, and stays a clash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.claims.comparing import Relation, Value, relate
from cyberkg.rdf.namespaces import CKG, ID, PROV_WAS_DERIVED_FROM, RDF_TYPE
from cyberkg.validation.conflicts import Conflict

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


@dataclass(frozen=True)
class Revision:
    """A value the file gives, kept as a claim: thing, property, the graph's and the new value, how they relate."""

    subject: str
    predicate: str
    existing: tuple[str, ...]
    new: str
    relation: Relation
    claim: str
    existing_sources: tuple[str, ...]
    new_sources: tuple[str, ...]


def _value(term: rdflib.term.Node) -> Value:
    from rdflib import Literal

    if isinstance(term, Literal):
        return Value(str(term), str(term.datatype) if term.datatype else None)
    return Value(str(term))


def _node(text: str) -> rdflib.term.Node:
    """The rdflib term written as N3 in a Conflict."""
    from rdflib.term import Node
    from rdflib.util import from_n3

    term = from_n3(text)
    if not isinstance(term, Node):
        raise ValueError(f"not an RDF term: {text}")
    return term


def _n3(term: rdflib.term.Node) -> str:
    return str(term.n3())


def _relation(existing: list[rdflib.term.Node], new: rdflib.term.Node) -> Relation:
    relations = {relate(_value(old), _value(new)) for old in existing}
    for relation in (Relation.CONFLICTS, Relation.COARSER, Relation.COMPATIBLE, Relation.REFINES, Relation.SAME):
        if relation in relations:
            return relation
    return Relation.CONFLICTS


def record_as_claims(
    curated: rdflib.Graph, new_data: rdflib.Graph, conflicts: list[Conflict]
) -> tuple[rdflib.Graph, list[Revision], list[Conflict]]:
    """``new_data`` with each clashing value that has a new passage of its own rewritten as a claim.

    Returns the rewritten graph, the revisions made, and the clashes that could not be rewritten.
    """
    from rdflib import Graph, URIRef

    rewritten = Graph()
    for prefix, namespace in new_data.namespaces():
        rewritten.bind(prefix, namespace)
    rewritten.bind("claim", ID + "claim/")
    for triple in new_data:
        rewritten.add(triple)
    revisions: list[Revision] = []
    left: list[Conflict] = []
    derived = URIRef(PROV_WAS_DERIVED_FROM)
    for conflict in conflicts:
        subject = _node(conflict.subject)
        predicate = _node(conflict.predicate)
        passages = sorted(
            (passage for passage in new_data.objects(subject, derived) if (subject, derived, passage) not in curated),
            key=_n3,
        )
        if not passages:
            left.append(conflict)
            continue
        existing = sorted(curated.objects(subject, predicate), key=_n3)
        for value in sorted(new_data.objects(subject, predicate), key=_n3):
            if value in existing:
                continue
            digest = hashlib.sha256(f"{_n3(subject)} {_n3(predicate)} {_n3(value)}".encode()).hexdigest()[:12]
            local = str(subject).rstrip("/").rsplit("/", 1)[-1]
            claim = URIRef(f"{ID}claim/{local}--{digest}")
            rewritten.remove((subject, predicate, value))
            rewritten.add((claim, URIRef(RDF_TYPE), URIRef(CKG + "Claim")))
            rewritten.add((claim, URIRef(CKG + "claimAbout"), subject))
            rewritten.add((claim, URIRef(CKG + "claimProperty"), predicate))
            rewritten.add((claim, URIRef(CKG + "claimValue"), value))
            rewritten.add((claim, URIRef(CKG + "rank"), URIRef(CKG + "NormalRank")))
            for passage in passages:
                rewritten.add((claim, derived, passage))
            revisions.append(
                Revision(
                    subject=conflict.subject,
                    predicate=conflict.predicate,
                    existing=tuple(_n3(term) for term in existing),
                    new=_n3(value),
                    relation=_relation(existing, value),
                    claim=claim.n3(),
                    existing_sources=tuple(sorted(_n3(term) for term in curated.objects(subject, derived))),
                    new_sources=tuple(_n3(term) for term in passages),
                )
            )
    # A passage cited on a thing only for the values now held as claims is cited by those claims instead.
    for subject in {_node(revision.subject) for revision in revisions}:
        if not set(rewritten.predicate_objects(subject)) - {(derived, o) for o in rewritten.objects(subject, derived)}:
            for passage in list(rewritten.objects(subject, derived)):
                if (subject, derived, passage) not in curated:
                    rewritten.remove((subject, derived, passage))
    return rewritten, revisions, left
