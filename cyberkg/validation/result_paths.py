"""SHACL property paths as SPARQL property path strings, and back.

The engine-neutral result records carry paths as text: ``<p>``, ``^<p>``,
``<a>/<b>``, ``<a>|<b>``, ``<p>*``, ``<p>+``, ``<p>?``, with parentheses
around any operand that is not a single IRI. :func:`path_to_sparql` writes
that text from a SHACL path in an RDF graph; :func:`sparql_to_path` builds the
SHACL path back, for the Turtle report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cyberkg.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SH = "http://www.w3.org/ns/shacl#"
UNARY = {"inversePath": "^", "zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


def path_to_sparql(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    """The SPARQL text of the SHACL path ``path`` described in ``graph``."""
    from rdflib import RDF, URIRef
    from rdflib.collection import Collection

    if isinstance(path, URIRef):
        return path.n3()
    if graph.value(path, RDF.first) is not None:
        return "/".join(_operand(graph, step) for step in Collection(graph, path))
    alternatives = graph.value(path, URIRef(SH + "alternativePath"))
    if alternatives is not None:
        return "|".join(_operand(graph, step) for step in Collection(graph, alternatives))
    for name, sign in UNARY.items():
        inner = graph.value(path, URIRef(SH + name))
        if inner is not None:
            return sign + _operand(graph, inner) if sign == "^" else _operand(graph, inner) + sign
    raise ValueError(f"not a SHACL path: {path!r}")


def _operand(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    from rdflib import URIRef

    text = path_to_sparql(graph, path)
    return text if isinstance(path, URIRef) else f"({text})"


TOKEN = re.compile(r"\s*(<[^<>\s]*>|[()/|^*+?])")


def sparql_to_path(text: str, graph: rdflib.Graph) -> rdflib.term.Node:
    """Add the SHACL path written as ``text`` to ``graph`` and return its node (an IRI for a predicate)."""
    tokens = _tokens(text)
    node, rest = _alternative(tokens, graph)
    if rest:
        raise InputError(f"unexpected {''.join(rest)!r} in path {text!r}")
    return node


def _tokens(text: str) -> list[str]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = TOKEN.match(text, position)
        if match is None:
            raise InputError(f"cannot read path {text!r} at {position}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def _alternative(tokens: list[str], graph: rdflib.Graph) -> tuple[rdflib.term.Node, list[str]]:
    steps, rest = _sequence(tokens, graph)
    options = [steps]
    while rest and rest[0] == "|":
        steps, rest = _sequence(rest[1:], graph)
        options.append(steps)
    if len(options) == 1:
        return options[0], rest
    from rdflib import BNode, URIRef

    node = BNode()
    graph.add((node, URIRef(SH + "alternativePath"), _list(options, graph)))
    return node, rest


def _sequence(tokens: list[str], graph: rdflib.Graph) -> tuple[rdflib.term.Node, list[str]]:
    step, rest = _unary(tokens, graph)
    steps = [step]
    while rest and rest[0] == "/":
        step, rest = _unary(rest[1:], graph)
        steps.append(step)
    return (steps[0] if len(steps) == 1 else _list(steps, graph)), rest


def _unary(tokens: list[str], graph: rdflib.Graph) -> tuple[rdflib.term.Node, list[str]]:
    from rdflib import BNode, URIRef

    if tokens and tokens[0] == "^":
        inner, rest = _unary(tokens[1:], graph)
        inverse = BNode()
        graph.add((inverse, URIRef(SH + "inversePath"), inner))
        return inverse, rest
    node, rest = _primary(tokens, graph)
    signs = {sign: name for name, sign in UNARY.items() if sign != "^"}
    while rest and rest[0] in signs:
        wrapper = BNode()
        graph.add((wrapper, URIRef(SH + signs[rest[0]]), node))
        node, rest = wrapper, rest[1:]
    return node, rest


def _primary(tokens: list[str], graph: rdflib.Graph) -> tuple[rdflib.term.Node, list[str]]:
    from rdflib import URIRef

    if not tokens:
        raise InputError("a path ends too early")
    if tokens[0].startswith("<"):
        return URIRef(tokens[0][1:-1]), tokens[1:]
    if tokens[0] == "(":
        node, rest = _alternative(tokens[1:], graph)
        if not rest or rest[0] != ")":
            raise InputError("a path has an unclosed parenthesis")
        return node, rest[1:]
    raise InputError(f"unexpected {tokens[0]!r} in a path")


def _list(items: list[rdflib.term.Node], graph: rdflib.Graph) -> rdflib.term.Node:
    from rdflib import BNode
    from rdflib.collection import Collection

    head = BNode()
    Collection(graph, head, items)
    return head
