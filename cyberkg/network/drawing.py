"""Static drawings of a network (PNG, SVG) with matplotlib.

Nodes are coloured by kind (legend with counts) and sized by weighted degree;
edges are drawn thicker for higher weights. Labels are the nodes' short labels on a
white ground, nudged apart until they no longer overlap, so they stay readable. A
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
NUDGE_ROUNDS = 200


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
    return text


def component_layout(graph: networkx.Graph) -> dict[str, tuple[float, float]]:
    """Positions with each connected component laid out on its own and the components packed in rows.

    A spring layout of the whole graph throws small components to the edges and
    squeezes the large one; packing keeps every part readable.
    """
    import networkx

    components = sorted(
        (sorted(nodes, key=str) for nodes in networkx.connected_components(graph)),
        key=lambda nodes: (-len(nodes), str(nodes[0])),
    )
    total = sum(len(nodes) for nodes in components)
    row_width = max(2.0, 1.6 * math.sqrt(total))
    positions: dict = {}
    x = y = row_height = 0.0
    for nodes in components:
        size = math.sqrt(len(nodes))
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        if len(nodes) == 1:
            local = {nodes[0]: (0.5, 0.5)}
        else:
            sub = ordered_subgraph(graph, nodes)
            raw = networkx.spring_layout(sub, k=1.6 / math.sqrt(len(nodes)), iterations=300, seed=7, weight=None)
            xs = [p[0] for p in raw.values()]
            ys = [p[1] for p in raw.values()]
            span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
            local = {node: ((p[0] - min(xs)) / span, (p[1] - min(ys)) / span) for node, p in raw.items()}
        for node, (px, py) in local.items():
            positions[node] = (x + px * size, y - (1 - py) * size)
        x += size + 0.6
        row_height = max(row_height, size)
    return positions


def _draw_labels(
    figure: matplotlib.figure.Figure,
    axes: matplotlib.axes.Axes,
    graph: networkx.Graph,
    positions: dict[str, tuple[float, float]],
) -> None:
    """Draw each node's short label above it, then nudge overlapping labels apart.

    The nudging works on the labels' boxes in display units (their sizes do not change
    as they move), pushing overlapping pairs apart vertically, then places them.
    """
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
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )
        text.set_gid(f"node-label-{index}")
        texts.append(text)
    axes.autoscale_view()
    axes.margins(0.08)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):  # drawn with the Agg backend (see draw_network)
        raise TypeError(f"labels are measured on an Agg canvas, not {type(canvas).__name__}")
    canvas.draw()
    renderer = canvas.get_renderer()
    sizes = [(box.width * 1.04, box.height * 1.1) for box in (text.get_window_extent(renderer) for text in texts)]
    anchors = [axes.transData.transform(positions[node]) for node in nodes]
    lift = 7.0  # display units between a node's centre and the bottom of its label
    centres = [[float(ax), float(ay) + lift + height / 2] for (ax, ay), (_, height) in zip(anchors, sizes, strict=True)]
    for _ in range(NUDGE_ROUNDS):
        moved = False
        order = sorted(range(len(nodes)), key=lambda i: centres[i][0])
        for position, i in enumerate(order):
            for j in order[position + 1 :]:
                if centres[j][0] - centres[i][0] >= (sizes[i][0] + sizes[j][0]) / 2:
                    break
                overlap_y = (sizes[i][1] + sizes[j][1]) / 2 - abs(centres[i][1] - centres[j][1])
                if overlap_y <= 0:
                    continue
                moved = True
                upper, lower = (i, j) if centres[i][1] >= centres[j][1] else (j, i)
                centres[upper][1] += overlap_y / 2 + 0.5
                centres[lower][1] -= overlap_y / 2 + 0.5
        if not moved:
            break
    to_data = axes.transData.inverted()
    for text, (cx, cy), (_, height) in zip(texts, centres, sizes, strict=True):
        x, y = to_data.transform((cx, cy - height / 2))
        text.set_position((float(x), float(y)))
