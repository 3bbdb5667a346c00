"""The reference engine: pySHACL over an in-memory rdflib graph, its report turned into plain records.

pySHACL is run without inference (the ontology is part of the data graph, so
``rdfs:subClassOf`` is there for ``sh:class`` and ``sh:targetClass``) and never
over an Oxigraph-backed rdflib store, which makes it report false ``sh:in``
violations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyberkg.rdf.labels import english_text
from cyberkg.validation.report import ValidationResult
from cyberkg.validation.result_paths import path_to_sparql

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SH = "http://www.w3.org/ns/shacl#"


def run_pyshacl(data: rdflib.Graph, shapes: rdflib.Graph) -> list[ValidationResult]:
    """Every result pySHACL reports for ``data`` against ``shapes``."""
    import pyshacl

    from cyberkg.validation.query_cache import QueryCachingGraph

    _, report_graph, _ = pyshacl.validate(
        QueryCachingGraph(data),
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
        abort_on_first=False,
        meta_shacl=False,
    )
    return results_of(report_graph)


def results_of(report_graph: rdflib.Graph) -> list[ValidationResult]:
    """The sh:ValidationResult nodes of a W3C SHACL report graph, as records."""
    from rdflib import RDF, URIRef

    sh = {
        name: URIRef(SH + name)
        for name in (
            "ValidationResult",
            "focusNode",
            "resultPath",
            "value",
            "sourceConstraintComponent",
            "sourceShape",
            "resultSeverity",
            "resultMessage",
        )
    }
    results = []
    for node in report_graph.subjects(RDF.type, sh["ValidationResult"]):
        path = report_graph.value(node, sh["resultPath"])
        value = report_graph.value(node, sh["value"])
        results.append(
            ValidationResult(
                focus_node=_required(report_graph, node, sh["focusNode"]).n3(),
                path=None if path is None else path_to_sparql(report_graph, path),
                value=None if value is None else value.n3(),
                constraint_component=_local_name(report_graph.value(node, sh["sourceConstraintComponent"])),
                source_shape=_required(report_graph, node, sh["sourceShape"]).n3(),
                severity=_local_name(report_graph.value(node, sh["resultSeverity"])),
                message=_message(list(report_graph.objects(node, sh["resultMessage"]))),
            )
        )
    return results


def _required(graph: rdflib.Graph, node: rdflib.term.Node, predicate: rdflib.URIRef) -> rdflib.term.Node:
    """The value of a property that every SHACL validation result has (sh:focusNode, sh:sourceShape)."""
    value = graph.value(node, predicate)
    if value is None:
        raise ValueError(f"a validation result without {predicate}")
    return value


def _local_name(iri: rdflib.term.Node | None) -> str:
    text = str(iri)
    return text[len(SH) :] if text.startswith(SH) else text


def _message(messages: list[rdflib.term.Node]) -> str:
    return english_text((str(m), getattr(m, "language", None)) for m in messages) or ""
