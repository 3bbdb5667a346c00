"""The layout of an activity update: a header (title, date), a key–value project data table, and tables of
activities carried out and planned, whose rows are tab-separated (date, place, activity, outputs).

A row that goes on after a page break continues on a line whose date and place cells are empty; its
cells are joined to the row above. Every non-blank line of a table belongs to some row, so no row is
dropped: a line that cannot be split into cells becomes a row of its own and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cyberkg.reader.normalising import matching_key, visible
from cyberkg.reader.problems import Problem

CARRIED_OUT = "carried-out"
PLANNED = "planned"
CELLS = 4  # date, place, activity, outputs

_HEADING = re.compile(r"^activities (carried out|planned)\b")
_PROJECT_DATA = re.compile(r"^project data ?:?$")
_DATE_LINE = re.compile(r"^date\s*:\s*(.+)$", re.IGNORECASE)
_UPDATE_LINE = re.compile(r"^update\b")
_WEBSITE = re.compile(r"^(?:https?://)?www\.\S+$", re.IGNORECASE)


@dataclass
class Row:
    """One row of an activity table: its number in its kind of table, first line, raw lines and cells."""

    kind: str
    number: int
    line: int
    lines: list[str]
    cells: list[str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def date(self) -> str:
        return self.cells[0]

    @property
    def place(self) -> str:
        return self.cells[1]

    @property
    def activity(self) -> str:
        return self.cells[2]

    @property
    def outputs(self) -> str:
        return self.cells[3]

    @property
    def text(self) -> str:
        """The row as the document prints it: its lines, tabs and all."""
        return "\n".join(self.lines)


@dataclass
class Table:
    kind: str
    heading: str
    line: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class KeyValue:
    """A row of the project data table: its key (as written, without a trailing colon) and cells."""

    key: str
    values: list[str]
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The row as the document prints it."""
        return "\n".join(self.lines)


@dataclass
class ReportLayout:
    title_lines: list[tuple[str, int]] = field(default_factory=list)
    date_text: str | None = None
    date_line: int | None = None
    website: str | None = None
    project_data: list[KeyValue] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [row for table in self.tables for row in table.rows]


def parse_layout(lines: list[str]) -> ReportLayout:
    """Split a report's lines into its parts; never drops a non-blank table line."""
    layout = ReportLayout()
    state = "header"
    counts = {CARRIED_OUT: 0, PLANNED: 0}
    previous_header_line: tuple[str, int] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\f", "").replace("\v", "").replace("\u00a0", " ")
        stripped = line.strip()
        if not stripped:
            continue
        key = matching_key(stripped) if "\t" not in stripped else ""
        heading = _HEADING.match(key)
        if heading:
            kind = CARRIED_OUT if heading.group(1).startswith("carried") else PLANNED
            layout.tables.append(Table(kind, _heading_text(stripped), number))
            state = "table"
            continue
        if state == "header":
            if _PROJECT_DATA.match(key):
                state = "project"
                continue
            date = _DATE_LINE.match(visible(stripped).strip())
            if date and layout.date_text is None:
                layout.date_text, layout.date_line = date.group(1).strip(), number
            elif _WEBSITE.match(stripped) and layout.website is None:
                layout.website = stripped
            elif _UPDATE_LINE.match(key) and previous_header_line is not None:
                layout.title_lines = [previous_header_line, (stripped, number)]
            if not date and not _WEBSITE.match(stripped):
                previous_header_line = (stripped, number)
        elif state == "project":
            _read_project_line(layout, line, raw, number)
        else:
            _read_table_line(layout.tables[-1], line, raw, number, counts)
    return layout


def _heading_text(stripped: str) -> str:
    """The heading as the section is named: visible characters, the words of its kind spelled as usual
    ("ACTIVITIES CARRIED-OUT" is "ACTIVITIES CARRIED OUT"); the rest (the period) as written."""
    text = visible(stripped).strip()
    return re.sub(
        r"^(activities)[\s\-\u2010-\u2014]+(carried)[\s\-\u2010-\u2014]+(out)\b",
        lambda match: " ".join(match.groups()),
        text,
        flags=re.IGNORECASE,
    )


def _read_project_line(layout: ReportLayout, line: str, raw: str, number: int) -> None:
    cells = [cell.strip() for cell in line.split("\t")]
    if line.startswith("\t") and layout.project_data:
        previous = layout.project_data[-1]
        previous.lines.append(raw)
        for index, cell in enumerate(cells[1:]):
            if not cell:
                continue
            if index < len(previous.values):
                previous.values[index] = f"{previous.values[index]} {cell}".strip()
            else:
                previous.values.append(cell)
        return
    if len(cells) < 2 or not cells[0]:
        layout.problems.append(
            Problem(number, f"line in the project data table is not a key and a value: {line.strip()[:60]!r}")
        )
        layout.project_data.append(KeyValue("", [line.strip()], number, [raw]))
        return
    values = [cell for cell in cells[1:]]
    while values and not values[-1]:
        values.pop()
    layout.project_data.append(KeyValue(cells[0].rstrip(":").strip(), values, number, [raw]))


def _is_column_header(cells: list[str]) -> bool:
    return len(cells) >= 3 and matching_key(cells[0]) == "date" and matching_key(cells[1]) == "place"


def _read_table_line(table: Table, line: str, raw: str, number: int, counts: dict[str, int]) -> None:
    cells = line.split("\t")
    if _is_column_header(cells):
        return
    if len(cells) > 1 and not cells[0].strip() and not cells[1].strip() and table.rows:
        _continue_row(table.rows[-1], raw, cells)
        return
    counts[table.kind] += 1
    row = Row(table.kind, counts[table.kind], number, [raw], ["", "", "", ""])
    table.rows.append(row)
    filled = [cell.strip() for cell in cells]
    while len(filled) > 1 and not filled[-1]:
        filled.pop()
    if len(filled) == 1:
        row.cells[2] = filled[0]
        row.problems.append(Problem(number, "row has no tab-separated columns; the whole line is kept as the activity"))
    elif len(filled) > CELLS:
        row.cells = [filled[0], filled[1], " ".join(filled[2:-1]), filled[-1]]
        row.problems.append(
            Problem(
                number,
                f"row has {len(filled)} columns, expected {CELLS}; the middle ones are kept as the activity",
            )
        )
    else:
        row.cells[: len(filled)] = filled


def _continue_row(row: Row, raw: str, cells: list[str]) -> None:
    row.lines.append(raw)
    for index, cell in enumerate(cells[:CELLS] + ([" ".join(cells[CELLS:])] if len(cells) > CELLS else [])):
        cell = cell.strip()
        if not cell:
            continue
        target = min(index, CELLS - 1)
        row.cells[target] = f"{row.cells[target]} {cell}".strip()
