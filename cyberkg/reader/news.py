"""The news-items layout of the Council of Europe's project pages (GLACY, CyberCrime@EAP, 2013-2014).

An item is a title line, then a paragraph that opens with a dateline in brackets: ``[City, D Month YYYY]``,
``[City, Country, D Month YYYY]`` or ``[D Month YYYY, City]``. The title may give the activity's place and
date: ``Country: Title, City, Country, 24 – 28 November 2014``, ``Title (City, 1 3 October 2014)`` (the dash
lost) or ``"Title" of PROJECT, 30-31 October 2013, Kyiv, Ukraine``. The dateline dates the news, not the
activity, so an item whose title gives no date is not drafted: it becomes a review note saying so.

Every dateline is one item seen; each becomes a draft event or a review note (no silent loss).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

from cyberkg.reader import iris
from cyberkg.reader.dates import DateContext, DateError, parse_event_date, parse_full_date
from cyberkg.reader.draft import Draft, DraftDocument, DraftEvent, DraftPassage
from cyberkg.reader.gazetteer import City, Gazetteer, PlaceError, place_notes
from cyberkg.reader.kinds import KindGuess, guess_kind
from cyberkg.reader.normalising import visible
from cyberkg.reader.problems import Problem
from cyberkg.reader.reference import Reference
from cyberkg.reader.resolving import Resolution
from cyberkg.reader.treaty_actions import DraftTreatyAction, draft_treaty_action, read_treaty_title

NEWS_ITEMS = "news-items"
TREATY_ACTIONS = "treaty-actions"
SECTION = "News items"

_DATELINE = re.compile(r"^\s*\[([^\[\]]{3,80})\]\s*(.*)$")
_HEADER_URL = re.compile(r"^#\s*(?:URL|Address)\s*:\s*(\S+)\s*$", re.IGNORECASE)
_MONTH = r"[A-Za-z\u00c0-\u017f]{3,}\.?"
_DAY_RANGE = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-\u2013\u2014]\s*|\s+)\d{1,2}(?:st|nd|rd|th)?"
_DATE_TEXT = re.compile(
    rf"^(?:{_DAY_RANGE}\s+{_MONTH}\s+\d{{4}}"  # 24 – 28 November 2014, 1 3 October 2014
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?\s*[-\u2013\u2014]\s*\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"  # 30 Sep - 2 Oct 2014
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}"  # 27 November 2014
    rf"|{_MONTH}\s+\d{{4}})$"  # November 2014
)
_LOST_DASH = re.compile(r"^(\d{1,2})\s+(\d{1,2})(\s+)")


@dataclass
class NewsItem:
    """One item: its title line and dateline (as written, with their line numbers) and its paragraph."""

    number: int
    title: str
    title_line: int
    dateline: str
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class NewsPage:
    address: str | None
    items: list[NewsItem]


def looks_like_news_items(lines: list[str]) -> bool:
    """Whether the text has datelines in brackets, each after a title line."""
    return len(parse_news_page(lines).items) >= 1


def parse_news_page(lines: list[str]) -> NewsPage:
    address = None
    items: list[NewsItem] = []
    previous: tuple[str, int] | None = None
    for number, raw in enumerate(lines, start=1):
        if raw.startswith("#"):
            match = _HEADER_URL.match(raw)
            if match and address is None:
                address = match.group(1)
            continue
        line = visible(raw).strip()
        if not line:
            continue
        dateline = _DATELINE.match(line)
        if dateline and _split_dateline(dateline.group(1)) is not None and previous is not None:
            title, title_line = previous
            items.append(NewsItem(len(items) + 1, title, title_line, dateline.group(1).strip(), number, [raw]))
            previous = None
            continue
        if items and previous is None and not raw.startswith(("  ", "\t")):
            items[-1].lines.append(raw)
        previous = (line, number)
    return NewsPage(address, items)


def _split_dateline(inner: str) -> tuple[str, date] | None:
    """The place and day of a dateline, date last or first; None if it holds no full date."""
    parts = [part.strip() for part in inner.split(",")]
    if len(parts) < 2:
        return None
    for place_parts, date_text in ((parts[:-1], parts[-1]), (parts[1:], parts[0])):
        try:
            return ", ".join(place_parts), parse_full_date(date_text)
        except DateError:
            continue
    return None


@dataclass(frozen=True)
class TitleParts:
    title: str
    place: str | None
    date: str | None


def split_title(line: str, gazetteer: Gazetteer) -> TitleParts:
    """The activity title, place and date a title line gives (place and date None when it gives none)."""
    text = line.strip()
    bracket = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if bracket:
        inner = _split_parts(bracket.group(2), gazetteer)
        if inner.date is not None:
            place = ", ".join(part for part in (inner.title, inner.place) if part) or None
            return TitleParts(bracket.group(1).strip(), place, inner.date)
    return _split_parts(text, gazetteer)


def _split_parts(text: str, gazetteer: Gazetteer) -> TitleParts:
    parts = [part.strip() for part in text.split(",")]
    dated = [index for index, part in enumerate(parts) if _DATE_TEXT.match(part)]
    if not dated:
        return TitleParts(text, None, None)
    at = dated[-1]
    date_text = parts[at]
    if at < len(parts) - 1:  # date before place: "Title, 30-31 October 2013, Kyiv, Ukraine"
        return TitleParts(", ".join(parts[:at]), ", ".join(parts[at + 1 :]), date_text)
    before = parts[:at]
    if len(before) >= 3 and gazetteer.country_code(before[-1]) is not None:
        return TitleParts(", ".join(before[:-2]), ", ".join(before[-2:]), date_text)
    if len(before) >= 2:
        return TitleParts(", ".join(before[:-1]), before[-1], date_text)
    return TitleParts(", ".join(before), None, date_text)


def has_treaty_actions(page: NewsPage) -> bool:
    """Whether some item's title states a treaty action ("X ratified Y (date, place)")."""
    return any(read_treaty_title(item.title) is not None for item in page.items)


def build_news_draft(
    page: NewsPage,
    identifier: str,
    gazetteer: Gazetteer,
    problems: list[Problem],
    reference: Reference,
    treaty_actions: bool = False,
) -> tuple[Draft, int]:
    """The draft of a news page and the number of items seen (every dateline). With ``treaty_actions``, an
    item whose title states a treaty action becomes a draft treaty action instead of an event."""
    datelines = [_split_dateline(item.dateline) for item in page.items]
    latest = max((found[1] for found in datelines if found), default=date(1970, 1, 1))
    slug = iris.slugify(re.sub(r"^https?://", "", unquote(page.address or identifier)))[:90].strip("-")
    document = DraftDocument(
        f"{iris.DOCUMENT}page-{slug}",
        latest,
        identifier,
        label=f"News items of the page {page.address or identifier} (latest item {latest.isoformat()})",
        website=page.address,
        kind="SourceDocument",
    )
    allocator = iris.IriAllocator()
    events: list[DraftEvent] = []
    passages: list[DraftPassage] = []
    new_cities: dict[str, City] = {}
    actions: list[DraftTreatyAction] = []
    resolutions: list[Resolution] = []
    for item, dateline in zip(page.items, datelines, strict=True):
        assert dateline is not None  # parse_news_page keeps only readable datelines
        treaty_title = read_treaty_title(item.title) if treaty_actions else None
        if treaty_title is not None:
            passage = _passage(item, document)
            action, why = draft_treaty_action(
                treaty_title, gazetteer, reference, passage.iri, item.title_line, resolutions
            )
            if action is None:
                where = f"news item {item.number} ({item.title[:60]!r}, [{item.dateline}])"
                problems.append(Problem(item.title_line, f"{where}: treaty action not drafted: {why}", items_noted=1))
            else:
                actions.append(action)
                passages.append(passage)
            continue
        event = _news_event(item, dateline, document, gazetteer, allocator, problems, resolutions)
        if event is None:
            continue
        events.append(event)
        passages.append(event.passage)
        for city in event.cities:
            if not city.in_reference and city.slug not in new_cities:
                new_cities[city.slug] = city
    draft = Draft(document, None, passages, events, list(new_cities.values()), [], problems, actions, resolutions)
    return draft, len(page.items)


def _passage(item: NewsItem, document: DraftDocument) -> DraftPassage:
    return DraftPassage(
        f"{iris.SOURCE}{document.iri.rsplit('/', 1)[-1]}/item-{item.number:02d}",
        SECTION,
        f"News item {item.number} ([{item.dateline}])",
        item.number,
        f"{item.title}\n\n{item.text}",
    )


def _kind(title: str) -> KindGuess:
    """The kind the title names; a title that is only a quoted name ("Closing Conference" of PROJECT) is
    guessed from the quoted name."""
    kind = guess_kind(title)
    quoted = re.match(r'^\s*["\u201c]([^"\u201d]+)["\u201d]', title)
    if kind.classes == ("Event",) and quoted:
        kind = guess_kind(quoted.group(1))
    return kind


def _news_event(
    item: NewsItem,
    dateline: tuple[str, date],
    document: DraftDocument,
    gazetteer: Gazetteer,
    allocator: iris.IriAllocator,
    problems: list[Problem],
    resolutions: list[Resolution],
) -> DraftEvent | None:
    where = f"news item {item.number} ({item.title[:60]!r}, [{item.dateline}])"
    parts = split_title(item.title, gazetteer)
    if parts.date is None:
        problems.append(
            Problem(
                item.title_line,
                f"{where}: not drafted: the title gives no date of an activity, and the dateline dates "
                "the news only; check the text for the activity's date",
                items_noted=1,
            )
        )
        return None
    news_day = dateline[1]
    try:
        span = parse_event_date(_LOST_DASH.sub(r"\1-\2\3", parts.date), DateContext(news_day))
    except DateError as error:
        problems.append(Problem(item.title_line, f"{where}: not drafted: date not read: {error}", items_noted=1))
        return None
    notes: list[str] = []
    cities: tuple[City, ...] = ()
    if parts.place is None:
        notes.append("the title gives no place of the activity (the dateline's is where the news was written)")
    else:
        try:
            cities = gazetteer.find(parts.place)
        except PlaceError as error:
            notes.append(f"place not found: {error}")
            resolutions.append(Resolution("place", parts.place, None, line=item.title_line))
        notes += place_notes(parts.place, cities, item.title_line, resolutions)
    for note in notes:
        problems.append(Problem(item.title_line, f"{where}: {note}"))
    title = parts.title or item.title
    kind = _kind(title)
    status = "Planned" if span.start.first_day() > news_day else "Held"
    passage = _passage(item, document)
    event = DraftEvent(
        "",
        kind,
        title,
        kind.language,
        status,
        passage,
        item.title_line,
        parts.date,
        parts.place or "",
        "",
        span.start,
        span.end,
        cities,
        notes=notes,
        status_as_of=news_day,
    )
    place = cities[0].slug if cities else "unknown-place"
    event.iri = allocator.allocate(f"{iris.EVENT}{span.start.lexical}-{place}-{kind.slug}")
    return event
