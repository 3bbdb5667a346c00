"""Facts of the update of 2 November 2009 (000_fa465a124f4876eb.txt), checked row by row.

Every expectation below was read off the document by hand, not off the graph:
the row's date, place and output columns and the organisations its text names.
Each case names the table row it checks.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import PROV, XSD

CKG = Namespace("https://w3id.org/cyberkg/ontology#")
ID = "https://w3id.org/cyberkg/id/"
UPD = ID + "source/update-2009-11/"
ALL = frozenset(range(1, 8))


def d(text: str) -> Literal:
    """A date literal at the precision the text has."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(text)]
    return Literal(text, datatype=datatype)


def org(slug: str) -> URIRef:
    return URIRef(ID + "organisation/" + slug)


# passage, event slug, kinds, start, end, city, date as written, outputs, status, {(agent, role)}.
# Roles are those the row's text states; an agent that only the row's title or heading names is
# "NamedInTitle" (never an organiser inferred from the title). Row 5's activity is a workshop within
# ITU Telecom World 2009: the row's dates are those of the larger event, so the workshop has none.
ROWS = [
    (
        "carried-out-row-01",
        "2009-09-16-luxembourg-meeting",
        {"Meeting"},
        "2009-09-16",
        "2009-09-16",
        "luxembourg",
        "16 Sep 09",
        {7},
        "Held",
        {(org("european-commission"), "NamedInTitle"), (org("council-of-europe"), "Presenter")},
    ),
    (
        "carried-out-row-02",
        "2009-09-21-strasbourg-meeting",
        {"Meeting", "ConferenceCall"},
        "2009-09-21",
        "2009-09-21",
        "strasbourg",
        "21 Sep 09",
        ALL,
        "Held",
        {
            (org("government-of-romania"), "Participant"),
            (org("microsoft"), "Participant"),
            (org("mcafee"), "Participant"),
        },
    ),
    (
        "carried-out-row-03",
        "2009-09-strasbourg-approval",
        {"Decision"},
        "2009-09",
        "2009-09",
        "strasbourg",
        "Sep 09",
        {5},
        "Held",
        set(),
    ),
    (
        "carried-out-row-04",
        "2009-09-24-strasbourg-decision",
        {"Decision"},
        "2009-09-24",
        "2009-09-24",
        "strasbourg",
        "Sep 09",
        {4},
        "Held",
        set(),
    ),
    (
        "carried-out-row-05",
        "2009-10-05-geneva-workshop",
        {"Workshop"},
        None,
        None,
        "geneva",
        None,
        {1},
        "Held",
        {(org("council-of-europe"), "Presenter")},
    ),
    (
        "carried-out-row-06",
        "2009-10-06-vienna-meeting",
        {"Meeting"},
        "2009-10-06",
        "2009-10-07",
        "vienna",
        "6-7 Oct 09",
        {1, 5},
        "Held",
        {
            (org("unodc"), "NamedInTitle"),
            (org("council-of-europe"), "Presenter"),
            (org("microsoft"), "Presenter"),
            (URIRef(ID + "group/private-sector"), "Participant"),
        },
    ),
    (
        "carried-out-row-07",
        "2009-10-08-bucharest-seminar",
        {"Seminar"},
        "2009-10-08",
        "2009-10-09",
        "bucharest",
        "8-9 Oct 09",
        {1, 5},
        "Held",
        {(org("era"), "NamedInTitle"), (org("taiex"), "NamedInTitle")},
    ),
    (
        "carried-out-row-08",
        "2009-10-12-paris-meeting",
        {"Meeting"},
        "2009-10-12",
        "2009-10-14",
        "paris",
        "12-14 Oct 09",
        {1, 7},
        "Held",
        {(org("council-of-europe"), "Presenter")},
    ),
    (
        "carried-out-row-09",
        "2009-10-14-paris-forum",
        {"Forum"},
        "2009-10-14",
        "2009-10-14",
        "paris",
        "14 Oct 09",
        {1, 6},
        "Held",
        {(org("oecd"), "NamedInTitle"), (org("council-of-europe"), "Presenter")},
    ),
    (
        "carried-out-row-10",
        "2009-10-13-asuncion-workshop",
        {"Workshop"},
        "2009-10-13",
        "2009-10-15",
        "asuncion",
        "13-15 Oct 09",
        {1},
        "Held",
        {
            (org("us-department-of-justice"), "NamedInTitle"),
            (org("us-department-of-justice"), "Facilitator"),
            (org("oas-general-secretariat"), "Facilitator"),
            (org("council-of-europe"), "Facilitator"),
            (URIRef(ID + "group/executive-institutions"), "Invited"),
            (URIRef(ID + "group/legislative-institutions"), "Invited"),
            (URIRef(ID + "group/judicial-institutions"), "Invited"),
        },
    ),
    (
        "carried-out-row-11",
        "2009-10-16-buenos-aires-visit",
        {"Visit"},
        "2009-10-16",
        "2009-10-16",
        "buenos-aires",
        "16 Oct",
        {1, 2},
        "Held",
        {(org("government-of-argentina"), "Participant")},
    ),
    (
        "carried-out-row-12",
        "2009-10-strasbourg-launch",
        {"Launch", "Publication"},
        "2009-10",
        "2009-10",
        "strasbourg",
        "October",
        ALL,
        "Held",
        {(org("council-of-europe"), "NamedInTitle")},
    ),
    (
        "planned-row-01",
        "2009-11-01-vancouver-conference",
        {"Conference"},
        "2009-11-01",
        "2009-11-03",
        "vancouver",
        "1-3 Nov 09",
        {1, 2},
        "ListedAsPlanned",
        {(org("information-security-forum"), "NamedInTitle")},
    ),
    (
        "planned-row-02",
        "2009-11-05-brussels-conference",
        {"Conference"},
        "2009-11-05",
        "2009-11-06",
        "brussels",
        "5-6 Nov 09",
        {2},
        "Planned",
        {(org("european-commission"), "NamedInTitle")},
    ),
    (
        "planned-row-03",
        "2009-11-15-sharm-el-sheikh-meeting",
        {"Meeting", "Forum"},
        "2009-11-15",
        "2009-11-18",
        "sharm-el-sheikh",
        "15-18 Nov 09",
        ALL,
        "Planned",
        set(),
    ),
    (
        "planned-row-04",
        "2009-11-18-hanoi-seminar",
        {"Seminar"},
        "2009-11-18",
        "2009-11-19",
        "hanoi",
        "18-19 Nov 09",
        {6},
        "Planned",
        set(),
    ),
    (
        "planned-row-05",
        "2009-11-24-baku-seminar",
        {"Seminar"},
        "2009-11-24",
        "2009-11-25",
        "baku",
        "24-25 Nov 09",
        {1},
        "Planned",
        {(org("era"), "NamedInTitle"), (org("taiex"), "NamedInTitle")},
    ),
    (
        "planned-row-06",
        "2009-11-27-brussels-conference",
        {"Conference"},
        "2009-11-27",
        "2009-11-27",
        "brussels",
        "27 Nov 09",
        {3},
        "Planned",
        {(org("european-commission"), "NamedInTitle")},
    ),
]


def row_events(graph, passage: str) -> set[URIRef]:
    """The project activities (ckg:activityOf) that cite a row."""
    return {
        event
        for event in graph.subjects(PROV.wasDerivedFrom, URIRef(UPD + passage))
        if (event, CKG.activityOf, None) in graph
    }


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_activity_row(merged_graph, row) -> None:
    passage, slug, kinds, start, end, city, written, outputs, status, participants = row
    g = merged_graph
    event = URIRef(ID + "event/" + slug)
    assert row_events(g, passage) == {event}
    assert {t for t in g.objects(event, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))} == {
        CKG[k] for k in kinds
    }
    assert list(g.objects(event, CKG.startDate)) == ([d(start)] if start else [])
    assert list(g.objects(event, CKG.endDate)) == ([d(end)] if end else [])
    assert list(g.objects(event, CKG.place)) == [URIRef(ID + "city/" + city)]
    assert list(g.objects(event, CKG.dateAsWritten)) == ([Literal(written)] if written else [])
    served = {int(g.value(o, CKG.outputNumber)) for o in g.objects(event, CKG.servesOutput)}
    assert served == set(outputs)
    assert list(g.objects(event, CKG.status)) == [CKG[status]]
    assert list(g.objects(event, CKG.statusAsOf)) == [d("2009-11-02")]
    found = {(g.value(p, CKG.agent), g.value(p, CKG.role).split("#")[1]) for p in g.objects(event, CKG.participation)}
    assert found == participants


def test_every_row_of_both_tables_is_an_activity(merged_graph) -> None:
    """12 rows carried out and 6 planned: each is exactly one project activity."""
    activities = set(merged_graph.subjects(CKG.activityOf, None))
    assert len(activities) == 18
    assert {row[1] for row in ROWS} == {str(e).rsplit("/", 1)[1] for e in activities}


def test_decisions_of_rows_3_and_4(merged_graph) -> None:
    """Row 3: the Lisbon Network approved the concept paper; row 4: MONEYVAL decided on 24 September 2009."""
    g = merged_graph
    approval = URIRef(ID + "event/2009-09-strasbourg-approval")
    assert list(g.objects(approval, CKG.decidedBy)) == [org("lisbon-network")]
    assert list(g.objects(approval, CKG.decisionKind)) == [CKG.Approval]
    assert list(g.objects(approval, CKG.decisionObject)) == [URIRef(ID + "document/concept-paper-judicial-training")]
    decision = URIRef(ID + "event/2009-09-24-strasbourg-decision")
    assert list(g.objects(decision, CKG.decidedBy)) == [org("moneyval")]
    exercise = URIRef(ID + "event/2009-11-moneyval-typology-exercise")
    assert list(g.objects(decision, CKG.decisionObject)) == [exercise]
    # "carried out between November 2009 and December 2010": month precision, never a guessed day
    assert list(g.objects(exercise, CKG.startDate)) == [d("2009-11")]
    assert list(g.objects(exercise, CKG.endDate)) == [d("2010-12")]
    assert list(g.objects(exercise, CKG.status)) == [CKG.Planned]


def test_row_10_countries_whose_legislation_was_examined(merged_graph) -> None:
    """Row 10: Costa Rica, Ecuador, Guatemala, Mexico, Paraguay, Peru, Uruguay; a follow-up of Bogota 2008."""
    g = merged_graph
    event = URIRef(ID + "event/2009-10-13-asuncion-workshop")
    examined = {
        str(g.value(i, CKG.country)).rsplit("/", 1)[1]
        for i in g.objects(event, CKG.countryInvolvement)
        if g.value(i, CKG.involvementKind) == CKG.LegislationExamined
    }
    assert examined == {"CR", "EC", "GT", "MX", "PY", "PE", "UY"}
    bogota = URIRef(ID + "event/2008-bogota-workshop")
    assert list(g.objects(event, CKG.followsUp)) == [bogota]
    assert list(g.objects(bogota, CKG.startDate)) == [d("2008")]
    assert list(g.objects(bogota, CKG.place)) == [URIRef(ID + "city/bogota")]


def test_row_11_accession_promoted_for_argentina(merged_graph) -> None:
    g = merged_graph
    event = URIRef(ID + "event/2009-10-16-buenos-aires-visit")
    involvements = {
        (
            str(g.value(i, CKG.country)).rsplit("/", 1)[1],
            str(g.value(i, CKG.involvementKind)).split("#")[1],
            str(g.value(i, CKG.instrument)).rsplit("/", 1)[1],
        )
        for i in g.objects(event, CKG.countryInvolvement)
    }
    assert involvements == {("AR", "AccessionPromoted", "ets-185"), ("AR", "LegislationExamined", "ets-185")}
    round_table = URIRef(ID + "event/2009-10-16-buenos-aires-round-table")
    assert list(g.objects(round_table, CKG.partOf)) == [event]
    organisers = {g.value(p, CKG.agent) for p in g.objects(round_table, CKG.participation)}
    assert organisers == {org("microsoft")}


def test_row_7_instruments_discussed(merged_graph) -> None:
    """Row 7 names ETS 185, the Lanzarote Convention and Framework Decisions 2005/222/JHA and 2004/68/JHA."""
    g = merged_graph
    event = URIRef(ID + "event/2009-10-08-bucharest-seminar")
    found = {str(i).rsplit("/", 1)[1] for i in g.objects(event, CKG.discussesInstrument)}
    assert found == {"ets-185", "cets-201", "fd-2005-222-jha", "fd-2004-68-jha"}


def test_project_data(merged_graph) -> None:
    """Project data table: code, budget up to EUR 1.4 million, threshold EUR 500,000, 28 months, funders."""
    g = merged_graph
    phase = URIRef(ID + "project/global-project-on-cybercrime-phase-2")
    assert list(g.objects(phase, CKG.projectCode)) == [Literal("DGHL/2009/2079")]
    budget = g.value(phase, CKG.budget)
    assert (g.value(budget, CKG.maxAmount).toPython(), str(g.value(budget, CKG.currency))) == (1400000, "EUR")
    assert g.value(budget, CKG.amount) is None  # "up to": a maximum, not an exact amount
    threshold = g.value(phase, CKG.threshold)
    assert (g.value(threshold, CKG.amount).toPython(), str(g.value(threshold, CKG.currency))) == (500000, "EUR")
    assert g.value(phase, CKG.durationMonths).toPython() == 28
    schema = Namespace("https://schema.org/")
    assert (g.value(phase, schema.startDate), g.value(phase, schema.endDate)) == (d("2009-03-01"), d("2011-06-30"))
    funders = set(g.objects(phase, CKG.fundedBy))
    assert funders == {org("council-of-europe"), org("government-of-romania"), org("microsoft"), org("mcafee")}
    lines = {str(g.value(f, CKG.budgetLine)) for f in g.objects(phase, CKG.funding) if g.value(f, CKG.budgetLine)}
    assert lines == {"Project 1429 – economic crime"}
    assert list(g.objects(phase, CKG.implementedBy)) == [org("economic-crime-division")]
    numbers = sorted(int(g.value(o, CKG.outputNumber)) for o in g.objects(phase, CKG.hasOutput))
    assert numbers == [1, 2, 3, 4, 5, 6, 7]
