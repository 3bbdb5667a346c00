"""The engine-neutral pieces: result records and their filtering, paths as text, compact names, conflicts."""

from __future__ import annotations

import pytest

from cyberkg.validation.report import ValidationReport, ValidationResult
from cyberkg.validation.report_format import compact

CKG = "https://w3id.org/cyberkg/ontology#"


def result(focus: str, value: str | None, severity: str = "Violation") -> ValidationResult:
    return ValidationResult(
        focus_node=focus,
        path=f"<{CKG}p>",
        value=value,
        constraint_component="X",
        source_shape="<urn:s>",
        severity=severity,
        message="m",
    )


def test_report_sorts_deduplicates_and_counts():
    a, b, w = result("<urn:b>", None), result("<urn:a>", '"1"'), result("<urn:a>", None, "Warning")
    report = ValidationReport.of([w, a, b, a])
    assert report.results == (b, a, w)
    assert report.counts() == {"Violation": 2, "Warning": 1, "Info": 0}
    assert report.conforms is False
    assert ValidationReport.of([w]).conforms is True


def test_only_involving_keeps_results_whose_focus_or_value_is_new():
    by_focus, by_value, neither = (
        result("<urn:new>", None),
        result("<urn:old>", "<urn:new>"),
        result("<urn:old>", "<urn:other>"),
    )
    report = ValidationReport.of([by_focus, by_value, neither]).only_involving({"<urn:new>"})
    assert sorted(report.results) == sorted([by_focus, by_value])


@pytest.mark.parametrize(
    "text",
    [
        f"<{CKG}p>",
        f"^<{CKG}p>",
        f"<{CKG}a>/<{CKG}b>",
        f"<{CKG}a>|<{CKG}b>|<{CKG}c>",
        f"<{CKG}p>*",
        f"<{CKG}p>+",
        f"<{CKG}p>?",
        f"^(<{CKG}a>/<{CKG}b>)",
        f"(<{CKG}a>|<{CKG}b>)/<{CKG}c>",
        f"(^<{CKG}a>)*",
    ],
)
def test_paths_round_trip_through_shacl(text):
    import rdflib

    from cyberkg.validation.result_paths import path_to_sparql, sparql_to_path

    graph = rdflib.Graph()
    assert path_to_sparql(graph, sparql_to_path(text, graph)) == text


def test_path_from_shacl_turtle():
    import rdflib

    from cyberkg.validation.result_paths import path_to_sparql

    graph = rdflib.Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> sh:path ( <{CKG}a> [ sh:inversePath <{CKG}b> ] [ sh:zeroOrMorePath <{CKG}c> ] ) .
        """,
        format="turtle",
    )
    path = graph.value(rdflib.URIRef("urn:s"), rdflib.URIRef("http://www.w3.org/ns/shacl#path"))
    assert path_to_sparql(graph, path) == f"<{CKG}a>/(^<{CKG}b>)/(<{CKG}c>*)"


@pytest.mark.parametrize(
    ("text", "short"),
    [
        (f"<{CKG}actionDate>", "ckg:actionDate"),
        ('"2001-11-01"^^<http://www.w3.org/2001/XMLSchema#date>', '"2001-11-01"^^xsd:date'),
        ('"a <https://w3id.org/cyberkg/ontology#x> b"', '"a <https://w3id.org/cyberkg/ontology#x> b"'),
        ("<https://w3id.org/cyberkg/id/source/fixture/p>", "<https://w3id.org/cyberkg/id/source/fixture/p>"),
        (f"<{CKG}a>|^<{CKG}b>", "ckg:a|^ckg:b"),
        (None, ""),
    ],
)
def test_compact_names(text, short):
    assert compact(text) == short


def test_conflicts_on_single_valued_properties():
    import rdflib

    from cyberkg.validation.conflicts import Conflict, find_conflicts

    prefix = f"@prefix ckg: <{CKG}> .\n"
    graph = rdflib.Graph().parse(
        data=prefix
        + """
        <urn:e> ckg:status ckg:Planned ; ckg:topic <urn:t1> .
        <urn:a> a ckg:TreatyAction ; ckg:instrument <urn:i1> .
        <urn:p> a ckg:Project ; ckg:instrument <urn:i1> .""",
        format="turtle",
    )
    new = rdflib.Graph().parse(
        data=prefix
        + """
        <urn:e> ckg:status ckg:Held , ckg:Planned ; ckg:topic <urn:t2> .
        <urn:f> ckg:status ckg:Held .
        <urn:a> ckg:instrument <urn:i2> .
        <urn:p> ckg:instrument <urn:i2> .""",
        format="turtle",
    )
    rules = {
        rdflib.URIRef(CKG + "status"): None,
        rdflib.URIRef(CKG + "instrument"): frozenset({rdflib.URIRef(CKG + "TreatyAction")}),
    }
    assert find_conflicts(graph, new, rules) == [
        Conflict(subject="<urn:a>", predicate=f"<{CKG}instrument>", existing=("<urn:i1>",), new=("<urn:i2>",)),
        Conflict(
            subject="<urn:e>",
            predicate=f"<{CKG}status>",
            existing=(f"<{CKG}Planned>",),
            new=(f"<{CKG}Held>", f"<{CKG}Planned>"),
        ),
    ]
    same = rdflib.Graph().parse(data=prefix + "<urn:e> ckg:status ckg:Planned .", format="turtle")
    assert find_conflicts(graph, same, rules) == []


def test_single_valued_properties_come_from_the_ontology_and_the_shapes():
    from cyberkg.validation.conflicts import single_valued_properties
    from cyberkg.validation.reference import load_curated, load_shapes_graph

    rules = single_valued_properties(load_curated(), load_shapes_graph())
    every_subject = sorted(compact(p.n3()) for p, classes in rules.items() if classes is None)
    assert every_subject == sorted(
        [
            "ckg:inDocument",
            "ckg:articleOf",
            "ckg:actionKind",
            "ckg:state",
            "ckg:actionDate",
            "ckg:alpha2",
            "ckg:alpha3",
            "ckg:numericCode",
            "ckg:inCountry",
            "ckg:outputOf",
            "ckg:startDate",
            "ckg:endDate",
            "ckg:status",
            "ckg:agent",
            "ckg:role",
            "ckg:country",
            "ckg:involvementKind",
            "ckg:claimAbout",
            "ckg:claimProperty",
            "ckg:claimValue",
            "ckg:rank",
            "ckg:valueQualifier",
            "ckg:valueKind",
            "ckg:asOf",
            "ckg:valueAsWritten",
            "ckg:invitedState",
            "ckg:changeKind",
            "ckg:changeDate",
            "ckg:notBefore",
            "ckg:notAfter",
        ]
    )
    by_class = {
        compact(p.n3()): sorted(compact(c.n3()) for c in classes) for p, classes in rules.items() if classes is not None
    }
    assert by_class["ckg:instrument"] == ["ckg:TreatyAction"]
    assert by_class["dcterms:title"] == ["ckg:Document"]
    assert by_class["ckg:openedForSignature"] == ["ckg:Convention"]
    assert by_class["ckg:statusAsOf"] == ["ckg:Event"]
    assert by_class["ckg:location"] == ["ckg:SourcePassage"]
    assert "rdfs:label" not in rules and "ckg:topic" not in rules and "ckg:participation" not in rules
