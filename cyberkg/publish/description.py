"""The release's dataset description in VoID and DCAT.

It says what the release is (title, description, version, licence,
publisher, the sources it was built from), what is in it (triple count,
classes and properties used with their counts), how to get it (one
``dcat:Distribution`` per file, with media type, byte size and a download
link relative to the description itself) and how to query it (the library's
SPARQL queries as SHACL executables, and the resources they are about by
default as ``void:exampleResource``).

Download links are relative references (``<cyberkg.ttl>``): they resolve
against wherever the description is published, so the release can be moved
or mirrored without rewriting it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.publish.serialise import release_prefixes, to_turtle

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from cyberkg.query.library import LibraryQuery

DATASET_BASE = "https://w3id.org/cyberkg/id/dataset/cyberkg/"
ONTOLOGY = "https://w3id.org/cyberkg/ontology"
INSTANCE_SPACE = "https://w3id.org/cyberkg/id/"
DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_DOCUMENT = "https://w3id.org/cyberkg/ontology#SourceDocument"
DCAT_VERSION = "http://www.w3.org/ns/dcat#version"  # DCAT 3: not in rdflib's DCAT namespace
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
TITLE = "cyberkg: a knowledge graph of the Council of Europe's work against cybercrime"
DESCRIPTION = (
    "The cyberkg ontology and the curated graph built from its source documents: legal instruments and "
    "the actions states take on them, the organisations and countries involved, the Global Project on "
    "Cybercrime and its outputs, and the meetings, conferences, visits and decisions through which the "
    "work is done, each fact tied to the passage of the document that states it."
)
# Placeholder base under which distributions are named while serialising; it is removed
# from the output so that download links stay relative to the description.
_RELEASE_BASE = "urn:x-cyberkg-release:/"

DESCRIPTION_PREFIXES: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Distribution:
    """One file of the release: its name, media type and bytes."""

    file_name: str
    media_type: str
    title: str
    data: bytes


@dataclass(frozen=True)
class GraphStatistics:
    """What VoID says about the contents of a graph."""

    triples: int
    distinct_subjects: int
    distinct_objects: int
    entities_per_class: dict[str, int]
    triples_per_property: dict[str, int]


def graph_statistics(graph: rdflib.Graph) -> GraphStatistics:
    """Count triples, distinct subjects and objects, instances per class and triples per property."""
    from rdflib import RDF

    subjects: set[object] = set()
    objects: set[object] = set()
    per_property: Counter[str] = Counter()
    members: dict[str, set[object]] = {}
    for subject, predicate, obj in graph:
        subjects.add(subject)
        objects.add(obj)
        per_property[str(predicate)] += 1
        if predicate == RDF.type:
            members.setdefault(str(obj), set()).add(subject)
    return GraphStatistics(
        triples=len(graph),
        distinct_subjects=len(subjects),
        distinct_objects=len(objects),
        entities_per_class={cls: len(instances) for cls, instances in sorted(members.items())},
        triples_per_property=dict(sorted(per_property.items())),
    )


def dataset_iri(version: str) -> str:
    """The IRI of the release of this version."""
    return f"{DATASET_BASE}{version}"


def describe_release(
    graph: rdflib.Graph, version: str, distributions: Sequence[Distribution], queries: Sequence[LibraryQuery]
) -> rdflib.Graph:
    """The VoID and DCAT description of the release of ``graph`` as ``version``."""
    import rdflib
    from rdflib import RDF, RDFS, XSD, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, SDO, SH, VOID

    dataset = URIRef(dataset_iri(version))
    description = rdflib.Graph(bind_namespaces="none")
    add = description.add
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, DCTERMS.title, Literal(TITLE, lang="en")))
    add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    add((dataset, URIRef(DCAT_VERSION), Literal(version)))
    add((dataset, DCTERMS.license, URIRef(DATA_LICENCE)))
    for publisher in _ontology_creators(graph):
        add((dataset, DCTERMS.publisher, publisher))
        _copy_names(graph, publisher, description)
    for source in _source_documents(graph):
        add((dataset, DCTERMS.source, source))
        _copy_names(graph, source, description)
    add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY)))
    add((dataset, VOID.vocabulary, URIRef(ONTOLOGY)))
    add((dataset, VOID.uriSpace, Literal(INSTANCE_SPACE)))

    statistics = graph_statistics(graph)
    add((dataset, VOID.triples, Literal(statistics.triples)))
    add((dataset, VOID.distinctSubjects, Literal(statistics.distinct_subjects)))
    add((dataset, VOID.distinctObjects, Literal(statistics.distinct_objects)))
    add((dataset, VOID.classes, Literal(len(statistics.entities_per_class))))
    add((dataset, VOID.properties, Literal(len(statistics.triples_per_property))))
    for cls, count in statistics.entities_per_class.items():
        partition = URIRef(f"{dataset}/class/{_slug(cls)}")
        add((dataset, VOID.classPartition, partition))
        add((partition, VOID["class"], URIRef(cls)))
        add((partition, VOID.entities, Literal(count)))
    for prop, count in statistics.triples_per_property.items():
        partition = URIRef(f"{dataset}/property/{_slug(prop)}")
        add((dataset, VOID.propertyPartition, partition))
        add((partition, VOID.property, URIRef(prop)))
        add((partition, VOID.triples, Literal(count)))

    for distribution in distributions:
        node = URIRef(f"{dataset}/distribution/{distribution.file_name}")
        download = URIRef(_RELEASE_BASE + distribution.file_name)
        add((dataset, DCAT.distribution, node))
        add((dataset, VOID.dataDump, download))
        add((node, RDF.type, DCAT.Distribution))
        add((node, DCTERMS.title, Literal(distribution.title, lang="en")))
        add((node, DCAT.mediaType, URIRef(MEDIA_TYPES + distribution.media_type)))
        add((node, DCAT.byteSize, Literal(len(distribution.data), datatype=XSD.nonNegativeInteger)))
        add((node, DCAT.downloadURL, download))
        add((node, DCTERMS.license, URIRef(DATA_LICENCE)))

    for resource in example_resources(graph, queries):
        add((dataset, VOID.exampleResource, resource))
    for query in queries:
        node = URIRef(f"{dataset}/query/{query.name}")
        form, text_property = _query_form(query)
        add((node, RDF.type, SH.SPARQLExecutable))
        add((node, RDF.type, form))
        add((node, RDFS.label, Literal(query.title, lang="en")))
        add((node, RDFS.comment, Literal(query.summary, lang="en")))
        add((node, text_property, Literal(query.text)))
        add((node, SDO.target, dataset))
        for tag in query.tags:
            add((node, SDO.keywords, Literal(tag)))
    return description


def example_resources(graph: rdflib.Graph, queries: Sequence[LibraryQuery]) -> list[rdflib.URIRef]:
    """What the library's queries are about by default: their IRI defaults that are subjects in the graph."""
    from rdflib import URIRef

    found = set()
    for query in queries:
        for parameter in query.parameters:
            if parameter.type == "iri" and parameter.default:
                resource = URIRef(parameter.default)
                if (resource, None, None) in graph:
                    found.add(resource)
    return sorted(found)


def description_turtle(description: rdflib.Graph) -> bytes:
    """The description as deterministic Turtle whose download links are relative references."""
    prefixes = dict(sorted({**release_prefixes(), **DESCRIPTION_PREFIXES}.items()))
    text = to_turtle(description, prefixes, base=_RELEASE_BASE).decode("utf-8")
    # rdflib writes IRIs under the base as relative references and declares the base; drop the
    # declaration so that they resolve against the location of the description itself.
    base_line = f"@base <{_RELEASE_BASE}> .\n"
    if not text.startswith(base_line) or _RELEASE_BASE in text[len(base_line) :]:
        raise ValueError("rdflib did not write the download links as relative references")
    return text[len(base_line) :].encode("utf-8")


def _slug(iri: str) -> str:
    """A path segment naming a class or property: its prefixed name, or the escaped IRI."""
    from urllib.parse import quote

    for prefix, namespace in sorted(
        {**release_prefixes(), **DESCRIPTION_PREFIXES}.items(), key=lambda item: -len(item[1])
    ):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return quote(f"{prefix}:{iri[len(namespace) :]}", safe=":")
    return quote(iri, safe="")


def _copy_names(graph: rdflib.Graph, resource: rdflib.term.Node, description: rdflib.Graph) -> None:
    """Copy the type, label and title of a resource, so that the description names what it links to."""
    from rdflib import RDF, RDFS
    from rdflib.namespace import DCTERMS

    for predicate in (RDF.type, RDFS.label, DCTERMS.title):
        for value in graph.objects(resource, predicate):
            description.add((resource, predicate, value))


def _ontology_creators(graph: rdflib.Graph) -> list[rdflib.term.Identifier]:
    from rdflib import OWL, RDF
    from rdflib.namespace import DCTERMS
    from rdflib.term import Identifier

    creators: set[Identifier] = set()
    for ontology in graph.subjects(RDF.type, OWL.Ontology):
        creators.update(term for term in graph.objects(ontology, DCTERMS.creator) if isinstance(term, Identifier))
    return sorted(creators)


def _source_documents(graph: rdflib.Graph) -> list[rdflib.term.Identifier]:
    from rdflib import RDF, RDFS, URIRef
    from rdflib.term import Identifier

    kinds = set(graph.transitive_subjects(RDFS.subClassOf, URIRef(SOURCE_DOCUMENT)))
    documents = {
        document for kind in kinds for document in graph.subjects(RDF.type, kind) if isinstance(document, Identifier)
    }
    return sorted(documents)


def _query_form(query: LibraryQuery) -> tuple[rdflib.URIRef, rdflib.URIRef]:
    """The SHACL executable class and text property for the query's form (SELECT, ASK, CONSTRUCT)."""
    from rdflib.namespace import SDO, SH

    forms = {
        "SELECT": (SH.SPARQLSelectExecutable, SH.select),
        "ASK": (SH.SPARQLAskExecutable, SH.ask),
        "CONSTRUCT": (SH.SPARQLConstructExecutable, SH.construct),
    }
    # SHACL has no DESCRIBE executable: such a query is a plain executable with its text as schema:text.
    return forms.get(query_form(query.text), (SH.SPARQLExecutable, SDO.text))


_PROLOGUE_THEN_FORM = re.compile(
    r"\A\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after the prologue (rdflib's parser if unclear)."""
    without_comments = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = _PROLOGUE_THEN_FORM.match(without_comments)
    if match:
        return match.group(1).upper()
    from rdflib.plugins.sparql import prepareQuery  # slow (pyparsing), so only when the text is unusual

    return prepareQuery(text).algebra.name.removesuffix("Query").upper()
