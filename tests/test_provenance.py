"""Every event, treaty action, decision and statement cites a located passage of a source document."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import PROV, RDF, RDFS

CKG = Namespace("https://w3id.org/cyberkg/ontology#")


def instances_of(graph, cls) -> set:
    """Instances of a class or of any of its subclasses (following rdfs:subClassOf in the ontology)."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def test_every_fact_cites_a_located_passage(merged_graph) -> None:
    g = merged_graph
    things = set()
    for cls in (CKG.Event, CKG.TreatyAction, CKG.Statement, CKG.Participation, CKG.CountryInvolvement):
        things |= instances_of(g, cls)
    assert len(things) > 100
    missing = []
    for thing in sorted(things):
        passages = list(g.objects(thing, PROV.wasDerivedFrom))
        ok = passages and all(
            (p, RDF.type, CKG.SourcePassage) in g and g.value(p, CKG.location) and g.value(p, CKG.inDocument)
            for p in passages
        )
        if not ok:
            missing.append(str(thing))
    assert missing == []


def test_every_passage_is_cited_and_in_a_document(merged_graph) -> None:
    """No orphan passage: each one is in a source document and backs at least one fact."""
    g = merged_graph
    passages = set(g.subjects(RDF.type, CKG.SourcePassage))
    uncited = sorted(str(p) for p in passages if not any(g.subjects(PROV.wasDerivedFrom, p)))
    assert uncited == []
    documents = {g.value(p, CKG.inDocument) for p in passages}
    assert all((doc, RDF.type, None) in g for doc in documents)
