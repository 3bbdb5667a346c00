"""Metrics of a network's nodes: degree, weighted degree, betweenness and connected components."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import networkx

# Above this many nodes betweenness is estimated from a sample of source nodes (a fixed seed,
# so the figures repeat); exact betweenness costs O(nodes x edges).
EXACT_BETWEENNESS_LIMIT = 5000
BETWEENNESS_SAMPLE = 500


@dataclass(frozen=True)
class NodeMetrics:
    """The figures for one node."""

    iri: str
    label: str
    kind: str
    degree: int
    weighted_degree: int
    betweenness: float
    component: int
    component_size: int


@dataclass(frozen=True)
class NetworkSummary:
    """The figures for the whole network."""

    nodes: int
    edges: int
    components: int
    largest_component: int
    betweenness_sampled: bool


def node_metrics(graph: networkx.Graph) -> tuple[list[NodeMetrics], NetworkSummary]:
    """Each node's metrics, ordered by weighted degree, degree, betweenness (highest first), then label.

    Betweenness is normalised and ignores weights (a weight here is a count of shared
    events, a strength, not a distance). Components are numbered from 1, largest first.
    """
    import networkx

    sampled = graph.number_of_nodes() > EXACT_BETWEENNESS_LIMIT
    betweenness = networkx.betweenness_centrality(
        graph, k=BETWEENNESS_SAMPLE if sampled else None, seed=1 if sampled else None
    )
    components = sorted(networkx.connected_components(graph), key=lambda nodes: (-len(nodes), min(nodes)))
    component_of = {node: (number, len(nodes)) for number, nodes in enumerate(components, 1) for node in nodes}
    weighted = dict(graph.degree(weight="weight"))
    rows = [
        NodeMetrics(
            iri=node,
            label=str(data.get("label", node)),
            kind=str(data.get("kind", "")),
            degree=graph.degree(node),
            weighted_degree=int(weighted[node]),
            betweenness=float(betweenness[node]),
            component=component_of[node][0],
            component_size=component_of[node][1],
        )
        for node, data in graph.nodes(data=True)
    ]
    rows.sort(key=lambda row: (-row.weighted_degree, -row.degree, -row.betweenness, row.label, row.iri))
    summary = NetworkSummary(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=len(components),
        largest_component=len(components[0]) if components else 0,
        betweenness_sampled=sampled,
    )
    return rows, summary
