"""The node metrics as text (cyberkg.network.metrics_report): the table for people and the CSV."""

from __future__ import annotations

from cyberkg.network.metrics import NetworkSummary, NodeMetrics
from cyberkg.network.metrics_report import metrics_report

ROWS = [
    NodeMetrics("https://w3id.org/cyberkg/id/organisation/coe", "Council of Europe", "organisation", 3, 5, 0.5, 1, 3),
    NodeMetrics("https://w3id.org/cyberkg/id/event/e1", "Octopus", "event", 1, 2, 0.0, 1, 3),
    NodeMetrics("https://w3id.org/cyberkg/id/event/e2", "Visit", "event", 1, 1, 0.123456789, 1, 3),
]
SUMMARY = NetworkSummary(nodes=3, edges=2, components=1, largest_component=3, betweenness_sampled=False)


def test_the_table_shows_the_top_nodes_with_numbers_right_aligned_and_says_how_many_it_left_out():
    assert metrics_report("organisation-event", ROWS, SUMMARY, top=2).splitlines() == [
        "organisation-event: 3 nodes, 2 edges, 1 connected components (largest 3 nodes)",
        "node               kind          degree  weighted  betweenness  component  size  IRI",
        "-----------------  ------------  ------  --------  -----------  ---------  ----  "
        "--------------------------------------------",
        "Council of Europe  organisation       3         5       0.5000          1     3  "
        "https://w3id.org/cyberkg/id/organisation/coe",
        "Octopus            event              1         2       0.0000          1     3  https://w3id.org/cyberkg/id/event/e1",
        "(2 of 3 nodes; --top 0 shows all)",
    ]


def test_a_sampled_betweenness_is_said_in_the_summary_line_and_top_0_shows_all():
    sampled = NetworkSummary(nodes=3, edges=2, components=1, largest_component=3, betweenness_sampled=True)
    lines = metrics_report("p", ROWS, sampled, top=0).splitlines()
    assert (
        lines[0]
        == "p: 3 nodes, 2 edges, 1 connected components (largest 3 nodes) (betweenness estimated from a sample)"
    )
    assert [line.split("  ")[0] for line in lines[3:]] == ["Council of Europe", "Octopus", "Visit"]


def test_the_csv_has_the_field_names_and_six_decimals_of_betweenness():
    assert metrics_report("p", ROWS, SUMMARY, top=0, fmt="csv") == (
        "label,kind,degree,weighted_degree,betweenness,component,component_size,iri\n"
        "Council of Europe,organisation,3,5,0.500000,1,3,https://w3id.org/cyberkg/id/organisation/coe\n"
        "Octopus,event,1,2,0.000000,1,3,https://w3id.org/cyberkg/id/event/e1\n"
        "Visit,event,1,1,0.123457,1,3,https://w3id.org/cyberkg/id/event/e2\n"
    )
