"""The project data table: title and code, area, budget and threshold, funding, implementation, duration,
objective, numbered outputs and contact, each read from its row and kept with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from cyberkg.reader.dates import DateError, parse_full_date
from cyberkg.reader.iris import slugify
from cyberkg.reader.problems import Problem
from cyberkg.reader.tables import KeyValue

CURRENCIES = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "dollars": "USD",
    "gbp": "GBP",
    "£": "GBP",
    "chf": "CHF",
}


@dataclass(frozen=True)
class Amount:
    """A sum of money: exact, or a maximum ("up to")."""

    value: Decimal
    currency: str
    is_maximum: bool
    as_written: str


@dataclass(frozen=True)
class Funder:
    """One funder named in the funding row: own budget of the implementing organisation, or a contribution."""

    name: str
    is_contribution: bool
    budget_line: str | None = None


@dataclass(frozen=True)
class OutputDescription:
    number: int
    name: str
    description: str
    key: str
    line: int


@dataclass
class ProjectData:
    rows: dict[str, KeyValue] = field(default_factory=dict)  # passage key -> row
    title: str | None = None
    code: str | None = None
    phase_number: int | None = None
    area: str | None = None
    objective: str | None = None
    budget: Amount | None = None
    threshold: Amount | None = None
    funders: list[Funder] = field(default_factory=list)
    implementation: str | None = None
    duration_months: int | None = None
    start: date | None = None
    end: date | None = None
    outputs: list[OutputDescription] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def passage_key(key: str) -> str:
    """The passage name part of a project data row: "Project title" -> title, "Output 1" -> output-1."""
    slug = slugify(key)
    return slug[len("project-") :] if slug.startswith("project-") and slug != "project-" else slug


def read_project_data(rows: list[KeyValue]) -> ProjectData:
    data = ProjectData()
    for row in rows:
        key = passage_key(row.key)
        if not key:
            continue
        if key in data.rows:
            data.problems.append(Problem(row.line, f"project data row {row.key!r} appears twice; the first is used"))
            continue
        data.rows[key] = row
        value = " ".join(row.values).strip()
        reader = _READERS.get(key)
        if reader is not None:
            reader(data, value, row)
        elif key.startswith("output-") and key[len("output-") :].isdigit():
            _read_output(data, int(key[len("output-") :]), value, row)
        elif key == "contact":
            _read_contact(data, row)
    if data.title is None:
        data.problems.append(Problem(None, 'the project data table has no "Project title" row'))
    return data


def _read_title(data: ProjectData, value: str, row: KeyValue) -> None:
    match = re.match(r"^(.*?)\s*\(([A-Z][A-Za-z]*(?:/[\w.-]+)+)\)\s*$", value)
    title, code = (match.group(1), match.group(2)) if match else (value, None)
    data.title = title.strip() or None
    data.code = code
    phase = re.search(r"\bphase\s+(\d+)\b", title, re.IGNORECASE)
    data.phase_number = int(phase.group(1)) if phase else None
    if not data.title:
        data.problems.append(Problem(row.line, "the project title is empty"))


def _read_area(data: ProjectData, value: str, row: KeyValue) -> None:
    data.area = value or None


def _read_objective(data: ProjectData, value: str, row: KeyValue) -> None:
    data.objective = value or None


_AMOUNT = re.compile(
    r"(up to\s+)?(euros?|eur|€|usd|us\$|\$|gbp|£|chf)\s*([\d.,]+)\s*(million|m|thousand)?\b"
    r"|(up to\s+)?([\d.,]+)\s*(million|thousand)?\s*(euros?|eur|€|usd|dollars|gbp|chf)\b",
    re.IGNORECASE,
)


def _read_budget(data: ProjectData, value: str, row: KeyValue) -> None:
    threshold_match = re.search(r"\(\s*threshold\s+([^)]*)\)", value, re.IGNORECASE)
    budget_text = value[: threshold_match.start()] if threshold_match else value
    data.budget = _amount(budget_text)
    if data.budget is None:
        data.problems.append(Problem(row.line, f"cannot read the budget {value!r}"))
    if threshold_match:
        data.threshold = _amount(threshold_match.group(1))
        if data.threshold is None:
            data.problems.append(Problem(row.line, f"cannot read the threshold {threshold_match.group(1)!r}"))


def _amount(text: str) -> Amount | None:
    match = _AMOUNT.search(text)
    if not match:
        return None
    if match.group(3) is not None:
        up_to, currency, number, scale = match.group(1), match.group(2), match.group(3), match.group(4)
    else:
        up_to, number, scale, currency = match.group(5), match.group(6), match.group(7), match.group(8)
    try:
        figure = (
            Decimal(number.replace(",", ""))
            if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number)
            else Decimal(number.replace(",", "."))
        )
    except InvalidOperation:
        return None
    multiplier = {"million": 1_000_000, "m": 1_000_000, "thousand": 1_000}.get((scale or "").lower(), 1)
    return Amount(figure * multiplier, CURRENCIES[currency.lower()], bool(up_to), match.group(0).strip())


def _read_funding(data: ProjectData, value: str, row: KeyValue) -> None:
    """ "A (budget line) Contributions from B, C and D": A funds from its own budget, B, C, D contribute."""
    split = re.search(r"\bcontributions?\s+(?:from|by)\b", value, re.IGNORECASE)
    own, contributions = (value[: split.start()], value[split.end() :]) if split else (value, "")
    for name, budget_line in _names_with_notes(own):
        data.funders.append(Funder(name, is_contribution=False, budget_line=budget_line))
    for name, budget_line in _names_with_notes(contributions):
        data.funders.append(Funder(name, is_contribution=True, budget_line=budget_line))
    if not data.funders:
        data.problems.append(Problem(row.line, f"cannot read the funders in {value!r}"))


def _names_with_notes(text: str) -> list[tuple[str, str | None]]:
    """Names in "A (note), B and C", each with its parenthesised note."""
    found = []
    for part in re.split(r"\s*(?:,|;|\band\b)\s*(?![^()]*\))", text):
        note_match = re.search(r"\(([^()]*)\)", part)
        name = re.sub(r"\([^()]*\)", "", part).strip(" .")
        if name:
            found.append((name, note_match.group(1).strip() if note_match else None))
    return found


def _read_implementation(data: ProjectData, value: str, row: KeyValue) -> None:
    data.implementation = value or None


def _read_duration(data: ProjectData, value: str, row: KeyValue) -> None:
    months = re.search(r"(\d+)\s*months?", value, re.IGNORECASE)
    data.duration_months = int(months.group(1)) if months else None
    span = re.search(r"\(([^()]*?)\s*[-–—]\s*([^()]*?)\)", value)
    if span:
        try:
            data.start, data.end = parse_full_date(span.group(1)), parse_full_date(span.group(2))
        except DateError as error:
            data.problems.append(Problem(row.line, f"cannot read the project's dates: {error}"))
    if months is None:
        data.problems.append(Problem(row.line, f"cannot read the duration {value!r}"))


def _read_output(data: ProjectData, number: int, value: str, row: KeyValue) -> None:
    name, _, description = value.partition(":")
    if not description:
        name, description = "", value
    data.outputs.append(OutputDescription(number, name.strip(), description.strip(), f"output-{number}", row.line))


def _read_contact(data: ProjectData, row: KeyValue) -> None:
    text = " ".join(row.values)
    for field_name, pattern in (
        ("telephone", r"\bTel\.?:?\s*([+\d][\d\s().-]*\d)"),
        ("faxNumber", r"\bFax\.?:?\s*([+\d][\d\s().-]*\d)"),
        ("email", r"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"),
    ):
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            data.contact[field_name] = match.group(1).strip()
    if row.values and not re.match(r"^(tel|fax|e-?mail)\b", row.values[0], re.IGNORECASE):
        data.contact["name"] = row.values[0]


_READERS = {
    "title": _read_title,
    "area": _read_area,
    "objective": _read_objective,
    "budget": _read_budget,
    "funding": _read_funding,
    "implementation": _read_implementation,
    "duration": _read_duration,
}
