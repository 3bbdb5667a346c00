"""The report reader on reports written by the tests: other months and years, bad rows, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main
from cyberkg.errors import InputError
from cyberkg.reader.problems import Problem

ID = "https://w3id.org/cyberkg/id/"

HEADER = """Project on Cybercrime

Cybercrime Capacity Project

Update December 2010 / forecast January-February 2011

Date: 5 January 2011

PROJECT DATA

Project title\tCybercrime Capacity Project (TEST/2010/0001)\t
Budget\tUp to EUR 250,000\t
Funding\tCouncil of Europe (line 7) Contributions from Estonia and Microsoft\t
Implementation\tEconomic Crime Division (Council of Europe)\t
Duration\t12 months (1 July 2010 – 30 June 2011)\t
Output 1\tLegislation: laws reviewed\t
Output 2\tTraining: judges trained\t
Output 3\tCooperation: contact points strengthened\t
"""

GOOD = (
    HEADER
    + """
ACTIVITIES CARRIED OUT BETWEEN 1 DECEMBER 2010 AND 4 JANUARY 2011

Date\tPlace\tActivity\tOutput
30 Nov-2 Dec 10\tTbilisi\t<p>Regional workshop on cybercrime legislation</p>\t1, 3
December\tKyiv, Ukraine\t<p>Visit to Ukraine with the objective to promote accession</p>\t2
30 Dec-1 Jan\tParis\tConference on cloud computing\tAll
3 Jan\tStrasbourg\t<p><i>Meeting of the Bureau</i> of the committee</p>\t1,2

ACTIVITIES PLANNED FOR JANUARY AND FEBRUARY 2011

Date\tPlace\tActivity\tOutput
12 Jan\tChişinău, Moldova\tSéminaire sur la cybercriminalité\t1
Feb 11\tBrussels\tEuropean Commission: Conference on public-private cooperation\t2, 3
Feb 11\tBrussels\tConference on training\t2
"""
)


def write(tmp_path: Path, text: str | bytes, name: str = "update.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def read(path: Path):
    from cyberkg.reader.reading import read_report

    return read_report(path)


def summary(event) -> tuple:
    return (
        event.passage.iri.rsplit("/", 1)[-1],
        event.iri.removeprefix(ID + "event/"),
        event.start.lexical if event.start else None,
        event.end.lexical if event.end else None,
        tuple(city.slug for city in event.cities),
        tuple(city.country for city in event.cities),
        tuple(output.rsplit("/", 1)[-1] for output in event.outputs),
        event.status,
        event.kind.classes,
    )


def test_other_months_and_years(tmp_path):
    reading = read(write(tmp_path, GOOD))
    project = "cybercrime-capacity-project"
    o = [f"{project}-output-{n}" for n in (1, 2, 3)]
    assert [summary(event) for event in reading.draft.events] == [
        (
            "carried-out-row-01",
            "2010-11-30-tbilisi-workshop",
            "2010-11-30",
            "2010-12-02",
            ("tbilisi",),
            ("GE",),
            (o[0], o[2]),
            "Held",
            ("Workshop",),
        ),
        (
            "carried-out-row-02",
            "2010-12-kyiv-visit",
            "2010-12",
            "2010-12",
            ("kyiv",),
            ("UA",),
            (o[1],),
            "Held",
            ("Visit",),
        ),
        (
            "carried-out-row-03",
            "2010-12-30-paris-conference",
            "2010-12-30",
            "2011-01-01",
            ("paris",),
            ("FR",),
            tuple(o),
            "Held",
            ("Conference",),
        ),
        (
            "carried-out-row-04",
            "2011-01-03-strasbourg-meeting",
            "2011-01-03",
            "2011-01-03",
            ("strasbourg",),
            ("FR",),
            (o[0], o[1]),
            "Held",
            ("Meeting",),
        ),
        (
            "planned-row-01",
            "2011-01-12-chisinau-seminar",
            "2011-01-12",
            "2011-01-12",
            ("chisinau",),
            ("MD",),
            (o[0],),
            "Planned",
            ("Seminar",),
        ),
        (
            "planned-row-02",
            "2011-02-brussels-conference",
            "2011-02",
            "2011-02",
            ("brussels",),
            ("BE",),
            (o[1], o[2]),
            "Planned",
            ("Conference",),
        ),
        (
            "planned-row-03",
            "2011-02-brussels-conference-2",
            "2011-02",
            "2011-02",
            ("brussels",),
            ("BE",),
            (o[1],),
            "Planned",
            ("Conference",),
        ),
    ]
    draft = reading.draft
    assert draft.document.iri == ID + "document/update-2011-01"
    assert draft.events[0].passage.iri == ID + "source/update-2011-01/carried-out-row-01"
    assert draft.project.iri == ID + "project/" + project
    assert [event.label for event in draft.events][:4] == [
        "Regional workshop on cybercrime legislation",
        "Visit to Ukraine",
        "Conference on cloud computing",
        "Meeting of the Bureau",
    ]
    assert draft.events[4].language == "fr"
    assert [city.slug for city in draft.new_cities] == ["tbilisi", "kyiv", "chisinau"]
    assert [
        (org.iri.removeprefix(ID + "organisation/"), org.label, org.government_of) for org in draft.new_organisations
    ] == [("government-of-estonia", "Government of Estonia", "EE")]
    assert [(problem.line, problem.needs_review) for problem in reading.problems] == [
        (13, True),
        (23, False),
        (24, False),
        (31, False),
    ]


def test_synthetic_draft_parses_and_validates(tmp_path):
    import pyoxigraph

    from cyberkg.validation.reference import validate_files

    reading = read(write(tmp_path, GOOD))
    assert len(list(pyoxigraph.parse(reading.turtle.encode(), format=pyoxigraph.RdfFormat.TURTLE))) > 100
    target = write(tmp_path, reading.turtle, "draft.ttl")
    assert validate_files([target]).report.counts()["Violation"] == 0


BAD_ROWS = (
    HEADER.replace("Date: 5 January 2011", "Date: 2 November 2009")
    + """
ACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009

Date\tPlace\tActivity\tOutput
31 Sep 09\tParis\tMeeting of experts\t1
5 Oct 09\tXyzzyville\tMeeting of experts\t1
6 Oct 09\tParis\tMeeting of experts\tseveral
7 Oct 09\tParis\tMeeting of experts\t9
8 Oct 09 Paris Meeting of experts 1
9 Oct 09\tMoldova\t<p>Workshop on</p>\t2

\t\t<p>evidence</p>\t
"""
)


def test_bad_rows_are_written_flagged_and_reported(tmp_path):
    reading = read(write(tmp_path, BAD_ROWS))
    section = "Activities carried out between 15 September and 31 October 2009"
    assert [(problem.line, problem.message) for problem in reading.problems if "row" in problem.message] == [
        (23, f"{section}, row 1: date not read: there is no day 31 in September 2009 ('31 Sep 09')"),
        (24, f"{section}, row 2: place not found: no city 'Xyzzyville' in the reference cities or GeoNames"),
        (25, f"{section}, row 3: outputs not read: cannot read the outputs 'several'"),
        (26, f"{section}, row 4: output(s) 9 not in the project data table"),
        (27, f"{section}, row 5: row has no tab-separated columns; the whole line is kept as the activity"),
        (27, f"{section}, row 5: date not read: no date given"),
        (27, f"{section}, row 5: place not found: no place given"),
        (27, f"{section}, row 5: outputs not read: no output given"),
        (28, f"{section}, row 6: place not found: place 'Moldova' is a country, not a city"),
    ]
    events = reading.draft.events
    assert [event.passage.row_number for event in events] == [1, 2, 3, 4, 5, 6]
    assert (events[0].start, events[0].date_as_written) == (None, "31 Sep 09")
    assert (events[1].cities, events[1].place_as_written) == ((), "Xyzzyville")
    assert events[1].iri == ID + "event/2009-10-05-xyzzyville-meeting"
    assert events[2].outputs == ()
    assert events[3].outputs == ()
    assert events[4].label == "8 Oct 09 Paris Meeting of experts 1"
    assert events[5].passage.row_text == "9 Oct 09\tMoldova\t<p>Workshop on</p>\t2\n\t\t<p>evidence</p>\t"
    assert events[5].notes == ["place not found: place 'Moldova' is a country, not a city"]
    assert reading.needs_review
    assert reading.turtle.count('skos:editorialNote "review: place not found') == 2


def test_cli_exit_codes(tmp_path, capsys):
    bad = write(tmp_path, BAD_ROWS)
    target = tmp_path / "draft.ttl"
    assert main(["read-report", str(bad), "-o", str(target)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1] == (
        f"{bad}:23: review: Activities carried out between 15 September and 31 October 2009, row 1: "
        "date not read: there is no day 31 in September 2009 ('31 Sep 09')"
    )
    assert err[-2:] == [
        f"layout update-2009 (detected): read 6 activity rows (6 carried out, 0 planned); "
        f"10 problem(s) to review; wrote {target}",
        "6 items seen = 6 drafted + 0 noted",
    ]
    assert target.is_file()
    empty = write(tmp_path, "", "empty.txt")
    assert main(["read-report", str(empty), "-o", str(tmp_path / "none.ttl")]) == 2
    assert capsys.readouterr().err == f"cyberkg: error: {empty}:1: empty file: not an activity update\n"
    assert not (tmp_path / "none.ttl").exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty file: not an activity update"),
        ("   \n\n", 1, "empty file: not an activity update"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 3, "binary data (a NUL byte): not an activity update in text form"),
        (
            "Dear colleagues,\nplease find attached.\n",
            1,
            'no report date line ("Date: 2 November 2009") before any activity table: not an activity update',
        ),
        (
            "Intro\nDate: 31 February 2010\nACTIVITIES PLANNED FOR MARCH 2010\n",
            2,
            "the report date cannot be read: there is no day '31 February 2010'",
        ),
    ],
)
def test_unusable_files_raise_input_error_with_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        read(path)
    assert raised.value.detail == message
    assert raised.value.line == line


def test_wrong_encoding_is_reported_and_read(tmp_path):
    text = GOOD.replace("Tbilisi", "Asunción, Paraguay")
    reading = read(write(tmp_path, text.replace("Chişinău", "Chisinau").encode("cp1252")))
    assert reading.problems[0] == Problem(15, "not UTF-8 (byte 0x96); read as Windows-1252, check accented names")
    assert [city.slug for event in reading.draft.events for city in event.cities][0] == "asuncion"
    assert len(reading.draft.events) == 7


def test_no_project_table_and_no_tables(tmp_path):
    reading = read(
        write(
            tmp_path,
            "Date: 2 November 2009\n\nACTIVITIES PLANNED FOR NOVEMBER 2009\n5 Nov 09\tBrussels\tConference\t1\n",
        )
    )
    assert [(problem.line, problem.message) for problem in reading.problems] == [
        (None, "the report has no project data table; events are not tied to a project"),
        (
            4,
            "Activities planned for November 2009, row 1: outputs cannot be linked: the report has no "
            "project data table",
        ),
    ]
    assert [event.iri for event in reading.draft.events] == [ID + "event/2009-11-05-brussels-conference"]
    reading = read(write(tmp_path, "Date: 2 November 2009\n"))
    assert [problem.message for problem in reading.problems] == [
        "the report has no project data table; events are not tied to a project",
        "the report has no table of activities carried out or planned",
    ]
    assert reading.draft.events == []


def test_diff_matches_an_earlier_reported_event_by_iri(tmp_path):
    """A later update that reports the Brussels conference of 5-6 November 2009 as held: the same event IRI as
    the curated one (planned in the update of November), whose status now differs."""
    from cyberkg.reader.diff import compare_with_curated, diff_report_lines
    from cyberkg.store.loading import load_store

    later = BAD_ROWS.split("ACTIVITIES")[0].replace("Date: 2 November 2009", "Date: 4 December 2009") + (
        "ACTIVITIES CARRIED OUT BETWEEN 1 NOVEMBER AND 30 NOVEMBER 2009\n"
        "5-6 Nov 09\tBrussels\tEuropean Commission - Annual cybercrime conference: EU-US cooperation\t2\n"
        "9 Nov 09\tVilnius\tMeeting of experts\t1\n"
    )
    reading = read(write(tmp_path, later))
    comparisons = compare_with_curated(reading.draft, load_store())
    assert [(c.draft_event.removeprefix(ID + "event/"), c.matched_by) for c in comparisons] == [
        ("2009-11-05-brussels-conference", "event IRI"),
        ("2009-11-09-vilnius-meeting", None),
    ]
    assert [(f.field, f.draft, f.curated, f.verdict) for f in comparisons[0].differences] == [
        ("outputs", "cybercrime-capacity-project-output-2", "phase-2-output-2", "differs"),
        ("status", "Held", "Planned", "differs"),
    ]
    brussels = ID + "event/2009-11-05-brussels-conference"
    assert diff_report_lines(comparisons) == [
        f"differs: carried-out-row-01: outputs: draft cybercrime-capacity-project-output-2; "
        f"curated phase-2-output-2 ({brussels})",
        f"differs: carried-out-row-01: status: draft Held; curated Planned ({brussels})",
        f"new: carried-out-row-02: {ID}event/2009-11-09-vilnius-meeting",
        "diff: 2 rows: 1 new, 1 with differences, 0 the same as the curated graph",
    ]
