"""A conference page with its programme: the Octopus Conference 2023 page (tests/reader/fixtures/
octopus_2023_agenda.txt, address in its '#' header). The table below is written by hand from the fixture:
two side meetings and the conference as dated blocks, two workshops of the agenda of 13 December 2023."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main

FIXTURE = Path(__file__).parent / "reader" / "fixtures" / "octopus_2023_agenda.txt"
ID = "https://w3id.org/cyberkg/id/"
CONFERENCE = ID + "event/2023-12-13-bucharest-conference"

# (line, label, start, end, date and time as written, classes, part of)
ITEMS = [
    (19, "Plenary of the Cybercrime Convention Committee (T-CY)", "2023-12-11", "2023-12-12", "11-12 December",
     ("Meeting",), None),
    (22, "Meeting of the International Network of National Judicial Trainers", "2023-12-12", "2023-12-12",
     "12 December", ("Meeting",), None),
    (25, "Octopus Conference 2023", "2023-12-13", "2023-12-15", "13 - 15 December", ("Conference",), None),
    (30, "Workshop 1: Global state of cybercrime legislation", "2023-12-13", "2023-12-13",
     "13 December 2023, 14h30-16h00 CET", ("Workshop",), CONFERENCE),
    (34, "Workshop 2: Spontaneous information sharing", "2023-12-13", "2023-12-13",
     "13 December 2023, 14h30-16h00 CET", ("Workshop",), CONFERENCE),
]  # fmt: skip


@pytest.fixture(scope="module")
def reading():
    from cyberkg.reader.reading import read_report

    return read_report(FIXTURE)


def test_layout_detected_and_every_item_drafted(reading):
    assert (reading.layout, reading.detected) == ("programme", True)
    assert reading.count_check == "5 items seen = 5 drafted + 0 noted"
    assert [problem for problem in reading.problems if problem.needs_review] == []


def test_items_as_the_table_says(reading):
    assert [
        (
            event.line,
            event.label,
            event.start.lexical,
            event.end.lexical,
            event.date_as_written,
            event.kind.draft_classes,
            event.part_of,
        )
        for event in reading.draft.events
    ] == ITEMS


def test_place_and_status_are_the_pages_and_noted_as_inferred(reading):
    assert {
        (tuple(city.slug for city in event.cities), event.place_as_written, event.status, str(event.status_as_of))
        for event in reading.draft.events
    } == {(("bucharest",), "Bucharest, Romania", "ListedAsPlanned", "2023-12-11")}
    assert {tuple(event.notes[:2]) for event in reading.draft.events} == {
        (
            "place taken from the page's header (the item gives none)",
            "listed in the programme, as of its earliest item's day (inferred: the page gives no date of its own)",
        )
    }


def test_draft_validates_in_the_context_of_the_graph(tmp_path):
    target = tmp_path / "draft.ttl"
    assert main(["read-report", str(FIXTURE), "-o", str(target)]) == 0
    assert main(["validate", str(target)]) == 0


def test_other_time_lines_and_an_unreadable_day_are_read_or_noted(tmp_path):
    from cyberkg.reader.reading import read_report

    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("14h30-16h00 CET\nCriminal", "9h30 – 13h00 Bucharest time (CET+1)\nCriminal")
    text = text.replace("AGENDA: 13 December 2023", "AGENDA: 13 December 2023\nOpening plenary session\n09:00-09:30")
    text = text.replace("12 December\nMeeting", "32 December\nMeeting")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    reading = read_report(path)
    assert reading.count_check == "6 items seen = 5 drafted + 1 noted"
    assert [(event.label, event.date_as_written) for event in reading.draft.events if event.part_of] == [
        ("Opening plenary session", "13 December 2023, 09:00-09:30"),
        ("Workshop 1: Global state of cybercrime legislation", "13 December 2023, 9h30 – 13h00 Bucharest time (CET+1)"),
        ("Workshop 2: Spontaneous information sharing", "13 December 2023, 14h30-16h00 CET"),
    ]
    assert [(p.line, p.message) for p in reading.problems if p.item_noted] == [
        (22, "programme item 2 ('Meeting of the International Network of National J'): not drafted: date not "
         "read: there is no day 32 in December 2023 ('32 December')"),
    ]  # fmt: skip
