"""The news-items layout, on three real Council of Europe project pages (fixtures in tests/reader/fixtures, each
with its address in its '#' header; prose reworded). Each item is compared with a hand-written table taken
from the researcher's ``<fixture>.items.md``: title, dates at the written precision, place, kind; or the
review note that says why it was not drafted."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main

FIXTURES = Path(__file__).parent / "reader" / "fixtures"
ID = "https://w3id.org/cyberkg/id/"
NOT_DRAFTED = (
    "not drafted: the title gives no date of an activity, and the dateline dates the news only; check the "
    "text for the activity's date"
)

# (title, start, end, cities as (slug, country), kind classes, status as of the dateline)
# project_news_glacy.items.md rows 1-4. The kind of rows 2-3 is "training (ToT)" in the table and of row 4
# "training + workshop": the ontology has no event class for a training (ckg:TrainingCourse is a document),
# so rows 2-3 stay plain ckg:Event and row 4 is a workshop.
GLACY_DRAFTED = [
    (
        "Philippines: Law Enforcement Training Strategy Workshop and Workshop on Interagency Cooperation",
        "2014-11-24",
        "2014-11-28",
        (("manila", "PH"),),
        ("Workshop",),
        "Held",
    ),
    (
        "Philippines: Introductory Judicial Training of Trainer’s",
        "2014-11-24",
        "2014-11-28",
        (("manila", "PH"),),
        ("Event",),
        "Held",
    ),
    (
        "Morocco: Introductory Judicial Training of Trainer’s",
        "2014-11-24",
        "2014-11-28",
        (("rabat", "MA"),),
        ("Event",),
        "Held",
    ),
    (
        "South Africa: Law Enforcement First Responder Trainer’s Course and Law Enforcement Training Strategy Workshop",
        "2014-11-17",
        "2014-11-21",
        (("pretoria", "ZA"),),
        ("Workshop",),
        "Held",
    ),
]
# project_news_glacy.items.md rows 5-7: no date in the title (row 5's is in the body only; 6 is not an event;
# 7 is cut off): review notes, with the title line's number.
GLACY_NOTED = [
    (31, f"news item 5 ('Sri Lanka: Country visit', [Colombo, 14 November 2014]): {NOT_DRAFTED}"),
    (36, f"news item 6 ('Cyberwiki', [Strasbourg, 27 November 2014]): {NOT_DRAFTED}"),
    (41, f"news item 7 ('GLACY Steering Committee', [Strasbourg, 17 November 2014]): {NOT_DRAFTED}"),
]

# project_news_eap.items.md row 2 (the conference; its dateline of 23 October 2013 is before it: planned).
EAP_DRAFTED = [
    (
        '"Strategic Priorities and Closing Conference" of CyberCrime@EAP project',
        "2013-10-30",
        "2013-10-31",
        (("kyiv", "UA"),),
        ("Conference",),
        "Planned",
    ),
]
# project_news_eap.items.md row 1 (a news item about an adoption, dated only by its dateline). Row 3 of the
# table ("Peer-to-peer assessment visits") is cut off before any dateline, so the page shows no item there.
EAP_NOTED = [
    (
        30,
        f"news item 1 ('CyberCrime @ EAP: Strategic priorities adopted', [Kyiv, Ukraine, 31 October 2013]): "
        f"{NOT_DRAFTED}",
    ),
]

# project_news_glacy_about.items.md row 3: "(Singapore, 1 3 October 2014)", the dash lost, read as a range.
ABOUT_DRAFTED = [
    (
        "INTERPOL/EUROPOL Cybercrime Conference 2014",
        "2014-10-01",
        "2014-10-03",
        (("singapore", "SG"),),
        ("Conference",),
        "Planned",
    ),
]
# project_news_glacy_about.items.md rows 1 and 2 (the meetings they mention, 1a and 1b, are in the body).
ABOUT_NOTED = [
    (38, f"news item 1 ('GLACY Steering Committee', [Strasbourg, 17 November 2014]): {NOT_DRAFTED}"),
    (43, f"news item 2 ('GLACY support to judicial training', [Bucharest, 14 October 2014]): {NOT_DRAFTED}"),
]

CASES = {
    "project_news_glacy": (GLACY_DRAFTED, GLACY_NOTED, "7 items seen = 4 drafted + 3 noted"),
    "project_news_eap": (EAP_DRAFTED, EAP_NOTED, "2 items seen = 1 drafted + 1 noted"),
    "project_news_glacy_about": (ABOUT_DRAFTED, ABOUT_NOTED, "3 items seen = 1 drafted + 2 noted"),
}
ADDRESSES = {
    "project_news_glacy": "http://www.coe.int/t/dghl/cooperation/economiccrime/cybercrime/GLACY/Activities_EN.asp",
    "project_news_eap": "http://www.coe.int/t/dghl/cooperation/economiccrime/cybercrime/cy_project_eap/"
    "default_eap_en.asp?toPrint=yes",
    "project_news_glacy_about": "http://www.coe.int/t/dghl/cooperation/economiccrime/cybercrime/glacy/glacy_EN.asp",
}


@pytest.fixture(scope="module")
def readings():
    from cyberkg.reader.reading import read_report

    return {name: read_report(FIXTURES / f"{name}.txt") for name in CASES}


def summary(event) -> tuple:
    return (
        event.label,
        event.start.lexical,
        event.end.lexical,
        tuple((city.slug, city.country) for city in event.cities),
        event.kind.draft_classes,
        event.status,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_items_read_as_their_tables_say(readings, name):
    drafted, noted, check = CASES[name]
    reading = readings[name]
    assert reading.layout == "news-items"
    assert reading.detected
    assert [summary(event) for event in reading.draft.events] == drafted
    assert [(problem.line, problem.message) for problem in reading.problems if problem.needs_review] == noted
    assert reading.count_check == check
    assert reading.needs_review


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_document_has_a_label_and_its_address(readings, name):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(readings[name].turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            "PREFIX ckg: <https://w3id.org/cyberkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?type ?site ?label WHERE { ?doc a ?type ; ckg:website ?site ; rdfs:label ?label }"
        )
    )
    assert [(row["type"].value, row["site"].value) for row in rows] == [
        ("https://w3id.org/cyberkg/ontology#SourceDocument", ADDRESSES[name])
    ]
    assert rows[0]["label"].value.startswith(f"News items of the page {ADDRESSES[name]} (latest item ")


def test_status_as_of_is_each_items_dateline(readings):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(readings["project_news_eap"].turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    values = [
        quad.object.value
        for quad in store.quads_for_pattern(
            None, pyoxigraph.NamedNode("https://w3id.org/cyberkg/ontology#statusAsOf"), None
        )
    ]
    assert values == ["2013-10-23"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_news_drafts_validate(readings, name, tmp_path):
    from cyberkg.validation.reference import validate_files

    target = tmp_path / "draft.ttl"
    target.write_text(readings[name].turtle, encoding="utf-8")
    report = validate_files([target]).report
    assert report.counts()["Violation"] == 0
    assert report.conforms


def test_cli_names_the_layout_ends_with_the_count_check_and_exits_1(tmp_path, capsys):
    target = tmp_path / "draft.ttl"
    fixture = FIXTURES / "project_news_glacy.txt"
    assert main(["read-report", str(fixture), "-o", str(target)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [
        f"layout news-items (detected): read 4 events from news items (4 carried out, 0 planned); "
        f"3 problem(s) to review; wrote {target}",
        "7 items seen = 4 drafted + 3 noted",
    ]
    assert err[:3] == [f"{fixture}:{line}: review: {message}" for line, message in GLACY_NOTED]


def test_layout_option_forces_a_layout(tmp_path, capsys):
    fixture = FIXTURES / "project_news_eap.txt"
    assert main(["read-report", str(fixture), "--layout", "news-items", "-o", str(tmp_path / "a.ttl")]) == 1
    assert capsys.readouterr().err.splitlines()[-2].startswith("layout news-items (chosen): read 1 events")
    assert main(["read-report", str(fixture), "--layout", "update-2009", "-o", str(tmp_path / "b.ttl")]) == 2
    assert capsys.readouterr().err == (
        f'cyberkg: error: {fixture}:1: no report date line ("Date: 2 November 2009") before any activity '
        "table: not an activity update\n"
    )
    assert not (tmp_path / "b.ttl").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"], ids=["utf-16-bom", "utf-8-bom", "cp1252"])
def test_encodings_give_the_same_items(readings, tmp_path, encoding):
    from cyberkg.reader.reading import read_report

    text = (FIXTURES / "project_news_glacy.txt").read_text(encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    reading = read_report(path)
    assert [summary(event) for event in reading.draft.events] == GLACY_DRAFTED
    assert reading.count_check == "7 items seen = 4 drafted + 3 noted"


def test_invisible_characters_in_datelines_and_titles_lose_no_item(tmp_path):
    from cyberkg.reader.reading import read_report

    text = (FIXTURES / "project_news_glacy.txt").read_text(encoding="utf-8")
    damaged = text.replace("[Rabat,", "\u200b[Rabat,\u00ad").replace("Morocco: Intro", "Morocco:\ufeff Intro")
    path = tmp_path / "page.txt"
    path.write_text(damaged, encoding="utf-8")
    reading = read_report(path)
    assert [summary(event) for event in reading.draft.events] == GLACY_DRAFTED
    assert reading.count_check == "7 items seen = 4 drafted + 3 noted"
