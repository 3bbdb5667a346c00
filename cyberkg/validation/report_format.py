"""Validation reports for people (text) and programs (JSON, and Turtle in the W3C SHACL report vocabulary).

The text report groups results by focus node and shows, for each node, its
label and IRI and the source passages it cites, then each result's severity,
path, offending value and message, and ends with a summary line of counts by
severity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from cyberkg.rdf.labels import graph_label
from cyberkg.rdf.namespaces import CKG
from cyberkg.rdf.terms import n3_to_rdflib
from cyberkg.validation.report import SEVERITIES, SHAPES_NAMESPACE, Validation, ValidationResult

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

FORMATS = ("text", "turtle", "json")
SH = "http://www.w3.org/ns/shacl#"
PROV_WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"


@dataclass(frozen=True)
class CitedSource:
    """A source that a node cites: the passage (or document) IRI, where it stands, and its document's name."""

    source: str
    location: str | None
    document: str | None


@dataclass(frozen=True)
class NodeDescription:
    """What the report says about a focus node: its name and what it cites."""

    label: str | None
    sources: tuple[CitedSource, ...]


def describe(graph: rdflib.Graph, node_n3: str) -> NodeDescription:
    """The label and cited sources of a node (given as N-Triples) in ``graph``."""
    from rdflib import URIRef

    node = n3_to_rdflib(node_n3)
    sources = []
    for source in sorted(graph.objects(node, URIRef(PROV_WAS_DERIVED_FROM)), key=str):
        location = graph.value(source, URIRef(CKG + "location"))
        document = graph.value(source, URIRef(CKG + "inDocument"))
        sources.append(
            CitedSource(
                source=source.n3(),
                location=None if location is None else str(location),
                document=graph_label(graph, document) if document is not None else graph_label(graph, source),
            )
        )
    return NodeDescription(label=graph_label(graph, node), sources=tuple(sources))


def prefixes() -> dict[str, str]:
    """Prefix -> namespace used to shorten IRIs in the text report."""
    from cyberkg.rdf.namespaces import PREFIXES

    ids = "https://w3id.org/cyberkg/id/"
    return {
        **PREFIXES,
        "action": ids + "treaty-action/",
        "participation": ids + "participation/",
        "involvement": ids + "involvement/",
        "group": ids + "group/",
        "series": ids + "event-series/",
        "shape": SHAPES_NAMESPACE,
        "sh": SH,
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    }


IRI_IN_TEXT = re.compile(r"<([^<>\s]*)>")
LOCAL_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def compact(text: str | None) -> str:
    """N-Triples or a SPARQL path with known namespaces written as prefixed names."""
    if text is None:
        return ""
    if text.startswith('"'):
        quoted, marker, datatype = text.rpartition('"^^')
        return quoted + marker + compact(datatype) if marker else text
    namespaces = sorted(prefixes().items(), key=lambda item: -len(item[1]))

    def shorten(match: re.Match[str]) -> str:
        iri = match.group(1)
        for prefix, namespace in namespaces:
            if iri.startswith(namespace) and LOCAL_NAME.match(iri[len(namespace) :]):
                return f"{prefix}:{iri[len(namespace) :]}"
        return match.group(0)

    return IRI_IN_TEXT.sub(shorten, text)


def summary_line(validation: Validation) -> str:
    """Counts by severity and the verdict, in one line."""
    counts = validation.report.counts()
    parts = [f"{counts[severity]} {severity.lower()}{'' if counts[severity] == 1 else 's'}" for severity in SEVERITIES]
    verdict = "conforms" if validation.report.conforms else "does not conform"
    return f"Summary: {', '.join(parts)}; {verdict}."


def to_text(validation: Validation) -> str:
    """The report for people: results grouped by focus node, then the summary line."""
    what = (
        "the curated graph"
        if not validation.files
        else ", ".join(str(path) for path in validation.files) + " in the context of the curated graph"
    )
    lines = [f"Validated {what}."]
    results = sorted(validation.report.results, key=lambda r: (r.focus_node, r.sort_key()))
    for focus, group in groupby(results, key=lambda r: r.focus_node):
        description = describe(validation.graph, focus)
        lines.append("")
        lines.append(f"{description.label or compact(focus)}  {focus}")
        for source in description.sources:
            where = source.location or compact(source.source)
            lines.append(f"  cites: {where}" + (f" — {source.document}" if source.document else ""))
        if not description.sources:
            lines.append("  cites: no source")
        for result in group:
            lines.extend(_result_lines(result))
    lines.append("")
    lines.append(summary_line(validation))
    return "\n".join(lines)


def _result_lines(result: ValidationResult) -> list[str]:
    head = f"  {result.severity}: {compact(result.path) if result.path else '(the node itself)'}"
    if result.value is not None:
        head += f" = {compact(result.value)}"
    return [
        head,
        f"    {result.message}",
        f"    ({compact(result.source_shape)}, {compact('<' + component_iri(result) + '>')})",
    ]


def component_iri(result: ValidationResult) -> str:
    """The IRI of a result's constraint component: a SHACL local name, or a full IRI for the project's own."""
    component = result.constraint_component
    return component if "://" in component else SH + component


def to_json(validation: Validation) -> str:
    """The report as JSON: conforms, counts by severity, every result with its node's label and sources."""
    descriptions: dict[str, NodeDescription] = {}
    results = []
    for result in validation.report.results:
        if result.focus_node not in descriptions:
            descriptions[result.focus_node] = describe(validation.graph, result.focus_node)
        description = descriptions[result.focus_node]
        results.append(
            {
                "focusNode": result.focus_node,
                "focusLabel": description.label,
                "path": result.path,
                "value": result.value,
                "constraintComponent": component_iri(result),
                "sourceShape": result.source_shape,
                "severity": SH + result.severity,
                "message": result.message,
                "sources": [
                    {"source": s.source, "location": s.location, "document": s.document} for s in description.sources
                ],
            }
        )
    return json.dumps(
        {"conforms": validation.report.conforms, "counts": validation.report.counts(), "results": results},
        indent=2,
        ensure_ascii=False,
    )


def to_turtle(validation: Validation) -> str:
    """The report as a W3C SHACL validation report graph in Turtle."""
    import rdflib
    from rdflib import RDF, BNode, Literal, URIRef

    from cyberkg.rdf.namespaces import bind_prefixes
    from cyberkg.validation.result_paths import sparql_to_path

    sh = rdflib.Namespace(SH)
    graph = rdflib.Graph()
    bind_prefixes(graph)
    graph.bind("sh", SH)
    graph.bind("shape", SHAPES_NAMESPACE)
    report = BNode()
    graph.add((report, RDF.type, sh.ValidationReport))
    graph.add((report, sh.conforms, Literal(validation.report.conforms)))
    for result in validation.report.results:
        node = BNode()
        graph.add((report, sh.result, node))
        graph.add((node, RDF.type, sh.ValidationResult))
        graph.add((node, sh.focusNode, n3_to_rdflib(result.focus_node)))
        if result.path is not None:
            graph.add((node, sh.resultPath, sparql_to_path(result.path, graph)))
        if result.value is not None:
            graph.add((node, sh.value, n3_to_rdflib(result.value)))
        graph.add((node, sh.sourceConstraintComponent, URIRef(component_iri(result))))
        graph.add((node, sh.sourceShape, n3_to_rdflib(result.source_shape)))
        graph.add((node, sh.resultSeverity, URIRef(SH + result.severity)))
        graph.add((node, sh.resultMessage, Literal(result.message, lang="en")))
    return graph.serialize(format="turtle")


def render_report(validation: Validation, fmt: str) -> str:
    """The report in one of FORMATS."""
    if fmt == "json":
        return to_json(validation)
    if fmt == "turtle":
        return to_turtle(validation)
    return to_text(validation)
