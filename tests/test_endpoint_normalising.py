"""Result forms a store differs in only by form, made the same: Virtuoso's 1/0 for a truth value."""

from __future__ import annotations

import pyoxigraph as ox

from cyberkg.endpoint.client import boolean_columns, normalise_booleans
from cyberkg.query.library import QueryResult

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_boolean_columns_are_the_variables_bound_to_exists() -> None:
    text = """SELECT ?a ?direct ?absent ?n WHERE {
      ?a ?p ?b . BIND(EXISTS { ?a ?p ?b } AS ?direct)
      BIND(NOT EXISTS { ?b ?p ?a . FILTER(?a != ?b) } AS ?absent)
      BIND(COUNT(?x) AS ?n) BIND("EXISTS" AS ?text) }"""
    assert boolean_columns(text) == frozenset({"direct", "absent"})


def test_one_and_zero_become_true_and_false_only_in_boolean_columns() -> None:
    one = ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))
    zero = ox.Literal("0", datatype=ox.NamedNode(XSD + "integer"))
    two = ox.Literal("2", datatype=ox.NamedNode(XSD + "integer"))
    result = QueryResult(columns=["direct", "count"], rows=[(one, one), (zero, zero), (two, two), (None, None)])
    normalised = normalise_booleans(result, frozenset({"direct"}))
    assert [tuple(None if t is None else str(t) for t in row) for row in normalised.rows] == [
        (f'"true"^^<{XSD}boolean>', f'"1"^^<{XSD}integer>'),
        (f'"false"^^<{XSD}boolean>', f'"0"^^<{XSD}integer>'),
        (f'"2"^^<{XSD}integer>', f'"2"^^<{XSD}integer>'),
        (None, None),
    ]
