"""Filters shared by every projection, the timeline and the map: which events take part.

A filter selects events; a projection then shows every link of the selected
events. The criteria combine with AND; the values of one criterion with OR:

- date range: the event's span (start to end, each at the precision the source
  gives: a month stands for all its days, a year for all its days) overlaps the
  range ``date_from``..``date_to`` (either end may be open);
- output: the event serves one of the outputs (``ckg:servesOutput``);
- instrument: the event discusses one of the instruments or one of their articles
  (``ckg:discussesInstrument``) or concerns a country about it (``ckg:countryInvolvement``);
- topic: the event deals with one of the topics or a narrower one (``skos:broader``);
- status: the event's status (held, planned) as of its report.

Treaty actions (used by the country–instrument projection) are not events: the date
range applies to their ``ckg:actionDate`` and the instrument filter to their
instrument; any output, topic or status filter leaves them out.

The filter is written into SPARQL as ``FILTER EXISTS`` blocks over ``VALUES`` built
from validated terms, never from pasted user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberkg.errors import InputError
from cyberkg.rdf.dates import date_problem
from cyberkg.rdf.namespaces import CKG

ID = "https://w3id.org/cyberkg/id/"
STATUSES = {"held": CKG + "Held", "planned": CKG + "Planned"}

_IRI_UNSAFE = re.compile(r'[\s<>"{}|\\^`]')


def first_day(value: str) -> str:
    """The first day a date of any precision stands for, as YYYY-MM-DD."""
    return value + "-01-01"[len(value) - 4 :]


def last_day_key(value: str) -> str:
    """A string that sorts like the last day a date of any precision stands for.

    The day is written as 31 and the month as 12 whatever the calendar says: the
    result is only ever compared as a string with real YYYY-MM-DD days.
    """
    return value + "-12-31"[len(value) - 4 :]


def check_date(value: str, what: str) -> str:
    """A real date given as YYYY, YYYY-MM or YYYY-MM-DD, or InputError naming ``what`` (the option)."""
    problem = date_problem(value)
    if problem:
        raise InputError(f"{what}: {problem}")
    return value


def resolve_iri(value: str, namespace: str, what: str) -> str:
    """An IRI from a full IRI, a ``prefix:local`` name, or a bare local name in ``namespace``."""
    from cyberkg.rdf.namespaces import PREFIXES

    value = value.strip()
    if "://" in value:
        iri = value
    else:
        prefix, sep, local = value.partition(":")
        if sep and prefix in PREFIXES:
            iri = PREFIXES[prefix] + local
        elif sep:
            raise InputError(f"{what}: unknown prefix {prefix!r} in {value!r}")
        else:
            iri = namespace + value
    if not value or _IRI_UNSAFE.search(iri):
        raise InputError(f"{what}: {value!r} is not an IRI or a name")
    return iri


def short_name(iri: str, namespace: str) -> str:
    """The name as an option takes it: bare when the IRI is in ``namespace``, else the whole IRI."""
    local = iri[len(namespace) :]
    return local if iri.startswith(namespace) and local and "/" not in local else iri


@dataclass(frozen=True)
class EventFilter:
    """Which events a network, timeline or map is drawn from (empty: all of them)."""

    date_from: str | None = None
    date_to: str | None = None
    outputs: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.date_from is not None:
            check_date(self.date_from, "--from")
        if self.date_to is not None:
            check_date(self.date_to, "--to")
        if self.date_from and self.date_to and first_day(self.date_from) > last_day_key(self.date_to):
            raise InputError(f"the date range is empty: {self.date_from} is after {self.date_to}")
        for status in self.statuses:
            if status not in STATUSES.values():
                raise InputError(f"unknown status {status!r}")

    @classmethod
    def from_options(
        cls,
        date_from: str | None = None,
        date_to: str | None = None,
        outputs: tuple[str, ...] = (),
        instruments: tuple[str, ...] = (),
        topics: tuple[str, ...] = (),
        statuses: tuple[str, ...] = (),
    ) -> EventFilter:
        """Build a filter from command-line values: names or IRIs, status words."""
        unknown = [status for status in statuses if status.lower() not in STATUSES]
        if unknown:
            raise InputError(f"unknown status {unknown[0]!r} (use one of: {', '.join(STATUSES)})")
        return cls(
            date_from=date_from or None,
            date_to=date_to or None,
            outputs=tuple(resolve_iri(value, ID + "output/", "--output") for value in outputs),
            instruments=tuple(resolve_iri(value, ID + "instrument/", "--instrument") for value in instruments),
            topics=tuple(resolve_iri(value, ID + "topic/", "--topic") for value in topics),
            statuses=tuple(STATUSES[status.lower()] for status in statuses),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.outputs or self.instruments or self.topics or self.statuses)

    def describe(self) -> str:
        """The filter in words, as the options name it ("from 2009-09; topic judicial-training"), or "none"."""
        parts = []
        if self.date_from:
            parts.append(f"from {self.date_from}")
        if self.date_to:
            parts.append(f"to {self.date_to}")
        for field, word, namespace in (
            ("outputs", "output", ID + "output/"),
            ("instruments", "instrument", ID + "instrument/"),
            ("topics", "topic", ID + "topic/"),
            ("statuses", "status", CKG),
        ):
            values = [short_name(iri, namespace) for iri in getattr(self, field)]
            if values:
                parts.append(f"{word} {' or '.join(values).lower() if field == 'statuses' else ' or '.join(values)}")
        return "; ".join(parts) or "none"

    @property
    def admits_treaty_actions(self) -> bool:
        """Treaty actions have no output, topic or status: any such filter leaves them out."""
        return not (self.outputs or self.topics or self.statuses)

    def event_sparql(self, variable: str = "?event") -> str:
        """SPARQL constraints that keep only the events this filter selects."""
        blocks = []
        if self.statuses:
            blocks.append(
                f"FILTER EXISTS {{ VALUES ?filterStatus {{ {_iris(self.statuses)} }} "
                f"{variable} ckg:status ?filterStatus }}"
            )
        if self.outputs:
            blocks.append(
                f"FILTER EXISTS {{ VALUES ?filterOutput {{ {_iris(self.outputs)} }} "
                f"{variable} ckg:servesOutput ?filterOutput }}"
            )
        if self.topics:
            blocks.append(
                f"FILTER EXISTS {{ VALUES ?filterTopic {{ {_iris(self.topics)} }} "
                f"{variable} ckg:topic/skos:broader* ?filterTopic }}"
            )
        if self.instruments:
            blocks.append(
                f"FILTER EXISTS {{ VALUES ?filterInstrument {{ {_iris(self.instruments)} }} "
                f"{variable} (ckg:discussesInstrument|(ckg:countryInvolvement/ckg:instrument))"
                "/ckg:articleOf? "
                "?filterInstrument }"
            )
        if self.date_from or self.date_to:
            blocks.append(
                f"FILTER EXISTS {{ {variable} ckg:startDate ?filterStart . "
                f"OPTIONAL {{ {variable} ckg:endDate ?filterEnd }} "
                f"{self._range_test('?filterStart', 'COALESCE(?filterEnd, ?filterStart)')} }}"
            )
        return "\n  ".join(blocks)

    def treaty_action_sparql(self, action: str = "?action", instrument: str = "?instrument") -> str:
        """SPARQL constraints that keep only the treaty actions this filter selects."""
        blocks = []
        if self.instruments:
            blocks.append(
                f"FILTER EXISTS {{ VALUES ?filterInstrument {{ {_iris(self.instruments)} }} "
                f"{instrument} ckg:articleOf? ?filterInstrument }}"
            )
        if self.date_from or self.date_to:
            blocks.append(
                f"FILTER EXISTS {{ {action} ckg:actionDate ?filterDate . "
                f"{self._range_test('?filterDate', '?filterDate')} }}"
            )
        return "\n  ".join(blocks)

    def _range_test(self, start: str, end: str) -> str:
        return _range_filter(start, end, self.date_from, self.date_to)


def _range_filter(start: str, end: str, date_from: str | None, date_to: str | None) -> str:
    """A FILTER that holds when the span start..end overlaps date_from..date_to.

    Dates of any precision are padded to days as strings (first day of the start,
    a day that sorts as the last of the end), so a month overlaps every day in it.
    """
    tests = []
    if date_to is not None:
        padded_start = f'CONCAT(STR({start}), SUBSTR("-01-01", STRLEN(STR({start})) - 3))'
        tests.append(f'{padded_start} <= "{last_day_key(date_to)}"')
    if date_from is not None:
        padded_end = f'CONCAT(STR({end}), SUBSTR("-12-31", STRLEN(STR({end})) - 3))'
        tests.append(f'{padded_end} >= "{first_day(date_from)}"')
    return f"FILTER({' && '.join(tests)})"


def _iris(iris: tuple[str, ...]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)
