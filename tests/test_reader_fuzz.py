"""Property-based tests of the report reader over mangled reports: no exception escapes, no row is lost."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberkg.errors import InputError

HEADER = (
    "Global Project on Cybercrime (phase 2)\n\nUpdate test\n\nDate: 2 November 2009\n\nPROJECT DATA\n\n"
    "Project title\tGlobal Project on Cybercrime, Phase 2 (DGHL/2009/2079)\t\n"
    "Output 1\tLegislation: laws\t\nOutput 2\tTraining: judges\t\n\n"
)
CELL_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r\x00")
VALID_DATES = st.sampled_from(["16 Sep 09", "5-9 Oct 09", "Sep 09", "16 Oct", "October", "30 Sep-2 Oct 09"])
VALID_PLACES = st.sampled_from(["Luxembourg", "Asunción, Paraguay", "Sharm el Sheikh, Egypt", "Paris"])
VALID_OUTPUTS = st.sampled_from(["7", "1, 5", "1,7", "All", "2"])
TAGGED = st.sampled_from(["<p>Meeting of experts</p>", "<p><i>Workshop</i> on", "<ul><li>x", "</p>", "<i>"])

cell = st.text(CELL_ALPHABET, min_size=1, max_size=30).filter(lambda text: text.strip() != "")
rows = st.lists(
    st.tuples(
        st.one_of(VALID_DATES, cell),
        st.one_of(VALID_PLACES, cell),
        st.one_of(TAGGED, cell, st.just("")),
        st.one_of(VALID_OUTPUTS, cell, st.just("")),
        st.booleans(),  # continue the row after a page break
    ),
    min_size=1,
    max_size=8,
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def reader():
    from cyberkg.reader.gazetteer import Gazetteer
    from cyberkg.reader.reading import read_report_bytes
    from cyberkg.reader.reference import load_reference

    reference = load_reference()
    gazetteer = Gazetteer(reference.cities)
    gazetteer.find("Tbilisi")  # build the GeoNames index once, outside the timed examples
    return lambda data: read_report_bytes(data, "fuzz.txt", None, reference, gazetteer)


def as_written(cell: str) -> str:
    """A cell as the reader keeps it: page breaks (form feed, vertical tab) out, no-break spaces as spaces."""
    return cell.replace("\f", "").replace("\v", "").replace("\u00a0", " ").strip()


def parses(turtle: str) -> int:
    import pyoxigraph

    return len(list(pyoxigraph.parse(turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)))


@FAST
@given(table=rows, planned=st.booleans())
def test_every_row_becomes_one_event(reader, table, planned):
    heading = (
        "ACTIVITIES PLANNED FOR NOVEMBER 2009"
        if planned
        else ("ACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009")
    )
    lines = [heading, "Date\tPlace\tActivity\tOutput"]
    expected = []
    for date_cell, place, activity, outputs, broken in table:
        if date_cell.strip().lower() == "date" and place.strip().lower() == "place":
            date_cell = "x" + date_cell
        first = f"{date_cell}\t{place}\t{activity}\t{outputs}"
        lines.append(first)
        if broken:
            lines += ["\f", "\t\t<p>continued</p>\t"]
        expected.append((as_written(date_cell), as_written(place)))
    reading = reader((HEADER + "\n".join(lines) + "\n").encode("utf-8"))
    events = reading.draft.events
    assert [(event.date_as_written, event.place_as_written) for event in events] == expected
    assert [event.passage.row_number for event in events] == list(range(1, len(table) + 1))
    assert len({event.iri for event in events}) == len(events)
    assert parses(reading.turtle) > 0


@FAST
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_escape(reader, data):
    try:
        reading = reader(data)
    except InputError as error:
        assert error.line is not None
        return
    assert parses(reading.turtle) > 0


@FAST
@given(
    cuts=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.text(CELL_ALPHABET | st.just("\t"), max_size=5)),
        max_size=6,
    ),
)
def test_mangled_seed_like_reports_never_escape(reader, cuts):
    text = HEADER + (
        "ACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009\n\nDate\tPlace\tActivity\tOut-put\n"
        "16 Sep 09\tLuxembourg\t<p>European Commission: <i>Second meeting</i></p>\t7\n"
        "5-9 Oct 09\tGeneva\t<p>ITU Telecom World 2009. Contribution to a workshop</p>\t1\n\n"
        "\t\t<p>should also be evaluated</p>\t\n"
        "13-15 Oct 09\tAsunción, Paraguay\t<p>Contribution to US DOJ workshop</p>\t1\n"
        "ACTIVITIES PLANNED FOR NOVEMBER 2009\n\nDate\tPlace\tActivity\tOutput\n"
        "15-18 Nov 09\tSharm el Sheikh, Egypt\tThe fourth annual IGF Meeting\tAll\n"
    )
    for start, length, replacement in cuts:
        start %= len(text) + 1
        text = text[:start] + replacement + text[start + length :]
    try:
        reading = reader(text.encode("utf-8"))
    except InputError as error:
        assert error.line is not None
        return
    lines = set(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    events = reading.draft.events
    for kind in ("carried-out", "planned"):
        numbers = [event.passage.row_number for event in events if f"/{kind}-row-" in event.passage.iri]
        assert numbers == list(range(1, len(numbers) + 1))
    for event in events:
        assert set(event.passage.row_text.split("\n")) <= lines
    assert len({event.iri for event in events}) == len(events)
    assert parses(reading.turtle) > 0
