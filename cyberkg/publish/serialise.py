"""Byte-for-byte deterministic Turtle, N-Triples and JSON-LD of a graph.

The same triples always give the same bytes, whatever the order they were
loaded in and whatever ``PYTHONHASHSEED`` is, so that the diff between two
releases shows only what changed:

- blank nodes get canonical labels (``rdflib.compare.to_canonical_graph``),
  which depend only on the graph's structure;
- N-Triples lines are sorted;
- Turtle comes from rdflib's serializer (which sorts subjects and objects)
  fed with the canonical graph and a fixed set of prefixes, so it never
  invents ``ns1:``-style prefixes;
- JSON-LD is compacted against the same prefixes and then put in a fixed
  order: nodes by ``@id``, keys alphabetically, the values of each property
  by their JSON text (JSON-LD arrays that are not ``@list`` are unordered).

Every literal is written exactly as it was read (lexical form, datatype, time
zone, language tag), given a graph read with ``load_graph(literals_exact=True)``:
Turtle through :mod:`cyberkg.publish.exact_turtle`, JSON-LD through
:mod:`cyberkg.publish.exact_json_ld`; rdflib's N-Triples writer already writes
lexical forms.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cyberkg.rdf.literals import in_term_order
from cyberkg.rdf.namespaces import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

# Standard vocabularies the project's files use, beside the project's own prefixes.
STANDARD_PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
}


def release_prefixes() -> dict[str, str]:
    """The prefixes every serialisation of the release uses, sorted by prefix."""
    return dict(sorted({**STANDARD_PREFIXES, **PREFIXES}.items()))


def canonical_copy(graph: rdflib.Graph, prefixes: dict[str, str] | None = None) -> rdflib.Graph:
    """A copy of ``graph`` with canonical blank-node labels, triples added in sorted order, fixed prefixes."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    has_blank_nodes = any(isinstance(term, rdflib.BNode) for triple in graph for term in triple)
    canonical = to_canonical_graph(graph) if has_blank_nodes else graph
    copy = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in (prefixes or release_prefixes()).items():
        copy.bind(prefix, namespace)
    for triple in in_term_order(canonical):
        copy.add(triple)
    return copy


def to_ntriples(graph: rdflib.Graph) -> bytes:
    """N-Triples, one triple a line, lines sorted."""
    text = canonical_copy(graph).serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_turtle(graph: rdflib.Graph, prefixes: dict[str, str] | None = None, base: str | None = None) -> bytes:
    """Turtle with the given (or the release's) prefixes, subjects and objects in rdflib's sorted order.

    With ``base``, IRIs directly under it are written relative to it and ``@base`` is declared first.
    """
    from io import BytesIO

    from cyberkg.publish.exact_turtle import ExactTurtleSerializer

    stream = BytesIO()
    ExactTurtleSerializer(canonical_copy(graph, prefixes)).serialize(stream, base=base, encoding="utf-8")
    return stream.getvalue()


def to_json_ld(graph: rdflib.Graph) -> bytes:
    """Compact JSON-LD with the release's prefixes as its context, in a fixed order."""
    from cyberkg.publish.exact_json_ld import json_ld_document

    context = release_prefixes()
    document = json.loads(json.dumps(json_ld_document(canonical_copy(graph), context)))
    nodes = document.get("@graph", [])
    if isinstance(document, dict) and "@graph" not in document:  # a single node, compacted to the top level
        nodes = [{key: value for key, value in document.items() if key != "@context"}]
    ordered = {"@context": context, "@graph": sorted((_ordered(node) for node in nodes), key=_node_key)}
    return (json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _node_key(node: dict[str, Any]) -> str:
    return str(node.get("@id", "")) + "\x00" + json.dumps(node, sort_keys=True, ensure_ascii=False)


def _ordered(value: Any, in_list: bool = False) -> Any:
    """Sort keys everywhere and the items of every array except @list arrays."""
    if isinstance(value, dict):
        return {key: _ordered(value[key], in_list=key == "@list") for key in sorted(value)}
    if isinstance(value, list):
        items = [_ordered(item) for item in value]
        if in_list:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value
