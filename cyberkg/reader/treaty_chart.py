"""The Treaty Office's chart of signatures and ratifications: one row per State, with the days of its
signature, its ratification (or accession) and the treaty's entry into force for it, and the chart's
"Status as of" day.

Two layouts are read, both positional from the left:

- the portal's pipe table (``| Albania | 23/11/2001 | 20/06/2002 | 01/07/2004 | A. ||||``): cell 1 is the
  signature, cell 2 the ratification or accession, cell 3 the entry into force; empty cells may collapse;
- the old site's whitespace table (``Albania   23/11/2001   20/6/2002   1/7/2004   X``): the dates in order.

Every dated cell is one item: a draft treaty action, or a review note saying why not. A row with no date
(a State that had neither signed nor ratified on the status day) is one item, noted. A ratification or
accession date without a signature date is read as an accession (States that did not sign accede); that
inference is noted on the action. The column names and markers the layout is recognised by are data, in
``layouts.toml`` beside this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cyberkg.reader import iris
from cyberkg.reader.draft import Draft, DraftDocument, DraftPassage
from cyberkg.reader.gazetteer import Gazetteer
from cyberkg.reader.layout_markers import markers
from cyberkg.reader.normalising import matching_key, visible
from cyberkg.reader.problems import Problem
from cyberkg.reader.reference import Reference
from cyberkg.reader.resolving import Resolution, candidates_text
from cyberkg.reader.treaty_actions import DraftTreatyAction, treaty_action

TREATY_CHART = "treaty-chart"
SECTION = "Chart of signatures and ratifications"
_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DAY_ANYWHERE = re.compile(r"(?<![\d/])(\d{1,2}/\d{1,2}/\d{4})(?![\d/])")
_HEADER_URL = re.compile(r"^#\s*(?:URL|Address)\s*:\s*(\S+)\s*$", re.IGNORECASE)
_COLUMNS = ("signature", "ratification", "entry into force")


@dataclass
class ChartRow:
    number: int
    line: int
    text: str
    state: str
    days: list[tuple[str, str]]  # (column, day as written), in column order
    section: str | None = None


@dataclass
class Chart:
    address: str | None
    treaty: str | None  # the treaty's name or number as the chart writes it
    treaty_line: int | None
    status_text: str | None
    status_line: int | None
    rows: list[ChartRow] = field(default_factory=list)


def chart_day(text: str) -> date:
    """A chart day, dd/mm/yyyy or d/m/yyyy; ValueError if it is not one."""
    match = _DAY.match(text.strip())
    if not match:
        raise ValueError(f"not a day dd/mm/yyyy: {text!r}")
    day, month, year = (int(group) for group in match.groups())
    return date(year, month, day)


def looks_like_treaty_chart(lines: list[str]) -> bool:
    """Whether the text has the chart's "Status as of" line and its column header."""
    chart = parse_chart(lines)
    return chart.status_text is not None and bool(chart.rows)


def parse_chart(lines: list[str]) -> Chart:
    wanted = markers(TREATY_CHART)
    chart = Chart(None, None, None, None, None)
    header_seen = False
    section = None
    for number, raw in enumerate(lines, start=1):
        if raw.startswith("#"):
            url = _HEADER_URL.match(raw)
            if url and chart.address is None:
                chart.address = url.group(1)
            continue
        text = visible(raw).strip()
        if not text:
            continue
        key = matching_key(text)
        status = re.match(wanted["status"], key)
        if status and chart.status_text is None:
            chart.status_text, chart.status_line = status.group(1), number
            continue
        treaty = re.search(wanted["treaty"], re.sub(r"\s+", " ", text), re.IGNORECASE)
        if treaty and chart.treaty is None:
            chart.treaty, chart.treaty_line = treaty.group(0), number
        if not header_seen:
            if all(column in key for column in wanted["header"]):
                header_seen = True
            elif "|" not in text or text.startswith("|"):
                section = text.strip("| ")
            else:
                section = text.split("|", 1)[0].strip()
            continue
        row = _row(text, raw, number, len(chart.rows) + 1)
        if row is None:
            continue
        if not row.days and not re.search(r"\w", row.state):
            continue
        row.section = section
        chart.rows.append(row)
    return chart


def _row(text: str, raw: str, number: int, count: int) -> ChartRow | None:
    if set(text) <= set("|-: "):
        return None  # the table's rule |---|---|
    if "|" in text or "\t" in text:  # pipe table, or an HTML table's row (cells separated by tabs)
        separator = "|" if "|" in text else "\t"
        cells = [cell.strip() for cell in text.strip().strip("|").split(separator)]
        state, rest = cells[0], cells[1:]
        days = [
            (column, cell) for column, cell in zip(_COLUMNS, rest[: len(_COLUMNS)], strict=False) if _DAY.match(cell)
        ]
    else:
        parts = re.split(r"\s{2,}", text)
        state = parts[0]
        days = list(zip(_COLUMNS, _DAY_ANYWHERE.findall(text), strict=False))
    if not state:
        return None
    return ChartRow(count, number, raw, state, days)


def build_chart_draft(
    chart: Chart, identifier: str, gazetteer: Gazetteer, reference: Reference, problems: list[Problem]
) -> tuple[Draft, int]:
    """The draft of a chart and the number of items seen (every dated cell; a row without one counts once)."""
    status = chart_day(chart.status_text) if chart.status_text else None
    instrument = reference.instrument_index.resolve(chart.treaty or "", chart.treaty_line)
    resolutions: list[Resolution] = [instrument]
    slug_of = instrument.iri.rsplit("/", 1)[-1] if instrument.iri else iris.slugify(chart.treaty or "treaty")
    day_slug = status.isoformat() if status else "undated"
    treaty = chart.treaty or "an unnamed treaty"
    if instrument.iri is not None:
        treaty = f"{reference.instrument_titles.get(instrument.iri, slug_of)} ({chart.treaty})"
    document = DraftDocument(
        f"{iris.DOCUMENT}treaty-chart-{slug_of}-{day_slug}",
        status or date(1970, 1, 1),
        identifier,
        title=f"Chart of signatures and ratifications: {treaty}",
        label=f"Treaty Office chart of signatures and ratifications of the {treaty}, status as of "
        f"{status.isoformat() if status else 'an unknown day'}",
        website=chart.address,
        kind="SourceDocument",
    )
    if instrument.iri is None:
        problems.append(
            Problem(
                chart.treaty_line,
                f"the chart's treaty {chart.treaty!r} is not one the graph holds{candidates_text(instrument)}; "
                "no treaty action drafted",
            )
        )
    if status is None:
        problems.append(Problem(None, 'the chart has no "Status as of" line'))
    passages: list[DraftPassage] = []
    actions: list[DraftTreatyAction] = []
    seen = 0
    for row in chart.rows:
        seen += max(1, len(row.days))
        where = f"chart row {row.number} ({row.state})"
        passage = DraftPassage(
            f"{iris.SOURCE}{document.iri.rsplit('/', 1)[-1]}/row-{row.number:02d}",
            SECTION,
            f"Row {row.number} ({row.state})" + (f", section {row.section}" if row.section else ""),
            row.number,
            row.text,
        )
        if not row.days:
            problems.append(
                Problem(row.line, f"{where}: no date in the row: no act of this State by the status day", items_noted=1)
            )
            continue
        state = gazetteer.resolve_country(row.state, row.line)
        resolutions.append(state)
        if state.iri is None or instrument.iri is None:
            why = (
                f"{row.state!r} is not a country the reference data names{candidates_text(state)}"
                if state.iri is None
                else "the treaty is not one the graph holds"
            )
            problems.append(
                Problem(row.line, f"{where}: {len(row.days)} act(s) not drafted: {why}", items_noted=len(row.days))
            )
            continue
        drafted = _row_actions(row, state, instrument, passage.iri, reference, problems, where)
        if drafted:
            actions += drafted
            passages.append(passage)
    draft = Draft(document, None, passages, [], [], [], problems, actions, resolutions)
    return draft, seen


def _row_actions(
    row: ChartRow,
    state: Resolution,
    instrument: Resolution,
    passage_iri: str,
    reference: Reference,
    problems: list[Problem],
    where: str,
) -> list[DraftTreatyAction]:
    actions: list[DraftTreatyAction] = []
    if state.how != "exact":
        problems.append(Problem(row.line, f"{where}: {state.describe()}", needs_review=state.how.startswith("fuzzy")))
    signed = any(column == "signature" for column, _ in row.days)
    previous: DraftTreatyAction | None = None
    for column, written in row.days:
        try:
            day = chart_day(written)
        except ValueError:
            problems.append(Problem(row.line, f"{where}: the {column} day {written!r} is not a day", items_noted=1))
            continue
        kind = {"signature": "Signature", "entry into force": "EntryIntoForceForState"}.get(column)
        if kind is None:
            kind = "Ratification" if signed else "Accession"
        action = treaty_action(state, instrument, kind, day, passage_iri, reference, row.line)
        if kind == "Accession":
            action.notes.append(
                "inferred: the chart gives a ratification or accession day but no signature day; read as an accession"
            )
        if previous is not None and kind != "Signature":
            action.follows = previous.iri
        actions.append(action)
        previous = action
    return actions
