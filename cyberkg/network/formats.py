"""Network file formats: GraphML, GEXF, node-link JSON, Cytoscape.js JSON, DOT and CSV.

Each function turns a network into the text (or bytes) of one file, or, for CSV,
two tables; writing them is :mod:`cyberkg.network.export`'s job. Node and edge
attributes are strings and integers (see :mod:`cyberkg.network.attributes`), so
GraphML and GEXF declare each attribute with its type.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import networkx

# The columns that come first in tables, in this order; any others follow alphabetically.
NODE_COLUMNS = ("id", "label", "short_label", "kind", "type", "iri")
EDGE_COLUMNS = ("source", "target", "role", "weight", "source_count", "source_rows")


def to_graphml(graph: networkx.Graph) -> bytes:
    """GraphML with typed keys named after the attributes (Gephi, Cytoscape, yEd)."""
    import networkx

    buffer = io.BytesIO()
    networkx.write_graphml(graph, buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def to_gexf(graph: networkx.Graph) -> bytes:
    """GEXF 1.2 (Gephi), a static graph; the ``label`` attribute becomes the node label (see :mod:`.gexf`)."""
    from cyberkg.network.gexf import to_gexf_bytes

    return to_gexf_bytes(graph)


def to_node_link_json(graph: networkx.Graph) -> str:
    """networkx node-link JSON (``networkx.node_link_graph(data, edges="edges")`` reads it back)."""
    import networkx

    data = networkx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def to_cytoscape_json(graph: networkx.Graph) -> str:
    """Cytoscape.js elements JSON (``cy.add(data.elements)``; Cytoscape desktop imports it too)."""
    import networkx

    data = networkx.cytoscape_data(graph, name="label", ident="id")
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def to_dot(graph: networkx.Graph) -> str:
    """Graphviz DOT, written directly (no pydot needed); nodes filled with their kind's colour.

    The file names its layout engine (``layout=neato``) and its title with the filters that made it.
    """
    from cyberkg.network.palette import kind_colour

    name = str(graph.graph.get("projection", "network"))
    title = name + (f" (filters: {graph.graph['filters']})" if graph.graph.get("filters", "none") != "none" else "")
    lines = [
        f"graph {_dot_id(name)} {{",
        # The layout is named in the file, so plain `dot -Tpng` draws it with neato (a force layout) instead
        # of ranking a two-kind network into one row; components are laid out apart and packed.
        f'  graph [layout=neato, overlap=false, splines=true, pack=true, sep="+4", '
        f'fontname="Helvetica", label={_dot_id(title)}, labelloc=t, fontsize=16];',
        '  node [style=filled, fontname="Helvetica", fontsize=10];',
    ]
    for node, data in graph.nodes(data=True):
        attributes = {**data, "fillcolor": kind_colour(str(data.get("kind", "")))}
        lines.append(f"  {_dot_id(node)} [{_dot_attributes(attributes)}];")
    for source, target, data in graph.edges(data=True):
        attributes = {**data, "penwidth": 1 + min(int(data.get("weight", 1)), 8) / 2}
        lines.append(f"  {_dot_id(source)} -- {_dot_id(target)} [{_dot_attributes(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_id(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attributes(attributes: dict) -> str:
    return ", ".join(f"{key}={_dot_id(value)}" for key, value in attributes.items())


def to_csv_tables(graph: networkx.Graph) -> tuple[str, str]:
    """Two CSV tables (RFC 4180, header row): the nodes, keyed by ``id``, and the edges."""
    node_rows = [{"id": node, **data} for node, data in graph.nodes(data=True)]
    edge_rows = [{"source": source, "target": target, **data} for source, target, data in graph.edges(data=True)]
    return _table(node_rows, NODE_COLUMNS), _table(edge_rows, EDGE_COLUMNS)


def _table(rows: list[dict], first: tuple[str, ...]) -> str:
    present = {key for row in rows for key in row}
    columns = [column for column in first if column in present or column in first[:2]]
    columns += sorted(present - set(columns))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
