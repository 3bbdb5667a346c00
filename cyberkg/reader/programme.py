"""A conference page with its programme (the Octopus Conference pages of the Council of Europe).

The page opens with the conference's title and a line ``City, Country | 13-15 December 2023`` (its place and
days). Then come, in any order:

- dated blocks: a day or days without a year (``11-12 December``), then a meeting's title, then an optional
  note (who may attend). A block whose title is the conference's own is the conference itself;
- agenda days: ``AGENDA: 13 December 2023``, then sessions, each a title line followed by a time line
  (``14h30-16h00 CET``), a description and links.

Every block and every session is one item and becomes a draft event: the conference, the side meetings
(their year is the conference's), the sessions (their day is the agenda day, their time kept as written,
each part of the conference). No item gives its own place: the header's is used, an inference noted on each
event. The page has no date of its own: every event is listed as planned (ckg:ListedAsPlanned) as of the day
of the earliest item, also noted as inferred. The words the layout is recognised by are in ``layouts.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cyberkg.reader import iris
from cyberkg.reader.dates import DateContext, DateError, parse_event_date
from cyberkg.reader.draft import Draft, DraftDocument, DraftEvent, DraftPassage
from cyberkg.reader.gazetteer import City, Gazetteer, PlaceError, place_notes
from cyberkg.reader.kinds import guess_kind
from cyberkg.reader.layout_markers import markers
from cyberkg.reader.normalising import matching_key, visible
from cyberkg.reader.problems import Problem
from cyberkg.reader.resolving import Resolution

PROGRAMME = "programme"
PLACE_INFERRED = "place taken from the page's header (the item gives none)"
STATUS_INFERRED = "listed in the programme, as of its earliest item's day (inferred: the page gives no date of its own)"
_HEADER_URL = re.compile(r"^#\s*(?:URL|Address)\s*:\s*(\S+)\s*$", re.IGNORECASE)


@dataclass
class ProgrammeItem:
    number: int
    kind: str  # "block" or "session"
    title: str
    line: int
    date_text: str  # as written: "11-12 December", or the agenda day
    time_text: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class Programme:
    address: str | None
    title: str | None
    title_line: int | None
    place: str | None
    dates_text: str | None
    items: list[ProgrammeItem]


def looks_like_programme(lines: list[str]) -> bool:
    programme = parse_programme(lines)
    return programme.dates_text is not None and any(item.kind == "session" for item in programme.items)


def parse_programme(lines: list[str]) -> Programme:
    wanted = markers(PROGRAMME)
    programme = Programme(None, None, None, None, None, [])
    texts = [(number, visible(raw).strip(), raw) for number, raw in enumerate(lines, start=1)]
    body = []
    for number, text, raw in texts:
        if raw.startswith("#"):
            url = _HEADER_URL.match(raw)
            if url and programme.address is None:
                programme.address = url.group(1)
            continue
        if text:
            body.append((number, text))
    agenda_day: str | None = None
    index = 0
    while index < len(body):
        number, text = body[index]
        following = body[index + 1][1] if index + 1 < len(body) else ""
        if programme.title is None:
            programme.title, programme.title_line = text, number
            index += 1
            continue
        header = re.match(wanted["header"], text)
        if header and programme.dates_text is None:
            programme.place, programme.dates_text = header.group(1).strip(), header.group(2).strip()
            index += 1
            continue
        agenda = re.match(wanted["agenda_day"], matching_key(text))
        if agenda:
            agenda_day = text.split(":", 1)[1].strip()
            index += 1
            continue
        if agenda_day is not None and re.match(wanted["time"], following):
            item = ProgrammeItem(len(programme.items) + 1, "session", text, number, agenda_day, following, [text])
            programme.items.append(item)
            index += 2
            continue
        if re.match(wanted["block_date"], text) and following:
            item = ProgrammeItem(len(programme.items) + 1, "block", following, number, text, None, [text, following])
            programme.items.append(item)
            index += 2
            continue
        if programme.items:
            programme.items[-1].lines.append(text)
        index += 1
    return programme


def build_programme_draft(
    programme: Programme, identifier: str, gazetteer: Gazetteer, problems: list[Problem]
) -> tuple[Draft, int]:
    """The draft of a programme page and the number of items seen (every dated block and session)."""
    span = None
    if programme.dates_text:
        try:
            span = parse_event_date(programme.dates_text, DateContext(date(2000, 1, 1)))
        except DateError as error:
            problems.append(Problem(None, f"the page's dates {programme.dates_text!r} cannot be read: {error}"))
    first_day = span.start.first_day() if span else date(1970, 1, 1)
    slug = iris.slugify(f"{programme.title or 'programme'}")[:60].strip("-") or "programme"
    document = DraftDocument(
        f"{iris.DOCUMENT}programme-{slug}",
        first_day,
        identifier,
        title=programme.title,
        label=f"Programme page of {programme.title} ({programme.place}, {programme.dates_text})",
        website=programme.address,
        kind="SourceDocument",
    )
    resolutions: list[Resolution] = []
    cities: tuple[City, ...] = ()
    place_notes_text: list[str] = []
    if programme.place:
        try:
            cities = gazetteer.find(programme.place)
            place_notes_text = place_notes(programme.place, cities, programme.title_line, resolutions)
        except PlaceError as error:
            problems.append(Problem(programme.title_line, f"the page's place is not found: {error}"))
            resolutions.append(Resolution("place", programme.place, None, line=programme.title_line))
    listed_on = _earliest_day(programme, first_day)
    allocator = iris.IriAllocator()
    events: list[DraftEvent] = []
    passages: list[DraftPassage] = []
    conference: DraftEvent | None = None
    sessions: list[DraftEvent] = []
    for item in programme.items:
        where = f"programme item {item.number} ({item.title[:50]!r})"
        passage = DraftPassage(
            f"{iris.SOURCE}{document.iri.rsplit('/', 1)[-1]}/item-{item.number:02d}",
            "Programme",
            f"Programme item {item.number} ({item.date_text}" + (f", {item.time_text})" if item.time_text else ")"),
            item.number,
            "\n".join(item.lines),
        )
        context = DateContext(first_day, (span.start.first_day(), span.end.last_day()) if span else None)
        try:
            dates = parse_event_date(item.date_text, context)
        except DateError as error:
            problems.append(Problem(item.line, f"{where}: not drafted: date not read: {error}", items_noted=1))
            continue
        notes = [*place_notes_text, PLACE_INFERRED] if cities else ["the page gives no place that could be found"]
        notes.append(STATUS_INFERRED)
        if item.kind == "block" and not re.search(r"\d{4}", item.date_text):
            notes.append("year taken from the page's header (the block gives none)")
        is_conference = item.kind == "block" and matching_key(item.title) == matching_key(programme.title or "")
        kind = guess_kind(item.title)
        event = DraftEvent(
            "",
            kind,
            item.title,
            kind.language,
            "ListedAsPlanned",
            passage,
            item.line,
            item.date_text + (f", {item.time_text}" if item.time_text else ""),
            programme.place or "",
            "",
            dates.start,
            dates.end,
            cities,
            notes=notes,
            status_as_of=listed_on,
        )
        city = cities[0].slug if cities else "unknown-place"
        event.iri = allocator.allocate(f"{iris.EVENT}{dates.start.lexical}-{city}-{kind.slug}")
        for note in notes:
            problems.append(Problem(item.line, f"{where}: {note}", needs_review=note.startswith("the page gives")))
        events.append(event)
        passages.append(passage)
        if is_conference:
            conference = event
        elif item.kind == "session":
            sessions.append(event)
    for session in sessions:
        if conference is not None:
            session.part_of = conference.iri
    new_cities = [city for city in cities if not city.in_reference]
    draft = Draft(document, None, passages, events, new_cities, [], problems, [], resolutions)
    return draft, len(programme.items)


def _earliest_day(programme: Programme, fallback: date) -> date:
    """The first day of the earliest item: the page lists its items ahead, so it stands for the page's date."""
    days = []
    for item in programme.items:
        try:
            days.append(parse_event_date(item.date_text, DateContext(fallback)).start.first_day())
        except DateError:
            continue
    return min(days, default=fallback)
