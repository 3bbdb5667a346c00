"""The report reader's cell readers: dates, outputs, places, titles and kinds, case by case."""

from __future__ import annotations

from datetime import date

import pytest

from cyberkg.reader.dates import DateContext, DateError, parse_event_date
from cyberkg.reader.gazetteer import Gazetteer, PlaceError
from cyberkg.reader.kinds import guess_kind
from cyberkg.reader.markup import title_of
from cyberkg.reader.outputs import OutputsError, OutputsRead, parse_outputs

NOVEMBER_2009 = DateContext(date(2009, 11, 2), (date(2009, 9, 15), date(2009, 10, 31)))
WINTER = DateContext(date(2010, 1, 5), (date(2009, 12, 1), date(2010, 1, 31)))


@pytest.mark.parametrize(
    ("text", "context", "start", "end"),
    [
        ("16 Sep 09", NOVEMBER_2009, ("2009-09-16", "date"), ("2009-09-16", "date")),
        ("5-9 Oct 09", NOVEMBER_2009, ("2009-10-05", "date"), ("2009-10-09", "date")),
        ("Sep 09", NOVEMBER_2009, ("2009-09", "gYearMonth"), ("2009-09", "gYearMonth")),
        ("16 Oct", NOVEMBER_2009, ("2009-10-16", "date"), ("2009-10-16", "date")),
        ("October", NOVEMBER_2009, ("2009-10", "gYearMonth"), ("2009-10", "gYearMonth")),
        ("30 Sep-2 Oct 09", NOVEMBER_2009, ("2009-09-30", "date"), ("2009-10-02", "date")),
        ("30 September – 2 October 2009", NOVEMBER_2009, ("2009-09-30", "date"), ("2009-10-02", "date")),
        ("Sep-Oct 09", NOVEMBER_2009, ("2009-09", "gYearMonth"), ("2009-10", "gYearMonth")),
        ("16th Oct", NOVEMBER_2009, ("2009-10-16", "date"), ("2009-10-16", "date")),
        ("5/6 Nov 09", NOVEMBER_2009, ("2009-11-05", "date"), ("2009-11-06", "date")),
        ("2010", NOVEMBER_2009, ("2010", "gYear"), ("2010", "gYear")),
        ("30 Dec-2 Jan", WINTER, ("2009-12-30", "date"), ("2010-01-02", "date")),
        ("12 Jan", WINTER, ("2010-01-12", "date"), ("2010-01-12", "date")),
        ("December", WINTER, ("2009-12", "gYearMonth"), ("2009-12", "gYearMonth")),
        ("12 janvier 2010", WINTER, ("2010-01-12", "date"), ("2010-01-12", "date")),
    ],
)
def test_dates(text, context, start, end):
    span = parse_event_date(text, context)
    assert ((span.start.lexical, span.start.datatype), (span.end.lexical, span.end.datatype)) == (start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no date given"),
        ("31 Sep 09", "there is no day 31 in September 2009 ('31 Sep 09')"),
        ("9-5 Oct 09", "the date '9-5 Oct 09' ends before it starts"),
        ("soon", "cannot read the date 'soon': 'soon' is not a month"),
        ("5 Oct-9", "cannot read the date '5 Oct-9': a day without a month"),
        ("Sep-2 Oct 09", "cannot read the date 'Sep-2 Oct 09': its two ends are not equally precise"),
    ],
)
def test_unreadable_dates(text, message):
    with pytest.raises(DateError) as raised:
        parse_event_date(text, NOVEMBER_2009)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("7", OutputsRead((7,))),
        ("1, 5", OutputsRead((1, 5))),
        ("1,7", OutputsRead((1, 7))),
        ("All", OutputsRead(every=True)),
        ("all outputs", OutputsRead(every=True)),
        ("1-3", OutputsRead((1, 2, 3))),
        ("2 and 1", OutputsRead((1, 2))),
        ("Output 3", OutputsRead((3,))),
        ("2,", OutputsRead((2,))),
    ],
)
def test_outputs(text, read):
    assert parse_outputs(text) == read


@pytest.mark.parametrize("text", ["", "several", "0", "3-1", "1, x"])
def test_unreadable_outputs(text):
    with pytest.raises(OutputsError):
        parse_outputs(text)


@pytest.fixture(scope="module")
def gazetteer():
    from cyberkg.reader.reference import load_reference

    return Gazetteer(load_reference().cities)


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("Luxembourg", [("luxembourg", "LU", True)]),
        ("Asunción, Paraguay", [("asuncion", "PY", True)]),
        ("Asuncion", [("asuncion", "PY", True)]),
        ("Sharm el Sheikh, Egypt", [("sharm-el-sheikh", "EG", True)]),
        ("Sharm el-Sheikh", [("sharm-el-sheikh", "EG", True)]),
        ("Hanoi, Vietnam", [("hanoi", "VN", True)]),
        ("Tbilisi", [("tbilisi", "GE", False)]),
        ("Chişinău, Moldova", [("chisinau", "MD", False)]),
        ("Paris, United States", [("paris-us", "US", False)]),
        ("Paris / Brussels", [("paris", "FR", True), ("brussels", "BE", True)]),
    ],
)
def test_places(gazetteer, text, cities):
    assert [(city.slug, city.country, city.in_reference) for city in gazetteer.find(text)] == cities


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no place given"),
        ("Xyzzyville", "no city 'Xyzzyville' in the reference cities or GeoNames"),
        ("Moldova", "place 'Moldova' is a country, not a city"),
        ("Strasbourg, Germany", "no city 'Strasbourg' in DE in the reference cities or GeoNames"),
        ("Geneva, Atlantis", "'Atlantis' in place 'Geneva, Atlantis' is not a country"),
    ],
)
def test_places_not_found(gazetteer, text, message):
    with pytest.raises(PlaceError) as raised:
        gazetteer.find(text)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        ("<p>European Commission: <i>Second meeting</i></p> <p>More.</p>", "Second meeting"),
        (
            "<p>ERA - TAIEX seminar on the fight against cybercrime.</p> <p>The event was organised.</p>",
            "ERA - TAIEX seminar on the fight against cybercrime",
        ),
        (
            "Launching the CoE Newsletter with the purpose to send periodically an update",
            "Launching the CoE Newsletter",
        ),
        ("First sentence here. Second One.", "First sentence here"),
        ("<p></p>", ""),
        ("", ""),
    ],
)
def test_titles(markup, title):
    assert title_of(markup) == title


@pytest.mark.parametrize(
    ("title", "classes", "language"),
    [
        ("Information Security Forum 20th Anniversary Annual World Congress", ("Conference",), "en"),
        ('OECD Technology Foresight Forum on "Cloud Computing: The Next Meeting?"', ("Forum",), "en"),
        ("Project Planning Group meeting (via conference call)", ("Meeting", "ConferenceCall"), "en"),
        ("Launching the CoE Newsletter", ("Launch", "Publication"), "en"),
        ("Séminaire francophone Droit des technologies de l'Information", ("Seminar",), "fr"),
        ("Contribution to US DOJ workshop on cybercrime legislation", ("Workshop",), "en"),
        ("OECD Working Party on Information Security and Privacy (WPISP)", ("Meeting",), "en"),
        ("Newsletter", ("Publication",), "en"),
        ("Something else entirely", ("Event",), "en"),
    ],
)
def test_kinds(title, classes, language):
    guess = guess_kind(title)
    assert (guess.classes, guess.language) == (classes, language)
