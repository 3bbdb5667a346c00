"""The quarterly "Cybercrime@CoE Update": highlights of a quarter and the dates to save.

Page 1 has a title (``CYBERCRIME@COE UPDATE``), the quarter (``October - December 2019``), then
``Highlights ...`` with bullets: ``▪`` for a highlight, ``•`` for a date to save. Text of a PDF's two columns
may run together, so bullets can hold sidebar words; they are cut out (and noted) where ``layouts.toml``
names them. Without bullet marks (a flattened text), each sentence of the highlights is an item.

Each bullet is one item:

- an invitation to accede ("Brazil was invited to accede to the Budapest Convention on 11 December 2019")
  becomes a draft treaty action: the instrument is the longest run of words after "to" that the graph names
  exactly; words left before the date are noted;
- an activity with a place and a date ("Title, City, Country, 8 October 2019"; "Title: took place in City on
  20-22 November 2019") becomes a draft event: held when a highlight, planned when a date to save;
- anything else becomes a review note saying what was missing.

A missing year is the quarter's. The update has no date of its own: its events' status is stated as of the
quarter's last day, an inference noted on each event.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cyberkg.reader import iris
from cyberkg.reader.dates import MONTHS, DateContext, DateError, parse_event_date, parse_full_date
from cyberkg.reader.draft import Draft, DraftDocument, DraftEvent, DraftPassage
from cyberkg.reader.gazetteer import City, Gazetteer, PlaceError, place_notes
from cyberkg.reader.kinds import guess_kind
from cyberkg.reader.layout_markers import markers
from cyberkg.reader.news import split_title
from cyberkg.reader.normalising import matching_key, visible
from cyberkg.reader.problems import Problem
from cyberkg.reader.reference import Reference
from cyberkg.reader.resolving import Resolution, candidates_text
from cyberkg.reader.treaty_actions import DraftTreatyAction, treaty_action

CYBERCRIME_UPDATE = "cybercrime-update"
HIGHLIGHT = "Highlights"
DATE_TO_SAVE = "Save the dates"
STATUS_INFERRED = "status stated as of the last day of the update's quarter (inferred: the update has no date)"
_HEADER_URL = re.compile(r"^#\s*(?:URL|Address)\s*:\s*(\S+)\s*$", re.IGNORECASE)
_INVITED = re.compile(
    r"^(?P<state>.*?)\s*\b(?:was|were)\s+(?:also\s+|likewise\s+)?(?:invited|asked)(?:\s+as\s+well)?\s+to\s+"
    r"(?:accede\s+to|join)\s+"
    r"(?:the\s+)?(?P<rest>.+?)\s+on\s+(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+(?:\s+\d{4})?)\b",
)
_HELD = re.compile(
    r"^(?P<title>.+?)[:,]?\s+(?:took\s+place|was\s+held|were\s+held)\s+in\s+(?P<place>.+?)\s+(?:on|between)\s+"
    r"(?P<date>\d.+?)\s*$"
)
_DATE_IN_TEXT = re.compile(r"\b\d{1,2}\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.I)


@dataclass
class UpdateItem:
    number: int
    section: str  # HIGHLIGHT or DATE_TO_SAVE
    text: str
    line: int
    cut: tuple[str, ...] = ()  # sidebar words cut out of the text


@dataclass
class QuarterlyUpdate:
    address: str | None
    title: str
    period_text: str | None
    period: tuple[date, date] | None
    items: list[UpdateItem]


def looks_like_cybercrime_update(lines: list[str]) -> bool:
    title = markers(CYBERCRIME_UPDATE)["title"]
    return any(re.match(title, matching_key(line)) for line in lines[:40] if not line.startswith("#"))


def parse_update(lines: list[str]) -> QuarterlyUpdate:
    wanted = markers(CYBERCRIME_UPDATE)
    address = None
    title = "Cybercrime@CoE Update"
    period_text: str | None = None
    period: tuple[date, date] | None = None
    pieces: list[tuple[str, int]] = []  # (text, line) of the highlights' lines, in order
    state = "header"
    for number, raw in enumerate(lines, start=1):
        if raw.startswith("#"):
            url = _HEADER_URL.match(raw)
            if url and address is None:
                address = url.group(1)
            continue
        text = visible(raw).strip()
        if not text:
            continue
        key = matching_key(text)
        if state == "header" and period is None:
            months = (m for m in re.finditer(wanted["period"], key) if m.group(1) in MONTHS and m.group(2) in MONTHS)
            found = next(months, None)
            if found:
                year = int(found.group(3))
                last = MONTHS[found.group(2)]
                period = (date(year, MONTHS[found.group(1)], 1), date(year, last, calendar.monthrange(year, last)[1]))
                period_text = (
                    text[text.casefold().find(found.group(1)) :] if found.group(1) in text.casefold() else text
                )
        if state == "header" and re.match(wanted["highlights"], key):
            state = "highlights"
        if state == "highlights":
            if re.match(wanted["footer"], key):
                break
            pieces.append((text, number))
    return QuarterlyUpdate(address, title, period_text, period, _items(pieces, wanted))


def _items(pieces: list[tuple[str, int]], wanted: dict) -> list[UpdateItem]:
    marks = {wanted["highlight_bullet"]: HIGHLIGHT, wanted["date_bullet"]: DATE_TO_SAVE}
    text, starts = "", []  # starts: (offset in text, line)
    for piece, line in pieces:
        starts.append((len(text), line))
        text += piece + " "

    def line_at(offset: int) -> int:
        return max((line for start, line in starts if start <= offset), default=pieces[0][1] if pieces else 1)

    bullet = re.compile("[" + re.escape("".join(marks)) + "]")
    found = list(bullet.finditer(text))
    spans: list[tuple[str, int, int]] = []
    if found:
        for index, match in enumerate(found):
            end = found[index + 1].start() if index + 1 < len(found) else len(text)
            spans.append((marks[match.group()], match.end(), end))
    else:  # a flattened text: the sentences after the "Highlights ..." heading
        heading = re.match(wanted["highlights_heading"], text, re.IGNORECASE)
        offset = heading.end() if heading else 0
        body = text[offset:]
        for sentence in re.finditer(r"[^.!?]+(?:[.!?](?=\s|$)|$)", body):
            if sentence.group().strip():
                spans.append((HIGHLIGHT, offset + sentence.start(), offset + sentence.end()))
    items: list[UpdateItem] = []
    for section, start, end in spans:
        raw = text[start:end]
        cut = tuple(word for word in wanted["sidebar"] if word in raw)
        for word in cut:
            raw = raw.replace(word, " ")
        cleaned = re.sub(r"\s+", " ", raw).strip()
        if cleaned:
            items.append(UpdateItem(len(items) + 1, section, cleaned, line_at(start), cut))
    return items


def build_update_draft(
    update: QuarterlyUpdate, identifier: str, gazetteer: Gazetteer, reference: Reference, problems: list[Problem]
) -> tuple[Draft, int]:
    """The draft of an update and the number of items seen (every bullet, or sentence of the highlights)."""
    period_end = update.period[1] if update.period else None
    slug = f"cybercrime-coe-update-{update.period[0]:%Y-%m}" if update.period else "cybercrime-coe-update"
    where_title = f"{update.title} {update.period_text}" if update.period_text else update.title
    document = DraftDocument(
        f"{iris.DOCUMENT}{slug}",
        period_end or date(1970, 1, 1),
        identifier,
        title=where_title,
        label=f"{where_title} (quarterly newsletter of the Council of Europe on cybercrime)",
        website=update.address,
        kind="SourceDocument",
    )
    if update.period is None:
        problems.append(Problem(None, "the update names no quarter (such as 'October - December 2019')"))
    allocator = iris.IriAllocator()
    events: list[DraftEvent] = []
    actions: list[DraftTreatyAction] = []
    passages: list[DraftPassage] = []
    resolutions: list[Resolution] = []
    new_cities: dict[str, City] = {}
    for item in update.items:
        passage = DraftPassage(
            f"{iris.SOURCE}{slug}/{'highlight' if item.section == HIGHLIGHT else 'date-to-save'}-{item.number:02d}",
            item.section,
            f"{item.section}, item {item.number}",
            item.number,
            item.text,
        )
        where = f"{item.section.lower()} item {item.number} ({item.text[:50]!r})"
        context = DateContext(period_end or date.today(), update.period)
        action, why = _invitation(item, gazetteer, reference, passage.iri, context, resolutions)
        if action is not None:
            actions.append(action)
            passages.append(passage)
            continue
        event = None
        if why is None:
            event, why = _event(item, passage, gazetteer, allocator, context, resolutions)
        if event is None:
            problems.append(Problem(item.line, f"{where}: not drafted: {why}", items_noted=1))
            continue
        for note in event.notes:
            problems.append(Problem(item.line, f"{where}: {note}", needs_review=note != STATUS_INFERRED))
        events.append(event)
        passages.append(passage)
        for city in event.cities:
            if not city.in_reference:
                new_cities.setdefault(city.slug, city)
    draft = Draft(document, None, passages, events, list(new_cities.values()), [], problems, actions, resolutions)
    return draft, len(update.items)


def _invitation(
    item: UpdateItem,
    gazetteer: Gazetteer,
    reference: Reference,
    passage_iri: str,
    context: DateContext,
    resolutions: list[Resolution],
) -> tuple[DraftTreatyAction | None, str | None]:
    """The invitation to accede an item states; (None, why) when it states one that cannot be drafted;
    (None, None) when it states none."""
    found = _INVITED.match(item.text)
    if not found:
        return None, None
    if not found.group("state").strip():
        return None, "an invitation to accede, but no State is named (the text may have lost it)"
    state = gazetteer.resolve_country(found.group("state"), item.line)
    resolutions.append(state)
    if state.iri is None:
        return None, f"{found.group('state')!r} is not a country the reference data names{candidates_text(state)}"
    words = found.group("rest").split()
    instrument, left = None, words
    for size in range(len(words), 0, -1):
        attempt = reference.instrument_index.resolve(" ".join(words[:size]), item.line)
        if attempt.iri is not None and attempt.how == "exact":
            instrument, left = attempt, words[size:]
            break
    if instrument is None:
        return None, f"the instrument in {found.group('rest')!r} is not one the graph holds"
    resolutions.append(instrument)
    try:
        day = _day(found.group("date"), context)
    except DateError as error:
        return None, f"the day of the invitation cannot be read: {error}"
    action = treaty_action(state, instrument, "InvitationToAccede", day, passage_iri, reference, item.line)
    if left:
        action.notes.append(f"words between the instrument and the date not read: {' '.join(left)!r}")
    if item.cut:
        action.notes.append(f"sidebar text cut out of the item: {', '.join(repr(word) for word in item.cut)}")
    return action, None


def _day(text: str, context: DateContext) -> date:
    try:
        return parse_full_date(text)
    except DateError:
        span = parse_event_date(text, context)
        if span.start.day is None or span.start != span.end:
            raise DateError(f"not a single day: {text!r}") from None
        return span.start.first_day()


def _event(
    item: UpdateItem,
    passage: DraftPassage,
    gazetteer: Gazetteer,
    allocator: iris.IriAllocator,
    context: DateContext,
    resolutions: list[Resolution],
) -> tuple[DraftEvent | None, str | None]:
    text = re.sub(r",\s*(?=,)", "", item.text).rstrip(" .")  # an empty slot: "The Hague, , 8 October 2019"
    notes: list[str] = []
    if text != item.text.rstrip(" ."):
        notes.append("an empty slot in the place (', ,') was left out")
    held = _HELD.match(text)
    if held:
        title, place, date_text = held.group("title").strip(" :,"), held.group("place"), held.group("date")
        date_text = re.sub(r"^(\d{1,2})\s+and\s+(\d{1,2})\b", r"\1-\2", date_text)  # "between 21 and 23 March"
    else:
        parts = split_title(text, gazetteer)
        if parts.date is None:
            return None, "no date of an activity in the text"
        if parts.place is None:
            return None, f"a date ({parts.date}) but no place of an activity"
        title, place, date_text = parts.title, parts.place, parts.date
    try:
        span = parse_event_date(date_text, context)
    except DateError as error:
        return None, f"date not read: {error}"
    cities: tuple[City, ...] = ()
    try:
        cities = gazetteer.find(place)
    except PlaceError as error:
        notes.append(f"place not found: {error}")
        resolutions.append(Resolution("place", place, None, line=item.line))
    notes += place_notes(place, cities, item.line, resolutions)
    if _DATE_IN_TEXT.search(title):
        notes.append("the title holds a date: text of another column may have run into it")
    if item.cut:
        notes.append(f"sidebar text cut out of the item: {', '.join(repr(word) for word in item.cut)}")
    notes.append(STATUS_INFERRED)
    kind = guess_kind(title)
    status = "Held" if item.section == HIGHLIGHT else "Planned"
    event = DraftEvent(
        "",
        kind,
        title,
        kind.language,
        status,
        passage,
        item.line,
        date_text,
        place,
        "",
        span.start,
        span.end,
        cities,
        notes=notes,
        status_as_of=context.report_date,
    )
    city = cities[0].slug if cities else "unknown-place"
    event.iri = allocator.allocate(f"{iris.EVENT}{span.start.lexical}-{city}-{kind.slug}")
    return event, None
