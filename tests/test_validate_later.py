"""Later facts, written by hand as a user would, validate clean in the context of the graph; broken
variants of them (each one small, named edit) fail with the right result and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_rows import result_rows

LATER = Path(__file__).parent / "shapes" / "later"
ARGENTINA = "argentina-accession-ets-185.ttl"
REPORT = "example-report-2014.ttl"

# name: (fixture, [(text to replace, replacement, how many times it occurs)], expected results, message)
VARIANTS = {
    "accession before the convention opened": (
        ARGENTINA,
        [('"2018-06-05"', '"2001-11-01"', 1)],
        [
            (
                "action:AR-ets-185-accession",
                "ckg:actionDate",
                '"2001-11-01"^^xsd:date',
                "SPARQLConstraintComponent",
                "shape:TreatyActionNotBeforeOpening",
                "Violation",
            )
        ],
        "The treaty action is dated before its instrument was opened for signature.",
    ),
    "entry into force before the accession it follows": (
        ARGENTINA,
        [('"2018-10-01"', '"2018-06-01"', 1)],
        [
            (
                "action:AR-ets-185-entry-into-force",
                "ckg:actionDate",
                '"2018-06-01"^^xsd:date',
                "SPARQLConstraintComponent",
                "shape:TreatyActionNotBeforeFollowed",
                "Violation",
            )
        ],
        "The treaty action is dated before the treaty action it follows (such as an entry into force before "
        "the ratification).",
    ),
    "an instrument not in the graph": (
        ARGENTINA,
        [("ckg:instrument inst:ets-185 ;", "ckg:instrument inst:ets-158 ;", 2)],
        [
            (
                "action:AR-ets-185-accession",
                "ckg:instrument",
                "inst:ets-158",
                "ClassConstraintComponent",
                "shape:TreatyActionInstrument",
                "Violation",
            ),
            (
                "action:AR-ets-185-entry-into-force",
                "ckg:instrument",
                "inst:ets-158",
                "ClassConstraintComponent",
                "shape:TreatyActionInstrument",
                "Violation",
            ),
        ],
        "A treaty action must be on exactly one convention (a treaty open to states) that is described in the graph.",
    ),
    "a country code not in ISO 3166-1": (
        ARGENTINA,
        [("ckg:state country:AR ;", "ckg:state country:RA ;", 2)],
        [
            (
                "action:AR-ets-185-accession",
                "ckg:state",
                "country:RA",
                "ClassConstraintComponent",
                "shape:TreatyActionState",
                "Violation",
            ),
            (
                "action:AR-ets-185-entry-into-force",
                "ckg:state",
                "country:RA",
                "ClassConstraintComponent",
                "shape:TreatyActionState",
                "Violation",
            ),
        ],
        "A treaty action needs exactly one state that took it, a country described in the graph "
        "(ckg:Country, ISO 3166-1).",
    ),
    "a source passage without location": (
        ARGENTINA,
        [('ckg:location "Chart of', 'ckg:section "Chart of', 1)],
        [
            (
                "src:coe-treaty-office-ets-185-chart-AR",
                "ckg:location",
                "",
                "MinCountConstraintComponent",
                "shape:SourcePassageLocation",
                "Violation",
            )
        ],
        "A source passage must say where in its document it stands (exactly one ckg:location, as plain "
        "text), so that a reader can find it.",
    ),
    "an accession that cites no source": (
        ARGENTINA,
        [
            (
                '"2018-06-05"^^xsd:date ;\n    prov:wasDerivedFrom src:coe-treaty-office-ets-185-chart-AR .',
                '"2018-06-05"^^xsd:date .',
                1,
            )
        ],
        [
            (
                "action:AR-ets-185-accession",
                "prov:wasDerivedFrom",
                "",
                "MinCountConstraintComponent",
                "shape:CitesSourcePassage",
                "Violation",
            )
        ],
        "This fact must cite the passage of a source document that states it (prov:wasDerivedFrom a "
        "ckg:SourcePassage in the graph).",
    ),
    "an event serving another project's output": (
        REPORT,
        [("ckg:servesOutput output:example-later-project-output-1 ;", "ckg:servesOutput output:phase-2-output-1 ;", 1)],
        [
            (
                "event:example-2014-02-10-strasbourg-workshop",
                "ckg:servesOutput",
                "output:phase-2-output-1",
                "SPARQLConstraintComponent",
                "shape:EventServesOutputOfItsProject",
                "Violation",
            )
        ],
        "The event serves an output that no project it is an activity of has.",
    ),
    "a held workshop that starts after its report": (
        REPORT,
        [('ckg:startDate "2014-02-10"^^xsd:date ;', 'ckg:startDate "2014-04-10"^^xsd:date ;', 1)],
        [
            (
                "event:example-2014-02-10-strasbourg-workshop",
                "ckg:endDate",
                '"2014-02-12"^^xsd:date',
                "SPARQLConstraintComponent",
                "shape:EventEndNotBeforeStart",
                "Violation",
            ),
            (
                "event:example-2014-02-10-strasbourg-workshop",
                "ckg:startDate",
                '"2014-04-10"^^xsd:date',
                "SPARQLConstraintComponent",
                "shape:HeldEventStartedByReportDate",
                "Violation",
            ),
        ],
        None,
    ),
    "a planned conference in a month already past": (
        REPORT,
        [('"2014-04"^^xsd:gYearMonth', '"2014-02"^^xsd:gYearMonth', 2)],
        [
            (
                "event:example-2014-04-conference",
                "ckg:endDate",
                '"2014-02"^^xsd:gYearMonth',
                "SPARQLConstraintComponent",
                "shape:PlannedEventNotOverAtReportDate",
                "Violation",
            )
        ],
        "The event is marked planned, but it ended before the date of the report that states its status.",
    ),
    "a planned conference in the report's own month (fine at month precision)": (
        REPORT,
        [('"2014-04"^^xsd:gYearMonth', '"2014-03"^^xsd:gYearMonth', 2)],
        [],
        None,
    ),
    "a recommendation made at no event": (
        REPORT,
        [("    ckg:madeAt event:example-2014-02-10-strasbourg-workshop ;\n", "", 1)],
        [
            (
                "statement:example-2014-02-10-review-legislation",
                "ckg:madeAt",
                "",
                "MinCountConstraintComponent",
                "shape:StatementMadeAt",
                "Violation",
            )
        ],
        "A statement must name the one event at which it was made (ckg:madeAt an event in the graph).",
    ),
    "a new organisation governing a country not in the graph": (
        REPORT,
        [("ckg:governmentOf country:MU ;", "ckg:governmentOf country:MRU ;", 1)],
        [
            (
                "organisation:example-cybercrime-unit",
                "ckg:governmentOf",
                "country:MRU",
                "ClassConstraintComponent",
                "shape:GovernmentOf",
                "Violation",
            )
        ],
        "A government body must name the one country it governs or belongs to (ckg:governmentOf a "
        "ckg:Country in the graph).",
    ),
    "a workshop whose participation names no role": (
        REPORT,
        [("    ckg:role ckg:Participant ;\n", "", 1)],
        [
            (
                "participation:example-2014-02-10-strasbourg-workshop--example-cybercrime-unit--participant",
                "ckg:role",
                "",
                "MinCountConstraintComponent",
                "shape:ParticipationRole",
                "Violation",
            )
        ],
        "A participation needs exactly one role: ckg:Organiser, ckg:Host, ckg:Presenter, ckg:Facilitator, "
        "ckg:Participant, ckg:Invited or ckg:NamedInTitle.",
    ),
}


@pytest.fixture(scope="module")
def validate_file():
    from cyberkg.validation.reference import load_curated, load_new_data, load_shapes_graph, validate_in_context

    curated, shapes = load_curated(), load_shapes_graph()

    def run(path: Path):
        return validate_in_context(curated, load_new_data([path]), shapes).report

    return run


rows = result_rows


@pytest.mark.parametrize("fixture", [ARGENTINA, REPORT])
def test_later_facts_validate_clean_in_context(fixture, validate_file):
    report = validate_file(LATER / fixture)
    assert rows(report) == []
    assert report.conforms is True


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_broken_variant_fails_with_the_right_result(name, validate_file, tmp_path):
    fixture, edits, expected, message = VARIANTS[name]
    text = (LATER / fixture).read_text(encoding="utf-8")
    for old, new, count in edits:
        assert text.count(old) == count, f"fixture drifted: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / fixture
    path.write_text(text, encoding="utf-8")
    report = validate_file(path)
    assert rows(report) == sorted(expected)
    if message is not None:
        assert sorted({r.message for r in report.results}) == [message]
