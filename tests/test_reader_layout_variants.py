"""Synthetic variants of the real-page fixtures of the chart, quarterly update and programme layouts: the same
text with a byte order mark, in UTF-16, in Windows-1252, with zero-width spaces in its markers and headings,
and cut short. Each gives the same items (a cut copy gives fewer), and no item is lost silently: every item
seen is drafted or stands in a note that says why it was not."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "reader" / "fixtures"
CASES = {
    "treaty_chart_185.txt": ("treaty-chart", "46 items seen = 46 drafted + 0 noted"),
    "treaty_chart_185_2004.txt": ("treaty-chart", "26 items seen = 22 drafted + 4 noted"),
    "coe_update_2019q4.txt": ("cybercrime-update", "10 items seen = 6 drafted + 4 noted"),
    "octopus_2023_agenda.txt": ("programme", "5 items seen = 5 drafted + 0 noted"),
}
ZWSP = "\u200b"


def zero_width(text: str) -> str:
    """Zero-width spaces inside the words that mark each layout."""
    for word in ("Status as of", "Signature", "CYBERCRIME@COE UPDATE", "Highlights", "AGENDA"):
        text = text.replace(word, word[:3] + ZWSP + word[3:])
    return text


VARIANTS = {
    "utf-8 with BOM": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "utf-16": lambda text: text.encode("utf-16"),
    "cp1252": lambda text: text.encode("cp1252", errors="replace"),
    "zero-width spaces": lambda text: zero_width(text).encode("utf-8"),
}


def items(reading):
    events = [(e.label, e.start, e.end, tuple(c.slug for c in e.cities), e.status) for e in reading.draft.events]
    actions = [(a.iri, a.kind, a.day) for a in reading.draft.treaty_actions]
    return events, actions


@pytest.fixture(scope="module")
def reference_and_gazetteer():
    from cyberkg.reader.gazetteer import Gazetteer
    from cyberkg.reader.reference import load_reference

    reference = load_reference()
    return reference, Gazetteer(reference.cities, reference.country_names)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", list(CASES))
def test_variants_read_as_the_fixture(name, variant, reference_and_gazetteer):
    from cyberkg.reader.reading import read_report_bytes

    reference, gazetteer = reference_and_gazetteer
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if variant == "cp1252" and any(ord(char) > 0xFF and char not in "–’“”•" for char in text):
        text = text.replace("▪", "•")  # a bullet that Windows-1252 has (the highlights become dates to save)
    original = read_report_bytes(text.encode("utf-8"), name, None, reference, gazetteer)
    reading = read_report_bytes(VARIANTS[variant](text), name, None, reference, gazetteer)
    assert (reading.layout, reading.count_check) == (original.layout, original.count_check)
    assert items(reading) == items(original)
    if "▪" not in text or variant != "cp1252":
        assert (original.layout, original.count_check) == CASES[name]


@pytest.mark.parametrize("name", list(CASES))
def test_cut_copies_lose_nothing_silently(name, reference_and_gazetteer):
    from cyberkg.errors import InputError
    from cyberkg.reader.reading import read_report_bytes

    reference, gazetteer = reference_and_gazetteer
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    for keep in range(len(lines) // 2, len(lines) + 1, 3):
        data = "\n".join(lines[:keep]).encode("utf-8")
        try:
            reading = read_report_bytes(data, name, None, reference, gazetteer, CASES[name][0])
        except InputError as error:  # too short to hold an item: one named line, never a traceback
            assert error.line == 1
            continue
        noted = sum(problem.items_noted for problem in reading.problems)
        assert reading.items_seen == reading.drafted + noted, (keep, reading.count_check)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.html")), ids=lambda p: p.name)
def test_every_item_not_drafted_of_every_fixture_has_its_note(path, reference_and_gazetteer):
    from cyberkg.reader.reading import read_report

    reference, gazetteer = reference_and_gazetteer
    reading = read_report(path, reference, gazetteer)
    assert sum(problem.items_noted for problem in reading.problems) == reading.noted
