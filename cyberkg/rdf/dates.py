"""Dates at the precision a source gives them: a year (``xsd:gYear``), a month (``xsd:gYearMonth``) or a day.

The one check of a date typed by a person, shared by the query parameters and the event filters: the
text must have one of the three shapes and name a real month and a real day of it, so that
``2009-13`` or ``2009-02-30`` is refused rather than quietly compared as text.
"""

from __future__ import annotations

import datetime
import re

PRECISIONS = {4: "year", 7: "month", 10: "day"}
DATATYPES = {"year": "gYear", "month": "gYearMonth", "day": "date"}
_SHAPE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a date of YYYY, YYYY-MM or YYYY-MM-DD form, or None when it is one."""
    if not _SHAPE.fullmatch(value):
        return f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    parts = [int(part) for part in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"{value!r} is not a date: there is no month {parts[1]:02d}"
    if len(parts) == 3:
        try:
            datetime.date(*parts)
        except ValueError:
            return f"{value!r} is not a date: {datetime.date(parts[0], parts[1], 1):%B %Y} has no day {parts[2]:02d}"
    return None


def date_precision(value: str) -> str:
    """``year``, ``month`` or ``day`` for a date that :func:`date_problem` accepts."""
    return PRECISIONS[len(value)]
