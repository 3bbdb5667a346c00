"""The treaty-action list layout, on the Global Project on Cybercrime (Phase 2) activity page of June 2011
(tests/reader/fixtures/treaty_actions_gp2.txt, address in its '#' header). The expected tables are taken from
treaty_actions_gp2.items.md: treaty actions (state, instrument, kind, day of the act) and the workshop listed
among them (dates, place, kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main

FIXTURE = Path(__file__).parent / "reader" / "fixtures" / "treaty_actions_gp2.txt"
ID = "https://w3id.org/cyberkg/id/"

# items.md rows 1 and 2: the title's date is the day of the act (the dateline's is the news date)
ACTIONS = [
    (ID + "treaty-action/DE-ets-189-ratification", "DE", ID + "instrument/ets-189", "Ratification", "2011-06-10"),
    (ID + "treaty-action/GB-ets-185-ratification", "GB", ID + "instrument/ets-185", "Ratification", "2011-05-25"),
]
# items.md row 3: the workshop, 9-10 June 2011, Durres, Albania (3a and 3b are mentioned in the body only)
EVENTS = [
    (
        "CyberCrime@IPA Project : Regional workshop on LEA/ISP cooperation",
        "2011-06-09",
        "2011-06-10",
        (("durres", "AL"),),
        ("Workshop",),
        "Held",
    ),
]


@pytest.fixture(scope="module")
def reading():
    from cyberkg.reader.reading import read_report

    return read_report(FIXTURE)


def test_layout_detected_and_every_item_drafted(reading):
    assert reading.layout == "treaty-actions"
    assert reading.detected
    assert reading.count_check == "3 items seen = 3 drafted + 0 noted"
    assert [problem for problem in reading.problems if problem.needs_review] == []


def test_treaty_actions_as_the_table_says(reading):
    assert [
        (action.iri, action.state, action.instrument, action.kind, action.day)
        for action in reading.draft.treaty_actions
    ] == ACTIONS
    assert [action.label for action in reading.draft.treaty_actions] == [
        "Ratification of the Protocol on Xenophobia and Racism by Germany",
        "Ratification of the Convention on Cybercrime by United Kingdom",
    ]


def test_the_workshop_among_them_is_an_event(reading):
    assert [
        (
            event.label,
            event.start.lexical,
            event.end.lexical,
            tuple((city.slug, city.country) for city in event.cities),
            event.kind.draft_classes,
            event.status,
        )
        for event in reading.draft.events
    ] == EVENTS


def test_draft_validates(reading, tmp_path):
    from cyberkg.validation.reference import validate_files

    target = tmp_path / "draft.ttl"
    target.write_text(reading.turtle, encoding="utf-8")
    report = validate_files([target]).report
    assert report.counts()["Violation"] == 0
    assert report.conforms


def test_unknown_instrument_and_state_become_review_notes(tmp_path):
    from cyberkg.reader.reading import read_report

    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("Germany ratified the Additional Protocol", "Germany ratified the Lanzarote Protocol")
    text = text.replace("United Kingdom ratified", "Atlantis ratified")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    reading = read_report(path)
    assert reading.count_check == "3 items seen = 1 drafted + 2 noted"
    assert [(problem.line, problem.message) for problem in reading.problems if problem.needs_review] == [
        (
            10,
            "news item 1 ('Germany ratified the Lanzarote Protocol on Xenophobia and Ra', [21 June 2011, "
            "Strasbourg]): treaty action not drafted: the instrument 'Lanzarote Protocol on Xenophobia and "
            "Racism' is not one the graph holds (closest: Protocol on Xenophobia and Racism (87))",
        ),
        (
            21,
            "news item 2 ('Atlantis ratified the Convention on Cybercrime (25 May 2011,', [12 June 2011, "
            "Strasbourg]): treaty action not drafted: 'Atlantis' is not a country the reference data names "
            "(closest: Albania (67))",
        ),
    ]


def test_cli_names_the_layout_and_counts(tmp_path, capsys):
    target = tmp_path / "draft.ttl"
    assert main(["read-report", str(FIXTURE), "-o", str(target)]) == 0
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "layout treaty-actions (detected): read 1 events from news items and 2 treaty action(s) "
        f"(1 carried out, 0 planned); 0 problem(s) to review; wrote {target}",
        "3 items seen = 3 drafted + 0 noted",
    ]
    # forced to plain news items, the treaty titles are read as events at the act's day and place
    assert main(["read-report", str(FIXTURE), "--layout", "news-items", "-o", str(target)]) == 0
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"layout news-items (chosen): read 3 events from news items (3 carried out, 0 planned); "
        f"0 problem(s) to review; wrote {target}",
        "3 items seen = 3 drafted + 0 noted",
    ]
