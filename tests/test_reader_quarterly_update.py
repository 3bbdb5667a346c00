"""The quarterly Cybercrime@CoE Update, on page 1 of the October - December 2019 issue as a third party's
text of the PDF gives it (tests/reader/fixtures/coe_update_2019q4.txt, address in its '#' header). The
tables below are written by hand from the fixture: its seven highlight bullets and three dates to save."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main

FIXTURE = Path(__file__).parent / "reader" / "fixtures" / "coe_update_2019q4.txt"
ID = "https://w3id.org/cyberkg/id/"

# item -> (label, start, end, cities, classes, status) for the items that give an activity's date and place
EVENTS = [
    (1, "Third Annual Meeting of the 24/7 Network of Contact Points", "2019-10-08", "2019-10-08",
     (("the-hague", "NL"),), ("Meeting",), "Held"),
    (2, "Octopus Conference on Cybercrime", "2019-11-20", "2019-11-22", (("strasbourg", "FR"),),
     ("Conference",), "Held"),
    # the sidebar's call for bids ran into this title: drafted, with a review note
    (8, "T-CY Bureau and Protocol Drafting Deadline for submitting bids: 31 January 2020 Group", "2020-03-16",
     "2020-03-20", (("strasbourg", "FR"),), ("Event",), "Planned"),
    (9, "4th INTERPOL Digital Security Challenge", "2020-02-11", "2020-02-14", (("singapore", "SG"),),
     ("Event",), "Planned"),
    (10, "International workshop on law enforcement / service provider cooperation", "2020-02-26", "2020-02-28",
     (("tbilisi", "GE"),), ("Workshop",), "Planned"),
]  # fmt: skip
# item 4: Brazil asked to accede to the Budapest Convention on 11 December 2019
ACTIONS = [
    (ID + "treaty-action/BR-ets-185-invitation-to-accede", "BR", ID + "instrument/ets-185", "InvitationToAccede",
     "2019-12-11", "Invitation to Brazil to accede to the Convention on Cybercrime",
     ["sidebar text cut out of the item: 'Join our Octopus'"]),
]  # fmt: skip
# items 3, 5, 6, 7 are only noted, each with its reason
NOTED = [
    (19, "highlights item 3 ('For consultation of stakeholders at the Octopus Co'): not drafted: no date of an "
     "activity in the text"),
    (19, "highlights item 5 ('was also asked to join the Budapest Convention on '): not drafted: an invitation "
     "to accede, but no State is named (the text may have lost it)"),
    (19, "highlights item 6 ('C-PROC activity report for 2018/19: capacity build'): not drafted: no date of an "
     "activity in the text"),
    (19, "highlights item 7 ('The new joint EU-Council of project IPROCEEDS The '): not drafted: no date of an "
     "activity in the text"),
]  # fmt: skip


@pytest.fixture(scope="module")
def reading():
    from cyberkg.reader.reading import read_report

    return read_report(FIXTURE)


def test_layout_detected_and_every_item_counted(reading):
    assert (reading.layout, reading.detected) == ("cybercrime-update", True)
    assert reading.count_check == "10 items seen = 6 drafted + 4 noted"


def test_events_as_the_table_says(reading):
    assert [
        (
            event.passage.row_number,
            event.label,
            event.start.lexical,
            event.end.lexical,
            tuple((city.slug, city.country) for city in event.cities),
            event.kind.draft_classes,
            event.status,
        )
        for event in reading.draft.events
    ] == EVENTS


def test_the_invitation_is_a_treaty_action(reading):
    assert [
        (action.iri, action.state, action.instrument, action.kind, action.day, action.label, action.notes)
        for action in reading.draft.treaty_actions
    ] == ACTIONS


def test_what_is_not_drafted_is_noted_with_its_reason(reading):
    noted = [(p.line, p.message) for p in reading.problems if p.needs_review and "not drafted" in p.message]
    assert noted == NOTED


def test_the_quarter_dates_the_status_and_the_document(reading):
    document = reading.draft.document
    assert (document.iri, document.title, document.website) == (
        ID + "document/cybercrime-coe-update-2019-10",
        "Cybercrime@CoE Update October - December 2019",
        "https://docslib.org/doc/1812191/cybercrime-coe-update",
    )
    assert {event.status_as_of.isoformat() for event in reading.draft.events} == {"2019-12-31"}


def test_draft_validates_in_the_context_of_the_graph(tmp_path):
    target = tmp_path / "draft.ttl"
    assert main(["read-report", str(FIXTURE), "-o", str(target)]) == 1
    assert main(["validate", str(target)]) == 0


def test_a_flattened_text_is_read_sentence_by_sentence(tmp_path):
    from cyberkg.reader.reading import read_report

    path = tmp_path / "flat.txt"
    path.write_text(
        "CYBERCRIME@COE UPDATE January – March 2018\n"
        "Highlights 1st Quarter 2018 Tunisia was invited to join the Budapest Convention on 13 February 2018. "
        "The Launching Conference of the CyberSouth project took place in Tunis, Tunisia between 21 and 23 March. "
        "New training materials were published.\n",
        encoding="utf-8",
    )
    reading = read_report(path)
    assert reading.count_check == "3 items seen = 2 drafted + 1 noted"
    assert [(a.state, a.kind, a.day) for a in reading.draft.treaty_actions] == [
        ("TN", "InvitationToAccede", "2018-02-13")
    ]
    assert [(e.label, e.start.lexical, e.end.lexical, e.cities[0].slug) for e in reading.draft.events] == [
        ("The Launching Conference of the CyberSouth project", "2018-03-21", "2018-03-23", "tunis")
    ]
