"""Filters shared by every projection: date range (at the source's precision), output, instrument, topic,
status; and the metrics table."""

from __future__ import annotations

from functools import partial

import pytest

from cyberkg.errors import InputError
from cyberkg.network.filters import EventFilter, first_day, last_day_key
from cyberkg.network.metrics import node_metrics
from cyberkg.network.projections import build_network

# These tests pin the direct links an organisation has to an event (participations, meetings, decisions),
# hand-checked against the sources; the links on by default beside them (project activities, parts of
# events, bodies folded into their organisation) are pinned in tests/test_network_agent_links.py.
direct_network = partial(build_network, project_activities=False, event_parts=False, fold_bodies=False)

ID = "https://w3id.org/cyberkg/id/"
ORG = ID + "organisation/"
EVENT = ID + "event/"


def pairs(graph) -> set[tuple[str, str]]:
    return {(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b in graph.edges}


def event_nodes(graph) -> set[str]:
    return {node.rsplit("/", 1)[1] for node, data in graph.nodes(data=True) if data["kind"] == "event"}


def test_dates_of_any_precision_stand_for_their_first_and_last_days():
    assert [first_day("2009"), first_day("2009-09"), first_day("2009-09-16")] == [
        "2009-01-01",
        "2009-09-01",
        "2009-09-16",
    ]
    assert [last_day_key("2009"), last_day_key("2009-09"), last_day_key("2009-09-16")] == [
        "2009-12-31",
        "2009-09-31",
        "2009-09-16",
    ]


def test_status_planned(store):
    # The update's table of activities planned for November 2009, plus MONEYVAL's typology exercise (row 4).
    # Issue 18: the Vancouver congress (1-3 Nov, under way on the update's date of 2 Nov) is "listed as planned",
    # a status of its own that the network's status filter (held, planned) does not select yet.
    graph = direct_network(store, "organisation-event", EventFilter.from_options(statuses=("planned",)))
    assert pairs(graph) == {
        ("european-commission", "2009-11-05-brussels-conference"),
        ("european-commission", "2009-11-27-brussels-conference"),
        ("igf", "2009-11-15-sharm-el-sheikh-meeting"),
        ("era", "2009-11-24-baku-seminar"),
        ("taiex", "2009-11-24-baku-seminar"),
        ("moneyval", "2009-11-moneyval-typology-exercise"),
    }


def test_date_range_keeps_month_precise_events_for_every_day_of_their_month(store):
    # Rows 2-4 of the carried-out table; row 3 is dated "Sep 09" only, row 1 (16 Sep) falls outside.
    graph = direct_network(store, "organisation-event", EventFilter(date_from="2009-09-17", date_to="2009-09-30"))
    assert pairs(graph) == {
        ("project-planning-group", "2009-09-21-strasbourg-meeting"),
        ("government-of-romania", "2009-09-21-strasbourg-meeting"),
        ("microsoft", "2009-09-21-strasbourg-meeting"),
        ("mcafee", "2009-09-21-strasbourg-meeting"),
        ("project-planning-group", "2009-09-21-strasbourg-agreement"),
        ("lisbon-network", "2009-09-strasbourg-approval"),
        ("moneyval", "2009-09-24-strasbourg-decision"),
    }
    last_day = direct_network(store, "organisation-event", EventFilter(date_from="2009-09-30", date_to="2009-09-30"))
    assert pairs(last_day) == {("lisbon-network", "2009-09-strasbourg-approval")}


def test_open_ended_date_range(store):
    graph = direct_network(store, "organisation-event", EventFilter(date_to="2009-08"))
    assert pairs(graph) == {("council-of-europe", "2009-03-10-strasbourg-octopus-conference")}


def test_topic_includes_narrower_topics(store):
    # "training" is broader than "judicial training".
    graph = direct_network(store, "organisation-event", EventFilter.from_options(topics=("training",)))
    assert event_nodes(graph) == {
        "2009-09-16-luxembourg-meeting",
        "2009-09-21-strasbourg-meeting",
        "2009-09-strasbourg-approval",
        "2009-10-06-vienna-meeting",
        "2009-10-16-buenos-aires-visit",
        "2009-03-10-strasbourg-octopus-conference",
    }


def test_instrument_and_output_filters(store):
    lanzarote = direct_network(store, "organisation-event", EventFilter.from_options(instruments=("cets-201",)))
    assert pairs(lanzarote) == {
        ("era", "2009-10-08-bucharest-seminar"),
        ("taiex", "2009-10-08-bucharest-seminar"),
        ("council-of-europe", "2009-03-10-strasbourg-octopus-conference"),
    }
    output_4 = direct_network(store, "event-output", EventFilter.from_options(outputs=("output:phase-2-output-4",)))
    assert event_nodes(output_4) == {
        "2009-09-24-strasbourg-decision",
        "2009-09-21-strasbourg-meeting",
        "2009-10-strasbourg-launch",
        "2009-11-15-sharm-el-sheikh-meeting",
    }


def test_filters_combine_with_and(store):
    graph = direct_network(
        store,
        "organisation-organisation",
        EventFilter.from_options("2009-10", "2009-10", topics=("judicial-training",)),
    )
    assert pairs(graph) == {("council-of-europe", "unodc"), ("council-of-europe", "microsoft"), ("microsoft", "unodc")}


@pytest.mark.parametrize(
    "options, message",
    [
        ({"date_from": "2009-13"}, "--from: '2009-13' is not a date"),
        ({"date_from": "2010", "date_to": "2009"}, "the date range is empty"),
        ({"statuses": ("cancelled",)}, "unknown status 'cancelled'"),
        ({"topics": ("nope:thing",)}, "--topic: unknown prefix 'nope'"),
        ({"outputs": ("a b",)}, "--output: 'a b' is not an IRI or a name"),
    ],
)
def test_bad_filter_values_are_input_errors(options, message):
    with pytest.raises(InputError) as caught:
        EventFilter.from_options(**options)
    assert str(caught.value).startswith(message)


def test_metrics_of_the_organisation_network(store):
    rows, summary = node_metrics(direct_network(store, "organisation-organisation"))
    by_name = {row.iri.rsplit("/", 1)[1]: row for row in rows}
    assert (summary.nodes, summary.edges, summary.components, summary.largest_component) == (14, 18, 2, 12)
    assert [row.iri.rsplit("/", 1)[1] for row in rows[:2]] == ["council-of-europe", "microsoft"]
    coe, microsoft, era = by_name["council-of-europe"], by_name["microsoft"], by_name["era"]
    assert (coe.degree, coe.weighted_degree, coe.component, coe.component_size) == (8, 8, 1, 12)
    assert (era.degree, era.weighted_degree, era.component, era.component_size) == (1, 2, 2, 2)
    # The Council of Europe is the only way between 43 pairs of nodes, Microsoft between 24
    # (normalised by (n-1)(n-2)/2 = 78 pairs of the other 13 nodes).
    assert coe.betweenness == pytest.approx(43 / 78)
    assert microsoft.betweenness == pytest.approx(24 / 78)
    assert by_name["unodc"].betweenness == 0


def test_a_year_precise_event_covers_every_month_of_its_year(store):
    # Carried-out row 10 cites the Bogotá workshop of 2008 (a year only); the Octopus conference of April 2008
    # (Octopus summary, paragraph 1) has no place, so no country.
    graph = direct_network(store, "country-event", EventFilter(date_from="2008-06", date_to="2008-06"))
    assert pairs(graph) == {("CO", "2008-bogota-workshop")}
    assert graph.edges[ID + "country/CO", EVENT + "2008-bogota-workshop"]["role"] == "host country"
