"""GEXF 1.2 for Gephi, written here rather than by networkx so that the graph stays static.

networkx takes node attributes named ``start`` and ``end`` for time intervals: the file became a
dynamic graph, the attributes vanished and month-precise values such as ``2009-09`` broke the
schema. Here every attribute, event dates included, is a plain typed ``attvalue`` (``string`` or
``long``) of a ``mode="static"`` graph; the edge weight is the edge's own ``weight``. The ``meta``
block names the projection and the filters that made the network. No time stamp is written, so the
same network gives the same file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import networkx

NAMESPACE = "http://www.gexf.net/1.2draft"  # the namespace of GEXF 1.2 (version="1.2")
SCHEMA = "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EDGE_OWN = ("weight",)  # edge data written as the edge's own XML attribute, not as an attvalue


def _type_of(values: list[object]) -> str:
    if values and all(isinstance(value, int) and not isinstance(value, bool) for value in values):
        return "long"
    if values and all(isinstance(value, int | float) and not isinstance(value, bool) for value in values):
        return "double"
    return "string"


def _declare(parent: ElementTree.Element, cls: str, records: list[dict]) -> dict[str, tuple[str, str]]:
    """Declare the attributes of nodes or edges; return name -> (id, type)."""
    names = sorted({name for record in records for name in record})
    declared: dict[str, tuple[str, str]] = {}
    block = ElementTree.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    for index, name in enumerate(names):
        kind = _type_of([record[name] for record in records if name in record])
        declared[name] = (str(index), kind)
        ElementTree.SubElement(block, "attribute", {"id": str(index), "title": name, "type": kind})
    return declared


def _attvalues(parent: ElementTree.Element, record: dict, declared: dict[str, tuple[str, str]]) -> None:
    present = [name for name in declared if name in record and record[name] is not None]
    if not present:
        return
    values = ElementTree.SubElement(parent, "attvalues")
    for name in present:
        ElementTree.SubElement(values, "attvalue", {"for": declared[name][0], "value": str(record[name])})


def to_gexf_bytes(graph: networkx.Graph) -> bytes:
    """The GEXF 1.2 document of an undirected network (UTF-8 bytes)."""
    ElementTree.register_namespace("", NAMESPACE)
    ElementTree.register_namespace("xsi", XSI)
    root = ElementTree.Element(f"{{{NAMESPACE}}}gexf", {"version": "1.2", f"{{{XSI}}}schemaLocation": SCHEMA})
    meta = ElementTree.SubElement(root, "meta")
    ElementTree.SubElement(meta, "creator").text = "cyberkg"
    ElementTree.SubElement(meta, "keywords").text = str(graph.graph.get("projection", "network"))
    description = str(graph.graph.get("summary", ""))
    filters = graph.graph.get("filters")
    if filters:
        description = f"{description} Filters: {filters}.".strip()
    ElementTree.SubElement(meta, "description").text = description
    body = ElementTree.SubElement(
        root, "graph", {"mode": "static", "defaultedgetype": "directed" if graph.is_directed() else "undirected"}
    )
    node_records = [{k: v for k, v in data.items() if k != "label"} for _, data in graph.nodes(data=True)]
    edge_records = [{k: v for k, v in data.items() if k not in EDGE_OWN} for _, _, data in graph.edges(data=True)]
    node_attributes = _declare(body, "node", node_records)
    edge_attributes = _declare(body, "edge", edge_records)
    nodes = ElementTree.SubElement(body, "nodes")
    for (node, data), record in zip(graph.nodes(data=True), node_records, strict=True):
        element = ElementTree.SubElement(nodes, "node", {"id": str(node), "label": str(data.get("label", node))})
        _attvalues(element, record, node_attributes)
    edges = ElementTree.SubElement(body, "edges")
    for index, ((source, target, data), record) in enumerate(zip(graph.edges(data=True), edge_records, strict=True)):
        own = {"id": str(index), "source": str(source), "target": str(target)}
        if "weight" in data:
            own["weight"] = str(float(data["weight"]))
        element = ElementTree.SubElement(edges, "edge", own)
        _attvalues(element, record, edge_attributes)
    ElementTree.indent(root, space=" ")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
