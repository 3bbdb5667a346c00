"""`cyberkg validate` as a user meets it: reports in three formats, exit codes, and unusable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
LATER = Path(__file__).parent / "shapes" / "later"
ARGENTINA = LATER / "argentina-accession-ets-185.ttl"
SH = "http://www.w3.org/ns/shacl#"
ACCESSION = "https://w3id.org/cyberkg/id/treaty-action/AR-ets-185-accession"


@pytest.fixture
def early_accession(tmp_path: Path) -> Path:
    """Argentina's accession dated before ETS 185 opened for signature (one violation)."""
    path = tmp_path / "early-accession.ttl"
    path.write_text(ARGENTINA.read_text(encoding="utf-8").replace('"2018-06-05"', '"2001-11-01"'), encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_curated_graph_report_conforms_with_its_warnings(capsys):
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Validated the curated graph."
    assert lines[-1] == "Summary: 0 violations, 7 warnings, 0 infos; conforms."
    headers = [line for line in lines if line.endswith(">") and not line.startswith(" ")]
    assert len(headers) == 7
    assert headers[0] == (
        "Adoption of the guidelines on law enforcement – ISP cooperation  "
        "<https://w3id.org/cyberkg/id/event/2008-04-octopus-conference-guidelines-adoption>"
    )


def test_later_facts_conform_in_context(capsys):
    code, out, err = run(capsys, str(ARGENTINA))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Validated {ARGENTINA} in the context of the curated graph.",
        "",
        "Summary: 0 violations, 0 warnings, 0 infos; conforms.",
    ]


def test_text_report_groups_by_node_with_label_path_value_message_and_source(capsys, early_accession):
    code, out, err = run(capsys, str(early_accession))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"Validated {early_accession} in the context of the curated graph.",
        "",
        f"Accession of Argentina to the Convention on Cybercrime  <{ACCESSION}>",
        "  cites: Chart of signatures and ratifications of Treaty No. 185, row Argentina — Council of Europe "
        "Treaty Office: treaty list and charts of signatures and ratifications",
        '  Violation: ckg:actionDate = "2001-11-01"^^xsd:date',
        "    The treaty action is dated before its instrument was opened for signature.",
        "    (shape:TreatyActionNotBeforeOpening, sh:SPARQLConstraintComponent)",
        "",
        "Summary: 1 violation, 0 warnings, 0 infos; does not conform.",
    ]


def test_json_report(capsys, early_accession):
    code, out, _ = run(capsys, str(early_accession), "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "conforms": False,
        "counts": {"Violation": 1, "Warning": 0, "Info": 0},
        "results": [
            {
                "focusNode": f"<{ACCESSION}>",
                "focusLabel": "Accession of Argentina to the Convention on Cybercrime",
                "path": "<https://w3id.org/cyberkg/ontology#actionDate>",
                "value": '"2001-11-01"^^<http://www.w3.org/2001/XMLSchema#date>',
                "constraintComponent": SH + "SPARQLConstraintComponent",
                "sourceShape": "<https://w3id.org/cyberkg/shapes#TreatyActionNotBeforeOpening>",
                "severity": SH + "Violation",
                "message": "The treaty action is dated before its instrument was opened for signature.",
                "sources": [
                    {
                        "source": "<https://w3id.org/cyberkg/id/source/coe-treaty-office-ets-185-chart-AR>",
                        "location": "Chart of signatures and ratifications of Treaty No. 185, row Argentina",
                        "document": "Council of Europe Treaty Office: treaty list and charts of signatures and "
                        "ratifications",
                    }
                ],
            }
        ],
    }


def test_turtle_report_is_a_w3c_shacl_report(capsys, early_accession):
    import rdflib
    from rdflib import RDF, XSD, Literal, URIRef

    code, out, _ = run(capsys, str(early_accession), "--format", "turtle")
    assert code == 1
    graph = rdflib.Graph().parse(data=out, format="turtle")
    sh = rdflib.Namespace(SH)
    report = graph.value(None, RDF.type, sh.ValidationReport)
    assert graph.value(report, sh.conforms) == Literal(False)
    results = list(graph.objects(report, sh.result))
    assert len(results) == 1
    result = results[0]
    assert sorted((str(p), str(o)) for p, o in graph.predicate_objects(result)) == sorted(
        [
            (str(RDF.type), SH + "ValidationResult"),
            (SH + "focusNode", ACCESSION),
            (SH + "resultPath", "https://w3id.org/cyberkg/ontology#actionDate"),
            (SH + "value", "2001-11-01"),
            (SH + "sourceConstraintComponent", SH + "SPARQLConstraintComponent"),
            (SH + "sourceShape", "https://w3id.org/cyberkg/shapes#TreatyActionNotBeforeOpening"),
            (SH + "resultSeverity", SH + "Violation"),
            (SH + "resultMessage", "The treaty action is dated before its instrument was opened for signature."),
        ]
    )
    assert graph.value(result, sh.value) == Literal("2001-11-01", datatype=XSD.date)
    assert graph.value(result, sh.focusNode) == URIRef(ACCESSION)


def test_warnings_alone_exit_zero_and_only_new_data_is_reported(capsys, tmp_path):
    """A topic added to the Hanoi seminar (update, planned row 4) brings its warning into the report;
    the other six curated warnings concern nodes the new data does not touch and are left out."""
    path = tmp_path / "hanoi-topic.ttl"
    path.write_text(
        "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n"
        "@prefix event: <https://w3id.org/cyberkg/id/event/> .\n"
        "@prefix topic: <https://w3id.org/cyberkg/id/topic/> .\n"
        "event:2009-11-18-hanoi-seminar ckg:topic topic:data-protection .\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, str(path), "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["counts"] == {"Violation": 0, "Warning": 1, "Info": 0}
    assert [(r["focusNode"], r["sourceShape"]) for r in report["results"]] == [
        (
            "<https://w3id.org/cyberkg/id/event/2009-11-18-hanoi-seminar>",
            "<https://w3id.org/cyberkg/shapes#EventHasAgent>",
        )
    ]


def test_several_files_are_validated_together(capsys, tmp_path):
    """An entry into force in one file follows an accession in another: together they conform."""
    text = ARGENTINA.read_text(encoding="utf-8")
    head, _, rest = text.partition("action:AR-ets-185-entry-into-force")
    prefixes = "".join(line + "\n" for line in text.splitlines() if line.startswith("@prefix"))
    first, second = tmp_path / "accession.ttl", tmp_path / "entry-into-force.ttl"
    first.write_text(head, encoding="utf-8")
    second.write_text(prefixes + "action:AR-ets-185-entry-into-force" + rest, encoding="utf-8")
    assert run(capsys, str(second))[0] == 1  # alone, it follows an action that is not in the graph
    code, out, _ = run(capsys, str(first), str(second))
    assert code == 0
    assert out.splitlines()[-1] == "Summary: 0 violations, 0 warnings, 0 infos; conforms."


@pytest.mark.parametrize(
    ("text", "line", "column", "detail"),
    [
        ("@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n\nckg:a ckg:b ckg:c ;\n    ckg:d .\n", 4, 11, None),
        (
            "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\nckg:a ckg:b foo:c .\n",
            2,
            13,
            "The prefix foo: has not been declared",
        ),
    ],
)
def test_malformed_turtle_is_one_line_with_file_line_column(capsys, tmp_path, text, line, column, detail):
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith(f"cyberkg: error: {path}:{line}:{column}: ")
    if detail is not None:
        assert err == f"cyberkg: error: {path}:{line}:{column}: {detail}\n"


def test_missing_file_is_an_error(capsys, tmp_path):
    missing = tmp_path / "nowhere.ttl"
    assert run(capsys, str(missing)) == (2, "", f"cyberkg: error: {missing}: no such file\n")


def test_other_shapes_folder(capsys, tmp_path):
    """--shapes replaces the project's shapes: here one shape that every country have an alpha-3 code."""
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "one.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n"
        "<urn:test:CountryNeedsName> a sh:NodeShape ; sh:targetClass ckg:Country ;\n"
        "  sh:property [ sh:path ckg:shortName ; sh:minCount 1 ; sh:severity sh:Info ; "
        'sh:message "no short name"@en ] .\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--shapes", str(shapes), "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["counts"] == {"Violation": 0, "Warning": 0, "Info": 249}
    assert {r["message"] for r in report["results"]} == {"no short name"}


def test_missing_shapes_folder_is_an_error(capsys, tmp_path):
    assert run(capsys, "--shapes", str(tmp_path / "none")) == (
        2,
        "",
        f"cyberkg: error: {tmp_path / 'none'}: no such shapes folder\n",
    )


def test_exit_codes_from_a_real_process(early_accession):
    def status(*args: str) -> int:
        return subprocess.run(
            [sys.executable, "-m", "cyberkg", "validate", *args], capture_output=True, cwd=ROOT
        ).returncode

    assert [status(str(ARGENTINA)), status(str(early_accession)), status(str(early_accession) + ".missing")] == [
        0,
        1,
        2,
    ]


def test_a_time_limit_keeps_the_report_and_the_exit_code_of_data_that_does_not_conform(capsys, early_accession):
    without = run(capsys, str(early_accession), "--engine", "fast")
    assert without[0] == 1
    assert run(capsys, str(early_accession), "--engine", "fast", "--timeout", "120") == without
    assert run(capsys, str(early_accession), "--engine", "fast", "--timeout", "0.001") == (
        2,
        "",
        "cyberkg: error: validation did not finish within 0.001 s and was stopped\n",
    )
