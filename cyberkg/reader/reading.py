"""Reading one activity update: the entry point of the report reader."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from cyberkg.errors import InputError
from cyberkg.reader.dates import DateError, parse_full_date
from cyberkg.reader.decoding import decode_report, utf16_text
from cyberkg.reader.draft import Draft, build_draft
from cyberkg.reader.formats import HTML, PDF, TEXT, FormatError, html_lines, pdf_lines, sniff
from cyberkg.reader.gazetteer import Gazetteer
from cyberkg.reader.news import (
    NEWS_ITEMS,
    TREATY_ACTIONS,
    build_news_draft,
    has_treaty_actions,
    looks_like_news_items,
    parse_news_page,
)
from cyberkg.reader.problems import Problem
from cyberkg.reader.programme import PROGRAMME, build_programme_draft, looks_like_programme, parse_programme
from cyberkg.reader.quarterly import CYBERCRIME_UPDATE, build_update_draft, looks_like_cybercrime_update, parse_update
from cyberkg.reader.reference import Reference, load_reference
from cyberkg.reader.tables import ReportLayout, parse_layout
from cyberkg.reader.treaty_chart import TREATY_CHART, build_chart_draft, parse_chart
from cyberkg.reader.turtle import draft_to_turtle

UPDATE_2009 = "update-2009"
LAYOUTS = (UPDATE_2009, NEWS_ITEMS, TREATY_ACTIONS, TREATY_CHART, CYBERCRIME_UPDATE, PROGRAMME)


@dataclass(frozen=True)
class Reading:
    """What reading a report gave: the draft, its Turtle, the problems met (each with its line), the layout
    read (and whether it was detected or forced) and the number of items seen in it."""

    draft: Draft
    turtle: str
    layout: str = UPDATE_2009
    detected: bool = True
    items_seen: int | None = None
    source_format: str = "text"  # "text", "html" or "pdf", told by the file's content

    @property
    def drafted(self) -> int:
        """Items drafted: events and treaty actions."""
        return len(self.draft.events) + len(self.draft.treaty_actions)

    @property
    def noted(self) -> int:
        """Items seen that became only a review note (no event)."""
        seen = self.items_seen if self.items_seen is not None else self.drafted
        return seen - self.drafted

    @property
    def count_check(self) -> str:
        seen = self.items_seen if self.items_seen is not None else self.drafted
        return f"{seen} items seen = {self.drafted} drafted + {self.noted} noted"

    @property
    def problems(self) -> list[Problem]:
        return self.draft.problems

    @property
    def needs_review(self) -> bool:
        return self.draft.needs_review or self.noted > 0


def read_report(
    path: Path,
    reference: Reference | None = None,
    gazetteer: Gazetteer | None = None,
    layout: str | None = None,
) -> Reading:
    """Read the update at ``path`` into a draft.

    Raises InputError (with the line where it can say one) for input that is not such a report at all:
    a missing or empty file, binary data, no report date line. Anything less is reported as a problem and
    the row is still written.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror or error})", path) from None
    return read_report_bytes(data, path.name, path, reference, gazetteer, layout)


def read_report_bytes(
    data: bytes,
    identifier: str,
    path: Path | None = None,
    reference: Reference | None = None,
    gazetteer: Gazetteer | None = None,
    layout_name: str | None = None,
) -> Reading:
    """Read an update given as bytes; ``identifier`` is the file name the draft cites.

    ``layout_name`` forces a layout (one of :data:`LAYOUTS`); None detects it: the 2009 update when the text
    has its date line or activity table headings, else news items when it has bracketed datelines.
    """
    if layout_name is not None and layout_name not in LAYOUTS:
        raise InputError(f"unknown layout {layout_name!r} (known: {', '.join(LAYOUTS)})", path or identifier)
    where = path if path is not None else identifier
    if not data.strip():
        raise InputError("empty file: not an activity update", where, 1)
    source_format = sniff(data)
    encoding_problems: list[Problem] = []
    try:
        if source_format == PDF:
            lines = pdf_lines(data)
        elif source_format == HTML:
            lines = html_lines(data)
        else:
            if b"\x00" in data and utf16_text(data) is None:
                line = data[: data.index(b"\x00")].count(b"\n") + 1
                raise InputError("binary data (a NUL byte): not an activity update in text form", where, line)
            lines, encoding_problems = decode_report(data)
    except FormatError as error:
        raise InputError(str(error), where, 1) from None
    if source_format != TEXT and not any(line.strip() for line in lines):
        raise InputError(f"the {source_format.upper()} file holds no text", where, 1)
    reading = _read_lines(lines, encoding_problems, identifier, where, reference, gazetteer, layout_name)
    return replace(reading, source_format=source_format)


def _read_lines(
    lines: list[str],
    encoding_problems: list[Problem],
    identifier: str,
    where: Path | str,
    reference: Reference | None,
    gazetteer: Gazetteer | None,
    layout_name: str | None,
) -> Reading:
    layout = parse_layout(lines)
    layout.problems[:0] = encoding_problems
    detected = layout_name is None
    if layout_name is None:
        layout_name = _detect(layout, lines)
    if layout_name == TREATY_CHART:
        return _read_chart(lines, encoding_problems, identifier, where, reference, gazetteer, detected)
    if layout_name == CYBERCRIME_UPDATE:
        return _read_quarterly(lines, encoding_problems, identifier, where, reference, gazetteer, detected)
    if layout_name == PROGRAMME:
        return _read_programme(lines, encoding_problems, identifier, where, reference, gazetteer, detected)
    if layout_name in (NEWS_ITEMS, TREATY_ACTIONS):
        return _read_news(lines, encoding_problems, identifier, where, reference, gazetteer, detected, layout_name)
    if layout.date_text is None:
        first_table = layout.tables[0].line if layout.tables else 1
        what = "its activity tables" if layout.tables else "any activity table"
        raise InputError(
            f'no report date line ("Date: 2 November 2009") before {what}: not an activity update',
            where,
            first_table,
        )
    try:
        report_date = parse_full_date(layout.date_text)
    except DateError as error:
        raise InputError(f"the report date cannot be read: {error}", where, layout.date_line) from None
    if reference is None:
        reference = load_reference()
    if gazetteer is None:
        gazetteer = Gazetteer(reference.cities, reference.country_names)
    draft = build_draft(layout, report_date, identifier, reference, gazetteer)
    return Reading(draft, draft_to_turtle(draft, reference.wordings), UPDATE_2009, detected)


def _detect(layout: ReportLayout, lines: list[str]) -> str:
    """The layout of a text: the 2009 update (its activity tables), a treaty chart (its "Status as of" line
    and column header), the 2009 update again (its date line), news items (bracketed datelines); else the
    2009 update, whose reading says what is missing."""
    if layout.tables:
        return UPDATE_2009
    chart = parse_chart(lines)
    if chart.status_text is not None and chart.rows:
        return TREATY_CHART
    if layout.date_text is not None:
        return UPDATE_2009
    if looks_like_cybercrime_update(lines):
        return CYBERCRIME_UPDATE
    if looks_like_programme(lines):
        return PROGRAMME
    return NEWS_ITEMS if looks_like_news_items(lines) else UPDATE_2009


def _references(reference: Reference | None, gazetteer: Gazetteer | None) -> tuple[Reference, Gazetteer]:
    if reference is None:
        reference = load_reference()
    if gazetteer is None:
        gazetteer = Gazetteer(reference.cities, reference.country_names)
    return reference, gazetteer


def _read_chart(
    lines: list[str],
    problems: list[Problem],
    identifier: str,
    where: Path | str,
    reference: Reference | None,
    gazetteer: Gazetteer | None,
    detected: bool,
) -> Reading:
    chart = parse_chart(lines)
    if not chart.rows:
        raise InputError(
            "no row of a chart of signatures and ratifications (a header 'Signature | Ratification | "
            "Entry into Force', then one row per State)",
            where,
            1,
        )
    reference, gazetteer = _references(reference, gazetteer)
    draft, seen = build_chart_draft(chart, identifier, gazetteer, reference, list(problems))
    return Reading(draft, draft_to_turtle(draft, reference.wordings), TREATY_CHART, detected, seen)


def _read_quarterly(
    lines: list[str],
    problems: list[Problem],
    identifier: str,
    where: Path | str,
    reference: Reference | None,
    gazetteer: Gazetteer | None,
    detected: bool,
) -> Reading:
    update = parse_update(lines)
    if not update.items:
        raise InputError("no highlight of a Cybercrime@CoE Update (a 'Highlights' heading, then bullets)", where, 1)
    reference, gazetteer = _references(reference, gazetteer)
    draft, seen = build_update_draft(update, identifier, gazetteer, reference, list(problems))
    return Reading(draft, draft_to_turtle(draft, reference.wordings), CYBERCRIME_UPDATE, detected, seen)


def _read_programme(
    lines: list[str],
    problems: list[Problem],
    identifier: str,
    where: Path | str,
    reference: Reference | None,
    gazetteer: Gazetteer | None,
    detected: bool,
) -> Reading:
    programme = parse_programme(lines)
    if not programme.items:
        raise InputError("no item of a programme (dated blocks, or 'AGENDA: day' with timed sessions)", where, 1)
    reference, gazetteer = _references(reference, gazetteer)
    draft, seen = build_programme_draft(programme, identifier, gazetteer, list(problems))
    return Reading(draft, draft_to_turtle(draft, reference.wordings), PROGRAMME, detected, seen)


def _read_news(
    lines: list[str],
    problems: list[Problem],
    identifier: str,
    where: Path | str,
    reference: Reference | None,
    gazetteer: Gazetteer | None,
    detected: bool,
    layout_name: str,
) -> Reading:
    page = parse_news_page(lines)
    if detected and has_treaty_actions(page):
        layout_name = TREATY_ACTIONS
    if not page.items:
        raise InputError("no news item (a title line, then a dateline such as [Strasbourg, 1 May 2014])", where)
    if reference is None:
        reference = load_reference()
    if gazetteer is None:
        gazetteer = Gazetteer(reference.cities, reference.country_names)
    treaty = layout_name == TREATY_ACTIONS
    draft, seen = build_news_draft(page, identifier, gazetteer, list(problems), reference, treaty)
    return Reading(draft, draft_to_turtle(draft, reference.wordings), layout_name, detected, seen)
