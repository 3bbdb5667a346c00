"""Writing a draft as Turtle: prefixes once, section banners, one subject block per resource, in a fixed
order, so that the same report always gives the same bytes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cyberkg.rdf.namespaces import CKG, DCTERMS, GEO, PROV, RDFS, SCHEMA, SKOS, XSD, turtle_prefixes
from cyberkg.rdf.turtle import banner, subject_block
from cyberkg.reader import iris
from cyberkg.reader.dates import PartialDate
from cyberkg.reader.draft import Draft, DraftEvent, DraftPassage, DraftProject
from cyberkg.reader.treaty_actions import DraftTreatyAction, invitation_iri

BASE_PREFIXES = {
    "ckg": CKG,
    "dcterms": DCTERMS,
    "geo": GEO,
    "prov": PROV,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "skos": SKOS,
    "xsd": XSD,
    "doc": iris.DOCUMENT,
    "project": iris.PROJECT,
    "output": iris.OUTPUT,
    "event": iris.EVENT,
    "city": iris.CITY,
    "country": iris.COUNTRY,
    "organisation": iris.ORGANISATION,
    "src": iris.SOURCE,
    "inst": iris.INSTRUMENT,
    "action": iris.TREATY_ACTION,
}
ORGANISATION_NOTE = "review: drafted by the report reader; check the name and kind of organisation"
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_IRI_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


@dataclass(frozen=True)
class Text:
    """A text value of a wording property (label, title, location...), formatted by :func:`block`."""

    value: str
    language: str | None = None


class TurtleWriter:
    """Formats terms against a fixed prefix table.

    ``wordings`` holds the curated graph's wording of nodes the draft may also name (see
    :data:`cyberkg.reader.reference.WORDING_PREDICATES`): the draft keeps it, so that the draft merged
    with the curated graph still says each thing once, and notes its own, different reading for review.
    """

    def __init__(
        self,
        prefixes: dict[str, str],
        wordings: dict[tuple[str, str], list[tuple[str, str | None]]] | None = None,
    ) -> None:
        self.prefixes = prefixes
        self.wordings = wordings or {}
        self._by_length = sorted(prefixes.items(), key=lambda item: len(item[1]), reverse=True)

    def iri(self, value: str) -> str:
        for prefix, namespace in self._by_length:
            if value.startswith(namespace) and _LOCAL.match(value[len(namespace) :]):
                return f"{prefix}:{value[len(namespace) :]}"
        return f"<{value}>"

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else curie

    def header(self) -> str:
        return turtle_prefixes(*self.prefixes, extra=self.prefixes)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    escaped = _TO_ESCAPE.sub(_escape, text)
    if language:
        return f'"{escaped}"@{language}'
    if datatype:
        return f'"{escaped}"^^xsd:{datatype}'
    return f'"{escaped}"'


def date_literal(value: PartialDate) -> str:
    return literal(value.lexical, datatype=value.datatype)


def decimal_literal(value: Decimal) -> str:
    text = f"{value:f}"
    return text if "." in text else f"{text}.0"


def is_usable_iri(value: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", value)) and not _IRI_FORBIDDEN.search(value)


def block(
    writer: TurtleWriter, subject: str, types: list[str], pairs: Sequence[tuple[str, Sequence[str | Text]]]
) -> str:
    """One subject block: `subject a T1 , T2 ; p o1 , o2 ; ... .`, leaving out predicates without objects.

    Objects are Turtle terms, or :class:`Text` values, which give way to the curated wording if there is one.
    """
    statements = [("a", " , ".join(types))] if types else []
    notes: list[str] = []
    for predicate, objects in pairs:
        texts = [item for item in objects if isinstance(item, Text)]
        curated = writer.wordings.get((subject, writer.expand(predicate))) if texts else None
        if curated is not None:
            mine = {(text.value, text.language) for text in texts}
            if mine != set(curated):
                notes += [f"review: the report reads {predicate} as: {value}" for value, _ in sorted(mine)]
            objects = [Text(value, language) for value, language in curated]
        terms = [literal(item.value, item.language) if isinstance(item, Text) else item for item in objects]
        if predicate == "skos:editorialNote":
            terms += [literal(note, "en") for note in notes]
            notes = []
        if terms:
            statements.append((predicate, " , ".join(terms)))
    if notes:
        statements.append(("skos:editorialNote", " , ".join(literal(note, "en") for note in notes)))
    return subject_block(writer.iri(subject), statements)


def section_banner(title: str) -> str:
    """A banner between the draft's sections, ruled with dashes."""
    return banner(title, rule="-")


def draft_to_turtle(
    draft: Draft,
    wordings: dict[tuple[str, str], list[tuple[str, str | None]]] | None = None,
) -> str:
    prefixes = dict(BASE_PREFIXES)
    prefixes["passage"] = iris.passage_iri(draft.document.report_date, "")
    writer = TurtleWriter(prefixes, wordings)
    parts = [
        writer.header(),
        "\n# Draft written by `cyberkg read-report` from "
        f"{draft.document.identifier}: for a curator to check (see skos:editorialNote) and enrich.\n",
    ]
    parts += ["\n", section_banner("The report and its passages"), "\n", _document(writer, draft)]
    for passage in draft.passages:
        parts += ["\n", _passage(writer, draft, passage)]
    if draft.project is not None:
        parts += ["\n", section_banner("The project, from the project data table"), "\n"]
        parts.append("\n".join(_project(writer, draft.project)))
    for kinds, title in ((("Held",), "Activities carried out"), (("Planned", "ListedAsPlanned"), "Activities planned")):
        events = [event for event in draft.events if event.status in kinds]
        if events:
            parts += ["\n", section_banner(title)]
            for event in events:
                parts += ["\n", _event(writer, draft, event)]
    if draft.treaty_actions:
        parts += ["\n", section_banner("Treaty actions")]
        for action in draft.treaty_actions:
            parts += ["\n", _treaty_action(writer, draft, action)]
    if draft.new_cities:
        parts += ["\n", section_banner("Cities from GeoNames that graph/reference/cities.csv does not list yet")]
        for city in draft.new_cities:
            parts += [
                "\n",
                block(
                    writer,
                    iris.city_iri(city.slug),
                    ["ckg:City"],
                    [
                        ("rdfs:label", [Text(city.label, "en")]),
                        ("ckg:inCountry", [writer.iri(iris.country_iri(city.country))]),
                        ("ckg:geonamesId", [literal(city.geonames_id)] if city.geonames_id else []),
                        ("geo:lat", [literal(city.latitude, datatype="decimal")] if city.latitude else []),
                        ("geo:long", [literal(city.longitude, datatype="decimal")] if city.longitude else []),
                        ("prov:wasDerivedFrom", ["src:geonames"]),
                    ],
                ),
            ]
    if draft.new_organisations:
        parts += ["\n", section_banner("Organisations the curated graph does not name yet")]
        for organisation in draft.new_organisations:
            country = organisation.government_of
            pairs: list[tuple[str, Sequence[str | Text]]] = [
                ("rdfs:label", [Text(organisation.label, "en")]),
                ("ckg:governmentOf", [writer.iri(iris.country_iri(country))] if country else []),
                ("skos:editorialNote", [literal(ORGANISATION_NOTE, "en")]),
            ]
            kind = "ckg:Government" if country else "ckg:Organisation"
            parts += ["\n", block(writer, organisation.iri, [kind], pairs)]
    return "".join(parts)


def _invitation(writer: TurtleWriter, draft: Draft, action: DraftTreatyAction) -> str:
    """A decision of kind ckg:InvitationToAccede that names the invited state; the source names no decider."""
    document = draft.document
    as_of = document.report_date.isoformat() if document.kind == "ActivityReport" else action.day
    return block(
        writer,
        invitation_iri(action),
        ["ckg:Decision"],
        [
            ("rdfs:label", [Text(action.label, "en")]),
            ("ckg:startDate", [literal(action.day, datatype="date")]),
            ("ckg:endDate", [literal(action.day, datatype="date")]),
            ("ckg:status", ["ckg:Held"]),
            ("ckg:statusAsOf", [literal(as_of, datatype="date")]),
            ("ckg:reportedIn", [writer.iri(document.iri)]),
            ("ckg:decisionKind", ["ckg:InvitationToAccede"]),
            ("ckg:decisionObject", [writer.iri(action.instrument)]),
            ("ckg:invitedState", [writer.iri(iris.country_iri(action.state))]),
            ("skos:editorialNote", [literal(f"review: {note}", "en") for note in action.notes]),
            ("prov:wasDerivedFrom", [writer.iri(action.passage_iri)]),
        ],
    )


def _document(writer: TurtleWriter, draft: Draft) -> str:
    document = draft.document
    report_date = literal(document.report_date.isoformat(), datatype="date")
    period = document.period
    is_report = document.kind == "ActivityReport"  # a news page has no report date: each item has its own
    return block(
        writer,
        document.iri,
        [f"ckg:{document.kind}"],
        [
            ("dcterms:title", [Text(document.title)] if document.title else []),
            ("rdfs:label", [Text(document.label, "en")] if document.label else []),
            ("dcterms:issued", [report_date] if is_report else []),
            ("ckg:reportDate", [report_date] if is_report else []),
            ("ckg:coversPeriodStart", [literal(period[0].isoformat(), datatype="date")] if period else []),
            ("ckg:coversPeriodEnd", [literal(period[1].isoformat(), datatype="date")] if period else []),
            (
                "ckg:website",
                [f"<{_website(document.website)}>"]
                if document.website and is_usable_iri(_website(document.website))
                else [],
            ),
            ("dcterms:identifier", [literal(document.identifier)]),
        ],
    )


def _website(text: str) -> str:
    return text if re.match(r"^https?://", text, re.IGNORECASE) else f"http://{text}"


def _passage(writer: TurtleWriter, draft: Draft, passage: DraftPassage) -> str:
    return block(
        writer,
        passage.iri,
        ["ckg:SourcePassage"],
        [
            ("ckg:inDocument", [writer.iri(draft.document.iri)]),
            ("ckg:section", [Text(passage.section)]),
            ("ckg:rowNumber", [str(passage.row_number)] if passage.row_number is not None else []),
            ("ckg:location", [Text(passage.location)]),
            ("ckg:rowText", [literal(passage.row_text)] if passage.row_text else []),
        ],
    )


def _project(writer: TurtleWriter, project: DraftProject) -> list[str]:
    data = project.data
    title = data.title or project.iri.rsplit("/", 1)[-1]
    passages = project.passages

    def derived(*keys: str) -> tuple[str, list[str]]:
        return "prov:wasDerivedFrom", [writer.iri(passages[key]) for key in keys if key in passages]

    blocks = [
        block(
            writer,
            project.iri,
            ["ckg:ProjectPhase" if data.phase_number else "ckg:Project"],
            [
                ("rdfs:label", [Text(title, "en")]),
                ("dcterms:title", [Text(data.title)] if data.title else []),
                ("ckg:phaseNumber", [str(data.phase_number)] if data.phase_number else []),
                ("ckg:projectCode", [literal(data.code)] if data.code else []),
                ("ckg:projectArea", [Text(data.area, "en")] if data.area else []),
                ("ckg:objective", [Text(data.objective, "en")] if data.objective else []),
                ("ckg:budget", [writer.iri(project.budget_iri)] if data.budget else []),
                ("ckg:threshold", [writer.iri(project.threshold_iri)] if data.threshold else []),
                ("ckg:funding", [writer.iri(funding.iri) for funding in project.fundings]),
                ("ckg:fundedBy", [writer.iri(funding.funder) for funding in project.fundings]),
                ("ckg:implementedBy", [writer.iri(project.implemented_by)] if project.implemented_by else []),
                ("ckg:durationMonths", [str(data.duration_months)] if data.duration_months else []),
                (
                    "schema:startDate",
                    [literal(data.start.isoformat(), datatype="date")] if data.start else [],
                ),
                ("schema:endDate", [literal(data.end.isoformat(), datatype="date")] if data.end else []),
                (
                    "ckg:hasOutput",
                    [writer.iri(project.outputs[number]) for number in sorted(project.outputs)],
                ),
                ("ckg:contactPoint", [writer.iri(f"{project.iri}-contact")] if data.contact else []),
                derived("title", "area", "objective", "budget", "funding", "implementation", "duration"),
            ],
        )
    ]
    for label, iri, amount in (
        ("Budget", project.budget_iri, data.budget),
        ("Threshold", project.threshold_iri, data.threshold),
    ):
        if amount is not None:
            blocks.append(
                block(
                    writer,
                    iri,
                    ["ckg:MonetaryAmount"],
                    [
                        ("rdfs:label", [Text(f"{label} of {title}: {amount.as_written}", "en")]),
                        (
                            "ckg:maxAmount" if amount.is_maximum else "ckg:amount",
                            [decimal_literal(amount.value)],
                        ),
                        ("ckg:currency", [literal(amount.currency)]),
                        derived("budget"),
                    ],
                )
            )
    for funding in project.fundings:
        label = (
            f"Contribution of {funding.funder_name} to {title}"
            if funding.is_contribution
            else f"{funding.funder_name} budget for {title}"
        )
        blocks.append(
            block(
                writer,
                funding.iri,
                ["ckg:Funding"],
                [
                    ("rdfs:label", [Text(label, "en")]),
                    ("ckg:funder", [writer.iri(funding.funder)]),
                    ("ckg:fundingKind", ["ckg:Contribution" if funding.is_contribution else "ckg:OwnBudget"]),
                    ("ckg:budgetLine", [literal(funding.budget_line)] if funding.budget_line else []),
                    derived("funding"),
                ],
            )
        )
    for output in sorted(data.outputs, key=lambda output: output.number):
        name = f"Output {output.number}: {output.name}" if output.name else f"Output {output.number}"
        blocks.append(
            block(
                writer,
                project.outputs[output.number],
                ["ckg:ProjectOutput"],
                [
                    ("rdfs:label", [Text(name, "en")]),
                    ("ckg:outputNumber", [str(output.number)]),
                    ("ckg:outputOf", [writer.iri(project.iri)]),
                    (
                        "dcterms:description",
                        [Text(output.description, "en")] if output.description else [],
                    ),
                    derived(output.key),
                ],
            )
        )
    if data.contact:
        contact = data.contact
        blocks.append(
            block(
                writer,
                f"{project.iri}-contact",
                ["ckg:ContactPoint"],
                [
                    ("rdfs:label", [Text(f"Contact for {title}", "en")]),
                    *[
                        (f"schema:{name}", [literal(contact[name])] if name in contact else [])
                        for name in ("name", "telephone", "faxNumber", "email")
                    ],
                    derived("contact"),
                ],
            )
        )
    return blocks


def _event(writer: TurtleWriter, draft: Draft, event: DraftEvent) -> str:
    project = draft.project
    as_of = event.status_as_of or draft.document.report_date
    return block(
        writer,
        event.iri,
        [f"ckg:{name}" for name in event.kind.draft_classes],
        [
            ("rdfs:label", [Text(event.label, event.language)]),
            ("ckg:startDate", [date_literal(event.start)] if event.start else []),
            ("ckg:endDate", [date_literal(event.end)] if event.end else []),
            ("ckg:dateAsWritten", [literal(event.date_as_written)] if event.date_as_written else []),
            ("ckg:place", [writer.iri(iris.city_iri(city.slug)) for city in event.cities]),
            ("ckg:placeAsWritten", [literal(event.place_as_written)] if event.place_as_written else []),
            ("ckg:status", [f"ckg:{event.status}"]),
            ("ckg:statusAsOf", [literal(as_of.isoformat(), datatype="date")]),
            ("ckg:reportedIn", [writer.iri(draft.document.iri)]),
            ("ckg:activityOf", [writer.iri(project.iri)] if project else []),
            ("ckg:partOf", [writer.iri(event.part_of)] if event.part_of else []),
            ("ckg:servesOutput", [writer.iri(output) for output in event.outputs]),
            ("ckg:outputsAsWritten", [literal(event.outputs_as_written)] if event.outputs_as_written else []),
            (
                "ckg:language",
                [literal(event.language, datatype="language")] if event.language != "en" else [],
            ),
            ("skos:editorialNote", [literal(f"review: {note}", "en") for note in event.notes]),
            ("prov:wasDerivedFrom", [writer.iri(event.passage.iri)]),
        ],
    )


def _treaty_action(writer: TurtleWriter, draft: Draft, action: DraftTreatyAction) -> str:
    if action.kind == "InvitationToAccede":
        return _invitation(writer, draft, action)
    return block(
        writer,
        action.iri,
        ["ckg:TreatyAction"],
        [
            ("rdfs:label", [Text(action.label, "en")]),
            ("ckg:state", [writer.iri(iris.country_iri(action.state))]),
            ("ckg:instrument", [writer.iri(action.instrument)]),
            ("ckg:actionKind", [f"ckg:{action.kind}"]),
            ("ckg:actionDate", [literal(action.day, datatype="date")]),
            ("ckg:follows", [writer.iri(action.follows)] if action.follows else []),
            ("skos:editorialNote", [literal(f"review: {note}", "en") for note in action.notes]),
            ("prov:wasDerivedFrom", [writer.iri(action.passage_iri)]),
        ],
    )
