"""Assembling the draft: the document, its passages, the project and one event per activity row.

Every row becomes an event, whatever could not be read in it; what could not is kept as written, reported
as a problem with its line, and noted on the event for the curator.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from cyberkg.reader import iris
from cyberkg.reader.dates import DateContext, DateError, PartialDate, parse_event_date
from cyberkg.reader.gazetteer import City, Gazetteer, PlaceError, place_notes
from cyberkg.reader.headings import heading_period, section_label
from cyberkg.reader.kinds import COMPLETED_BY_CURATOR, KindGuess, guess_kind
from cyberkg.reader.markup import title_of
from cyberkg.reader.outputs import OutputsError, parse_outputs
from cyberkg.reader.problems import Problem
from cyberkg.reader.project_data import ProjectData, read_project_data
from cyberkg.reader.reference import KnownProject, Reference
from cyberkg.reader.resolving import Resolution
from cyberkg.reader.tables import CARRIED_OUT, ReportLayout, Row
from cyberkg.reader.treaty_actions import DraftTreatyAction

FAR_FROM_REPORT_DAYS = 2 * 366


@dataclass
class DraftPassage:
    iri: str
    section: str
    location: str
    row_number: int | None = None
    row_text: str | None = None


@dataclass
class DraftDocument:
    iri: str
    report_date: date
    identifier: str
    title: str | None = None
    label: str | None = None
    period: tuple[date, date] | None = None
    website: str | None = None
    kind: str = "ActivityReport"  # the ckg: class; a web page of news items is a plain SourceDocument


@dataclass
class DraftOrganisation:
    """An organisation the curated graph does not name yet (a funder or implementing body)."""

    iri: str
    label: str
    government_of: str | None = None  # alpha-2 code when the name is a country's


@dataclass
class DraftFunding:
    iri: str
    funder: str
    funder_name: str
    is_contribution: bool
    budget_line: str | None


@dataclass
class DraftProject:
    iri: str
    data: ProjectData
    passages: dict[str, str]  # project data key -> passage IRI
    outputs: dict[int, str]  # output number -> IRI
    budget_iri: str
    threshold_iri: str
    fundings: list[DraftFunding] = field(default_factory=list)
    implemented_by: str | None = None
    known: bool = False


@dataclass
class DraftEvent:
    iri: str
    kind: KindGuess
    label: str
    language: str
    status: str  # "Held", "Planned", or "ListedAsPlanned" (planned row whose dates include the report date)
    passage: DraftPassage
    line: int
    date_as_written: str
    place_as_written: str
    outputs_as_written: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    cities: tuple[City, ...] = ()
    outputs: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    status_as_of: date | None = None  # the day the status is stated on, when not the document's report date
    part_of: str | None = None  # the IRI of a larger event it belongs to (a session of a conference)


@dataclass
class Draft:
    document: DraftDocument
    project: DraftProject | None
    passages: list[DraftPassage]
    events: list[DraftEvent]
    new_cities: list[City]
    new_organisations: list[DraftOrganisation]
    problems: list[Problem]
    treaty_actions: list[DraftTreatyAction] = field(default_factory=list)  # from treaty-action lists
    resolutions: list[Resolution] = field(default_factory=list)  # every name resolved, and how

    @property
    def needs_review(self) -> bool:
        return any(problem.needs_review for problem in self.problems)


def build_draft(
    layout: ReportLayout, report_date: date, identifier: str, reference: Reference, gazetteer: Gazetteer
) -> Draft:
    """The draft of one report whose layout has been read and whose report date is known."""
    problems = list(layout.problems)
    document = _document(layout, report_date, identifier)
    passages: list[DraftPassage] = []
    new_organisations: dict[str, DraftOrganisation] = {}
    resolutions: list[Resolution] = []
    project = None
    if layout.project_data:
        project = _project(
            read_project_data(layout.project_data),
            report_date,
            reference,
            gazetteer,
            new_organisations,
            problems,
            resolutions,
        )
        passages.extend(_project_passages(layout, project, report_date))
    else:
        problems.append(Problem(None, "the report has no project data table; events are not tied to a project"))
    if not layout.tables:
        problems.append(Problem(None, "the report has no table of activities carried out or planned"))
    allocator = iris.IriAllocator()
    events: list[DraftEvent] = []
    new_cities: dict[str, City] = {}
    for table in layout.tables:
        context = DateContext(report_date, heading_period(table.heading))
        label = section_label(table.heading)
        for row in table.rows:
            event = _event(row, label, context, project, gazetteer, allocator, problems, resolutions)
            events.append(event)
            passages.append(event.passage)
            for city in event.cities:
                if not city.in_reference and city.slug not in new_cities:
                    new_cities[city.slug] = city
                    problems.append(
                        Problem(
                            row.line,
                            f"city {city.label} ({city.country}) taken from GeoNames; "
                            "add it to graph/reference/cities.csv",
                            needs_review=False,
                        )
                    )
    return Draft(
        document,
        project,
        passages,
        events,
        list(new_cities.values()),
        list(new_organisations.values()),
        problems,
        resolutions=resolutions,
    )


def _document(layout: ReportLayout, report_date: date, identifier: str) -> DraftDocument:
    document = DraftDocument(iris.document_iri(report_date), report_date, identifier, website=layout.website)
    if layout.title_lines:
        document.title = ": ".join(text for text, _ in layout.title_lines)
        document.label = (
            f"{layout.title_lines[0][0]}: update of {report_date.day} "
            f"{calendar.month_name[report_date.month]} {report_date.year}"
        )
    carried_out = [table for table in layout.tables if table.kind == CARRIED_OUT]
    if carried_out:
        document.period = heading_period(carried_out[0].heading)
    return document


def _project(
    data: ProjectData,
    report_date: date,
    reference: Reference,
    gazetteer: Gazetteer,
    new_organisations: dict[str, DraftOrganisation],
    problems: list[Problem],
    resolutions: list[Resolution],
) -> DraftProject:
    from cyberkg.reader.iris import name_key

    problems.extend(data.problems)
    known: KnownProject | None = None
    if data.code:
        known = reference.projects_by_code.get(data.code)
    if known is None and data.title:
        known = reference.projects_by_title.get(name_key(data.title))
    if known is not None:
        iri = known.iri
    else:
        slug = iris.slugify(data.title or "") or f"{iris.document_slug(report_date)}-project"
        iri = iris.PROJECT + slug
    local = iri.rsplit("/", 1)[-1]
    outputs = {}
    for output in data.outputs:
        outputs[output.number] = (
            known.outputs.get(output.number) if known else None
        ) or f"{iris.OUTPUT}{local}-output-{output.number}"
    if not data.outputs and known is not None:
        outputs = dict(known.outputs)
    project = DraftProject(
        iri=iri,
        data=data,
        passages={key: iris.passage_iri(report_date, f"project-data-{key}") for key in data.rows},
        outputs=outputs,
        budget_iri=(known.budget if known and known.budget else f"{iri}-budget"),
        threshold_iri=(known.threshold if known and known.threshold else f"{iri}-threshold"),
        known=known is not None,
    )
    for funder in data.funders:
        funder_iri = _organisation(
            funder.name, reference, gazetteer, new_organisations, problems, data.rows["funding"].line, resolutions
        )
        funding_iri = (
            known.fundings.get(funder_iri) if known else None
        ) or f"{iri}-funding-{funder_iri.rsplit('/', 1)[-1]}"
        project.fundings.append(
            DraftFunding(funding_iri, funder_iri, funder.name, funder.is_contribution, funder.budget_line)
        )
    if data.implementation:
        body = data.implementation.split("(")[0].strip() or data.implementation
        project.implemented_by = _organisation(
            body, reference, gazetteer, new_organisations, problems, data.rows["implementation"].line, resolutions
        )
    return project


def _organisation(
    name: str,
    reference: Reference,
    gazetteer: Gazetteer,
    new_organisations: dict[str, DraftOrganisation],
    problems: list[Problem],
    line: int,
    resolutions: list[Resolution],
) -> str:
    """The organisation a name resolves to (see cyberkg.reader.resolving), the government of a country it
    names, else a new node drafted and reported, with the closest names the graph holds."""
    resolved = reference.organisation_index.resolve(name, line) if reference.organisation_names else None
    found = resolved.iri if resolved is not None else reference.organisation(name)
    if found is None:
        country = gazetteer.country_code(name)
        found = reference.governments.get(country) if country else None
        if found is not None:
            resolved = Resolution(
                "organisation", name, found, f"government of {country}", "government of", 100.0, line=line
            )
    if found is not None:
        if resolved is not None:
            resolutions.append(resolved)
            if resolved.how not in ("exact", "government of"):
                problems.append(Problem(line, resolved.describe(), needs_review=resolved.how.startswith("fuzzy")))
        return found
    if resolved is not None:
        resolutions.append(resolved)
    country = gazetteer.country_code(name)
    label = f"Government of {name}" if country else name
    slug = iris.slugify(label) or "unnamed"
    iri = iris.ORGANISATION + slug
    if iri not in new_organisations:
        new_organisations[iri] = DraftOrganisation(iri, label, country)
        problems.append(
            Problem(
                line,
                f"organisation {name!r} is not in the curated graph; a new node {slug!r} was drafted"
                + (_closest(resolved) if resolved is not None else ""),
            )
        )
    return iri


def _project_passages(layout: ReportLayout, project: DraftProject, report_date: date) -> list[DraftPassage]:
    passages = []
    for key, row in project.data.rows.items():
        passages.append(
            DraftPassage(
                project.passages[key],
                "Project data",
                f'Project data table, row "{row.key}"',
                row_text=row.text,
            )
        )
    return passages


def _event(
    row: Row,
    section: str,
    context: DateContext,
    project: DraftProject | None,
    gazetteer: Gazetteer,
    allocator: iris.IriAllocator,
    problems: list[Problem],
    resolutions: list[Resolution],
) -> DraftEvent:
    report_date = context.report_date
    notes: list[str] = []

    def flag(message: str) -> None:
        notes.append(message)
        problems.append(Problem(row.line, f"{section}, row {row.number}: {message}"))

    for problem in row.problems:
        flag(problem.message)
    described = ", ".join(part for part in (row.date, row.place) if part)
    passage = DraftPassage(
        iris.passage_iri(report_date, iris.row_passage_name(row.kind, row.number)),
        section,
        f"Table of {section[:1].lower()}{section[1:]}, row {row.number}" + (f" ({described})" if described else ""),
        row.number,
        row.text,
    )
    title = title_of(row.activity)
    if not title:
        title = f"Untitled activity ({section}, row {row.number})"
        flag("no activity text; the title is a placeholder")
    kind = guess_kind(title)
    for name in kind.classes:
        if name in COMPLETED_BY_CURATOR:
            notes.append(f"the title suggests a ckg:{name}; add {COMPLETED_BY_CURATOR[name]} and type it so")
    status = "Held" if row.kind == CARRIED_OUT else "Planned"
    event = DraftEvent(
        "",
        kind,
        title,
        kind.language,
        status,
        passage,
        row.line,
        row.date,
        row.place,
        row.outputs,
        notes=notes,
    )
    try:
        span = parse_event_date(row.date, context)
        event.start, event.end = span.start, span.end
        _check_dates(event, report_date, flag)
        if event.status == "Planned" and event.start.first_day() <= report_date <= event.end.last_day():
            event.status = "ListedAsPlanned"  # under way on the report date: only the listing is claimed
    except DateError as error:
        flag(f"date not read: {error}")
    try:
        event.cities = gazetteer.find(row.place)
    except PlaceError as error:
        flag(f"place not found: {error}")
        resolutions.append(Resolution("place", row.place, None, line=row.line))
    for note in place_notes(row.place, event.cities, row.line, resolutions):
        flag(note)
    event.outputs = _outputs(row.outputs, project, flag)
    start = event.start.lexical if event.start else "undated"
    place = event.cities[0].slug if event.cities else (iris.slugify(row.place)[:40].strip("-") or "unknown-place")
    event.iri = allocator.allocate(f"{iris.EVENT}{start}-{place}-{kind.slug}")
    return event


def _check_dates(event: DraftEvent, report_date: date, flag: Callable[[str], None]) -> None:
    assert event.start is not None and event.end is not None
    if event.status == "Held" and event.start.first_day() > report_date:
        flag(f"listed as carried out but starts after the report date {report_date.isoformat()}")
    if event.status == "Planned" and event.end.last_day() < report_date:
        flag(f"listed as planned but ends before the report date {report_date.isoformat()}")
    if abs((event.start.first_day() - report_date).days) > FAR_FROM_REPORT_DAYS:
        flag(f"date {event.start.lexical} is more than two years from the report date")


def _outputs(text: str, project: DraftProject | None, flag: Callable[[str], None]) -> tuple[str, ...]:
    try:
        read = parse_outputs(text)
    except OutputsError as error:
        flag(f"outputs not read: {error}")
        return ()
    if project is None:
        flag("outputs cannot be linked: the report has no project data table")
        return ()
    if read.every:
        if not project.outputs:
            flag('"All" outputs, but the project data table lists none')
        return tuple(project.outputs[number] for number in sorted(project.outputs))
    unknown = [number for number in read.numbers if number not in project.outputs]
    if unknown:
        flag(f"output(s) {', '.join(map(str, unknown))} not in the project data table")
    return tuple(project.outputs[number] for number in read.numbers if number in project.outputs)


def _closest(resolved: Resolution) -> str:
    names = ", ".join(f"{candidate.name} ({candidate.score:.0f})" for candidate in resolved.candidates)
    return f" (closest names in the graph: {names})" if names else ""
