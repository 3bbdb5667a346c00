"""A new source's different value for a single-valued fact, kept as a claim instead of refused as a clash.

When a file gives an existing thing a second value of a single-valued property (a day where the
graph has a month, another end date, another figure), the graph cannot hold both as direct
triples. If the file cites a passage of its own for that thing, the value is rewritten as a
normal-rank ``ckg:Claim`` (docs/model.md) about the thing, derived from those passages: the graph
keeps its value, and the new one stands beside it with its source. Each is reported as refining
or conflicting with the graph's value. A value whose thing cites no new passage cannot be
recorded faithfully, and stays a clash.

Everything here runs on Oxigraph stores, so a large file is never read into an rdflib graph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cyberkg.claims.comparing import Relation, Value, relate
from cyberkg.rdf.namespaces import CKG, ID, PREFIXES, PROV_WAS_DERIVED_FROM, RDF_TYPE, WELL_KNOWN
from cyberkg.validation.conflicts import Conflict

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


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


def _term(text: str) -> Any:
    """The Oxigraph term written in N-Triples form in a Conflict."""
    import pyoxigraph

    triples = list(pyoxigraph.parse(f"<urn:s> <urn:p> {text} .", format=pyoxigraph.RdfFormat.N_TRIPLES))
    return triples[0].object


def _value(term: Any) -> Value:
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal):
        return Value(term.value, term.datatype.value)
    return Value(term.value)


def _relation(existing: list[Any], new: Any) -> Relation:
    relations = {relate(_value(old), _value(new)) for old in existing}
    for relation in (Relation.CONFLICTS, Relation.COARSER, Relation.COMPATIBLE, Relation.REFINES, Relation.SAME):
        if relation in relations:
            return relation
    return Relation.CONFLICTS


def _objects(store: pyoxigraph.Store, subject: Any, predicate: Any) -> list[Any]:
    return sorted((quad.object for quad in store.quads_for_pattern(subject, predicate, None)), key=str)


def record_as_claims(
    curated: pyoxigraph.Store, new_data: pyoxigraph.Store, conflicts: list[Conflict]
) -> tuple[list[Any], list[Revision], list[Conflict]]:
    """The triples of ``new_data`` with each clashing value that has a new passage rewritten as a claim.

    Returns the rewritten triples, the revisions made, and the clashes that could not be rewritten.
    """
    import pyoxigraph

    triples = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in new_data}
    derived = pyoxigraph.NamedNode(PROV_WAS_DERIVED_FROM)
    revisions: list[Revision] = []
    left: list[Conflict] = []
    for conflict in conflicts:
        subject, predicate = _term(conflict.subject), _term(conflict.predicate)
        passages = [p for p in _objects(new_data, subject, derived) if not _has(curated, subject, derived, p)]
        if not passages:
            left.append(conflict)
            continue
        existing = _objects(curated, subject, predicate)
        for value in _objects(new_data, subject, predicate):
            if value in existing:
                continue
            digest = hashlib.sha256(f"{subject} {predicate} {value}".encode()).hexdigest()[:12]
            local = subject.value.rstrip("/").rsplit("/", 1)[-1]
            claim = pyoxigraph.NamedNode(f"{ID}claim/{local}--{digest}")
            triples.discard(pyoxigraph.Triple(subject, predicate, value))
            triples.update(
                pyoxigraph.Triple(claim, pyoxigraph.NamedNode(p), o)
                for p, o in (
                    (RDF_TYPE, pyoxigraph.NamedNode(CKG + "Claim")),
                    (CKG + "claimAbout", subject),
                    (CKG + "claimProperty", predicate),
                    (CKG + "claimValue", value),
                    (CKG + "rank", pyoxigraph.NamedNode(CKG + "NormalRank")),
                )
            )
            triples.update(pyoxigraph.Triple(claim, derived, passage) for passage in passages)
            revisions.append(
                Revision(
                    subject=str(subject),
                    predicate=str(predicate),
                    existing=tuple(str(term) for term in existing),
                    new=str(value),
                    relation=_relation(existing, value),
                    claim=str(claim),
                    existing_sources=tuple(str(term) for term in _objects(curated, subject, derived)),
                    new_sources=tuple(str(term) for term in passages),
                )
            )
    # A passage cited on a thing only for the values now held as claims is cited by those claims instead.
    for subject in {_term(revision.subject) for revision in revisions}:
        remaining = [t for t in triples if t.subject == subject]
        if all(t.predicate == derived for t in remaining):
            triples.difference_update(t for t in remaining if not _has(curated, subject, derived, t.object))
    return sorted(triples, key=str), revisions, left


def _has(store: pyoxigraph.Store, subject: Any, predicate: Any, value: Any) -> bool:
    return any(store.quads_for_pattern(subject, predicate, value))


def as_turtle(triples: list[Any], header: str) -> bytes:
    """The triples as Turtle with the project's prefixes, after ``header`` (comment lines)."""
    import pyoxigraph

    text = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes={**WELL_KNOWN, **PREFIXES})
    return header.encode("utf-8") + (text or b"")
