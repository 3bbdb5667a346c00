"""Later facts go in with `cyberkg add` and come out of `cyberkg conflicts`, the fact-values query and
`query --with-sources`, each value with its own source."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cyberkg.cli import main

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples" / "later-facts"
OCTOPUS_2009 = "https://w3id.org/cyberkg/id/event/2009-03-10-strasbourg-octopus-conference"
PHASE_2 = "https://w3id.org/cyberkg/id/project/global-project-on-cybercrime-phase-2"
SUMMARY_INTRO = (
    "Octopus Interface conference 2009: conference summary (draft): Introductory paragraph before paragraph 1 "
    "(attendance, conference site)"
)
PRESS = (
    "Council of Europe press release 208(2009): the second phase of the cybercrime project begins: "
    "First paragraph: who attended the conference and from how many countries"
)


def cyberkg(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out


@pytest.fixture
def later(project, capsys):
    """The project copy with the three worked examples added, one `cyberkg add` each."""
    for name in ("octopus-2009-attendance-press-release.ttl", "phase-2-actual-end.ttl", "octopus-2008-days.ttl"):
        code, out = cyberkg(capsys, "add", str(EXAMPLES / name))
        assert (code, out.splitlines()[-1].startswith(f"Added {EXAMPLES / name} as ")) == (0, True)
    return project


def test_conflicts_lists_the_two_attendance_figures_side_by_side(later, capsys):
    code, out = cyberkg(capsys, "conflicts")
    assert code == 0
    assert out.splitlines() == [
        "Octopus Interface conference on Cooperation against cybercrime: country figure",
        "  more than 70 [preferred]",
        f"      source: {SUMMARY_INTRO}",
        "  70 countries [normal]",
        f"      source: {PRESS}",
        "  conflict: more than 70 / 70",
        "",
        "Octopus Interface conference on Cooperation against cybercrime: participant figure",
        "  More than 280 [preferred]",
        f"      source: {SUMMARY_INTRO}",
        "  almost 280 [normal]",
        f"      source: {PRESS}",
        "  conflict: more than 280 / almost 280",
        "",
        "2 facts in conflict.",
    ]


def test_the_curated_graph_alone_has_no_conflicts(project, capsys):
    assert cyberkg(capsys, "conflicts") == (0, "0 facts in conflict.\n")


def test_conflicts_all_shows_refinements_and_planned_beside_actual(later, capsys):
    code, out = cyberkg(capsys, "conflicts", "--all", "--thing", PHASE_2)
    assert code == 0
    assert out.splitlines() == [
        "Global Project on Cybercrime, Phase 2: https://schema.org/endDate (actual)",
        "  December 2011 [normal]",
        "      source: Council of Europe cybercrime site: Global Project on Cybercrime, phase 2: Project summary: "
        "when phase 2 began and ended",
        "  31 December 2011 [normal]",
        "      source: Global Project on Cybercrime (Phase 2): final project report (provisional, 9 April 2012): "
        "Cover page: the period the report covers",
        "",
        "Global Project on Cybercrime, Phase 2: https://schema.org/endDate (planned)",
        "  30 June 2011 [preferred]",
        '      source: Global Project on Cybercrime (phase 2): update of 2 November 2009: Project data table, row "Duration"',
        "",
        "Global Project on Cybercrime, Phase 2: https://schema.org/startDate (actual)",
        "  1 March 2009 [normal]",
        "      source: Global Project on Cybercrime (Phase 2): final project report (provisional, 9 April 2012): "
        "Cover page: the period the report covers",
        "",
        "Global Project on Cybercrime, Phase 2: https://schema.org/startDate (planned)",
        "  1 March 2009 [preferred]",
        '      source: Global Project on Cybercrime (phase 2): update of 2 November 2009: Project data table, row "Duration"',
        "",
        "4 facts with claims.",
    ]


def test_fact_values_gives_the_refined_days_beside_the_month(later, capsys):
    code, out = cyberkg(
        capsys,
        "query",
        "fact-values",
        "--param",
        "thing=https://w3id.org/cyberkg/id/event/2008-04-octopus-conference",
        "--format",
        "csv",
    )
    assert code == 0
    rows = [
        (r["property"].rsplit("#")[-1], r["value"], r["rank"].rsplit("#")[-1], r["documentLabel"])
        for r in csv.DictReader(io.StringIO(out))
    ]
    assert rows == [
        (
            "endDate",
            "2008-04-02",
            "NormalRank",
            "Council of Europe: Octopus Interface 2008, Cooperation against Cybercrime (conference page)",
        ),
        ("endDate", "2008-04", "direct, no claim", "Global Project on Cybercrime (phase 2): update of 2 November 2009"),
        ("endDate", "2008-04", "direct, no claim", "Octopus Interface conference 2009: conference summary (draft)"),
        (
            "startDate",
            "2008-04-01",
            "NormalRank",
            "Council of Europe: Octopus Interface 2008, Cooperation against Cybercrime (conference page)",
        ),
        (
            "startDate",
            "2008-04",
            "direct, no claim",
            "Global Project on Cybercrime (phase 2): update of 2 November 2009",
        ),
        ("startDate", "2008-04", "direct, no claim", "Octopus Interface conference 2009: conference summary (draft)"),
    ]


def test_with_sources_never_cites_a_source_for_a_figure_it_contradicts(later, capsys, tmp_path):
    query = tmp_path / "attendance.rq"
    query.write_text(
        "PREFIX ckg: <https://w3id.org/cyberkg/ontology#>\n"
        "SELECT ?event ?participants WHERE { ?event ckg:participantsMoreThan ?participants }\n",
        encoding="utf-8",
    )
    code, out = cyberkg(capsys, "query", str(query), "--with-sources", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(row["event"], row["participants"]) for row in rows] == [(OCTOPUS_2009, "280")]
    assert rows[0]["sources"].split(" | ") == [
        "Octopus Interface conference 2009: conference summary (draft): Closing line: place and date of the summary",
        SUMMARY_INTRO,
        "Octopus Interface conference 2009: conference summary (draft): Title block: conference name, place and dates",
    ]


def test_with_sources_cites_the_press_release_for_its_own_figure(later, capsys):
    code, out = cyberkg(
        capsys, "query", "fact-values", "--param", f"thing={OCTOPUS_2009}", "--with-sources", "--format", "csv"
    )
    assert code == 0
    press = [row for row in csv.DictReader(io.StringIO(out)) if row["rank"].endswith("NormalRank")]
    # the conference's own passages that state no figure stay; the summary's figure passage does not
    others = [
        "Octopus Interface conference 2009: conference summary (draft): Closing line: place and date of the summary",
        "Octopus Interface conference 2009: conference summary (draft): Title block: conference name, place and dates",
    ]
    assert [(row["value"], row["sources"].split(" | ")) for row in press] == [
        ("70", [PRESS, *others]),
        ("280", [PRESS, *others]),
    ]


DIRECT_DAYS = Path(__file__).parent / "claims" / "octopus-2008-days-as-direct-values.ttl"


def test_add_keeps_a_finer_date_from_a_new_source_as_a_claim_that_refines(project, capsys):
    code, out = cyberkg(capsys, "add", str(DIRECT_DAYS))
    target = project / "graph" / DIRECT_DAYS.name
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Kept as claims beside the graph's values (the graph's values stay the direct triples):")
    assert lines[start:] == [
        "Kept as claims beside the graph's values (the graph's values stay the direct triples):",
        '  event:2008-04-octopus-conference ckg:endDate: "2008-04-02"^^xsd:date refines the graph\'s '
        '"2008-04"^^xsd:gYearMonth',
        "    new source: src:coe-octopus-interface-2008-page-dates",
        "    graph's sources: oct:paragraph-1, upd:project-data-output-3",
        '  event:2008-04-octopus-conference ckg:startDate: "2008-04-01"^^xsd:date refines the graph\'s '
        '"2008-04"^^xsd:gYearMonth',
        "    new source: src:coe-octopus-interface-2008-page-dates",
        "    graph's sources: oct:paragraph-1, upd:project-data-output-3",
        f"Added {DIRECT_DAYS} as {target} with 1 warning.",
    ]
    # the graph still dates the event to the month, and holds the days as claims with their source
    code, out = cyberkg(
        capsys, "conflicts", "--all", "--thing", "https://w3id.org/cyberkg/id/event/2008-04-octopus-conference"
    )
    assert out.splitlines() == [
        "Octopus Interface conference (April 2008): end date",
        "  2008-04-02 [normal]",
        "      source: Council of Europe: Octopus Interface 2008, Cooperation against Cybercrime (conference page): "
        "Heading of the page: the conference's days and place",
        "  2008-04 [direct, no claim]",
        '      source: Global Project on Cybercrime (phase 2): update of 2 November 2009: Project data table, row "Output 3"',
        "      source: Octopus Interface conference 2009: conference summary (draft): Paragraph 1 (Update "
        "(implementation of the Convention; guidelines))",
        "",
        "Octopus Interface conference (April 2008): start date",
        "  2008-04-01 [normal]",
        "      source: Council of Europe: Octopus Interface 2008, Cooperation against Cybercrime (conference page): "
        "Heading of the page: the conference's days and place",
        "  2008-04 [direct, no claim]",
        '      source: Global Project on Cybercrime (phase 2): update of 2 November 2009: Project data table, row "Output 3"',
        "      source: Octopus Interface conference 2009: conference summary (draft): Paragraph 1 (Update "
        "(implementation of the Convention; guidelines))",
        "",
        "2 facts with claims.",
    ]
    assert cyberkg(capsys, "validate")[0] == 0


def test_add_still_refuses_a_different_value_that_cites_no_passage_of_its_own(project, capsys, tmp_path):
    text = DIRECT_DAYS.read_text(encoding="utf-8").replace(
        '    ckg:endDate "2008-04-02"^^xsd:date ;\n    prov:wasDerivedFrom src:coe-octopus-interface-2008-page-dates .',
        '    ckg:endDate "2008-04-02"^^xsd:date .',
    )
    broken = tmp_path / "days-without-source.ttl"
    broken.write_text(text, encoding="utf-8")
    code, out = cyberkg(capsys, "add", str(broken))
    assert code == 1
    assert out.splitlines()[:3] == [
        f"Refused {broken}: it gives single-valued properties of existing resources other values.",
        '  event:2008-04-octopus-conference ckg:endDate: the graph has "2008-04"^^xsd:gYearMonth; the file gives '
        '"2008-04-02"^^xsd:date',
        '  event:2008-04-octopus-conference ckg:startDate: the graph has "2008-04"^^xsd:gYearMonth; the file gives '
        '"2008-04-01"^^xsd:date',
    ]
    assert not (project / "graph" / broken.name).exists()


def test_readme_shows_the_conflict_as_cyberkg_conflicts_prints_it(project, capsys):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Recording a later fact that revises an earlier one", 1)[1]
    shown = section.split("```\n", 3)[2].rstrip("\n").splitlines()
    code, out = cyberkg(capsys, "add", str(EXAMPLES / "octopus-2009-attendance-press-release.ttl"))
    assert code == 0
    code, out = cyberkg(capsys, "conflicts")
    blocks = out.split("\n\n")
    assert shown == blocks[1].splitlines()
