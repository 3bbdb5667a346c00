"""Static drawings of a network (PNG, SVG) with matplotlib.

Nodes are coloured by kind (legend with counts) and sized by weighted degree;
edges are drawn thicker for higher weights. Each connected component is laid out on its own
(Kamada-Kawai, which spaces a hub's neighbours evenly) and the components are packed in rows, the
largest first, so the main cluster gets the room. Labels are the nodes' short labels on a white
ground, moved apart by adjustText until none overlaps another or a node. The title names the filters
that made the network, when there are any. A
network of more than ``MAX_DRAWN`` nodes is drawn from its ``MAX_DRAWN`` nodes of
highest weighted degree, and the title says so. In SVG the labels stay text (not
outlines), each in a group with the id ``node-label-N``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cyberkg.network.figure_output import figure_output
from cyberkg.network.palette import kind_colour
from cyberkg.network.subgraphs import ordered_subgraph

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.axes
    import matplotlib.figure
    import networkx

MAX_DRAWN = 300
LABEL_FONT_SIZE = 8
LABEL_ROUNDS = 400  # adjustText's iterations at most: enough for a few hundred labels
MIN_SEPARATION = 0.05  # the least distance between two nodes of a component, in its unit square


def drawn_subgraph(graph: networkx.Graph) -> networkx.Graph:
    """The nodes a drawing shows: all of them, or the MAX_DRAWN of highest weighted degree."""
    if graph.number_of_nodes() <= MAX_DRAWN:
        return graph
    weighted = dict(graph.degree(weight="weight"))
    kept = sorted(graph.nodes, key=lambda node: (-weighted[node], str(node)))[:MAX_DRAWN]
    return ordered_subgraph(graph, kept)


def draw_network(graph: networkx.Graph, fmt: str, title: str | None = None) -> bytes | str:
    """The drawing as PNG bytes or SVG text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx
    from matplotlib.lines import Line2D

    shown = drawn_subgraph(graph)
    count = shown.number_of_nodes()
    side = min(30.0, max(10.0, 2.2 * math.sqrt(max(count, 1))))
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cyberkg", "font.size": LABEL_FONT_SIZE}):
        figure, axes = plt.subplots(figsize=(side * 1.25, side))
        try:
            positions = component_layout(shown)
            weighted = dict(shown.degree(weight="weight"))
            widths = [0.6 + min(int(data.get("weight", 1)), 8) * 0.6 for _, _, data in shown.edges(data=True)]
            networkx.draw_networkx_edges(shown, positions, ax=axes, width=widths, edge_color="#8c8c8c", alpha=0.6)
            nodes = list(shown.nodes)
            networkx.draw_networkx_nodes(
                shown,
                positions,
                ax=axes,
                nodelist=nodes,
                node_color=[kind_colour(str(shown.nodes[node].get("kind", ""))) for node in nodes],
                node_size=[60 + 40 * min(weighted[node], 20) for node in nodes],
                edgecolors="white",
                linewidths=0.8,
            )
            _draw_labels(figure, axes, shown, positions)
            kinds = sorted({str(data.get("kind", "")) for _, data in shown.nodes(data=True)})
            handles = [
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=9,
                    markerfacecolor=kind_colour(kind),
                    markeredgecolor="white",
                    label=f"{kind} ({sum(1 for _, d in shown.nodes(data=True) if d.get('kind') == kind)})",
                )
                for kind in kinds
            ]
            if handles:
                axes.legend(handles=handles, loc="upper left", fontsize=10, frameon=True, title="kind of node")
            axes.set_title(_title(graph, shown, title), fontsize=13)
            axes.set_axis_off()
            axes.margins(0.08)
            output = figure_output(figure, fmt)
        finally:
            plt.close(figure)
    return output


def _title(graph: networkx.Graph, shown: networkx.Graph, title: str | None) -> str:
    text = title or str(graph.graph.get("projection", "network"))
    text += f": {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if shown.number_of_nodes() < graph.number_of_nodes():
        text += f" (the {shown.number_of_nodes()} of highest weighted degree shown)"
    filters = graph.graph.get("filters", "none")
    if filters != "none":
        text += f"\nfilters: {filters}"
    return text


def component_layout(graph: networkx.Graph) -> dict[str, tuple[float, float]]:
    """Positions with each connected component laid out on its own and the components packed in rows.

    A layout of the whole graph throws small components to the edges and squeezes the large one;
    here each component gets a square whose area grows with its number of nodes, the largest first.
    """
    import networkx

    components = sorted(
        (sorted(nodes, key=str) for nodes in networkx.connected_components(graph)),
        key=lambda nodes: (-len(nodes), str(nodes[0])),
    )
    total = sum(len(nodes) for nodes in components)
    row_width = max(2.0, 1.25 * math.sqrt(total))
    positions: dict = {}
    x = y = row_height = 0.0
    for nodes in components:
        size = math.sqrt(len(nodes)) if len(nodes) > 2 else 0.5 * len(nodes)
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y - row_height - 0.5, 0.0
        for node, (px, py) in _unit_layout(graph.subgraph(nodes)).items():
            positions[node] = (x + px * size, y - (1 - py) * size)
        x += size + 0.5
        row_height = max(row_height, size)
    return positions


def _unit_layout(component: networkx.Graph) -> dict:
    """One component's positions scaled into the unit square (a lone node in its middle)."""
    import networkx

    nodes = sorted(component.nodes, key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    ordered: networkx.Graph[str] = networkx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(component.edges, key=lambda edge: (str(edge[0]), str(edge[1]))))
    start = networkx.circular_layout(ordered)  # a fixed start, so that the same network gives the same picture
    raw = _separated(networkx.kamada_kawai_layout(ordered, pos=start, weight=None), len(nodes))
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {
        node: ((p[0] - min(xs)) / span + (1 - (max(xs) - min(xs)) / span) / 2, (p[1] - min(ys)) / span)
        for node, p in raw.items()
    }


def _separated(raw: dict, count: int) -> dict:
    """Push apart nodes that lie closer than MIN_SEPARATION (hubs linked to the same nodes land together)."""
    import numpy

    nodes = list(raw)
    points = numpy.array([raw[node] for node in nodes], dtype=float)
    span = float(numpy.ptp(points, axis=0).max()) or 1.0
    least = MIN_SEPARATION * span
    for _ in range(100):
        moved = False
        for i in range(count):
            gaps = points[i] - points[i + 1 :]
            distances = numpy.hypot(gaps[:, 0], gaps[:, 1])
            for offset in numpy.nonzero(distances < least)[0]:
                j = i + 1 + int(offset)
                direction = gaps[offset] / distances[offset] if distances[offset] > 0 else numpy.array([1.0, 0.0])
                push = (least - distances[offset]) / 2 * direction
                points[i] += push
                points[j] -= push
                moved = True
        if not moved:
            break
    return {node: tuple(point) for node, point in zip(nodes, points, strict=True)}


def _draw_labels(
    figure: matplotlib.figure.Figure,
    axes: matplotlib.axes.Axes,
    graph: networkx.Graph,
    positions: dict[str, tuple[float, float]],
) -> None:
    """Draw each node's short label beside it, then let adjustText move them until none overlaps another or a node."""
    from adjustText import adjust_text

    nodes = list(graph.nodes)
    if not nodes:
        return
    texts = []
    for index, node in enumerate(nodes):
        x, y = positions[node]
        text = axes.text(
            x,
            y,
            str(graph.nodes[node].get("short_label", node)),
            fontsize=LABEL_FONT_SIZE,
            ha="center",
            va="bottom",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        text.set_gid(f"node-label-{index}")
        texts.append(text)
    axes.autoscale_view()
    axes.margins(0.08)
    figure.canvas.draw()
    adjust_text(
        texts,
        x=[positions[node][0] for node in nodes],
        y=[positions[node][1] for node in nodes],
        ax=axes,
        expand=(1.1, 1.3),
        iter_lim=LABEL_ROUNDS,
        prevent_crossings=False,
        arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.5},
    )
