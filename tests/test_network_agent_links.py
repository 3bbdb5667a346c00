"""The organisation links on by default beside the direct ones: an organisation is linked to the activities of
the project it implements (and so are the bodies it belongs to), to an event one of whose parts it took part in,
and, with bodies folded, to what its bodies did. Each can be switched off; the Council of Europe's events in the
network agree with the events-of-organisation query."""

from __future__ import annotations

import pytest

from cyberkg.network.projections import build_network
from cyberkg.query.library import find_query, run
from cyberkg.store.loading import load_store

ID = "https://w3id.org/cyberkg/id/"
COE = ID + "organisation/council-of-europe"
DIVISION = ID + "organisation/economic-crime-division"
MICROSOFT = ID + "organisation/microsoft"


@pytest.fixture(scope="module")
def store():
    return load_store()


def test_the_council_of_europe_is_linked_to_its_projects_activities(store):
    """upd project data: phase 2 is implemented by the Economic Crime Division, a unit of the Council of Europe;
    row 7 (Bucharest): neither is named, yet the seminar is an activity of phase 2."""
    bucharest = ID + "event/2009-10-08-bucharest-seminar"

    def roles(**options: bool) -> list[tuple[str, str]]:
        graph = build_network(store, "organisation-event", **options)
        return [
            (node.rsplit("/", 1)[1], graph.edges[node, bucharest]["role"])
            for node in sorted(graph.neighbors(bucharest))
        ]

    # ERA and TAIEX are named in the title; TAIEX belongs to the European Commission, part of the EU (folded)
    named = [
        ("era", "named in the title"),
        ("european-commission", "named in the title"),
        ("european-union", "named in the title"),
        ("taiex", "named in the title"),
    ]
    project = [
        ("council-of-europe", "activity of its project"),
        ("dghl", "activity of its project"),
        ("economic-crime-division", "activity of its project"),
    ]
    assert roles() == project + named
    assert roles(project_activities=False) == named


def test_a_part_of_an_event_counts_towards_it(store):
    """upd carried-out row 11: the round table organised by Microsoft was part of the visit to Argentina."""
    visit = ID + "event/2009-10-16-buenos-aires-visit"
    graph = build_network(store, "organisation-event")
    assert graph.edges[MICROSOFT, visit]["role"] == "in a part of it"
    assert graph.has_edge(MICROSOFT, visit) != build_network(store, "organisation-event", event_parts=False).has_edge(
        MICROSOFT, visit
    )


def test_bodies_fold_into_their_organisation(store):
    """upd planned row (MONEYVAL typology exercise): MONEYVAL is a body of the Council of Europe."""
    exercise = ID + "event/2009-11-moneyval-typology-exercise"
    folded = build_network(store, "organisation-event")
    apart = build_network(store, "organisation-event", fold_bodies=False)
    assert (folded.has_edge(COE, exercise), apart.has_edge(COE, exercise)) == (True, False)
    assert folded.edges[COE, exercise]["role"] == "carried out by"


def test_the_network_agrees_with_events_of_organisation(store):
    """The query lists parts of events as events of their own; without counting parts towards the larger
    event, the Council of Europe's neighbours are exactly the query's events, and with it one more: the ITU
    Telecom World of which the Geneva workshop was part."""
    result = run(store, find_query("events-of-organisation"), {})
    events = {row[result.columns.index("event")].value for row in result.rows}
    assert set(build_network(store, "organisation-event", event_parts=False).neighbors(COE)) == events
    assert set(build_network(store, "organisation-event").neighbors(COE)) - events == {
        ID + "event/2009-10-05-geneva-itu-telecom-world"
    }
    assert len(events) == 20
