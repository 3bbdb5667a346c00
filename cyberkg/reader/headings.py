"""Table headings: "ACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009", "ACTIVITIES PLANNED
FOR NOVEMBER 2009": the section name in sentence case, and the period the table covers."""

from __future__ import annotations

import calendar
import re
from datetime import date

from cyberkg.reader.dates import MONTHS, DateError, parse_full_date

_MONTH_NAMES = {name.lower(): name for name in calendar.month_name if name}


def section_label(heading: str) -> str:
    """The heading in sentence case, month names capitalised, as graph/sources.ttl writes sections."""
    words = re.sub(r"\s+", " ", heading).strip().lower().split(" ")
    words = [_MONTH_NAMES.get(word, word) for word in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def heading_period(heading: str) -> tuple[date, date] | None:
    """The first and last day of the period a heading names, or None if it names none."""
    text = re.sub(r"\s+", " ", heading).strip().lower()
    between = re.search(r"\b(?:between|from)\s+(.+?)\s+(?:and|to|-)\s+(.+)$", text)
    if between:
        first_text, last_text = between.group(1), between.group(2)
        year = re.search(r"\d{4}\s*$", last_text)
        if year and not re.search(r"\d{4}\s*$", first_text):
            first_text = f"{first_text} {year.group(0).strip()}"
        try:
            first, last = parse_full_date(first_text), parse_full_date(last_text)
        except DateError:
            return None
        return (first, last) if first <= last else None
    months = re.search(r"\bfor\s+([a-z]+)(?:\s+(?:and|to|-)\s+([a-z]+))?\s+(\d{4})\s*$", text)
    if months and months.group(1) in MONTHS and (months.group(2) is None or months.group(2) in MONTHS):
        year_number = int(months.group(3))
        first_month = MONTHS[months.group(1)]
        last_month = MONTHS[months.group(2)] if months.group(2) else first_month
        if last_month < first_month:
            return None
        last_day = calendar.monthrange(year_number, last_month)[1]
        return date(year_number, first_month, 1), date(year_number, last_month, last_day)
    return None
