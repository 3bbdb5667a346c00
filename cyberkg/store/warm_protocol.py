"""What a command and the warm server say to each other: HTTP/1.1 over the Unix socket of the record.

- ``GET /state``: ``{"key", "triples", "pid"}``, the state of the files the server holds;
- ``POST /query``: a JSON body ``{"query", "substitutions", "timeout", "memory_limit"}``; the answer is
  the result serialized by Oxigraph itself, read back by Oxigraph's parser into the same terms:
  solutions as SPARQL TSV (every term kept exactly: datatype, language, lexical form, blank node
  labels, triple terms; smaller and faster to read than JSON or XML at 71k rows), a boolean as
  SPARQL JSON, triples as N-Triples;
- ``POST /quads``: ``{"subject", "predicate", "object", "graph"}`` (``Store.quads_for_pattern``),
  answered in N-Quads.

Every request carries the files' state key (:data:`KEY_HEADER`); a server holding another state
answers 409 and nothing else. Answers are sent in chunks, so a result cut short (the server's
worker stopped) cannot pass for a complete one. An error before the first byte of a result is a
400 with ``{"error": <Python exception name>, "message"}``, raised again on the command's side as
the exception Oxigraph would have raised in memory, so messages read the same.

Terms in requests are written as in the SPARQL 1.1 (and 1.2) JSON results format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

KEY_HEADER = "X-Cyberkg-Graph"
STATE_PATH = "/state"
QUERY_PATH = "/query"
QUADS_PATH = "/quads"
SOLUTIONS_TYPE = "text/tab-separated-values"
BOOLEAN_TYPE = "application/sparql-results+json"
TRIPLES_TYPE = "application/n-triples"
QUADS_TYPE = "application/n-quads"
# The exceptions Oxigraph raises for a query, by name: raised again under the same name by the client.
ERROR_TYPES: dict[str, type[Exception]] = {
    "SyntaxError": SyntaxError,
    "ValueError": ValueError,
    "RuntimeError": RuntimeError,
    "OSError": OSError,
    "TypeError": TypeError,
}


def term_to_json(term: Any) -> dict[str, Any] | None:
    """An RDF term (or the default graph, or None) as a JSON object of the SPARQL results format."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        encoded: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
            if term.direction is not None:
                encoded["its:dir"] = term.direction.value
        else:
            encoded["datatype"] = term.datatype.value
        return encoded
    if isinstance(term, pyoxigraph.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_to_json(term.subject),
                "predicate": term_to_json(term.predicate),
                "object": term_to_json(term.object),
            },
        }
    if isinstance(term, pyoxigraph.DefaultGraph):
        return {"type": "default"}
    raise TypeError(f"not an RDF term: {term!r}")


def term_from_json(data: dict[str, Any] | None) -> Any:
    """The RDF term written by :func:`term_to_json` (ValueError or TypeError if it is none)."""
    import pyoxigraph

    if data is None:
        return None
    kind = data.get("type")
    if kind == "uri":
        return pyoxigraph.NamedNode(data["value"])
    if kind == "bnode":
        return pyoxigraph.BlankNode(data["value"])
    if kind == "literal":
        if "xml:lang" in data:
            direction = data.get("its:dir")
            return pyoxigraph.Literal(
                data["value"],
                language=data["xml:lang"],
                direction=None if direction is None else _direction(direction),
            )
        return pyoxigraph.Literal(data["value"], datatype=pyoxigraph.NamedNode(data["datatype"]))
    if kind == "triple":
        parts = data["value"]
        return pyoxigraph.Triple(
            term_from_json(parts["subject"]), term_from_json(parts["predicate"]), term_from_json(parts["object"])
        )
    if kind == "default":
        return pyoxigraph.DefaultGraph()
    raise ValueError(f"not an RDF term in the SPARQL JSON form: {data!r}")


def _direction(value: str) -> pyoxigraph.BaseDirection:
    import pyoxigraph

    return {"ltr": pyoxigraph.BaseDirection.LTR, "rtl": pyoxigraph.BaseDirection.RTL}[value]
