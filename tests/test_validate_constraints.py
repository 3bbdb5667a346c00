"""Every constraint fires on its failing fixture nodes, and only there, with the expected message.

Each fixture under tests/shapes/constraints/ puts passing nodes beside failing ones and is validated in
the context of the curated graph. Results are pinned exactly (as the W3C data-shapes test suite pins
them): focus node, path, value, constraint component, source shape and severity; messages are pinned for
the whole-graph constraints and checked against the shape's sh:message for the rest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from report_rows import result_rows

from cyberkg.validation.report_format import compact

FIXTURES = Path(__file__).parent / "shapes" / "constraints"
SHAPES = "https://w3id.org/cyberkg/shapes#"

MESSAGES = {
    "shape:EventEndNotBeforeStart": "The event ends before it starts: its end date is earlier than its start date.",
    "shape:PlannedEventNotOverAtReportDate": "The event is marked planned, but it ended before the date of the report that states its status.",
    "shape:HeldEventStartedByReportDate": "The event is marked held, but it starts after the date of the report that states its status.",
    "shape:TreatyActionNotBeforeOpening": "The treaty action is dated before its instrument was opened for signature.",
    "shape:TreatyActionNotBeforeFollowed": "The treaty action is dated before the treaty action it follows (such as an entry into force "
    "before the ratification).",
    "shape:TreatyActionInstrument": "A treaty action must be on exactly one convention (a treaty open to states) that is described in "
    "the graph.",
    "shape:TreatyActionState": "A treaty action needs exactly one state that took it, a country described in the graph "
    "(ckg:Country, ISO 3166-1).",
    "shape:CitesSourcePassage": "This fact must cite the passage of a source document that states it (prov:wasDerivedFrom a "
    "ckg:SourcePassage in the graph).",
    "shape:SourcePassageLocation": "A source passage must say where in its document it stands (exactly one ckg:location, as plain "
    "text), so that a reader can find it.",
    "shape:EventServesOutputOfItsProject": "The event serves an output that no project it is an activity of has.",
    "shape:CountryAlpha2": "A country needs exactly one ISO 3166-1 alpha-2 code (ckg:alpha2), and it must be a code that "
    'ISO 3166-1 assigns, such as "AR".',
    "shape:CountryAlpha3": "A country has at most one ISO 3166-1 alpha-3 code (ckg:alpha3), and it must be a code that "
    'ISO 3166-1 assigns, such as "ARG".',
}

EXPECTED = {
    "event-dates.ttl": [
        (
            "event:fixture-ends-day-before",
            "ckg:endDate",
            '"2009-10-08"^^xsd:date',
            "SPARQLConstraintComponent",
            "shape:EventEndNotBeforeStart",
            "Violation",
        ),
        (
            "event:fixture-ends-month-before",
            "ckg:endDate",
            '"2010-02"^^xsd:gYearMonth',
            "SPARQLConstraintComponent",
            "shape:EventEndNotBeforeStart",
            "Violation",
        ),
        (
            "event:fixture-ends-year-before",
            "ckg:endDate",
            '"2007"^^xsd:gYear',
            "SPARQLConstraintComponent",
            "shape:EventEndNotBeforeStart",
            "Violation",
        ),
    ],
    "report-date.ttl": [
        (
            "event:fixture-held-after-report",
            "ckg:startDate",
            '"2009-11-03"^^xsd:date',
            "SPARQLConstraintComponent",
            "shape:HeldEventStartedByReportDate",
            "Violation",
        ),
        (
            "event:fixture-held-next-year",
            "ckg:startDate",
            '"2010"^^xsd:gYear',
            "SPARQLConstraintComponent",
            "shape:HeldEventStartedByReportDate",
            "Violation",
        ),
        (
            "event:fixture-planned-but-over",
            "ckg:endDate",
            '"2009-10-30"^^xsd:date',
            "SPARQLConstraintComponent",
            "shape:PlannedEventNotOverAtReportDate",
            "Violation",
        ),
        (
            "event:fixture-planned-month-over",
            "ckg:endDate",
            '"2009-10"^^xsd:gYearMonth',
            "SPARQLConstraintComponent",
            "shape:PlannedEventNotOverAtReportDate",
            "Violation",
        ),
        (
            "event:fixture-planned-over-no-status-date",
            "ckg:endDate",
            '"2009-10-01"^^xsd:date',
            "SPARQLConstraintComponent",
            "shape:PlannedEventNotOverAtReportDate",
            "Violation",
        ),
        (
            "event:fixture-planned-over-no-status-date",
            "ckg:statusAsOf",
            "",
            "MinCountConstraintComponent",
            "shape:EventStatusAsOf",
            "Violation",
        ),
    ],
    "treaty-actions.ttl": [
        (
            "action:fixture-entry-into-force-too-early",
            "ckg:actionDate",
            '"2007-01-01"^^xsd:date',
            "SPARQLConstraintComponent",
            "shape:TreatyActionNotBeforeFollowed",
            "Violation",
        ),
        (
            "action:fixture-on-framework-decision",
            "ckg:instrument",
            "inst:fd-2005-222-jha",
            "ClassConstraintComponent",
            "shape:TreatyActionInstrument",
            "Violation",
        ),
        (
            "action:fixture-on-organisation",
            "ckg:instrument",
            "organisation:council-of-europe",
            "ClassConstraintComponent",
            "shape:TreatyActionInstrument",
            "Violation",
        ),
        (
            "action:fixture-on-unknown-instrument",
            "ckg:instrument",
            "inst:ets-999",
            "ClassConstraintComponent",
            "shape:TreatyActionInstrument",
            "Violation",
        ),
        (
            "action:fixture-signature-before-opening",
            "ckg:actionDate",
            '"2001-11-22"^^xsd:date',
            "SPARQLConstraintComponent",
            "shape:TreatyActionNotBeforeOpening",
            "Violation",
        ),
        (
            "action:fixture-unknown-state-and-kind",
            "ckg:actionKind",
            "ckg:Abrogation",
            "InConstraintComponent",
            "shape:TreatyActionKind",
            "Violation",
        ),
        (
            "action:fixture-unknown-state-and-kind",
            "ckg:state",
            "country:XX",
            "ClassConstraintComponent",
            "shape:TreatyActionState",
            "Violation",
        ),
    ],
    "sources.ttl": [
        (
            "event:fixture-cites-document",
            "prov:wasDerivedFrom",
            "doc:update-2009-11",
            "ClassConstraintComponent",
            "shape:CitesSourcePassage",
            "Violation",
        ),
        (
            "event:fixture-cites-nothing",
            "prov:wasDerivedFrom",
            "",
            "MinCountConstraintComponent",
            "shape:CitesSourcePassage",
            "Violation",
        ),
        (
            "event:fixture-decision-cites-nothing",
            "prov:wasDerivedFrom",
            "",
            "MinCountConstraintComponent",
            "shape:CitesSourcePassage",
            "Violation",
        ),
        (
            "<https://w3id.org/cyberkg/id/source/fixture/passage-without-location>",
            "ckg:location",
            "",
            "MinCountConstraintComponent",
            "shape:SourcePassageLocation",
            "Violation",
        ),
        (
            "statement:fixture-cites-nothing",
            "prov:wasDerivedFrom",
            "",
            "MinCountConstraintComponent",
            "shape:CitesSourcePassage",
            "Violation",
        ),
        (
            "action:fixture-cites-nothing",
            "prov:wasDerivedFrom",
            "",
            "MinCountConstraintComponent",
            "shape:CitesSourcePassage",
            "Violation",
        ),
    ],
    "outputs.ttl": [
        (
            "event:fixture-serves-other-projects-output",
            "ckg:servesOutput",
            "output:fixture-other-project-output-1",
            "SPARQLConstraintComponent",
            "shape:EventServesOutputOfItsProject",
            "Violation",
        ),
        (
            "event:fixture-serves-output-of-no-project",
            "ckg:servesOutput",
            "output:phase-2-output-1",
            "SPARQLConstraintComponent",
            "shape:EventServesOutputOfItsProject",
            "Violation",
        ),
        (
            "event:fixture-serves-unknown-output",
            "ckg:servesOutput",
            "output:phase-2-output-8",
            "ClassConstraintComponent",
            "shape:EventServesOutput",
            "Violation",
        ),
        (
            "event:fixture-serves-unknown-output",
            "ckg:servesOutput",
            "output:phase-2-output-8",
            "SPARQLConstraintComponent",
            "shape:EventServesOutputOfItsProject",
            "Violation",
        ),
    ],
    "countries.ttl": [
        ("country:XK", "ckg:alpha2", '"XK"', "InConstraintComponent", "shape:CountryAlpha2", "Violation"),
        ("country:XK", "ckg:alpha3", '"XKX"', "InConstraintComponent", "shape:CountryAlpha3", "Violation"),
        (
            "country:fixture-lower-case",
            "ckg:alpha2",
            '"ar"',
            "InConstraintComponent",
            "shape:CountryAlpha2",
            "Violation",
        ),
        (
            "country:fixture-no-code",
            "ckg:alpha2",
            "",
            "MinCountConstraintComponent",
            "shape:CountryAlpha2",
            "Violation",
        ),
    ],
    "class-rules.ttl": [
        (
            "city:fixture-nowhere",
            "ckg:inCountry",
            "",
            "MinCountConstraintComponent",
            "shape:CityInCountry",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:endDate",
            '"2009-10-20T10:00:00"^^xsd:dateTime',
            "OrConstraintComponent",
            "shape:EventEndDate",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:endDate",
            '"2009-10-20T10:00:00"^^xsd:dateTime',
            "PatternConstraintComponent",
            "shape:EventEndDate",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:place",
            "country:FR",
            "ClassConstraintComponent",
            "shape:EventPlace",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:startDate",
            '"2009-13-45"^^xsd:date',
            "OrConstraintComponent",
            "shape:EventStartDate",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:status",
            '"held"',
            "InConstraintComponent",
            "shape:EventStatus",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:statusAsOf",
            '"2009-11"^^xsd:gYearMonth',
            "DatatypeConstraintComponent",
            "shape:EventStatusAsOf",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:statusAsOf",
            '"2009-11"^^xsd:gYearMonth',
            "PatternConstraintComponent",
            "shape:EventStatusAsOf",
            "Violation",
        ),
        (
            "event:fixture-badly-typed-meeting",
            "ckg:topic",
            "topic:no-such-topic",
            "ClassConstraintComponent",
            "shape:EventTopic",
            "Violation",
        ),
        (
            "event:fixture-incomplete-decision",
            "ckg:decisionKind",
            "",
            "MinCountConstraintComponent",
            "shape:DecisionKind",
            "Violation",
        ),
        (
            "event:fixture-incomplete-decision",
            "ckg:decisionObject",
            "",
            "MinCountConstraintComponent",
            "shape:DecisionObject",
            "Violation",
        ),
        # issue 18: a date of its own, or the larger event's for a part without one
        (
            "event:fixture-incomplete-decision",
            "ckg:endDate|(ckg:partOf/ckg:endDate)",
            "",
            "MinCountConstraintComponent",
            "shape:EventEndDateOwnOrWhole",
            "Violation",
        ),
        (
            "event:fixture-incomplete-decision",
            "ckg:startDate|(ckg:partOf/ckg:startDate)",
            "",
            "MinCountConstraintComponent",
            "shape:EventStartDateOwnOrWhole",
            "Violation",
        ),
        (
            "event:fixture-incomplete-decision",
            "ckg:status",
            "",
            "MinCountConstraintComponent",
            "shape:EventStatus",
            "Violation",
        ),
        (
            "event:fixture-incomplete-decision",
            "ckg:statusAsOf",
            "",
            "MinCountConstraintComponent",
            "shape:EventStatusAsOf",
            "Violation",
        ),
        (
            "inst:fixture-convention-article-0",
            "ckg:articleNumber",
            '"0"^^xsd:integer',
            "MinInclusiveConstraintComponent",
            "shape:ArticleNumber",
            "Violation",
        ),
        (
            "inst:fixture-convention",
            "ckg:treatyNumber",
            '"185"',
            "PatternConstraintComponent",
            "shape:ConventionTreatyNumber",
            "Violation",
        ),
        (
            "inst:fixture-protocol",
            "ckg:supplements",
            "",
            "MinCountConstraintComponent",
            "shape:ProtocolSupplements",
            "Violation",
        ),
        (
            "involvement:fixture-bad",
            "ckg:country",
            "organisation:council-of-europe",
            "ClassConstraintComponent",
            "shape:CountryInvolvementCountry",
            "Violation",
        ),
        (
            "involvement:fixture-bad",
            "ckg:involvementKind",
            "ckg:Applauded",
            "InConstraintComponent",
            "shape:CountryInvolvementKind",
            "Violation",
        ),
        (
            "organisation:fixture-nameless",
            "rdfs:label",
            "",
            "MinCountConstraintComponent",
            "shape:OrganisationLabel",
            "Violation",
        ),
        (
            "organisation:fixture-nameless",
            "ckg:website",
            '"http://example.org/"',
            "NodeKindConstraintComponent",
            "shape:OrganisationWebsite",
            "Violation",
        ),
        (
            "output:fixture-unnumbered",
            "ckg:outputNumber",
            "",
            "MinCountConstraintComponent",
            "shape:ProjectOutputNumber",
            "Violation",
        ),
        (
            "participation:fixture-orphan",
            "ckg:agent",
            "",
            "MinCountConstraintComponent",
            "shape:ParticipationAgent",
            "Violation",
        ),
        (
            "participation:fixture-orphan",
            "ckg:role",
            "ckg:Chair",
            "InConstraintComponent",
            "shape:ParticipationRole",
            "Violation",
        ),
        (
            "participation:fixture-orphan",
            "^ckg:participation",
            "",
            "MinCountConstraintComponent",
            "shape:ParticipationOfOneEvent",
            "Violation",
        ),
        (
            "project:fixture-amount",
            "ckg:amount|ckg:maxAmount",
            "",
            "MinCountConstraintComponent",
            "shape:MonetaryAmountValue",
            "Violation",
        ),
        (
            "project:fixture-amount",
            "ckg:currency",
            '"eur"',
            "PatternConstraintComponent",
            "shape:MonetaryAmountCurrency",
            "Violation",
        ),
        (
            "project:fixture-orphan-phase",
            "ckg:phaseNumber",
            "",
            "MinCountConstraintComponent",
            "shape:ProjectPhaseNumber",
            "Violation",
        ),
        (
            "project:fixture-orphan-phase",
            "^ckg:hasPhase",
            "",
            "MinCountConstraintComponent",
            "shape:ProjectPhaseOfOneProject",
            "Violation",
        ),
        (
            "statement:fixture-made-at-two-events",
            "ckg:madeAt",
            "",
            "MaxCountConstraintComponent",
            "shape:StatementMadeAt",
            "Violation",
        ),
        (
            "statement:fixture-made-at-two-events",
            "ckg:paragraph",
            '"0"^^xsd:integer',
            "MinInclusiveConstraintComponent",
            "shape:StatementParagraph",
            "Violation",
        ),
        (
            "topic:fixture-unlabelled",
            "skos:prefLabel",
            "",
            "MinCountConstraintComponent",
            "shape:TopicPrefLabel",
            "Violation",
        ),
        (
            "event:fixture-draft-seminar",
            "ckg:participation|ckg:meetingOf|ckg:decidedBy|ckg:carriedOutBy",
            "",
            "MinCountConstraintComponent",
            "shape:EventHasAgent",
            "Warning",
        ),
        (
            "organisation:fixture-nameless",
            "prov:wasDerivedFrom",
            "",
            "MinCountConstraintComponent",
            "shape:CitesSomeSource",
            "Warning",
        ),
    ],
}


@pytest.fixture(scope="module")
def shapes_graph():
    from cyberkg.validation.reference import load_shapes_graph

    return load_shapes_graph()


@pytest.fixture(scope="module")
def validate_fixture(shapes_graph):
    """Validate a file in the context of the curated graph (loaded once for the module)."""
    from cyberkg.validation.reference import load_curated, load_new_data, validate_in_context

    curated = load_curated()

    def run(path: Path):
        return validate_in_context(curated, load_new_data([path]), shapes_graph).report

    return run


@pytest.fixture(scope="module")
def shape_messages(shapes_graph):
    """Each shape's sh:message (English), by compact shape name."""
    from rdflib import URIRef

    messages = {}
    for shape, message in shapes_graph.subject_objects(URIRef("http://www.w3.org/ns/shacl#message")):
        if isinstance(shape, URIRef) and str(shape).startswith(SHAPES):
            messages[compact(shape.n3())] = str(message)
    return messages


rows = result_rows


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_constraint_fixture_gives_exactly_the_expected_results(fixture, validate_fixture, shape_messages):
    report = validate_fixture(FIXTURES / fixture)
    assert rows(report) == sorted(EXPECTED[fixture])
    for result in report.results:
        shape = compact(result.source_shape)
        assert result.message == MESSAGES.get(shape, shape_messages[shape])


def test_every_constraint_family_has_a_fixture():
    assert sorted(path.name for path in FIXTURES.glob("*.ttl")) == sorted(EXPECTED)


def test_pinned_messages_are_the_shapes_messages(shape_messages):
    assert {shape: shape_messages[shape] for shape in MESSAGES} == MESSAGES
