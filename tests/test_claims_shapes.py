"""Claims validate clean in the context of the graph, on both engines; broken variants of the worked
examples (each one small, named edit) fail with the exact result and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_rows import result_rows

from cyberkg.validation.engines import validate_with
from cyberkg.validation.report_format import compact

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples" / "later-facts"
ATTENDANCE = "octopus-2009-attendance-press-release.ttl"
PHASE_END = "phase-2-actual-end.ttl"
DAYS = "octopus-2008-days.ttl"
PRESS_CLAIM = "claim:2009-03-10-strasbourg-octopus-conference--participants--coe-press-release-208-2009"
REPORT_CLAIM = "claim:global-project-on-cybercrime-phase-2--end--global-project-phase-2-final-report"
PAGE_CLAIM = "claim:global-project-on-cybercrime-phase-2--end--coe-cybercrime-global-project-phase-2-page"

# name: (example, [(text to replace, replacement, how many times it occurs)], expected results, message)
VARIANTS = {
    "a claim without a source": (
        ATTENDANCE,
        [
            (
                '    ckg:valueAsWritten "almost 280" ;\n    ckg:rank ckg:NormalRank ;\n'
                "    prov:wasDerivedFrom src:coe-press-release-208-2009-attendance .",
                '    ckg:valueAsWritten "almost 280" ;\n    ckg:rank ckg:NormalRank .',
                1,
            )
        ],
        [
            (
                PRESS_CLAIM,
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
    "a preferred value that disagrees with the direct triple": (
        PHASE_END,
        [
            (
                '"2011-12-31"^^xsd:date ;\n    ckg:valueKind ckg:ActualValue ;\n    ckg:valueAsWritten "31 December 2011" ;\n'
                "    ckg:refines claim:global-project-on-cybercrime-phase-2--end--coe-cybercrime-global-project-phase-2-page ;\n"
                "    ckg:rank ckg:NormalRank ;",
                '"2011-12-31"^^xsd:date ;\n    ckg:valueKind ckg:ActualValue ;\n    ckg:valueAsWritten "31 December 2011" ;\n'
                "    ckg:refines claim:global-project-on-cybercrime-phase-2--end--coe-cybercrime-global-project-phase-2-page ;\n"
                "    ckg:rank ckg:PreferredRank ;",
                1,
            )
        ],
        [
            (
                REPORT_CLAIM,
                "ckg:claimValue",
                '"2011-12-31"^^xsd:date',
                "SPARQLConstraintComponent",
                "shape:PreferredClaimIsDirect",
                "Violation",
            )
        ],
        "The claim is preferred, but the thing it is about does not have its value as the direct triple of its "
        "property; make the direct triple agree, or rank the claim normal.",
    ),
    "a deprecated value used as the direct triple": (
        DAYS,
        [
            (
                '"2008-04-01"^^xsd:date ;\n    ckg:valueAsWritten "Tuesday 1 - Wednesday 2 April 2008" ;\n'
                "    ckg:rank ckg:NormalRank ;",
                '"2008-04"^^xsd:gYearMonth ;\n    ckg:valueAsWritten "Tuesday 1 - Wednesday 2 April 2008" ;\n'
                "    ckg:rank ckg:DeprecatedRank ;",
                1,
            )
        ],
        [
            (
                "claim:2008-04-octopus-conference--start--coe-octopus-interface-2008-page",
                "ckg:claimValue",
                '"2008-04"^^xsd:gYearMonth',
                "SPARQLConstraintComponent",
                "shape:DeprecatedClaimIsNotDirect",
                "Violation",
            )
        ],
        "The claim is deprecated, but its value is the direct triple of the thing it is about; a deprecated "
        "value is never the one the graph gives.",
    ),
    "two actual ends that disagree, none preferred, neither refining": (
        PHASE_END,
        [
            (
                "    ckg:refines claim:global-project-on-cybercrime-phase-2--end--coe-cybercrime-global-project-phase-2-page ;\n",
                "",
                1,
            )
        ],
        [
            (
                PAGE_CLAIM,
                "ckg:claimValue",
                '"2011-12"^^xsd:gYearMonth',
                "SPARQLConstraintComponent",
                "shape:DisagreeingClaimsWithoutPreferred",
                "Warning",
            ),
            (
                REPORT_CLAIM,
                "ckg:claimValue",
                '"2011-12-31"^^xsd:date',
                "SPARQLConstraintComponent",
                "shape:DisagreeingClaimsWithoutPreferred",
                "Warning",
            ),
        ],
        "Another source gives this fact a different value, and neither refines the other, and no claim of the "
        "fact is preferred; choose a preferred value or record that one refines the other.",
    ),
    "a rank outside the scheme": (
        ATTENDANCE,
        [
            (
                'ckg:valueAsWritten "almost 280" ;\n    ckg:rank ckg:NormalRank ;',
                'ckg:valueAsWritten "almost 280" ;\n    ckg:rank ckg:Held ;',
                1,
            )
        ],
        [(PRESS_CLAIM, "ckg:rank", "ckg:Held", "InConstraintComponent", "shape:ClaimRank", "Violation")],
        "A claim needs exactly one rank: ckg:PreferredRank, ckg:NormalRank or ckg:DeprecatedRank.",
    ),
}


rows = result_rows


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
@pytest.mark.parametrize("example", [ATTENDANCE, PHASE_END, DAYS])
def test_worked_examples_conform_in_context(example, engine):
    report = validate_with(engine, [EXAMPLES / example]).report
    assert report.conforms is True
    assert [row for row in rows(report) if row[5] == "Violation"] == []


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_broken_variant_fails_with_the_right_result(name, engine, tmp_path):
    example, edits, expected, message = VARIANTS[name]
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    for old, new, count in edits:
        assert text.count(old) == count, f"example drifted: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / example
    path.write_text(text, encoding="utf-8")
    report = validate_with(engine, [path]).report
    assert [row for row in rows(report) if row[4] != "shape:EventHasAgent"] == sorted(expected)
    assert sorted({r.message for r in report.results if compact(r.source_shape) != "shape:EventHasAgent"}) == [message]
