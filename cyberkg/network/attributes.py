"""Node attributes of a network, looked up in the store.

Every node has ``iri``, ``label`` (the English ``rdfs:label``, else an untagged one,
else any), ``short_label`` (``ckg:shortName``, or for an event its start and city,
for an output "Output N"), ``kind`` (organisation, stakeholder group, event, country,
instrument, output: the colour in drawings) and ``type`` (the labels of its most
specific classes, joined with ", "). Where the graph cites passages for it, a node
also has ``source_rows`` (their ``ckg:location``, joined with " | ") and
``source_count``. Events also have ``start`` and ``end`` (as stored: a day, a month or
a year), ``date`` (``start/end``, or one date when they are equal),
``date_as_written``, ``place`` (the city's label) and ``status`` (held, planned).
Countries have ``code`` (ISO 3166-1 alpha-2); outputs have ``number``.

Every value is a string or an integer, never a list, so that GraphML and GEXF
carry typed attributes that Gephi and Cytoscape read as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from cyberkg.rdf.labels import prefer_english
from cyberkg.rdf.namespaces import CKG, PROV_WAS_DERIVED_FROM, RDF_TYPE, RDFS, RDFS_LABEL, SKOS_PREF_LABEL
from cyberkg.rdf.results import select_solutions

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

LIST_SEPARATOR = " | "
PROV_DERIVED = PROV_WAS_DERIVED_FROM
SHORT_LABEL_LENGTH = 36

_CLASSES_QUERY = f"""PREFIX rdfs: <{RDFS}>
SELECT ?class ?ancestor WHERE {{ ?class rdfs:subClassOf+ ?ancestor }}
"""

_OBJECT_LABELS = (RDFS_LABEL, SKOS_PREF_LABEL, CKG + "location")

_PREDICATES = {
    RDFS_LABEL: "label",
    CKG + "shortName": "shortName",
    RDF_TYPE: "type",
    CKG + "startDate": "start",
    CKG + "endDate": "end",
    CKG + "dateAsWritten": "date_as_written",
    CKG + "place": "place",
    CKG + "status": "status",
    PROV_DERIVED: "sources",
    CKG + "alpha2": "code",
    CKG + "outputNumber": "number",
}


class _Value:
    """One object of a fact: its lexical value, language, and the label of the thing it names."""

    __slots__ = ("value", "language", "labels")

    def __init__(self, value: str, language: str | None) -> None:
        self.value = value
        self.language = language
        self.labels: list[tuple[str, str | None]] = []


def node_attributes(store: pyoxigraph.Store, kinds: Mapping[str, str]) -> dict[str, dict[str, str | int]]:
    """The attributes of each node IRI in ``kinds`` (IRI -> kind of node), with distinct short labels."""
    facts = _facts(store, list(kinds))
    ancestors = _class_ancestors(store)
    class_labels = _labels_of_classes(facts)
    attributes = {
        iri: _attributes(iri, kind, facts.get(iri, {}), ancestors, class_labels) for iri, kind in kinds.items()
    }
    distinguish_short_labels(attributes)
    return attributes


def distinguish_short_labels(attributes: Mapping[str, dict[str, str | int]]) -> None:
    """Make the short labels that several nodes share distinct, in place.

    Two events of one day in one city ("2009-09-21 Strasbourg": a meeting and the decision taken at
    it) get a short form of their titles after the date and place; if that is not enough, their types.
    """
    for extra in (_title_part, _type_part):
        by_label: dict[str, list[str]] = defaultdict(list)
        for iri, node in attributes.items():
            by_label[str(node["short_label"])].append(iri)
        for label, iris in by_label.items():
            if len(iris) < 2:
                continue
            for iri in iris:
                attributes[iri]["short_label"] = f"{label} · {extra(attributes[iri])}"


def _title_part(node: Mapping[str, str | int]) -> str:
    return _shorten(str(node["label"]), 28)


def _type_part(node: Mapping[str, str | int]) -> str:
    return str(node.get("type") or node["iri"]).rsplit("/", 1)[-1]


def _facts(store: pyoxigraph.Store, iris: list[str]) -> dict[str, dict[str, dict[str, _Value]]]:
    """node -> attribute name -> object value -> _Value (with the labels of that object).

    Read with the store's pattern API, one subject at a time: on a large store this is
    much faster than a SPARQL query with a long VALUES list.
    """
    import pyoxigraph

    label_predicates = [pyoxigraph.NamedNode(iri) for iri in _OBJECT_LABELS]
    object_labels: dict[str, list[tuple[str, str | None]]] = {}

    def labels_of(term: pyoxigraph.NamedNode) -> list[tuple[str, str | None]]:
        if term.value not in object_labels:
            object_labels[term.value] = [
                (quad.object.value, getattr(quad.object, "language", None))
                for predicate in label_predicates
                for quad in store.quads_for_pattern(term, predicate, None)
                if not isinstance(quad.object, pyoxigraph.Triple)
            ]
        return object_labels[term.value]

    facts: dict[str, dict[str, dict[str, _Value]]] = defaultdict(lambda: defaultdict(dict))
    for iri in iris:
        for quad in store.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None):
            name = _PREDICATES.get(quad.predicate.value)
            if name is None:
                continue
            term = quad.object
            if isinstance(term, pyoxigraph.Triple):
                continue
            entry = facts[iri][name].setdefault(term.value, _Value(term.value, getattr(term, "language", None)))
            if isinstance(term, pyoxigraph.NamedNode) and not entry.labels:
                entry.labels.extend(labels_of(term))
    return facts


def _class_ancestors(store: pyoxigraph.Store) -> dict[str, set[str]]:
    ancestors: dict[str, set[str]] = defaultdict(set)
    for solution in select_solutions(store, _CLASSES_QUERY):
        ancestors[solution["class"].value].add(solution["ancestor"].value)
    return ancestors


def _labels_of_classes(facts: Mapping[str, Mapping[str, Mapping[str, _Value]]]) -> dict[str, str]:
    labels = {}
    for node_facts in facts.values():
        for value in node_facts.get("type", {}).values():
            if value.labels:
                labels[value.value] = prefer_english(value.labels)
    return labels


def _attributes(
    iri: str,
    kind: str,
    facts: Mapping[str, Mapping[str, _Value]],
    ancestors: Mapping[str, set[str]],
    class_labels: Mapping[str, str],
) -> dict[str, str | int]:
    def text(name: str) -> str | None:
        values = facts.get(name, {})
        return prefer_english((v.value, v.language) for v in values.values()) if values else None

    def label_of(name: str) -> str | None:
        labels = [label for value in facts.get(name, {}).values() for label in value.labels]
        return prefer_english(labels) if labels else None

    types = set(facts.get("type", {}))
    specific = sorted(
        {
            class_labels.get(t, t.rsplit("#", 1)[-1])
            for t in types
            if t.startswith(CKG) and not any(t in ancestors.get(u, ()) for u in types if u != t)
        }
    )
    if kind == "organisation" and any(t == CKG + "StakeholderGroup" for t in types):
        kind = "stakeholder group"
    label = text("label") or iri.rsplit("/", 1)[-1]
    attributes: dict[str, str | int] = {"iri": iri, "label": label, "kind": kind, "type": ", ".join(specific)}
    sources = sorted({location for value in facts.get("sources", {}).values() for location, _ in value.labels})
    if sources:
        attributes["source_rows"] = LIST_SEPARATOR.join(sources)
        attributes["source_count"] = len(sources)
    short = text("shortName")
    if kind == "event":
        short = _event_attributes(attributes, text, label_of) or short
    elif kind == "country" and text("code"):
        attributes["code"] = text("code") or ""
    elif kind == "output" and text("number"):
        attributes["number"] = int(text("number") or 0)
        short = short or f"Output {attributes['number']}"
    attributes["short_label"] = short or _shorten(label)
    return attributes


def _event_attributes(
    attributes: dict[str, str | int], text: Callable[[str], str | None], label_of: Callable[[str], str | None]
) -> str:
    """Add the event's date, place and status; return its short label (start and city)."""
    start, end = text("start"), text("end")
    if start:
        attributes["start"] = start
        attributes["end"] = end or start
        attributes["date"] = start if (end or start) == start else f"{start}/{end}"
    for name in ("date_as_written",):
        if text(name):
            attributes[name] = text(name) or ""
    place, status = label_of("place"), label_of("status")
    if place:
        attributes["place"] = place
    if status:
        attributes["status"] = status
    label = str(attributes["label"])
    where = place or _shorten(label, 24)
    return f"{start} {where}" if start else _shorten(label)


def _shorten(text: str, length: int = SHORT_LABEL_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
