"""The seed update (2 November 2009) with damaged headings and in other encodings: still 12 carried-out
and 6 planned rows, the same events as the clean seed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_fa465a124f4876eb.txt"
CARRIED = "ACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009"
PLANNED = "ACTIVITIES PLANNED FOR NOVEMBER 2009"

# Outside CI the seed documents may be absent; in CI (CI=true) these tests must run, so they fail instead.
pytestmark = pytest.mark.skipif(
    not SEED.exists() and not os.environ.get("CI"),
    reason="the seed update is not beside the checkout (../shared/seeds)",
)


@pytest.fixture(scope="module")
def reader():
    from cyberkg.reader.gazetteer import Gazetteer
    from cyberkg.reader.reading import read_report_bytes
    from cyberkg.reader.reference import load_reference

    reference = load_reference()
    gazetteer = Gazetteer(reference.cities)
    return lambda data: read_report_bytes(data, SEED.name, None, reference, gazetteer)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def clean(reader, seed_text):
    return reader(seed_text.encode("utf-8"))


def statuses(reading) -> list[str]:
    return [event.status for event in reading.draft.events]


def counts(reading) -> tuple[int, int]:
    held = sum(1 for event in reading.draft.events if event.status == "Held")
    return held, len(reading.draft.events) - held


def test_clean_seed_reads_12_carried_out_and_6_planned(clean):
    assert counts(clean) == (12, 6)


@pytest.mark.parametrize(
    ("carried", "planned"),
    [
        ("ACTIVITIES CARRIED\u200b OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009", PLANNED),
        ("\ufeffACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009", PLANNED),
        ("ACTIVITIES CARRIED-OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009", PLANNED),
        ("ACTIVITIES CARRIED\u2013OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009", PLANNED),
        ("ACTIVITIES CARR\x08IED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009", PLANNED),
        (
            "ACTIVI\u00adTIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009",
            "ACTIVITIES PLAN\u200dNED FOR NOVEMBER 2009",
        ),
        ("Activities Carried Out between 15 September and 31 October 2009", "activities planned for november 2009"),
        (
            "\uff21\uff23\uff34\uff29\uff36\uff29\uff34\uff29\uff25\uff33 CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 "
            "OCTOBER 2009",
            PLANNED,
        ),
        (
            "ACTIVITIES  CARRIED \u00a0OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009",
            "ACTIVITIES PLANNED\u00a0FOR NOVEMBER 2009",
        ),
    ],
    ids=["zero-width-space", "bom", "hyphen", "en-dash", "backspace", "soft-hyphen+zwj", "case", "fullwidth", "spaces"],
)
def test_damaged_headings_still_read_18_rows(reader, seed_text, clean, carried, planned):
    damaged = seed_text.replace(CARRIED, carried, 1).replace(PLANNED, planned, 1)
    assert damaged != seed_text or carried == CARRIED
    reading = reader(damaged.encode("utf-8"))
    assert counts(reading) == (12, 6)
    assert [event.iri for event in reading.draft.events] == [event.iri for event in clean.draft.events]
    assert statuses(reading) == statuses(clean)
    assert [p.message for p in reading.problems] == [p.message for p in clean.problems]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes the byte order mark
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),  # no byte order mark
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom"],
)
def test_encodings_read_the_same_18_rows(reader, seed_text, clean, encoding, prefix):
    reading = reader(prefix + seed_text.encode(encoding))
    assert counts(reading) == (12, 6)
    assert [event.iri for event in reading.draft.events] == [event.iri for event in clean.draft.events]
    assert [event.label for event in reading.draft.events] == [event.label for event in clean.draft.events]
    assert [p.message for p in reading.problems] == [p.message for p in clean.problems]
    assert reading.turtle == clean.turtle


def test_cp1252_reads_the_same_18_rows_with_one_encoding_note(reader, seed_text, clean):
    reading = reader(seed_text.encode("cp1252"))
    assert counts(reading) == (12, 6)
    assert [event.label for event in reading.draft.events] == [event.label for event in clean.draft.events]
    encoding_notes = [p.message for p in reading.problems if "not UTF-8" in p.message]
    assert len(encoding_notes) == 1
    assert [p.message for p in reading.problems if "not UTF-8" not in p.message] == [p.message for p in clean.problems]
