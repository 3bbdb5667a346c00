"""The ontology documents every term, and the curated graph uses only terms the ontology defines."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
CKG = Namespace("https://w3id.org/cyberkg/ontology#")
VANN = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY = URIRef("https://w3id.org/cyberkg/ontology")


def ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph.parse(path)
    return graph


def test_header() -> None:
    g = ontology_graph()
    for predicate in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.creator,
        OWL.versionIRI,
        OWL.versionInfo,
        VANN.preferredNamespacePrefix,
    ):
        assert g.value(ONTOLOGY, predicate) is not None, predicate
    assert str(g.value(ONTOLOGY, VANN.preferredNamespacePrefix)) == "ckg"


def test_every_term_is_labelled_defined_and_attributed() -> None:
    g = ontology_graph()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(CKG))}
    undocumented = sorted(
        str(t)
        for t in terms
        if not (g.value(t, RDFS.label) and g.value(t, SKOS.definition) and g.value(t, RDFS.isDefinedBy) == ONTOLOGY)
    )
    assert undocumented == []


def test_graph_uses_only_defined_terms(merged_graph) -> None:
    """A typo such as ckg:startdate would silently make a fact unqueryable: every ckg: term must be defined."""
    g = ontology_graph()
    defined = {s for s in g.subjects() if str(s).startswith(str(CKG))}
    used = {
        term
        for _, p, o in merged_graph
        for term in (p, o)
        if isinstance(term, URIRef) and str(term).startswith(str(CKG))
    }
    assert sorted(str(t) for t in used - defined) == []


def test_classes_and_properties_are_typed() -> None:
    g = ontology_graph()
    classes = set(g.subjects(RDF.type, OWL.Class))
    properties = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    assert classes and properties and not classes & properties
    for prop in properties:
        for cls in g.objects(prop, RDFS.domain):
            assert cls in classes or not str(cls).startswith(str(CKG)), (prop, cls)


def test_ontology_version_follows_the_package() -> None:
    """owl:versionInfo and owl:versionIRI name the package version, so a release is stamped consistently."""
    import cyberkg

    g = ontology_graph()
    assert str(g.value(ONTOLOGY, OWL.versionInfo)) == cyberkg.__version__
    assert str(g.value(ONTOLOGY, OWL.versionIRI)) == f"{ONTOLOGY}/{cyberkg.__version__}"
