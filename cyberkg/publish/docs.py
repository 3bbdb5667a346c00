"""HTML documentation of the ontology: pyLODE's page, plus example instances from the graph.

pyLODE (OntPub profile) documents every class and property of
``ontology/cyberkg.ttl`` with its label, definition, domain, range and place
in the hierarchy. It cannot show how the terms are used, so each entry gets
one more row, drawn from the merged graph:

- a class: how many resources are its instances (directly or through a
  subclass) and the first few of them, by IRI;
- a property: how many statements use it and the first few of them, by
  subject and object.

pyLODE lists a property that is also an ``owl:FunctionalProperty`` twice, in
two sections with the same HTML ids; the page is built without that extra
typing, and each such property says "functional" in a row of its own instead.

The page is self-contained (its CSS is inline, its icons are ``data:`` IRIs,
it has no scripts but a JSON-LD block) and has no timestamp, so the same
sources give the same bytes. The page names the pyLODE version that made it:
a newer pyLODE gives a different page, and ``cyberkg build --check`` reports
it as stale.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberkg.publish.serialise import release_prefixes
from cyberkg.rdf.labels import graph_label
from cyberkg.rdf.literals import in_term_order
from cyberkg.rdf.namespaces import RDFS_LABEL

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

EXAMPLES_PER_TERM = 5
OWL_NS = "http://www.w3.org/2002/07/owl#"
TERM_TYPES = (f"{OWL_NS}Class", f"{OWL_NS}ObjectProperty", f"{OWL_NS}DatatypeProperty", f"{OWL_NS}AnnotationProperty")


@dataclass(frozen=True)
class TermUse:
    """How a class or property is used in the graph: a count and the first few examples."""

    count: int
    examples: list[tuple[Any, ...]]


def documented_terms(ontology: rdflib.Graph) -> list[rdflib.URIRef]:
    """The classes and properties the documentation has one entry each for, sorted by IRI."""
    from rdflib import RDF, URIRef

    return sorted(
        {term for kind in TERM_TYPES for term in ontology.subjects(RDF.type, URIRef(kind)) if isinstance(term, URIRef)}
    )


def class_instances(graph: rdflib.Graph, cls: rdflib.URIRef, limit: int = EXAMPLES_PER_TERM) -> TermUse:
    """The instances of ``cls`` in the graph, direct or through subclasses: how many, and the first by IRI."""
    from rdflib import RDF, RDFS
    from rdflib.term import Identifier

    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    instances = sorted(
        {
            instance
            for kind in classes
            for instance in graph.subjects(RDF.type, kind)
            if isinstance(instance, Identifier)
        }
    )
    return TermUse(len(instances), [(instance,) for instance in instances[:limit]])


def property_uses(graph: rdflib.Graph, prop: rdflib.URIRef, limit: int = EXAMPLES_PER_TERM) -> TermUse:
    """The statements that use ``prop`` in the graph: how many, and the first by subject and object."""
    statements = in_term_order(graph.subject_objects(prop))
    return TermUse(len(statements), statements[:limit])


def ontology_documentation(ontology: rdflib.Graph, graph: rdflib.Graph, version: str) -> bytes:
    """The HTML page documenting ``ontology``, with example instances drawn from ``graph``."""
    from rdflib import OWL, RDF, URIRef

    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    shown = _copy(ontology)
    shown.remove((None, RDF.type, OWL.FunctionalProperty))
    page = _ontpub_page(shown)
    page.make_html()  # builds page.doc; rendered again below once the rows are added
    _stamp_release(page, version)
    labels = _Labels(graph)
    for entity in _entities(page.doc):
        iri = _entity_iri(entity)
        term = URIRef(iri)
        is_class = (term, RDF.type, OWL.Class) in ontology
        table_tag = entity.get("table")[0]
        if term in functional:
            table_tag.add(
                _row("Characteristics", _paragraph("functional: a resource has at most one value of this property"))
            )
        if is_class:
            table_tag.add(_row("Example instances", _class_cell(class_instances(graph, term), labels)))
        else:
            table_tag.add(_row("Example uses", _property_cell(property_uses(graph, term), labels)))
    return page.doc.render().encode("utf-8")


# --- pyLODE ---------------------------------------------------------------------------------------


def _ontpub_page(shown: rdflib.Graph) -> Any:
    """pyLODE's page object for ``shown``, made safely when several builds start at once.

    On first use pyLODE writes a cache of its background ontologies (``refs.pickle``) into its own package
    folder, without care for a second process doing the same: two builds at once on a fresh installation
    can leave a torn file that every later build fails to read. The page is made under a lock shared by the
    processes of this machine, and a cache that does not read back is removed and made again, once.
    """
    import fcntl
    import pickle
    import tempfile

    ontpub = _import_ontpub()
    with open(Path(tempfile.gettempdir()) / "cyberkg-pylode.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return ontpub(shown, sort_subjects=True)
        except (pickle.UnpicklingError, EOFError):
            import pylode

            for cache in (Path(pylode.__file__).parent / "rdf").glob("*.pickle"):
                cache.unlink(missing_ok=True)
            return ontpub(shown, sort_subjects=True)


def _import_ontpub() -> Any:
    """Import pyLODE's OntPub without the root logging set-up that pyLODE does on import."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        from pylode.profiles.ontpub import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    import rdflib

    copy = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in {**release_prefixes(), **dict(graph.namespaces())}.items():
        copy.bind(prefix, namespace, override=False)
    for triple in in_term_order(graph):
        copy.add(triple)
    return copy


def _entities(document: Any) -> list[Any]:
    from dominate.tags import div

    return [element for element in document.get(div) if element.attributes.get("class") == "property entity"]


def _entity_iri(entity: Any) -> str:
    code = entity.get("code")[0]
    return "".join(str(child) for child in code.children)


def _stamp_release(page: Any, version: str) -> None:
    """Add the release version to the metadata block."""
    from dominate.tags import dd, div, dl, dt, strong

    metadata = [element for element in page.doc.get(div) if element.attributes.get("id") == "metadata"][0]
    block = metadata.get(dl)[0]
    block.add(
        div(
            dt(strong("Release")),
            dd(f"cyberkg {version}: this page documents the ontology as released with the graph of this version"),
        )
    )


# --- the rows added to each entry ---------------------------------------------------------------


class _Labels:
    """Display names of resources: English label, else any label, else prefixed name, else IRI."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self.prefixes = sorted(release_prefixes().items(), key=lambda item: -len(item[1]))

    def label(self, resource: Any) -> str:
        return graph_label(self.graph, resource, (RDFS_LABEL,)) or self.short(resource)

    def short(self, resource: Any) -> str:
        text = str(resource)
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return text


def _row(heading: str, cell: Any) -> Any:
    from dominate.tags import td, th, tr

    return tr(th(heading), td(cell))


def _paragraph(text: str) -> Any:
    from dominate.tags import p

    return p(text)


def _resource(resource: Any, labels: _Labels) -> Any:
    from dominate.tags import a, code, span
    from rdflib import Literal

    if isinstance(resource, Literal):
        suffix = (
            f"@{resource.language}"
            if resource.language
            else (f"^^{labels.short(resource.datatype)}" if resource.datatype else "")
        )
        return code(f'"{resource}"{suffix}')
    label, short = labels.label(resource), labels.short(resource)
    if label == short:
        return a(code(short), href=str(resource))
    return span(a(label, href=str(resource)), " ", code(short))


def _class_cell(use: TermUse, labels: _Labels) -> Any:
    from dominate.tags import div, li, ul

    if use.count == 0:
        return _paragraph("None in this release of the graph.")
    noun = "instance" if use.count == 1 else "instances"
    shown = f"; the first {len(use.examples)} by IRI" if use.count > len(use.examples) else ""
    return div(
        _paragraph(f"{use.count} {noun} in the graph, counting those of subclasses{shown}:"),
        ul(*(li(_resource(instance, labels)) for (instance,) in use.examples)),
    )


def _property_cell(use: TermUse, labels: _Labels) -> Any:
    from dominate.tags import div, li, ul

    if use.count == 0:
        return _paragraph("Not used in this release of the graph.")
    noun = "statement" if use.count == 1 else "statements"
    shown = f"; the first {len(use.examples)} by subject and value" if use.count > len(use.examples) else ""
    return div(
        _paragraph(f"{use.count} {noun} in the graph{shown}:"),
        ul(*(li(_resource(subject, labels), " \u2192 ", _resource(value, labels)) for subject, value in use.examples)),
    )
