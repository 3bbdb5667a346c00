"""The Treaty Office chart of signatures and ratifications, on two real charts of Treaty 185 (addresses in the
fixtures' '#' headers): the 2015 portal's pipe table (tests/reader/fixtures/treaty_chart_185.txt, status as of
03/12/2015) and the old site's whitespace table (treaty_chart_185_2004.txt, status as of 18/6/2004). The tables
below are written by hand from the fixtures, row by row: State, then the signature, ratification and entry
into force days as the chart gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main

FIXTURES = Path(__file__).parent / "reader" / "fixtures"
CHART_2015 = FIXTURES / "treaty_chart_185.txt"
CHART_2004 = FIXTURES / "treaty_chart_185_2004.txt"
ID = "https://w3id.org/cyberkg/id/"

# (alpha-2, signature, ratification, entry into force) per row of the 2015 chart, in its order
ROWS_2015 = [
    ("AL", "2001-11-23", "2002-06-20", "2004-07-01"),
    ("AD", "2013-04-23", None, None),
    ("AM", "2001-11-23", "2006-10-12", "2007-02-01"),
    ("AT", "2001-11-23", "2012-06-13", "2012-10-01"),
    ("AZ", "2008-06-30", "2010-03-15", "2010-07-01"),
    ("BE", "2001-11-23", "2012-08-20", "2012-12-01"),
    ("BA", "2005-02-09", "2006-05-19", "2006-09-01"),
    ("BG", "2001-11-23", "2005-04-07", "2005-08-01"),
    ("HR", "2001-11-23", "2002-10-17", "2004-07-01"),
    ("CY", "2001-11-23", "2005-01-19", "2005-05-01"),
    ("CZ", "2005-02-09", "2013-08-22", "2013-12-01"),
    ("DK", "2003-04-22", "2005-06-21", "2005-10-01"),
    ("EE", "2001-11-23", "2003-05-12", "2004-07-01"),
    ("FI", "2001-11-23", "2007-05-24", "2007-09-01"),
    ("FR", "2001-11-23", "2006-01-10", "2006-05-01"),
    ("GE", "2008-04-01", "2012-06-06", "2012-10-01"),
]
# the 2004 chart: rows with their dates; None for a State with no date at all (line number of the row)
ROWS_2004 = [
    ("AL", "2001-11-23", "2002-06-20", "2004-07-01"),
    ("AM", "2001-11-23", None, None),
    ("AT", "2001-11-23", None, None),
    ("AZ", None, None, None),
    ("BE", "2001-11-23", None, None),
    ("BA", None, None, None),
    ("BG", "2001-11-23", None, None),
    ("HR", "2001-11-23", "2002-10-17", "2004-07-01"),
    ("CY", "2001-11-23", None, None),
    ("CZ", None, None, None),
    ("DK", "2003-04-22", None, None),
    ("EE", "2001-11-23", "2003-05-12", "2004-07-01"),
    ("FI", "2001-11-23", None, None),
    ("FR", "2001-11-23", None, None),
    ("GE", None, None, None),
    ("DE", "2001-11-23", None, None),
    ("GR", "2001-11-23", None, None),
    ("HU", "2001-11-23", "2003-12-04", "2004-07-01"),
]
UNDATED_2004 = [
    (29, "Azerbaijan", 4),
    (31, "Bosnia and Herzegovina", 6),
    (35, "Czech Republic", 10),
    (40, "Georgia", 15),
]


def expected_actions(rows):
    actions = []
    for code, signature, ratification, entry in rows:
        previous = None
        for kind, slug, day in (
            ("Signature", "signature", signature),
            ("Ratification", "ratification", ratification),
            ("EntryIntoForceForState", "entry-into-force", entry),
        ):
            if day is None:
                continue
            iri = f"{ID}treaty-action/{code}-ets-185-{slug}"
            actions.append((iri, code, ID + "instrument/ets-185", kind, day, previous))
            previous = iri
    return actions


def actual_actions(reading):
    return [
        (action.iri, action.state, action.instrument, action.kind, action.day, action.follows)
        for action in reading.draft.treaty_actions
    ]


@pytest.fixture(scope="module")
def reading_2015():
    from cyberkg.reader.reading import read_report

    return read_report(CHART_2015)


@pytest.fixture(scope="module")
def reading_2004():
    from cyberkg.reader.reading import read_report

    return read_report(CHART_2004)


def test_the_2015_chart_is_detected_and_read_act_for_act(reading_2015):
    assert (reading_2015.layout, reading_2015.detected) == ("treaty-chart", True)
    assert reading_2015.count_check == "46 items seen = 46 drafted + 0 noted"
    assert actual_actions(reading_2015) == expected_actions(ROWS_2015)
    assert reading_2015.problems == []


def test_the_2015_chart_document_names_treaty_status_day_and_address(reading_2015):
    document = reading_2015.draft.document
    assert (document.iri, document.kind, document.title, document.label, document.website) == (
        ID + "document/treaty-chart-ets-185-2015-12-03",
        "SourceDocument",
        "Chart of signatures and ratifications: Convention on Cybercrime (Treaty 185)",
        "Treaty Office chart of signatures and ratifications of the Convention on Cybercrime (Treaty 185), "
        "status as of 2015-12-03",
        "http://www.coe.int/en/web/conventions/full-list/-/conventions/treaty/185/signatures?p_auth=igXbHmd5",
    )
    first = reading_2015.draft.passages[0]
    assert (first.iri, first.location, first.row_text) == (
        ID + "source/treaty-chart-ets-185-2015-12-03/row-01",
        "Row 1 (Albania), section Members of Council of Europe",
        "| Albania | 23/11/2001 | 20/06/2002 | 01/07/2004 | A. | ||||||||||",
    )


def test_the_2004_whitespace_chart_reads_dates_in_order_and_notes_undated_rows(reading_2004):
    assert (reading_2004.layout, reading_2004.detected) == ("treaty-chart", True)
    assert reading_2004.count_check == "26 items seen = 22 drafted + 4 noted"
    assert actual_actions(reading_2004) == expected_actions(ROWS_2004)
    assert [(problem.line, problem.message) for problem in reading_2004.problems] == [
        (line, f"chart row {row} ({state}): no date in the row: no act of this State by the status day")
        for line, state, row in UNDATED_2004
    ]


@pytest.mark.parametrize("fixture", [CHART_2015, CHART_2004], ids=["2015", "2004"])
def test_chart_drafts_validate_in_the_context_of_the_graph(fixture, tmp_path):
    target = tmp_path / "draft.ttl"
    main(["read-report", str(fixture), "-o", str(target)])
    assert main(["validate", str(target)]) == 0


def test_a_row_without_signature_is_an_accession_noted_as_inferred(tmp_path):
    from cyberkg.reader.reading import read_report

    text = CHART_2015.read_text(encoding="utf-8")
    text = text.replace("| Andorra | 23/04/2013 |", "| Mauritius | | 15/11/2013 | 01/03/2014 |")
    path = tmp_path / "chart.txt"
    path.write_text(text, encoding="utf-8")
    reading = read_report(path)
    mauritius = [action for action in reading.draft.treaty_actions if action.state == "MU"]
    assert [(action.kind, action.day, action.notes) for action in mauritius] == [
        (
            "Accession",
            "2013-11-15",
            ["inferred: the chart gives a ratification or accession day but no signature day; read as an accession"],
        ),
        ("EntryIntoForceForState", "2014-03-01", []),
    ]


def test_misspelt_and_unknown_states_are_resolved_or_noted(tmp_path):
    from cyberkg.reader.reading import read_report

    text = CHART_2015.read_text(encoding="utf-8")
    text = text.replace("| Armenia |", "| Armnia |").replace("| Cyprus |", "| Atlantis |")
    path = tmp_path / "chart.txt"
    path.write_text(text, encoding="utf-8")
    reading = read_report(path)
    assert reading.count_check == "46 items seen = 43 drafted + 3 noted"
    assert [(problem.line, problem.message, problem.needs_review) for problem in reading.problems] == [
        (
            28,
            "chart row 3 (Armnia): country 'Armnia' resolved to <https://w3id.org/cyberkg/id/country/AM> "
            "('Armenia', fuzzy 92)",
            True,
        ),
        (
            35,
            "chart row 10 (Atlantis): 3 act(s) not drafted: 'Atlantis' is not a country the reference data names "
            "(closest: Albania (67))",
            True,
        ),
    ]


def test_cli_forces_and_names_the_layout(tmp_path, capsys):
    target = tmp_path / "draft.ttl"
    assert main(["read-report", str(CHART_2004), "--layout", "treaty-chart", "-o", str(target)]) == 1
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "layout treaty-chart (chosen): read 0 events and 22 treaty action(s) (0 carried out, 0 planned); "
        f"4 problem(s) to review; wrote {target}",
        "26 items seen = 22 drafted + 4 noted",
    ]
