"""Induced subgraphs in a fixed order, whatever Python's string hash seed.

networkx's ``graph.subgraph(nodes)`` walks the set of kept nodes, not the graph, when that set is
smaller than half the graph (and likewise for a node's neighbours), so the order of its nodes and edges
changes from one run to the next. A drawing's bytes depend on that order (its random initial layout, the
order of its paths), so the drawings and pages take their subgraphs from here: the kept nodes and edges
in the graph's own order, with their attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import networkx


def ordered_subgraph(graph: networkx.Graph, nodes: Iterable[str]) -> networkx.Graph:
    """A new graph of ``nodes`` and the edges between them, in ``graph``'s order of nodes and edges."""
    kept = set(nodes)
    subgraph = graph.__class__()
    subgraph.graph.update(graph.graph)
    subgraph.add_nodes_from((node, data) for node, data in graph.nodes(data=True) if node in kept)
    subgraph.add_edges_from(
        (source, target, data) for source, target, data in graph.edges(data=True) if source in kept and target in kept
    )
    return subgraph
