"""Every value of every fact that has claims, grouped by fact, and the facts whose sources disagree.

The values come from the named query ``fact-values`` (queries/fact-values.rq), run through a
``select`` function, so the same code serves the embedded store and a remote endpoint. A fact is
one thing, one property (the forms of a figure, such as "more than 280" and "almost 280", are one
fact), one value kind (planned or actual) and one "as of" date: values of different kinds or
dates do not disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from cyberkg.claims.comparing import Relation, Value, relate
from cyberkg.query.library import LibraryQuery, QueryResult, bindings
from cyberkg.rdf.namespaces import CKG

DIRECT = "direct, no claim"

Select = Callable[[str, Mapping[str, Any]], QueryResult]


@dataclass(frozen=True)
class StatedValue:
    """One value of a fact as one source (or, for a direct value, the thing's own sources) gives it."""

    property_iri: str
    value: Any
    qualifier: str | None
    rank: str
    as_written: str | None
    claim: str | None
    sources: tuple[str, ...]

    @property
    def comparable(self) -> Value:
        datatype = getattr(getattr(self.value, "datatype", None), "value", None)
        return Value(text=self.value.value, datatype=datatype, qualifier=_local(self.qualifier))


@dataclass(frozen=True)
class FactValues:
    """The values of one fact: a thing, a fact (property or figure), a kind and an "as of" date."""

    thing: str
    thing_label: str | None
    fact: str
    kind: str | None
    as_of: str | None
    values: tuple[StatedValue, ...]

    def relations(self) -> list[tuple[StatedValue, StatedValue, Relation]]:
        """Each pair of distinct values with how the second stands to the first."""
        return [(a, b, relate(a.comparable, b.comparable)) for a, b in combinations(self.values, 2)]

    @property
    def conflicts(self) -> bool:
        return any(relation is Relation.CONFLICTS for _, _, relation in self.relations())

    @property
    def preferred(self) -> StatedValue | None:
        return next((value for value in self.values if value.rank == CKG + "PreferredRank"), None)


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


def _text(term: Any) -> str | None:
    return None if term is None else str(term.value)


def fact_values(
    query: LibraryQuery, select: Select, thing: str | None = None, property: str | None = None
) -> list[FactValues]:
    """The values of every fact that has claims (optionally of one thing or property), grouped by fact."""
    params = {name: value for name, value in (("thing", thing), ("property", property)) if value}
    result = select(query.text, bindings(query, params))
    index = {name: position for position, name in enumerate(result.columns)}
    groups: dict[tuple[Any, ...], dict[tuple[Any, ...], dict[str, Any]]] = {}
    labels: dict[str, str | None] = {}
    for row in result.rows:

        def cell(name: str, row: tuple[Any, ...] = row) -> Any:
            return row[index[name]]

        thing_iri = cell("thing").value
        labels[thing_iri] = _text(cell("thingLabel"))
        key = (thing_iri, cell("fact").value, _text(cell("kind")), _text(cell("asOf")))
        value_key = (
            cell("property").value,
            cell("value"),
            _text(cell("qualifier")),
            cell("rank").value,
            _text(cell("claim")),
        )
        entry = groups.setdefault(key, {}).setdefault(
            value_key, {"as_written": _text(cell("asWritten")), "sources": set()}
        )
        entry["sources"].add(
            _source_text(_text(cell("documentLabel")), _text(cell("location")), _text(cell("document")))
        )
    return [
        FactValues(
            thing=thing_iri,
            thing_label=labels[thing_iri],
            fact=fact,
            kind=kind,
            as_of=as_of,
            values=tuple(
                StatedValue(prop, value, qualifier, rank, entry["as_written"], claim, tuple(sorted(entry["sources"])))
                for (prop, value, qualifier, rank, claim), entry in values.items()
            ),
        )
        for (thing_iri, fact, kind, as_of), values in groups.items()
    ]


def _source_text(document_label: str | None, location: str | None, document: str | None) -> str:
    name = document_label or document or "?"
    return f"{name}: {location}" if location else name


def disagreeing_facts(facts: list[FactValues]) -> list[FactValues]:
    """The facts two of whose values cannot both be true, in the order given."""
    return [fact for fact in facts if fact.conflicts]


def fact_summary(fact: FactValues, label: Callable[[str], str]) -> list[str]:
    """A fact and its values side by side, as lines of text: each value with qualifier, rank and sources.

    ``label`` names an IRI for people (such as cyberkg.rdf.labels' labeler).
    """
    heading = f"{fact.thing_label or fact.thing}: {label(fact.fact)}"
    extras = [
        text
        for text in (label(fact.kind) if fact.kind else None, f"as of {fact.as_of}" if fact.as_of else None)
        if text
    ]
    lines = [heading + (f" ({', '.join(extras)})" if extras else "")]
    for value in fact.values:
        stated = value.as_written or _stated(value, label)
        rank = label(value.rank) if value.rank.startswith("http") else value.rank
        lines.append(f"  {stated} [{rank}]")
        lines.extend(f"      source: {source}" for source in value.sources)
    for first, second, relation in fact.relations():
        if relation is Relation.CONFLICTS:
            lines.append(f"  conflict: {_stated(first, label)} / {_stated(second, label)}")
    return lines


def _stated(value: StatedValue, label: Callable[[str], str]) -> str:
    qualifier = f"{label(value.qualifier)} " if value.qualifier else ""
    return f"{qualifier}{value.value.value}"
