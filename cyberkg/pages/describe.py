"""What the graph says about one entity, read through a ``select`` callable (SPARQL text -> rows of terms).

The same code reads the embedded Oxigraph store (:func:`cyberkg.rdf.labels.store_select`) and, given a
``select`` over HTTP, a remote endpoint. An entity's description has:

- its labels (English and French), kinds and descriptions;
- its facts, one row per property, each value with the passages it was derived from: a value that is a
  node of its own without a label (a participation, a country involvement, a funding) is shown with its own
  facts and its own passages; any other value with the entity's passages; a fact that has claims
  (``ckg:Claim``) shows every claimed value with its qualifiers, rank and passage;
- the words as written (``ckg:dateAsWritten``, ``ckg:placeAsWritten``, ``ckg:outputsAsWritten``);
- the entities that point to it, a node without a label being shown through the labelled entity that holds
  it (an organisation's participation is shown as the event it took part in, with the role);
- the events linked to it in date order (directly, through such a node, or as their host country).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cyberkg.pages.addresses import has_page
from cyberkg.rdf.labels import Select, find_labels
from cyberkg.rdf.namespaces import (
    CKG,
    DCTERMS,
    ID,
    PROV_WAS_DERIVED_FROM,
    RDF_TYPE,
    RDFS,
    RDFS_LABEL,
    SKOS,
    SKOS_PREF_LABEL,
    WELL_KNOWN,
    XSD,
)

DESCRIPTION_PREDICATES = (DCTERMS + "description", SKOS + "definition", RDFS + "comment")
AS_WRITTEN_PREDICATES = (CKG + "dateAsWritten", CKG + "placeAsWritten", CKG + "outputsAsWritten")
CLAIM_ABOUT = CKG + "claimAbout"
# Shown in the heading of the page rather than among the facts.
HEADING_PREDICATES = frozenset({RDF_TYPE, RDFS_LABEL, PROV_WAS_DERIVED_FROM, *DESCRIPTION_PREDICATES})
# Properties that point to where a document can be read.
ADDRESS_PREDICATES = (DCTERMS + "source", CKG + "website", "https://schema.org/url", "http://xmlns.com/foaf/0.1/page")

# The sections facts fall into, in the order they are shown; a property not listed goes under "Other facts".
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "When and where",
        (
            "startDate",
            "endDate",
            "dateAsWritten",
            "place",
            "placeAsWritten",
            "status",
            "statusAsOf",
            "actionDate",
            "actionKind",
            "state",
            "inCountry",
            "openedForSignature",
            "placeOfSignature",
            "entryIntoForce",
        ),
    ),
    (
        "Who",
        ("participation", "meetingOf", "decidedBy", "carriedOutBy", "statedBy", "addressedTo", "implementedBy"),
    ),
    (
        "What",
        (
            "aim",
            "countryInvolvement",
            "discussesInstrument",
            "instrument",
            "topic",
            "produced",
            "presented",
            "servesOutput",
            "outputsAsWritten",
            "decisionKind",
            "decisionObject",
            "about",
        ),
    ),
)
OTHER_SECTION = "Other facts"


@dataclass(frozen=True)
class Term:
    """A value as shown: text, and the IRI it stands for (None for a literal)."""

    text: str
    iri: str | None = None
    language: str | None = None
    datatype: str | None = None  # the XSD local name of a typed literal other than a plain string

    @property
    def linked(self) -> bool:
        return self.iri is not None and has_page(self.iri)


@dataclass(frozen=True)
class Source:
    """A passage a fact was derived from: its page, document, place in the document and row text."""

    passage: Term
    document: Term | None
    location: str
    addresses: tuple[str, ...] = ()
    row_text: str | None = None


@dataclass(frozen=True)
class Part:
    """A value that is a node of its own without a label (a participation...): its facts and sources."""

    facts: tuple[tuple[Term, tuple[Term, ...]], ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Claim:
    """One value of a fact as one source states it (``ckg:Claim``)."""

    iri: str
    value: Term
    rank: Term | None
    qualifier: Term | None
    value_kind: Term | None
    as_of: Term | None
    as_written: str | None
    sources: tuple[Source, ...]
    direct: bool  # the value is also the direct triple of the fact


@dataclass(frozen=True)
class Value:
    term: Term
    part: Part | None = None


@dataclass(frozen=True)
class Fact:
    """One property of the entity with all its values, their sources, and the claims about it."""

    property: Term
    values: tuple[Value, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Incoming:
    """An entity that points to this one: through which property, and through which unlabelled node."""

    subject: Term
    property: Term
    via: Term | None = None  # the property of the unlabelled node that points here (ckg:agent, ckg:country)
    detail: tuple[Term, ...] = ()  # that node's other values worth showing (a role, a kind of involvement)


@dataclass(frozen=True)
class DatedEvent:
    event: Term
    start: Term | None
    how: tuple[str, ...]


@dataclass
class Entity:
    iri: str
    label: str
    labels_en: list[str] = field(default_factory=list)
    labels_fr: list[str] = field(default_factory=list)
    kinds: list[Term] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    as_written: list[tuple[Term, str]] = field(default_factory=list)
    sections: list[tuple[str, list[Fact]]] = field(default_factory=list)
    incoming: list[Incoming] = field(default_factory=list)
    events: list[DatedEvent] = field(default_factory=list)
    start: Term | None = None
    place: Term | None = None


def _iri(iri: str) -> str:
    """An IRI as SPARQL writes it; IRIs come from the graph or from :func:`has_page`, never raw user text."""
    if any(char in iri for char in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI to query: {iri!r}")
    return f"<{iri}>"


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def fallback_label(iri: str) -> str:
    """What to show for an IRI without a label: a vocabulary term's or entity's local name, else the IRI."""
    known = (ID, *WELL_KNOWN.values())
    return local_name(iri) if iri.startswith(known) and local_name(iri) else iri


def _rows(select: Select, text: str) -> list[Sequence[Any]]:
    return [tuple(row) for row in select(text)]


class Describer:
    """Describes entities of one graph; labels of properties and classes are cached across entities."""

    def __init__(self, select: Select) -> None:
        self.select = select
        self._labels: dict[str, str] = {}
        self._has_label: set[str] = set()

    # ---------------------------------------------------------------- terms and labels
    def labels(self, iris: Iterable[str]) -> None:
        missing = {iri for iri in iris if iri not in self._labels}
        if missing:
            found = find_labels(self.select, missing)
            self._has_label.update(found)
            for iri in missing:
                self._labels[iri] = found.get(iri) or fallback_label(iri)

    def term(self, node: Any) -> Term:
        kind = type(node).__name__
        if kind == "NamedNode":
            self.labels([node.value])
            return Term(self._labels[node.value], node.value)
        if kind == "BlankNode":
            return Term("(unnamed node)")
        datatype = node.datatype.value if node.datatype is not None else None
        shown = local_name(datatype) if datatype and datatype.startswith(XSD) and datatype != XSD + "string" else None
        if datatype and not datatype.startswith(XSD) and not node.language:
            shown = local_name(datatype)
        return Term(node.value, None, node.language, shown)

    # ---------------------------------------------------------------- sources
    def sources(self, passages: Iterable[str]) -> list[Source]:
        wanted = sorted(set(passages))
        if not wanted:
            return []
        values = " ".join(_iri(iri) for iri in wanted)
        addresses = " ".join(_iri(iri) for iri in ADDRESS_PREDICATES)
        rows = _rows(
            self.select,
            f"""SELECT ?passage ?document ?location ?section ?rowText ?address WHERE {{
              VALUES ?passage {{ {values} }}
              OPTIONAL {{ ?passage <{CKG}inDocument> ?document }}
              OPTIONAL {{ ?passage <{CKG}location> ?location }}
              OPTIONAL {{ ?passage <{CKG}section> ?section }}
              OPTIONAL {{ ?passage <{CKG}rowText> ?rowText }}
              OPTIONAL {{ VALUES ?addressPredicate {{ {addresses} }}
                         ?passage ?addressPredicate ?address FILTER(isIRI(?address)) }}
            }}""",
        )
        documents = sorted({row[1].value for row in rows if row[1] is not None})
        document_addresses: dict[str, set[str]] = {}
        if documents:
            listed = " ".join(_iri(iri) for iri in documents)
            for document, address in _rows(
                self.select,
                f"""SELECT ?document ?address WHERE {{ VALUES ?document {{ {listed} }}
                  VALUES ?addressPredicate {{ {addresses} }} ?document ?addressPredicate ?address
                  FILTER(isIRI(?address)) }}""",
            ):
                document_addresses.setdefault(document.value, set()).add(address.value)
        found: dict[str, dict[str, Any]] = {
            iri: {"document": None, "location": "", "row": None, "addresses": set()} for iri in wanted
        }
        for passage, document, location, section, row_text, address in rows:
            entry = found[passage.value]
            if document is not None:
                entry["document"] = document
            if location is not None or (section is not None and not entry["location"]):
                entry["location"] = (location or section).value
            if row_text is not None:
                entry["row"] = row_text.value
            if address is not None:
                entry["addresses"].add(address.value)
            if document is not None:
                entry["addresses"].update(document_addresses.get(document.value, ()))
        import pyoxigraph

        result = []
        for iri in wanted:
            entry = found[iri]
            passage = self.term(pyoxigraph.NamedNode(iri))
            document = self.term(entry["document"]) if entry["document"] is not None else None
            result.append(Source(passage, document, entry["location"], tuple(sorted(entry["addresses"])), entry["row"]))
        return result

    # ---------------------------------------------------------------- the entity
    def describe(self, iri: str) -> Entity | None:
        """The description of ``iri``, or None when the graph says nothing about it."""
        outgoing = _rows(self.select, f"SELECT ?p ?o WHERE {{ {_iri(iri)} ?p ?o }}")
        if not outgoing:
            return None
        self.labels([iri, *(p.value for p, _ in outgoing), *(o.value for _, o in outgoing if _is_named(o))])
        entity = Entity(iri, self._labels[iri])
        by_property: dict[str, list[Any]] = {}
        for predicate, node in outgoing:
            by_property.setdefault(predicate.value, []).append(node)
        for node in by_property.get(RDFS_LABEL, []):
            language = getattr(node, "language", None)
            if language == "fr":
                entity.labels_fr.append(node.value)
            elif language in ("en", None, ""):
                entity.labels_en.append(node.value)
        entity.labels_en.sort()
        entity.labels_fr.sort()
        entity.kinds = sorted((self.term(node) for node in by_property.get(RDF_TYPE, [])), key=_term_key)
        entity.descriptions = sorted(
            node.value for predicate in DESCRIPTION_PREDICATES for node in by_property.get(predicate, [])
        )
        own_passages = [node.value for node in by_property.get(PROV_WAS_DERIVED_FROM, []) if _is_named(node)]
        entity.sources = self.sources(own_passages)
        entity.as_written = [
            (self.term(_named(predicate)), node.value)
            for predicate in AS_WRITTEN_PREDICATES
            for node in sorted(by_property.get(predicate, []), key=lambda n: n.value)
        ]
        parts = self._parts(
            [
                node
                for predicate, nodes in by_property.items()
                if predicate not in HEADING_PREDICATES
                for node in nodes
                if _is_named(node) and has_page(node.value)
            ]
        )
        claims = self._claims(iri, {predicate: nodes for predicate, nodes in by_property.items()})
        facts = []
        for predicate in sorted(set(by_property) | set(claims)):
            if predicate in HEADING_PREDICATES:
                continue
            values = sorted(
                (
                    Value(self.term(node), parts.get(node.value) if _is_named(node) else None)
                    for node in by_property.get(predicate, [])
                ),
                key=lambda value: _term_key(value.term),
            )
            facts.append(
                Fact(
                    self.term(_named(predicate)), tuple(values), tuple(entity.sources), tuple(claims.get(predicate, ()))
                )
            )
        entity.sections = _sections(facts)
        entity.incoming = self._incoming(iri)
        entity.events = self._events(iri)
        starts = by_property.get(CKG + "startDate", [])
        entity.start = self.term(min(starts, key=lambda n: n.value)) if starts else None
        places = [node for node in by_property.get(CKG + "place", []) if _is_named(node)]
        entity.place = self.term(min(places, key=lambda n: n.value)) if places else None
        return entity

    def _parts(self, nodes: list[Any]) -> dict[str, Part]:
        """The values that are nodes of their own without a label, with their facts and sources."""
        self.labels(node.value for node in nodes)
        candidates = sorted({node.value for node in nodes if node.value not in self._has_label})
        if not candidates:
            return {}
        values = " ".join(_iri(iri) for iri in candidates)
        rows = _rows(self.select, f"SELECT ?part ?p ?o WHERE {{ VALUES ?part {{ {values} }} ?part ?p ?o }}")
        grouped: dict[str, dict[str, list[Any]]] = {}
        for part, predicate, node in rows:
            grouped.setdefault(part.value, {}).setdefault(predicate.value, []).append(node)
        result = {}
        for part, properties in grouped.items():
            passages = [node.value for node in properties.pop(PROV_WAS_DERIVED_FROM, []) if _is_named(node)]
            properties.pop(RDF_TYPE, None)
            facts = tuple(
                (
                    self.term(_named(predicate)),
                    tuple(sorted((self.term(node) for node in properties[predicate]), key=_term_key)),
                )
                for predicate in sorted(properties)
            )
            result[part] = Part(facts, tuple(self.sources(passages)))
        return result

    def _claims(self, iri: str, direct: dict[str, list[Any]]) -> dict[str, list[Claim]]:
        rows = _rows(
            self.select,
            f"""SELECT ?claim ?property ?value ?rank ?qualifier ?kind ?asOf ?asWritten ?source WHERE {{
              ?claim <{CLAIM_ABOUT}> {_iri(iri)} ; <{CKG}claimProperty> ?property ; <{CKG}claimValue> ?value .
              OPTIONAL {{ ?claim <{CKG}rank> ?rank }}
              OPTIONAL {{ ?claim <{CKG}valueQualifier> ?qualifier }}
              OPTIONAL {{ ?claim <{CKG}valueKind> ?kind }}
              OPTIONAL {{ ?claim <{CKG}asOf> ?asOf }}
              OPTIONAL {{ ?claim <{CKG}valueAsWritten> ?asWritten }}
              OPTIONAL {{ ?claim <{PROV_WAS_DERIVED_FROM}> ?source }}
            }}""",
        )
        gathered: dict[str, dict[str, Any]] = {}
        for claim, predicate, value, rank, qualifier, kind, as_of, as_written, source in rows:
            entry = gathered.setdefault(
                claim.value,
                {
                    "property": predicate.value,
                    "value": value,
                    "rank": rank,
                    "qualifier": qualifier,
                    "kind": kind,
                    "as_of": as_of,
                    "as_written": as_written,
                    "sources": set(),
                },
            )
            if source is not None and _is_named(source):
                entry["sources"].add(source.value)
        claims: dict[str, list[Claim]] = {}
        for claim_iri, entry in gathered.items():
            direct_values = {(type(node).__name__, str(node)) for node in direct.get(entry["property"], [])}
            value = entry["value"]
            claims.setdefault(entry["property"], []).append(
                Claim(
                    claim_iri,
                    self.term(value),
                    self._optional(entry["rank"]),
                    self._optional(entry["qualifier"]),
                    self._optional(entry["kind"]),
                    self._optional(entry["as_of"]),
                    entry["as_written"].value if entry["as_written"] is not None else None,
                    tuple(self.sources(entry["sources"])),
                    (type(value).__name__, str(value)) in direct_values,
                )
            )
        for found in claims.values():
            found.sort(key=lambda claim: (_rank_order(claim.rank), _term_key(claim.value), claim.iri))
        return claims

    def _optional(self, node: Any) -> Term | None:
        return None if node is None else self.term(node)

    def _incoming(self, iri: str) -> list[Incoming]:
        rows = _rows(
            self.select,
            f"""SELECT ?subject ?p ?holder ?q ?detail WHERE {{
              ?subject ?p {_iri(iri)} FILTER(?p != <{CLAIM_ABOUT}>)
              OPTIONAL {{
                FILTER NOT EXISTS {{ ?subject <{RDFS_LABEL}>|<{SKOS_PREF_LABEL}> ?anyLabel }}
                ?holder ?q ?subject .
                OPTIONAL {{ ?subject ?detailProperty ?detail
                            FILTER(?detailProperty IN (<{CKG}role>, <{CKG}involvementKind>, <{CKG}instrument>))
                            FILTER(?detail != {_iri(iri)}) }}
              }}
            }}""",
        )
        gathered: dict[tuple[str, str, str | None, str], set[str]] = {}
        for subject, predicate, holder, holder_predicate, detail in rows:
            if holder is not None and _is_named(holder):
                key = (holder.value, holder_predicate.value, predicate.value, subject.value)
            else:
                key = (subject.value, predicate.value, None, subject.value)
            details = gathered.setdefault(key, set())
            if holder is not None and detail is not None and _is_named(detail):
                details.add(detail.value)
        import pyoxigraph

        result = []
        for (subject, predicate, via, _node), details in gathered.items():
            result.append(
                Incoming(
                    self.term(pyoxigraph.NamedNode(subject)),
                    self.term(pyoxigraph.NamedNode(predicate)),
                    self.term(pyoxigraph.NamedNode(via)) if via else None,
                    tuple(sorted((self.term(pyoxigraph.NamedNode(d)) for d in details), key=_term_key)),
                )
            )
        result.sort(
            key=lambda item: (
                item.property.text,
                item.via.text if item.via else "",
                _term_key(item.subject),
                [_term_key(detail) for detail in item.detail],
            )
        )
        return result

    def _events(self, iri: str) -> list[DatedEvent]:
        """Events linked to the entity directly, through an unlabelled node, or as their host country."""
        rows = _rows(
            self.select,
            f"""SELECT DISTINCT ?event ?start ?how WHERE {{
              ?event a/<{RDFS}subClassOf>* <{CKG}Event> .
              FILTER(?event != {_iri(iri)})
              {{ ?event ?how {_iri(iri)} }}
              UNION {{ ?event ?how ?node . ?node ?q {_iri(iri)} .
                       FILTER NOT EXISTS {{ ?node <{RDFS_LABEL}>|<{SKOS_PREF_LABEL}> ?anyLabel }}
                       FILTER(isIRI(?node)) }}
              UNION {{ ?event <{CKG}place> ?city . ?city <{CKG}inCountry> {_iri(iri)} BIND(<{CKG}inCountry> AS ?how) }}
              OPTIONAL {{ ?event <{CKG}startDate> ?start }}
            }}""",
        )
        gathered: dict[str, dict[str, Any]] = {}
        for event, start, how in rows:
            entry = gathered.setdefault(event.value, {"event": event, "start": start, "how": set()})
            if start is not None and (entry["start"] is None or start.value < entry["start"].value):
                entry["start"] = start
            entry["how"].add(how.value)
        self.labels(how for entry in gathered.values() for how in entry["how"])
        result = [
            DatedEvent(
                self.term(entry["event"]),
                self._optional(entry["start"]),
                tuple(sorted(self._labels[how] if how != CKG + "inCountry" else "held in" for how in entry["how"])),
            )
            for entry in gathered.values()
        ]
        result.sort(key=lambda item: (item.start is None, item.start.text if item.start else "", _term_key(item.event)))
        return result


def _is_named(node: Any) -> bool:
    return type(node).__name__ == "NamedNode"


def _named(iri: str) -> Any:
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def _term_key(term: Term) -> tuple[str, str]:
    return (term.text.casefold(), term.iri or "")


def _rank_order(rank: Term | None) -> int:
    order = {CKG + "PreferredRank": 0, CKG + "NormalRank": 1, CKG + "DeprecatedRank": 2}
    return order.get(rank.iri or "", 3) if rank is not None else 3


def _sections(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    placed: dict[str, list[Fact]] = {}
    positions = {
        CKG + name: (index, position)
        for index, (_, names) in enumerate(SECTIONS)
        for position, name in enumerate(names)
    }
    for fact in facts:
        iri = fact.property.iri or ""
        section = SECTIONS[positions[iri][0]][0] if iri in positions else OTHER_SECTION
        placed.setdefault(section, []).append(fact)
    ordered = []
    for title in [title for title, _ in SECTIONS] + [OTHER_SECTION]:
        if title in placed:
            placed[title].sort(
                key=lambda fact: (positions.get(fact.property.iri or "", (0, 999))[1], fact.property.text.casefold())
            )
            ordered.append((title, placed[title]))
    return ordered
