"""rdflib's Turtle writer, made to write every literal as it was read.

rdflib's writer lays out subjects and object lists well, but prints numbers and booleans from their
values (``"1E3"^^xsd:double`` as ``1e+03``, ``"1"^^xsd:boolean`` as the integer ``1``, the ill-typed
``"maybe"^^xsd:boolean`` as the bare word ``maybe``) and sorts object lists by value, which raises for
some pairs of literals. This writer keeps rdflib's layout; each literal is written from its lexical form
(:func:`cyberkg.rdf.literals.turtle_literal`), and object lists are sorted by
:func:`cyberkg.rdf.literals.in_term_order`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import Literal, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer

from cyberkg.rdf.literals import in_term_order, turtle_literal


class ExactTurtleSerializer(TurtleSerializer):
    """Turtle whose literals read back with the lexical form, datatype and language they had."""

    def label(self, node: Any, position: int) -> str:
        if isinstance(node, Literal):
            return turtle_literal(node, self._datatype_name)
        return super().label(node, position)

    def sortProperties(self, properties: Mapping[Any, list[Any]]) -> list[Any]:  # noqa: N802 - rdflib's name
        """Sort each object list; the writer's own predicate order first (rdf:type, rdfs:label), then the others."""
        for objects in properties.values():
            objects[:] = in_term_order(objects)
        first = [predicate for predicate in self.predicateOrder if predicate in properties]
        return first + [predicate for predicate in sorted(properties) if predicate not in first]

    def _datatype_name(self, datatype: str) -> str | None:
        return self.get_pname(URIRef(datatype), False)
