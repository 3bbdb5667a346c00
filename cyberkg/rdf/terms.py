"""Terms: Oxigraph to rdflib and back, and the text of a literal in Turtle and N-Triples."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cyberkg.rdf.namespaces import XSD_STRING

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def to_rdflib(term: Any) -> rdflib.term.Identifier:
    """The rdflib term of an Oxigraph NamedNode, BlankNode or Literal (lexical form kept as written)."""
    import pyoxigraph
    import rdflib

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))


def to_oxigraph(term: Any) -> Any:
    """The Oxigraph term of an rdflib URIRef, BNode or Literal."""
    import pyoxigraph
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


def n3_to_rdflib(text: str) -> rdflib.term.Node:
    """The rdflib term written ``text`` in N-Triples (``<iri>``, ``_:b``, a literal), as results carry them."""
    from rdflib.term import Node
    from rdflib.util import from_n3

    term = from_n3(text)
    if not isinstance(term, Node):
        raise ValueError(f"not an RDF term in N-Triples: {text!r}")
    return term


def quoted(text: str) -> str:
    """A string as a Turtle/N-Triples quoted literal, escaped."""
    return '"' + "".join(_ESCAPES.get(char, char) for char in text) + '"'


def is_iri(term: Any) -> bool:
    """True for an IRI term of either library (Oxigraph NamedNode, rdflib URIRef)."""
    return type(term).__name__ in ("NamedNode", "URIRef")
