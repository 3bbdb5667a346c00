"""The events that a timeline or a map shows: dates, status, city coordinates and outputs."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.network.attributes import node_attributes
from cyberkg.network.filters import EventFilter
from cyberkg.network.projections import PREFIXES, ClassSets
from cyberkg.rdf.results import select_solutions

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph


@dataclass(frozen=True)
class EventRecord:
    """One dated event as the pictures need it."""

    iri: str
    label: str
    start: str
    end: str
    status: str
    place: str
    latitude: float | None
    longitude: float | None
    outputs: tuple[str, ...]  # short labels of the outputs served ("Output 1"), in output order
    source_rows: str

    @property
    def first_day(self) -> datetime.date:
        """The first day the start date stands for (a month's first day, a year's 1 January)."""
        return first_day_of(self.start)

    @property
    def last_day(self) -> datetime.date:
        """The last day the end date stands for (a month's last day, a year's 31 December)."""
        return last_day_of(self.end)


def first_day_of(value: str) -> datetime.date:
    """The first day a date of any precision stands for."""
    parts = [int(part) for part in value.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day_of(value: str) -> datetime.date:
    """The last day a date of any precision stands for."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return datetime.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def event_records(store: pyoxigraph.Store, event_filter: EventFilter | None = None) -> list[EventRecord]:
    """The dated events the filter selects, ordered by start, end and label."""
    event_filter = event_filter or EventFilter()
    classes = ClassSets.read(store)
    query = f"""{PREFIXES}PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT ?event ?lat ?long ?output ?number WHERE {{
  {{ SELECT DISTINCT ?event WHERE {{
    ?event ckg:startDate ?anyStart .
    {event_filter.event_sparql("?event")}
  }} }}
  {classes.event_join("?event")}
  OPTIONAL {{ ?event ckg:place ?city . ?city geo:lat ?lat ; geo:long ?long }}
  OPTIONAL {{ ?event ckg:servesOutput ?output . OPTIONAL {{ ?output ckg:outputNumber ?number }} }}
}}"""
    coordinates: dict[str, tuple[float, float] | None] = {}
    outputs: dict[str, set[tuple[int, str]]] = {}
    for solution in select_solutions(store, query):
        iri = solution["event"].value
        lat, long = solution["lat"], solution["long"]
        coordinates[iri] = (float(lat.value), float(long.value)) if lat is not None and long is not None else None
        outputs.setdefault(iri, set())
        if solution["output"] is not None:
            number = solution["number"]
            outputs[iri].add((int(number.value) if number is not None else 0, solution["output"].value))
    output_iris = {output for served in outputs.values() for _, output in served}
    attributes = node_attributes(
        store, {**{iri: "event" for iri in coordinates}, **{iri: "output" for iri in output_iris}}
    )
    records = []
    for iri, place in coordinates.items():
        event = attributes[iri]
        records.append(
            EventRecord(
                iri=iri,
                label=str(event["label"]),
                start=str(event["start"]),
                end=str(event["end"]),
                status=str(event.get("status", "")),
                place=str(event.get("place", "")),
                latitude=place[0] if place else None,
                longitude=place[1] if place else None,
                outputs=tuple(str(attributes[output]["short_label"]) for _, output in sorted(outputs[iri])),
                source_rows=str(event.get("source_rows", "")),
            )
        )
    return sorted(records, key=lambda record: (record.first_day, record.last_day, record.label, record.iri))
