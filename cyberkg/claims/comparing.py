"""How two values of the same fact relate, at the precision each source gives.

A date given to the month refines to any day in that month, and a year to any month or day in
it; two dates that share no day are in conflict. A figure is read as the set of numbers its
source allows: "more than 280" is every number above 280, "almost 280" every number up to 280
(near it), "at least 280" 280 and above, a plain 280 just 280. Two figures whose sets do not
meet are in conflict; a figure whose set lies inside the other's refines it. "Approximately N"
allows numbers on either side of N by an amount no source states, so it is compatible with any
figure except in sign: nothing is claimed that the text does not say.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Relation(enum.Enum):
    """How a second value stands to a first value of the same fact."""

    SAME = "same"
    REFINES = "refines"  # the second is a finer form of the first
    COARSER = "coarser"  # the first is a finer form of the second
    COMPATIBLE = "compatible"  # both can be true; neither is finer
    CONFLICTS = "conflicts"  # both cannot be true


@dataclass(frozen=True)
class Value:
    """One value of a fact: its lexical form, datatype IRI (None for a node) and qualifier, if any.

    ``qualifier`` is the local name of a value qualifier (``MoreThan``, ``Almost``,
    ``Approximately``, ``AtLeast``) or None for a plain value.
    """

    text: str
    datatype: str | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class _Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: _Interval) -> bool:
        if self.low > other.high or other.low > self.high:
            return False
        if self.low == other.high and (self.low_open or other.high_open):
            return False
        return not (other.low == self.high and (other.low_open or self.high_open))

    def within(self, other: _Interval) -> bool:
        low_ok = self.low > other.low or (self.low == other.low and (self.low_open or not other.low_open))
        high_ok = self.high < other.high or (self.high == other.high and (self.high_open or not other.high_open))
        return low_ok and high_ok


def _interval(value: Value) -> _Interval | None:
    try:
        number = float(value.text)
    except ValueError:
        return None
    if math.isnan(number):
        return None
    if value.qualifier == "MoreThan":
        return _Interval(number, math.inf, low_open=True)
    if value.qualifier == "AtLeast":
        return _Interval(number, math.inf)
    if value.qualifier == "Almost":
        return _Interval(-math.inf, number)
    if value.qualifier == "Approximately":
        return None
    return _Interval(number, number)


def _date_parts(value: Value) -> tuple[str, ...] | None:
    match = _DATE.match(value.text.strip())
    if not match:
        return None
    return tuple(part for part in match.groups() if part is not None)


def relate(first: Value, second: Value) -> Relation:
    """How ``second`` stands to ``first``, two values of one fact."""
    if first == second:
        return Relation.SAME
    first_date, second_date = _date_parts(first), _date_parts(second)
    if first_date is not None and second_date is not None:
        if first_date == second_date:
            return Relation.SAME
        shorter = min(len(first_date), len(second_date))
        if first_date[:shorter] != second_date[:shorter]:
            return Relation.CONFLICTS
        return Relation.REFINES if len(second_date) > len(first_date) else Relation.COARSER
    first_range, second_range = _interval(first), _interval(second)
    if first_range is not None and second_range is not None:
        if not first_range.meets(second_range):
            return Relation.CONFLICTS
        if first_range == second_range:
            return Relation.SAME
        if second_range.within(first_range):
            return Relation.REFINES
        if first_range.within(second_range):
            return Relation.COARSER
        return Relation.COMPATIBLE
    if (first.qualifier == "Approximately" or second.qualifier == "Approximately") and (
        _interval(Value(first.text)) is not None and _interval(Value(second.text)) is not None
    ):
        return Relation.COMPATIBLE
    return Relation.CONFLICTS
