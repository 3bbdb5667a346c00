"""The interactive HTML page of a network: one self-contained file that works offline.

The page and its script (``page.html``, ``page.js`` beside this module) are the
project's own: a force layout drawn in SVG with zoom, pan, node dragging, tooltips
that show a node's or an edge's attributes and source rows, colour by kind and a
legend that hides kinds. Everything is inlined into the one file: the graph as a
JSON block, the script, the style; nothing is fetched from a network.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import TYPE_CHECKING

from cyberkg.network.palette import kind_colour
from cyberkg.network.subgraphs import ordered_subgraph

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pyoxigraph

MAX_PAGE_NODES = 1500
SITE_PROJECTION = "organisation-event"


def page_data(graph: networkx.Graph, title: str) -> dict:
    """What the page's script reads: nodes, edges, colours by kind, and a one-line summary.

    A browser lays out a couple of thousand nodes smoothly; a larger network is shown by its
    MAX_PAGE_NODES nodes of highest weighted degree, and the summary says so.
    """
    shown = graph
    if graph.number_of_nodes() > MAX_PAGE_NODES:
        weighted = dict(graph.degree(weight="weight"))
        shown = ordered_subgraph(
            graph, sorted(graph.nodes, key=lambda node: (-weighted[node], str(node)))[:MAX_PAGE_NODES]
        )
    nodes = [{"id": node, **data} for node, data in shown.nodes(data=True)]
    edges = [{"source": source, "target": target, **data} for source, target, data in shown.edges(data=True)]
    kinds = sorted({str(node.get("kind", "")) for node in nodes})
    summary = f"{len(nodes)} nodes, {len(edges)} edges. {graph.graph.get('summary', '')}".strip()
    filters = graph.graph.get("filters", "none")
    if filters != "none":
        summary += f" Filters: {filters}."
    if shown is not graph:
        summary = (
            f"The {len(nodes)} nodes of highest weighted degree of {graph.number_of_nodes()} "
            f"({graph.number_of_edges()} edges in all); {summary}"
        )
    return {
        "title": title,
        "summary": summary,
        "nodes": nodes,
        "edges": edges,
        "colours": {kind: kind_colour(kind) for kind in kinds},
    }


def _script_safe_json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def network_page(graph: networkx.Graph, title: str | None = None) -> str:
    """The HTML text of the page."""
    title = _page_title(graph, title)
    return _page_html(page_data(graph, title), title)


def projection_page(store: pyoxigraph.Store, projection: str = SITE_PROJECTION) -> tuple[str, list[str]]:
    """The page of a projection over every event (what ``export PROJECTION --format html`` writes), and the
    IRIs of the nodes it shows, sorted: what the entity pages of the site link to (``network.html#node=IRI``)."""
    from cyberkg.network.projections import build_network

    graph = build_network(store, projection)
    title = _page_title(graph, None)
    data = page_data(graph, title)
    return _page_html(data, title), sorted(str(node["id"]) for node in data["nodes"])


def _page_title(graph: networkx.Graph, title: str | None) -> str:
    filters = graph.graph.get("filters", "none")
    return (title or f"cyberkg: {graph.graph.get('projection', 'network')}") + (
        f" (filters: {filters})" if filters != "none" else ""
    )


def _page_html(data: dict, title: str) -> str:
    folder = resources.files("cyberkg.network")
    template = folder.joinpath("page.html").read_text(encoding="utf-8")
    script = folder.joinpath("page.js").read_text(encoding="utf-8")
    if "</script" in script.lower():  # pragma: no cover - guards edits of page.js
        raise ValueError("page.js must not contain </script>")
    parts = {
        "__TITLE__": html.escape(title),
        "__DATA__": _script_safe_json(data),
        "__SCRIPT__": script,
    }
    # one pass, so that text inside the data can never be taken for a placeholder
    return re.sub("__TITLE__|__DATA__|__SCRIPT__", lambda match: parts[match.group(0)], template)
