"""An addition checked in the context of the graph it joins (cyberkg.validation.incremental).

The fixture (tests/incremental/) is a small graph, an addition, and shapes that reach a value in two steps
(an event's start, or the start of the event it is part of), target a class whose subclass only the data
declares, and check a class on a one-step value. The in-context check must report exactly what a full
validation of graph + addition reports for the nodes it checks, and what pySHACL reports for them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.store.loading import load_graph, load_store
from cyberkg.validation.incremental import validate_addition
from cyberkg.validation.reference import validate_graph
from cyberkg.validation.sparql_engine import compile_shapes, find_ill_formed, validate_store, value_paths

FIXTURE = Path(__file__).resolve().parent / "incremental"
GRAPH, ADDITION, SHAPES = FIXTURE / "graph.ttl", FIXTURE / "addition.ttl", FIXTURE / "shapes.ttl"
EX = "https://example.org/incremental#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
START = f"<{EX}start>"
OWN_OR_WHOLE = f"<{EX}start>|(<{EX}partOf>/<{EX}start>)"


def _date(text: str) -> str:
    return f'"{text}"^^<{XSD}date>'


@pytest.fixture(scope="module")
def store():
    return load_store([GRAPH, ADDITION])


@pytest.fixture(scope="module")
def shapes():
    return compile_shapes([SHAPES])


def _results(report) -> set[tuple]:
    return {(r.focus_node, r.path, r.value, r.constraint_component, r.source_shape) for r in report.results}


def test_the_addition_is_checked_on_the_nodes_it_touches(store, shapes):
    checked = validate_addition(store, shapes, [ADDITION])
    assert [str(node) for node in checked.focus_nodes] == [
        f"<{EX}Atlantis>",
        f"<{EX}Meeting>",
        f"<{EX}Strasbourg>",
        f"<{EX}briefing>",
        f"<{EX}conference-panel>",
        f"<{EX}side-event>",
    ]


def test_the_addition_in_context_reports_exactly_the_violations_of_its_nodes(store, shapes):
    checked = validate_addition(store, shapes, [ADDITION])
    panel, side = f"<{EX}conference-panel>", f"<{EX}side-event>"
    datatype, cls = "DatatypeConstraintComponent", "ClassConstraintComponent"
    assert _results(checked.report) == {
        # The panel has no start of its own: the conference's, ill-formed in the graph, is two steps away.
        (panel, OWN_OR_WHOLE, _date("2020-13-45"), datatype, f"<{EX}EventStartOwnOrWhole>"),
        (side, OWN_OR_WHOLE, _date("2023-02-29"), datatype, f"<{EX}EventStartOwnOrWhole>"),
        (side, START, _date("2023-02-29"), datatype, f"<{EX}EventStart>"),
        (side, f"<{EX}place>", f"<{EX}Atlantis>", cls, f"<{EX}EventPlace>"),
    }


def test_the_addition_in_context_equals_full_validation_on_the_nodes_it_checks(store, shapes):
    checked = validate_addition(store, shapes, [ADDITION])
    nodes = {str(node) for node in checked.focus_nodes}
    full = validate_store(store, shapes)
    assert list(checked.report.results) == [r for r in full.results if r.focus_node in nodes]
    # The whole graph holds more: the conference's and the workshop's ill-formed starts, the seminar's place.
    assert {r.focus_node for r in full.results} - nodes == {f"<{EX}conference>", f"<{EX}workshop>", f"<{EX}seminar>"}


def test_the_addition_in_context_equals_pyshacl_on_the_nodes_it_checks(store, shapes):
    checked = validate_addition(store, shapes, [ADDITION])
    nodes = {str(node) for node in checked.focus_nodes}
    reference = validate_graph(load_graph([GRAPH, ADDITION]), load_graph([SHAPES]))
    assert list(checked.report.results) == [r for r in reference.results if r.focus_node in nodes]


def test_ill_formed_literals_are_looked_for_only_where_the_focus_nodes_reach(store, shapes):
    import pyoxigraph

    def found(subjects, paths=()) -> set[str]:
        ill_formed = find_ill_formed(store, shapes.datatypes, subjects, paths)
        return {str(literal) for literals in ill_formed.values() for literal in literals}

    panel = [pyoxigraph.NamedNode(f"{EX}conference-panel")]
    assert value_paths(shapes.shapes) == {f"({OWN_OR_WHOLE})"}
    assert found(None) == {_date("2020-13-45"), _date("2021-02-30"), _date("2023-02-29")}
    assert found(panel, value_paths(shapes.shapes)) == {_date("2020-13-45")}
    assert found(panel) == set()  # the panel's own objects hold no date
    assert found([pyoxigraph.NamedNode(f"{EX}briefing")], value_paths(shapes.shapes)) == set()
