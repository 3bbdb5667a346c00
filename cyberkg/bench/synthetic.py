"""Synthetic graphs in the project's own ontology, for benchmarks and scale tests.

:func:`generate` writes a Turtle file that, loaded together with the ontology and
the curated graph, holds about a target number of triples: projects with their
outputs, quarterly activity reports and the passages of their tables, events over
many years (places, participations of organisations in roles, topics,
instruments discussed, countries concerned), and treaty actions (signature,
ratification, entry into force, accession) for every ISO 3166-1 state in the
curated reference data and every convention in it. Nothing here is a fact: every
resource's IRI slug starts with ``synthetic-`` and its label with "Synthetic".

The output is deterministic for a seed. A small, known number of violations is
seeded (see :data:`VIOLATION_KINDS`); :class:`SyntheticGraph` lists the focus
node of each, so a validator can be checked to report exactly those nodes.

The text is never held whole (10M triples are about 580 MB of Turtle): :func:`plan_graph`
sizes a graph by generating it without its text (counting triples only), and
:meth:`SyntheticPlan.chunks` generates it again, handing its Turtle out in chunks of about
:data:`CHUNK_CHARS` characters as they are made, which :func:`generate` writes to the file
one after the other (atomically).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cyberkg.atomic import write_chunks_atomically
from cyberkg.errors import InputError
from cyberkg.rdf.namespaces import turtle_prefixes
from cyberkg.rdf.results import select_solutions
from cyberkg.rdf.turtle import subject_block
from cyberkg.store.checkout import Checkout, default_checkout

ID = "https://w3id.org/cyberkg/id/"

PREFIXES = turtle_prefixes(
    "ckg",
    "dcterms",
    "prov",
    "rdfs",
    "org",
    "xsd",
    "event",
    "participation",
    "involvement",
    "action",
    "doc",
    "organisation",
    "project",
    "output",
    "inst",
    "topic",
    "country",
    "city",
    "src",
)

# What a seeded violation breaks, by kind. Each is something the project's shapes must catch.
VIOLATION_KINDS: dict[str, str] = {
    "end-before-start": "an event whose end date is before its start date",
    "ill-formed-date": "an event whose start date is not a valid xsd:date (month 13, day 45)",
    "no-source": "an event that cites no source passage",
    "status-not-in-scheme": "an event whose status is a role, not an event status",
    "planned-before-report": "a planned event dated before the report that calls it planned",
    "action-before-opening": "a ratification dated before its convention opened for signature",
    "not-an-instrument": "a treaty action whose instrument is a topic, not an instrument",
}

REGISTER = "src:synthetic-register"
EVENT_KINDS = ("Meeting", "Conference", "Workshop", "Seminar", "Visit", "RoundTable", "Forum")
ORGANISATION_KINDS = (
    "Organisation",
    "InternationalOrganisation",
    "Government",
    "Company",
    "Network",
    "Committee",
    "Initiative",
)
ROLES = ("Organiser", "Host", "Presenter", "Facilitator", "Participant")
INVOLVEMENTS = ("AccessionPromoted", "LegislationExamined", "ImplementationDiscussed", "HostCountry")
FIRST_YEAR = 1995
YEARS = 30
OUTPUTS_PER_PROJECT = 7
CHUNK_CHARS = 1 << 20  # characters of Turtle handed out at a time (a chunk ends after the block that fills it)


@dataclass
class SyntheticGraph:
    """What :func:`generate` wrote: the file, its triple count, and the seeded violations."""

    path: Path
    triples: int
    curated_triples: int
    events: int
    treaty_actions: int
    violations: list[tuple[str, str]] = field(default_factory=list)  # (kind, focus node IRI)
    pools: tuple[int, int, int] = (0, 0, 0)  # how many cities, organisations, projects

    @property
    def total_triples(self) -> int:
        """Triples of the ontology, curated graph and this file together."""
        return self.triples + self.curated_triples

    def violating_nodes(self) -> set[str]:
        return {node for _, node in self.violations}


@dataclass(frozen=True)
class Convention:
    slug: str
    opened: dt.date


@dataclass(frozen=True)
class Reference:
    """The curated terms the synthetic data points to."""

    countries: tuple[str, ...]
    conventions: tuple[Convention, ...]
    instruments: tuple[str, ...]
    topics: tuple[str, ...]


class _Writer:
    """Turtle subject blocks that count their triples; their text is kept until taken, or not made at all.

    The file is the prefixes and the blocks joined by blank lines; :meth:`take` hands out the
    text made since the last take, so that the takes put end to end are that file.
    """

    def __init__(self, keep_text: bool = True) -> None:
        self.keep_text = keep_text
        self.parts: list[str] = [PREFIXES] if keep_text else []
        self.pending = sum(map(len, self.parts))  # characters kept and not yet taken
        self.triples = 0
        self.taken = False

    def block(self, subject: str, pairs: Iterable[tuple[str, str]]) -> None:
        pairs = list(pairs)
        self.triples += len(pairs)
        if self.keep_text:
            text = subject_block(subject, pairs)
            self.parts.append(text)
            self.pending += len(text)

    def take(self) -> str:
        """The text made since the last take ("" if none)."""
        if not self.parts:
            return ""
        text = ("\n" if self.taken else "") + "\n".join(self.parts)
        self.parts, self.pending, self.taken = [], 0, True
        return text


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '2500' -> 2500."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise InputError(f"not a size: {text!r} (write e.g. 10k, 100k, 1M or 2500)")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * scale)


def read_reference(checkout: Checkout | None = None) -> Reference:
    """Countries, conventions (with opening dates), instruments and topics of the curated graph."""
    import pyoxigraph

    checkout = checkout or default_checkout()
    store = pyoxigraph.Store()
    reference = checkout.graph_dir / "reference"
    for path in (
        checkout.ontology_dir / "cyberkg.ttl",
        reference / "countries.ttl",
        reference / "instruments.ttl",
        checkout.graph_dir / "topics.ttl",
    ):
        store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    prefix = "PREFIX ckg: <https://w3id.org/cyberkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

    def column(query: str) -> list[pyoxigraph.QuerySolution]:
        return list(select_solutions(store, prefix + query))

    countries = sorted(row["c"].value.rsplit("/", 1)[1] for row in column("SELECT ?c { ?c a ckg:Country }"))
    conventions = sorted(
        (
            Convention(row["i"].value.rsplit("/", 1)[1], dt.date.fromisoformat(row["d"].value))
            for row in column("SELECT ?i ?d { ?i ckg:openedForSignature ?d }")
        ),
        key=lambda convention: convention.slug,
    )
    instruments = sorted(
        row["i"].value.rsplit("/", 1)[1]
        for row in column("SELECT DISTINCT ?i { ?i a ?k . ?k rdfs:subClassOf* ckg:Instrument }")
        if "/instrument/" in row["i"].value
    )
    topics = sorted(row["t"].value.rsplit("/", 1)[1] for row in column("SELECT ?t { ?t a ckg:Topic }"))
    if not countries or not conventions or not topics:
        raise InputError("the curated reference data has no countries, conventions or topics", checkout.graph_dir)
    return Reference(tuple(countries), tuple(conventions), tuple(instruments), tuple(topics))


def curated_triple_count(checkout: Checkout | None = None) -> int:
    """Triples of the ontology and curated graph, which the synthetic file is loaded with."""
    from cyberkg.store.loading import data_files, load_store

    return len(load_store(data_files(checkout)))


# Triples per event written by _event, on average (a first guess; generate() corrects it).
_TRIPLES_PER_EVENT = 45
_TRIPLES_PER_ACTION_PAIR = 22


class _Generator:
    """The random draws and the blocks written; :meth:`pools`, :meth:`treaty_actions` and :meth:`activity` are
    iterators that stop after each resource (or event) so that its text can be taken."""

    def __init__(self, reference: Reference, seed: int, violations_per_kind: int, keep_text: bool = True) -> None:
        self.ref = reference
        self.random = random.Random(seed)
        self.fixed_triples = 0
        self.writer = _Writer(keep_text)
        self.violations: list[tuple[str, str]] = []
        self.violations_per_kind = violations_per_kind
        self.events = 0
        self.actions = 0

    # -- pools ---------------------------------------------------------------

    def pools(self, events: int) -> Iterator[None]:
        rnd = self.random
        # The synthetic register that the pooled resources cite (a reference source, as gazetteers are).
        self.writer.block(
            REGISTER,
            [
                ("a", "ckg:ReferenceSource"),
                ("rdfs:label", _literal("Synthetic register of cities, organisations and projects") + "@en"),
            ],
        )
        self.cities = [f"synthetic-city-{i:05d}" for i in range(max(20, min(5000, events // 15)))]
        for i, city in enumerate(self.cities):
            self.writer.block(
                f"city:{city}",
                [
                    ("a", "ckg:City"),
                    ("rdfs:label", _literal(f"Synthetic city {i}") + "@en"),
                    ("ckg:inCountry", f"country:{rnd.choice(self.ref.countries)}"),
                    ("prov:wasDerivedFrom", REGISTER),
                ],
            )
            yield
        count = max(30, min(20000, events // 8))
        self.organisations = [f"synthetic-organisation-{i:05d}" for i in range(count)]
        for i, organisation in enumerate(self.organisations):
            kind = rnd.choice(ORGANISATION_KINDS)
            pairs = [("a", f"ckg:{kind}"), ("rdfs:label", _literal(f"Synthetic organisation {i}") + "@en")]
            if kind == "Government":
                pairs.append(("ckg:governmentOf", f"country:{rnd.choice(self.ref.countries)}"))
            pairs.append(("prov:wasDerivedFrom", REGISTER))
            self.writer.block(f"organisation:{organisation}", pairs)
            yield
        self.projects = [f"synthetic-project-{i:03d}" for i in range(max(2, min(60, events // 400)))]
        for i, project in enumerate(self.projects):
            outputs = [f"output:{project}-output-{n}" for n in range(1, OUTPUTS_PER_PROJECT + 1)]
            self.writer.block(
                f"project:{project}",
                [
                    ("a", "ckg:Project"),
                    ("rdfs:label", _literal(f"Synthetic project {i}") + "@en"),
                    ("ckg:implementedBy", f"organisation:{rnd.choice(self.organisations)}"),
                    *[("ckg:hasOutput", output) for output in outputs],
                    ("prov:wasDerivedFrom", REGISTER),
                ],
            )
            for n, output in enumerate(outputs, 1):
                self.writer.block(
                    output,
                    [
                        ("a", "ckg:ProjectOutput"),
                        ("rdfs:label", _literal(f"Synthetic project {i}, output {n}") + "@en"),
                        ("ckg:outputNumber", str(n)),
                        ("ckg:outputOf", f"project:{project}"),
                        ("prov:wasDerivedFrom", REGISTER),
                    ],
                )
            yield

    # -- reports and events --------------------------------------------------

    def report(self, project: str, number: int, report_date: dt.date) -> str:
        slug = f"{project}-report-{number:03d}"
        self.writer.block(
            f"doc:{slug}",
            [
                ("a", "ckg:ActivityReport"),
                ("rdfs:label", _literal(f"Synthetic activity report {number} of {project}") + "@en"),
                ("dcterms:title", _literal(f"Synthetic activity report {number}")),
                ("ckg:reportDate", _date(report_date)),
                ("ckg:preparedBy", f"project:{project}"),
            ],
        )
        return slug

    def passage(self, report: str, row: int, section: str) -> str:
        iri = f"src:{report}-row-{row:03d}"
        self.writer.block(
            iri,
            [
                ("a", "ckg:SourcePassage"),
                ("ckg:inDocument", f"doc:{report}"),
                ("ckg:section", _literal(section)),
                ("ckg:rowNumber", str(row)),
                ("ckg:location", _literal(f"Synthetic table of activities, row {row}")),
            ],
        )
        return iri

    def event(self, project: str, report: str, report_date: dt.date, row: int, violation: str | None) -> None:
        rnd = self.random
        planned = rnd.random() < 0.2
        if planned:
            start = report_date + dt.timedelta(days=rnd.randint(1, 80))
        else:
            start = report_date - dt.timedelta(days=rnd.randint(1, 88))
        end = start + dt.timedelta(days=rnd.choice((0, 0, 0, 1, 2, 4)))
        slug = f"synthetic-{self.events:07d}"
        iri = f"event:{slug}"
        self.events += 1
        kind = rnd.choice(EVENT_KINDS)
        city = rnd.choice(self.cities)
        section = "Activities planned" if planned else "Activities carried out"
        passage = self.passage(report, row, section)
        status = "ckg:Planned" if planned else "ckg:Held"
        start_term, end_term = _date(start), _date(end)
        if violation == "end-before-start":
            end_term = _date(start - dt.timedelta(days=3))
        elif violation == "ill-formed-date":
            start_term = f'"{start.year}-13-45"^^xsd:date'
        elif violation == "status-not-in-scheme":
            status = "ckg:Participant"
        elif violation == "planned-before-report":
            status = "ckg:Planned"
            start = report_date - dt.timedelta(days=30)
            start_term, end_term = _date(start), _date(start)
        if violation is not None:
            self.violations.append((violation, ID + "event/" + slug))
        outputs = [
            f"output:{project}-output-{n}"
            for n in sorted(rnd.sample(range(1, OUTPUTS_PER_PROJECT + 1), rnd.choice((1, 1, 2, 3))))
        ]
        organisations = rnd.sample(self.organisations, rnd.randint(2, 5))
        participations = []
        for organisation in organisations:
            role = rnd.choice(ROLES)
            participation = f"participation:{slug}--{organisation}--{role.lower()}"
            participations.append(participation)
            self.writer.block(
                participation,
                [
                    ("a", "ckg:Participation"),
                    ("ckg:agent", f"organisation:{organisation}"),
                    ("ckg:role", f"ckg:{role}"),
                    ("prov:wasDerivedFrom", passage),
                ],
            )
        involvements = []
        for country in rnd.sample(self.ref.countries, rnd.choice((0, 1, 1, 2))):
            how = rnd.choice(INVOLVEMENTS)
            involvement = f"involvement:{slug}--{country}--{how}"
            involvements.append(involvement)
            pairs = [
                ("a", "ckg:CountryInvolvement"),
                ("ckg:country", f"country:{country}"),
                ("ckg:involvementKind", f"ckg:{how}"),
            ]
            if how != "HostCountry":
                pairs.append(("ckg:instrument", f"inst:{rnd.choice(self.ref.conventions).slug}"))
            pairs.append(("prov:wasDerivedFrom", passage))
            self.writer.block(involvement, pairs)
        pairs = [
            ("a", f"ckg:{kind}"),
            ("rdfs:label", _literal(f"Synthetic {kind.lower()} {self.events}") + "@en"),
            ("ckg:startDate", start_term),
            ("ckg:endDate", end_term),
            ("ckg:dateAsWritten", _literal(start.strftime("%d %b %y"))),
            ("ckg:place", f"city:{city}"),
            ("ckg:placeAsWritten", _literal(f"Synthetic city {city.rsplit('-', 1)[1].lstrip('0') or '0'}")),
            ("ckg:status", status),
            ("ckg:statusAsOf", _date(report_date)),
            ("ckg:reportedIn", f"doc:{report}"),
            ("ckg:activityOf", f"project:{project}"),
            *[("ckg:servesOutput", output) for output in outputs],
            ("ckg:outputsAsWritten", _literal(", ".join(o.rsplit("-", 1)[1] for o in outputs))),
            *[("ckg:participation", p) for p in participations],
            *[("ckg:countryInvolvement", i) for i in involvements],
            *[("ckg:topic", f"topic:{t}") for t in rnd.sample(self.ref.topics, rnd.randint(1, 3))],
            *[
                ("ckg:discussesInstrument", f"inst:{i}")
                for i in rnd.sample(self.ref.instruments, rnd.choice((0, 1, 1, 2)))
            ],
        ]
        if violation != "no-source":
            pairs.append(("prov:wasDerivedFrom", passage))
        self.writer.block(iri, pairs)

    def activity(self, events: int, seeded: list[str]) -> Iterator[None]:
        """Events spread over the years, reported quarterly by the projects."""
        quarters = YEARS * 4
        per_report = max(1, events // (quarters * len(self.projects)) + 1)
        seeded = list(seeded)
        positions = set(self.random.sample(range(events), min(len(seeded), events)))
        index = 0
        for quarter in range(quarters):
            year, q = FIRST_YEAR + quarter // 4, quarter % 4
            for project in self.projects:
                if index >= events:
                    return
                report_date = dt.date(year, 3 * q + 3, 28)
                report = self.report(project, quarter + 1, report_date)
                for row in range(1, per_report + 1):
                    if index >= events:
                        break
                    violation = seeded.pop() if index in positions and seeded else None
                    self.event(project, report, report_date, row, violation)
                    index += 1
                    yield

    # -- treaty actions ------------------------------------------------------

    def treaty_actions(self, pairs: int, seeded: list[str]) -> Iterator[None]:
        """Signature, ratification and entry into force (or accession) per state and convention."""
        rnd = self.random
        all_pairs = [(c, v) for v in self.ref.conventions for c in self.ref.countries]
        rnd.shuffle(all_pairs)
        chosen = sorted(all_pairs[:pairs], key=lambda p: (p[1].slug, p[0]))
        seeded = list(seeded)
        positions = set(rnd.sample(range(len(chosen)), min(len(seeded), len(chosen))))
        for index, (country, convention) in enumerate(chosen):
            violation = seeded.pop() if index in positions and seeded else None
            passage = f"src:coe-treaty-office-{convention.slug}"
            day = convention.opened + dt.timedelta(days=rnd.randint(0, 3000))
            if rnd.random() < 0.3 and violation is None:
                steps = [("accession", "Accession")]
            else:
                steps = [("signature", "Signature"), ("ratification", "Ratification")]
            steps.append(("entry-into-force", "EntryIntoForceForState"))
            previous = None
            for step, kind in steps:
                slug = f"synthetic-{country}-{convention.slug}-{step}"
                instrument = f"inst:{convention.slug}"
                action_day = day
                if violation == "action-before-opening" and kind == "Ratification":
                    action_day = convention.opened - dt.timedelta(days=400)
                    self.violations.append((violation, ID + "treaty-action/" + slug))
                if violation == "not-an-instrument" and kind == "EntryIntoForceForState":
                    instrument = f"topic:{self.ref.topics[0]}"
                    self.violations.append((violation, ID + "treaty-action/" + slug))
                block = [
                    ("a", "ckg:TreatyAction"),
                    (
                        "rdfs:label",
                        _literal(f"Synthetic {step.replace('-', ' ')} of {convention.slug} by {country}") + "@en",
                    ),
                    ("ckg:state", f"country:{country}"),
                    ("ckg:instrument", instrument),
                    ("ckg:actionKind", f"ckg:{kind}"),
                    ("ckg:actionDate", _date(action_day)),
                    ("prov:wasDerivedFrom", passage),
                ]
                if previous is not None and kind == "EntryIntoForceForState":
                    block.append(("ckg:follows", previous))
                self.writer.block(f"action:{slug}", block)
                self.actions += 1
                previous = f"action:{slug}"
                day = day + dt.timedelta(days=rnd.randint(60, 900))
            yield


EVENT_VIOLATIONS = ("end-before-start", "ill-formed-date", "no-source", "status-not-in-scheme", "planned-before-report")
ACTION_VIOLATIONS = ("action-before-opening", "not-an-instrument")


def violations_per_kind(target: int) -> int:
    """How many violations of each kind a graph of ``target`` triples carries."""
    return max(1, target // 50_000)


def _steps(generator: _Generator, action_pairs: int, events: int) -> Iterator[None]:
    """Generate the whole graph, stopping after each resource or event."""
    per_kind = generator.violations_per_kind
    yield from generator.pools(events)
    yield from generator.treaty_actions(action_pairs, [kind for kind in ACTION_VIOLATIONS for _ in range(per_kind)])
    generator.fixed_triples = generator.writer.triples
    yield from generator.activity(events, [kind for kind in EVENT_VIOLATIONS for _ in range(per_kind)])


def _chunks(writer: _Writer, steps: Iterator[None], chunk_chars: int) -> Iterator[str]:
    """The text of ``steps``, taken whenever ``chunk_chars`` characters of it are waiting, as the steps run."""
    for _ in steps:
        if writer.pending >= chunk_chars:
            yield writer.take()
    rest = writer.take()
    if rest:
        yield rest


@dataclass(frozen=True)
class SyntheticPlan:
    """A synthetic graph sized and counted, not yet written: what it holds, and its Turtle in chunks on demand."""

    reference: Reference
    seed: int
    per_kind: int
    action_pairs: int
    events_asked: int
    curated_triples: int
    triples: int
    events: int
    treaty_actions: int
    violations: tuple[tuple[str, str], ...]
    pools: tuple[int, int, int]

    def chunks(self, chunk_chars: int = CHUNK_CHARS) -> Iterator[str]:
        """The file's text, generated again and handed out as it is made: the chunks end to end are the file.

        A chunk is handed out once ``chunk_chars`` characters are waiting, so only one chunk (and the pools of
        cities, organisations and projects) is in memory at a time.
        """
        generator = _Generator(self.reference, self.seed, self.per_kind)
        yield from _chunks(generator.writer, _steps(generator, self.action_pairs, self.events_asked), chunk_chars)
        written = (generator.writer.triples, generator.events, generator.actions, tuple(sorted(generator.violations)))
        if written != (self.triples, self.events, self.treaty_actions, self.violations):  # pragma: no cover
            raise RuntimeError("the synthetic generator wrote other counts than it planned: a bug in synthetic.py")

    def graph(self, path: Path) -> SyntheticGraph:
        """What the file at ``path``, written from :meth:`chunks`, holds."""
        return SyntheticGraph(
            path=path,
            triples=self.triples,
            curated_triples=self.curated_triples,
            events=self.events,
            treaty_actions=self.treaty_actions,
            violations=list(self.violations),
            pools=self.pools,
        )


def _counted(reference: Reference, seed: int, per_kind: int, action_pairs: int, events: int) -> _Generator:
    """The whole graph generated without its text: the counts and the violations only."""
    generator = _Generator(reference, seed, per_kind, keep_text=False)
    for _ in _steps(generator, action_pairs, events):
        pass
    return generator


def plan_graph(
    target_triples: int,
    seed: int = 1,
    checkout: Checkout | None = None,
    curated_triples: int | None = None,
    seeded: bool = True,
) -> SyntheticPlan:
    """Size a synthetic graph that, with the ontology and curated graph, holds ~target triples (see :func:`generate`).

    It is sized in whole events: generated once (counted, not written), then once or twice more with
    the event count corrected by what was counted.
    """
    checkout = checkout or default_checkout()
    reference = read_reference(checkout)
    curated = curated_triple_count(checkout) if curated_triples is None else curated_triples
    budget = max(0, target_triples - curated)
    per_kind = violations_per_kind(target_triples) if seeded else 0
    # Treaty actions take up to a quarter of the budget: every state and convention once it fits.
    all_pairs = len(reference.countries) * len(reference.conventions)
    action_pairs = min(all_pairs, max(len(ACTION_VIOLATIONS) * per_kind, budget // 4 // _TRIPLES_PER_ACTION_PAIR))
    events = max(1, budget // _TRIPLES_PER_EVENT)
    for _ in range(3):
        counted, asked = _counted(reference, seed, per_kind, action_pairs, events), events
        fixed = counted.fixed_triples
        per_event = (counted.writer.triples - fixed) / max(1, counted.events)
        wanted = max(len(EVENT_VIOLATIONS) * per_kind, round((budget - fixed) / per_event))
        if wanted == events:
            break
        events = wanted
    return SyntheticPlan(
        reference=reference,
        seed=seed,
        per_kind=per_kind,
        action_pairs=action_pairs,
        events_asked=asked,
        curated_triples=curated,
        triples=counted.writer.triples,
        events=counted.events,
        treaty_actions=counted.actions,
        violations=tuple(sorted(counted.violations)),
        pools=(len(counted.cities), len(counted.organisations), len(counted.projects)),
    )


def generate(
    target_triples: int,
    path: Path,
    seed: int = 1,
    checkout: Checkout | None = None,
    curated_triples: int | None = None,
    seeded: bool = True,
) -> SyntheticGraph:
    """Write a synthetic Turtle file that, with the ontology and curated graph, holds ~target triples.

    The file lands within a few percent of the target (the sizes are drawn in whole
    events). The same seed and target write the same bytes. With ``seeded`` false the
    file has no seeded violations (a file that ``add`` accepts). The text is written as
    it is generated, a chunk at a time, to a temporary file renamed at the end.
    """
    plan = plan_graph(target_triples, seed, checkout, curated_triples, seeded)
    write_chunks_atomically(path, plan.chunks())
    return plan.graph(path)


def generate_addition(
    base: SyntheticGraph, target_triples: int, path: Path, seed: int = 2, checkout: Checkout | None = None
) -> SyntheticGraph:
    """Write about ``target_triples`` of new events that join ``base``: a user's addition to a large graph.

    The events cite a new report of each project and use the base graph's cities,
    organisations and outputs; one of them ends before it starts (a seeded violation).
    """
    generator = _Generator(read_reference(checkout), seed, 1)
    cities, organisations, projects = base.pools
    generator.cities = [f"synthetic-city-{i:05d}" for i in range(cities)]
    generator.organisations = [f"synthetic-organisation-{i:05d}" for i in range(organisations)]
    generator.projects = [f"synthetic-project-{i:03d}" for i in range(projects)]
    generator.events = base.events
    report_date = dt.date(FIRST_YEAR + YEARS, 3, 28)
    project = generator.projects[0]

    def events() -> Iterator[None]:
        report = generator.report(project, 900, report_date)
        row = 0
        while generator.writer.triples < target_triples:
            row += 1
            generator.event(project, report, report_date, row, "end-before-start" if row == 1 else None)
            yield

    write_chunks_atomically(path, _chunks(generator.writer, events(), CHUNK_CHARS))
    return SyntheticGraph(
        path=path,
        triples=generator.writer.triples,
        curated_triples=base.total_triples,
        events=generator.events - base.events,
        treaty_actions=0,
        violations=sorted(generator.violations),
        pools=base.pools,
    )
