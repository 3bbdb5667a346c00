"""events-per-city and events-per-country on a fictitious fixture with every case their counts tell apart.

Held and planned are counted from one look-up of each event's status: an event with two statuses counts in
both columns, one without a status in neither; a part of a larger event and a placed thing that is not an
event are not counted, and an event of two kinds is counted once.
"""

from __future__ import annotations

from pathlib import Path

from cyberkg.query.library import find_query, run
from cyberkg.store.checkout import default_checkout, turtle_files
from cyberkg.store.loading import load_store

FIXTURE = Path(__file__).parent / "queries" / "event-counts.ttl"
EX = "http://example.org/fixture/"


def rows(name: str, columns: tuple[str, ...]) -> list[tuple]:
    store = load_store(files=[*turtle_files(default_checkout().ontology_dir), FIXTURE])
    return [tuple(row[column] for column in columns) for row in run(store, find_query(name)).as_values()]


def test_events_per_city_counts_each_case_once() -> None:
    assert rows("events-per-city", ("city", "cityLabel", "country", "events", "heldEvents", "plannedEvents")) == [
        (EX + "city-a", "Fixture city A", EX + "country", 4, 1, 2),
        (EX + "city-b", "Fixture city B", EX + "country", 2, 2, 1),
    ]


def test_events_per_country_counts_each_case_once() -> None:
    assert rows("events-per-country", ("country", "countryLabel", "events", "heldEvents", "plannedEvents")) == [
        (EX + "country", "Fixture country", 6, 3, 3),
    ]
