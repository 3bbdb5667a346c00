"""Issue 15: a closed vocabulary and well-typed literals, the same in both engines and through the CLI.

Fixtures in tests/vocabulary/: each failing node stands beside a valid one, which gives no result.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg.rdf.namespaces import CKG, ID, RDF_TYPE, SHAPES, XSD
from cyberkg.validation.engines import validate_with

FIXTURES = Path(__file__).resolve().parent / "vocabulary"
EVENT = ID + "event/"
EX = "https://example.org/elsewhere#"
KNOWN = "rdf, rdfs, owl, xsd, skos, dcterms, prov, org, schema, foaf, geo, sh, void, dcat, vann, and ckg"

EXPECTED = {
    "undeclared.ttl": {
        (
            f"<{EVENT}webinar-2009>",
            f"<{RDF_TYPE}>",
            f"<{CKG}Webinar>",
            "DeclaredTerm",
            "Violation",
            "ckg:Webinar is not a class declared in the ontology; did you mean ckg:Seminar?",
        ),
        (
            f"<{EVENT}webinar-2009>",
            f"<{CKG}startdate>",
            None,
            "DeclaredTerm",
            "Violation",
            "ckg:startdate is not a property declared in the ontology; did you mean ckg:startDate?",
        ),
        (
            f"<{EVENT}webinar-2009>",
            f"<{CKG}participantsAlmost>",
            None,
            "DeclaredTerm",
            "Violation",
            "ckg:participantsAlmost is not a property declared in the ontology; did you mean ckg:participation?",
        ),
    },
    "ill_typed.ttl": {
        (
            f"<{EVENT}ill-typed-2009>",
            f"<{CKG}rowNumber>",
            f'"abc"^^<{XSD}integer>',
            "WellTypedLiteral",
            "Violation",
            '"abc" is not a valid xsd:integer.',
        ),
        (
            f"<{EVENT}ill-typed-2009>",
            f"<{CKG}reportDate>",
            f'"2009-13-45"^^<{XSD}date>',
            "WellTypedLiteral",
            "Violation",
            '"2009-13-45" is not a valid xsd:date.',
        ),
        (
            f"<{EVENT}ill-typed-2009>",
            f"<{CKG}durationMonths>",
            '"12"',
            "DatatypeRange",
            "Violation",
            "The values of ckg:durationMonths are xsd:integer literals (its declared range).",
        ),
    },
    "other_vocabulary.ttl": {
        (
            f"<{EVENT}elsewhere-2009>",
            f"<{RDF_TYPE}>",
            f"<{EX}Gathering>",
            "KnownVocabulary",
            "Warning",
            f"<{EX}Gathering> is a class from a vocabulary outside the declared list ({KNOWN}).",
        ),
        (
            f"<{EVENT}elsewhere-2009>",
            f"<{EX}mood>",
            None,
            "KnownVocabulary",
            "Warning",
            f"<{EX}mood> is a property from a vocabulary outside the declared list ({KNOWN}).",
        ),
    },
}


def results(engine: str, name: str) -> set[tuple]:
    report = validate_with(engine, [FIXTURES / name]).report
    return {
        (
            r.focus_node,
            r.path,
            r.value,
            r.source_shape.removeprefix(f"<{SHAPES}").removesuffix(">"),
            r.severity,
            r.message,
        )
        for r in report.results
    }


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_engine_names_the_term_or_value(engine, name):
    assert results(engine, name) == EXPECTED[name]


def test_the_curated_graph_uses_only_declared_terms_and_well_typed_literals():
    for engine in ("pyshacl", "fast"):
        report = validate_with(engine).report
        assert [
            r
            for r in report.results
            if r.constraint_component
            in {
                f"{SHAPES}DeclaredTermConstraintComponent",
                f"{SHAPES}KnownVocabularyConstraintComponent",
                f"{SHAPES}WellTypedLiteralConstraintComponent",
                f"{SHAPES}DatatypeRangeConstraintComponent",
            }
        ] == []


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cyberkg", "validate", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
@pytest.mark.parametrize(
    ("name", "exit_code", "lines"),
    [
        (
            "undeclared.ttl",
            1,
            [
                "    ckg:Webinar is not a class declared in the ontology; did you mean ckg:Seminar?",
                "    ckg:participantsAlmost is not a property declared in the ontology; did you mean ckg:participation?",
                "    ckg:startdate is not a property declared in the ontology; did you mean ckg:startDate?",
                "Summary: 3 violations, 0 warnings, 0 infos; does not conform.",
            ],
        ),
        (
            "ill_typed.ttl",
            1,
            [
                "    The values of ckg:durationMonths are xsd:integer literals (its declared range).",
                '    "2009-13-45" is not a valid xsd:date.',
                '    "abc" is not a valid xsd:integer.',
                "Summary: 3 violations, 0 warnings, 0 infos; does not conform.",
            ],
        ),
        (
            "other_vocabulary.ttl",
            0,
            [
                f"    <{EX}Gathering> is a class from a vocabulary outside the declared list ({KNOWN}).",
                f"    <{EX}mood> is a property from a vocabulary outside the declared list ({KNOWN}).",
                "Summary: 0 violations, 2 warnings, 0 infos; conforms.",
            ],
        ),
    ],
)
def test_the_cli_reports_them_without_a_traceback(engine, name, exit_code, lines):
    done = cli("--engine", engine, str(FIXTURES / name))
    assert (done.returncode, done.stderr) == (exit_code, "")
    messages = [
        line
        for line in done.stdout.splitlines()
        if line.startswith("    ") and not line.startswith("    (") or line.startswith("Summary:")
    ]
    assert messages == lines
