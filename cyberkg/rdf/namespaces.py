"""Namespace IRIs, each written once, and the prefix table the project's files and outputs use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# The project's own namespaces.
CKG = "https://w3id.org/cyberkg/ontology#"
SHAPES = "https://w3id.org/cyberkg/shapes#"
ID = "https://w3id.org/cyberkg/id/"

# W3C and other vocabularies the project reuses.
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
VANN = "http://purl.org/vocab/vann/"

XSD_STRING = XSD + "string"
RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
SKOS_PREF_LABEL = SKOS + "prefLabel"
PROV_WAS_DERIVED_FROM = PROV + "wasDerivedFrom"

# The prefixes the curated graph's files use, bound on every rdflib graph so serialisations read well.
PREFIXES: dict[str, str] = {
    "ckg": CKG,
    "event": ID + "event/",
    "organisation": ID + "organisation/",
    "inst": ID + "instrument/",
    "country": ID + "country/",
    "city": ID + "city/",
    "topic": ID + "topic/",
    "output": ID + "output/",
    "project": ID + "project/",
    "doc": ID + "document/",
    "src": ID + "source/",
    "statement": ID + "statement/",
    "claim": ID + "claim/",
    "series": ID + "event-series/",
    "participation": ID + "participation/",
    "involvement": ID + "involvement/",
    "action": ID + "treaty-action/",
    "group": ID + "group/",
    "upd": ID + "source/update-2009-11/",
    "oct": ID + "source/octopus-2009-summary/",
    "prov": PROV,
    "org": ORG,
    "schema": SCHEMA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "geo": GEO,
}

# Every namespace by its usual prefix, for SPARQL and Turtle headers written by the package.
WELL_KNOWN: dict[str, str] = {
    "ckg": CKG,
    "shape": SHAPES,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
    "skos": SKOS,
    "prov": PROV,
    "org": ORG,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "geo": GEO,
    "foaf": FOAF,
    "void": VOID,
    "dcat": DCAT,
    "vann": VANN,
}


def _table(names: Iterable[str], extra: Mapping[str, str] | None) -> list[tuple[str, str]]:
    known = {**WELL_KNOWN, **PREFIXES, **(extra or {})}
    return [(name, known[name]) for name in names]


def sparql_prefixes(*names: str, extra: Mapping[str, str] | None = None) -> str:
    """``PREFIX name: <iri>`` lines for the named prefixes, one per line, in the order given."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in _table(names, extra))


def turtle_prefixes(*names: str, extra: Mapping[str, str] | None = None) -> str:
    """``@prefix name: <iri> .`` lines for the named prefixes, one per line, in the order given."""
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in _table(names, extra))


def bind_prefixes(graph: object) -> None:
    """Bind the project's prefixes on an rdflib graph (replacing rdflib's defaults of the same names)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)  # type: ignore[attr-defined]
