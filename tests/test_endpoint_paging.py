"""`validate --endpoint` reads a large remote graph in pages: the pages joined are the graph in one answer.

Pages are slices of one order, put in a sub-select (Virtuoso 7.2 refuses an ORDER BY sliced past 10,000 rows);
blank nodes keep their labels from page to page, so a blank node cut across two pages stays one node.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import PARITY_GRAPH
from rdflib import BNode, URIRef
from rdflib.compare import isomorphic

from cyberkg.cli import main
from cyberkg.endpoint import fetch_graph
from cyberkg.errors import InputError

STORES = {"oxigraph_server": None, "virtuoso_server": PARITY_GRAPH}


@pytest.mark.parametrize("name", sorted(STORES))
@pytest.mark.parametrize("page_triples", [700, 2_000])
def test_the_pages_joined_are_the_whole_graph(name: str, page_triples: int, request, store: ox.Store) -> None:
    server = request.getfixturevalue(name)
    fetched = fetch_graph(server.query_url, STORES[name], page_triples=page_triples)
    assert len(store) > 2 * page_triples  # more than two pages, so that a blank node may be cut between them
    assert len(fetched) == len(store)
    assert isomorphic(fetched, fetch_graph(server.query_url, STORES[name], page_triples=10 * len(store)))


def test_a_page_size_must_be_positive(oxigraph_server) -> None:
    with pytest.raises(InputError) as caught:
        fetch_graph(oxigraph_server.query_url, page_triples=0)
    assert str(caught.value) == "the page size must be a positive number of triples (got 0)"


def test_validate_endpoint_in_small_pages_reports_what_validate_reports_locally(virtuoso_server, capsys) -> None:
    local_code = main(["validate", "--engine", "pyshacl", "--format", "json"])
    local = capsys.readouterr().out
    remote_code = main(
        [
            "validate",
            "--endpoint",
            virtuoso_server.query_url,
            "--graph",
            PARITY_GRAPH,
            "--page-size",
            "1000",
            "--format",
            "json",
        ]
    )
    remote = capsys.readouterr().out
    assert (remote_code, remote) == (local_code, local)


@pytest.mark.parametrize("name", sorted(STORES))
def test_a_blank_node_cut_across_pages_stays_one_node(name: str, request) -> None:
    from cyberkg.endpoint.push import push_store

    server = request.getfixturevalue(name)
    graph = f"https://w3id.org/cyberkg/graph/test-paging-blank-nodes-{name}"
    blank_nodes = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    note = ox.NamedNode("https://example.org/note")
    for number in range(150):
        node = ox.BlankNode()
        owner = ox.NamedNode(f"https://example.org/owner/{number}")
        blank_nodes.add(ox.Quad(owner, note, node, ox.DefaultGraph()))
        blank_nodes.add(ox.Quad(node, label, ox.Literal(f"note {number}"), ox.DefaultGraph()))
        blank_nodes.add(ox.Quad(node, note, ox.Literal(str(number)), ox.DefaultGraph()))
    push_store(blank_nodes, server.store_url, graph)
    paged = fetch_graph(server.query_url, graph, page_triples=40)
    assert len(paged) == 450
    kept = {o for o in paged.objects(None, URIRef(note.value)) if isinstance(o, BNode)}
    assert len(kept) == 150  # one node per blank node, though its triples came in different pages
    assert isomorphic(paged, fetch_graph(server.query_url, graph, page_triples=1_000))
