"""Dates as activity updates write them, read at the precision they are written.

``16 Sep 09``, ``5-9 Oct 09``, ``30 Sep-2 Oct 09``, ``Sep 09``, ``16 Oct``, ``October``, ``Sep-Oct 09``,
``2010``. A missing year is taken from the table's period (or the report date); a month without a day
stays a month (xsd:gYearMonth), never a guessed day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cyberkg.reader.iris import strip_accents

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan", "janvier", "janv"),
        ("february", "feb", "fevrier", "fev", "fevr"),
        ("march", "mar", "mars"),
        ("april", "apr", "avril", "avr"),
        ("may", "mai"),
        ("june", "jun", "juin"),
        ("july", "jul", "juillet", "juil"),
        ("august", "aug", "aout"),
        ("september", "sep", "sept", "septembre"),
        ("october", "oct", "octobre"),
        ("november", "nov", "novembre"),
        ("december", "dec", "decembre"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number


class DateError(ValueError):
    """A date cell that cannot be read; the message says why."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a month of a year, or a day, as precise as the source is."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def datatype(self) -> str:
        """The XML Schema datatype name for this precision."""
        if self.day is not None:
            return "date"
        return "gYearMonth" if self.month is not None else "gYear"

    @property
    def lexical(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def contains(self, day: date) -> bool:
        """Whether a day falls within this date (a month contains its days)."""
        return self.first_day() <= day <= self.last_day()


@dataclass(frozen=True)
class DateSpan:
    start: PartialDate
    end: PartialDate


@dataclass(frozen=True)
class DateContext:
    """What a date cell's missing year is taken from: the table's period, else the report date."""

    report_date: date
    period: tuple[date, date] | None = None


@dataclass(frozen=True)
class _Side:
    day: int | None
    month: int | None
    year: int | None


_RANGE = re.compile(r"\s*(?:-|–|—|/|\bto\b|\bau\b)\s*")
_SIDE = re.compile(r"^(?:(\d{1,2})(?!\d)(?:st|nd|rd|th|er)?\s*)?(?:([a-z]+)\.?\s*)?(?:'?(\d{4}|\d{2}))?$")


def parse_event_date(text: str, context: DateContext) -> DateSpan:
    """Read a date cell; raise DateError when it cannot be read."""
    cleaned = _clean(text)
    if not cleaned:
        raise DateError("no date given")
    parts = _RANGE.split(cleaned)
    if len(parts) > 2 or any(not part for part in parts):
        raise DateError(f"cannot read the date {text.strip()!r}")
    sides = [_read_side(part, text, context.report_date.year) for part in parts]
    if len(sides) == 1:
        start = end = sides[0]
    else:
        start, end = sides
        start = _Side(
            start.day,
            start.month if start.month is not None else end.month,
            start.year if start.year is not None else end.year,
        )
    if end.month is None and end.day is not None:
        raise DateError(f"cannot read the date {text.strip()!r}: a day without a month")
    if start.month is None and start.day is not None:
        raise DateError(f"cannot read the date {text.strip()!r}: a day without a month")
    if (start.day is None) != (end.day is None) or (start.month is None) != (end.month is None):
        raise DateError(f"cannot read the date {text.strip()!r}: its two ends are not equally precise")
    wraps = start.month is not None and end.month is not None and start.month > end.month
    end_year = end.year if end.year is not None else _infer_year(start.month, end.month, wraps, context)
    start_year = start.year if start.year is not None else end_year - 1 if wraps else end_year
    span = DateSpan(_checked(start_year, start.month, start.day, text), _checked(end_year, end.month, end.day, text))
    if span.end.last_day() < span.start.first_day():
        raise DateError(f"the date {text.strip()!r} ends before it starts")
    return span


def parse_full_date(text: str) -> date:
    """A day written in full, as on a report's date line: "2 November 2009" (also "2009-11-02")."""
    cleaned = _clean(text)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", cleaned)
    if iso:
        year, month, day = (int(group) for group in iso.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|er)?\s+([a-z]+)\.?,?\s+(\d{4})", cleaned)
        if not match or match.group(2) not in MONTHS:
            raise DateError(f"cannot read the date {text.strip()!r}")
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"there is no day {text.strip()!r}") from None


def _clean(text: str) -> str:
    cleaned = strip_accents(text).lower().replace("\u00a0", " ")
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(".")
    return cleaned


def _read_side(part: str, text: str, report_year: int) -> _Side:
    match = _SIDE.match(part.strip())
    if not match or not any(match.groups()):
        raise DateError(f"cannot read the date {text.strip()!r}")
    day_text, month_text, year_text = match.groups()
    month = None
    if month_text is not None:
        if month_text not in MONTHS:
            raise DateError(f"cannot read the date {text.strip()!r}: {month_text!r} is not a month")
        month = MONTHS[month_text]
    if month is None and day_text is not None and year_text is None:
        return _Side(int(day_text), None, None)
    if month is None and day_text is None and year_text is not None and len(year_text) == 2:
        raise DateError(f"cannot read the date {text.strip()!r}")
    year = None
    if year_text is not None:
        year = int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text), report_year)
    if month is None and day_text is not None:
        raise DateError(f"cannot read the date {text.strip()!r}: a day without a month")
    return _Side(int(day_text) if day_text is not None else None, month, year)


def _two_digit_year(value: int, report_year: int) -> int:
    """The year ending in these two digits that is closest to the report's year."""
    century = report_year - report_year % 100
    return min(
        (century - 100 + value, century + value, century + 100 + value),
        key=lambda year: abs(year - report_year),
    )


def _infer_year(start_month: int | None, end_month: int | None, wraps: bool, context: DateContext) -> int:
    """The year of a date written without one: the year in which its months fall in the table's period."""
    if context.period is not None and end_month is not None:
        first, last = context.period
        for year in range(first.year, last.year + 2):
            month_start = date(year - 1 if wraps else year, start_month or end_month, 1)
            month_end = date(year, end_month, calendar.monthrange(year, end_month)[1])
            if month_start <= last and month_end >= first:
                return year
    return context.report_date.year


def _checked(year: int, month: int | None, day: int | None, text: str) -> PartialDate:
    if not 1 <= year <= 9999:
        raise DateError(f"cannot read the year in {text.strip()!r}")
    if month is not None and day is not None:
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise DateError(f"there is no day {day} in {calendar.month_name[month]} {year} ({text.strip()!r})")
    return PartialDate(year, month, day)
