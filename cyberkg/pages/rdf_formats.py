"""An entity's triples (every triple whose subject it is) in Turtle, N-Triples and JSON-LD, and which of
them, or the HTML page, a request asks for: by a file extension, else by its Accept header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cyberkg.rdf.labels import Select
from cyberkg.rdf.namespaces import PREFIXES, WELL_KNOWN


@dataclass(frozen=True)
class Format:
    extension: str
    media_type: str
    oxigraph_name: str | None  # the name of the pyoxigraph RdfFormat; None for the HTML page


HTML = Format("html", "text/html", None)
TURTLE = Format("ttl", "text/turtle", "TURTLE")
NTRIPLES = Format("nt", "application/n-triples", "N_TRIPLES")
JSON_LD = Format("jsonld", "application/ld+json", "JSON_LD")
FORMATS = (HTML, TURTLE, NTRIPLES, JSON_LD)
RDF_FORMATS = (TURTLE, NTRIPLES, JSON_LD)
BY_EXTENSION = {item.extension: item for item in FORMATS}
# Media types clients send that mean one of ours.
ALIASES = {"application/xhtml+xml": HTML, "application/x-turtle": TURTLE, "text/plain": NTRIPLES}


def charset_media_type(item: Format) -> str:
    return f"{item.media_type}; charset=utf-8"


def negotiate(accept: str | None) -> Format | None:
    """The format an Accept header prefers among ours (HTML when absent or ``*/*``); None if none fits."""
    if not accept or not accept.strip():
        return HTML
    choices: list[tuple[float, int, Format]] = []
    for position, item in enumerate(accept.split(",")):
        fields = [field.strip() for field in item.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        matched = [f for f in FORMATS if f.media_type == media] or ([ALIASES[media]] if media in ALIASES else [])
        if not matched and media in ("*/*", "text/*"):
            matched = [HTML]
        if not matched and media == "application/*":
            matched = [JSON_LD]
        for found in matched:
            # Equal qualities: the order the client wrote them in.
            choices.append((-quality, position, found))
    return min(choices, key=lambda choice: (choice[0], choice[1]))[2] if choices else None


def subject_triples(select: Select, iri: str) -> list[Any]:
    """Every triple whose subject is ``iri``, sorted, as pyoxigraph triples."""
    import pyoxigraph

    subject = pyoxigraph.NamedNode(iri)
    rows = [tuple(row) for row in select(f"SELECT ?p ?o WHERE {{ {subject} ?p ?o }}")]
    triples = [pyoxigraph.Triple(subject, predicate, node) for predicate, node in rows]
    return sorted(triples, key=str)


def serialise(triples: list[Any], item: Format) -> bytes:
    """The triples in one of the RDF formats, the project's prefixes declared in Turtle."""
    import pyoxigraph

    if item.oxigraph_name is None:
        raise ValueError("HTML is rendered by cyberkg.pages.render, not serialised")
    rdf_format = getattr(pyoxigraph.RdfFormat, item.oxigraph_name)
    prefixes = {**WELL_KNOWN, **PREFIXES} if item is TURTLE else None
    used = {
        name: namespace for name, namespace in (prefixes or {}).items() if any(namespace in str(t) for t in triples)
    }
    data = pyoxigraph.serialize(triples, format=rdf_format, prefixes=used) if item is TURTLE else None
    if data is None:
        data = pyoxigraph.serialize(triples, format=rdf_format)
    if data is None:  # pyoxigraph returns bytes when no output is given
        raise ValueError(f"{item.oxigraph_name}: the serialiser wrote nothing")
    return data if data.endswith(b"\n") else data + b"\n"
