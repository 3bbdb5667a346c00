"""Comparing a draft with the curated graph: which rows are new, and where dates, place, outputs, status
or kind differ.

A draft event is matched to the curated event that cites the same source passage and is listed as an
activity of a project (the row's own activity, not a meeting or statement it mentions); failing that, to
the curated event with the same IRI (the same event, reported earlier by another update).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.claims.comparing import Relation, Value, relate
from cyberkg.rdf.namespaces import CKG
from cyberkg.reader.dates import PartialDate
from cyberkg.reader.draft import Draft, DraftEvent
from cyberkg.reader.iris import city_iri

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"
SAME = "same"
DIFFERS = "differs"
MORE_PRECISE_IN_CURATED = "more precise in curated graph"
# A date from the new report that makes the graph's finer, or that cannot be true with it (docs/model.md):
# either goes in as a claim beside the graph's value, with the report's row as its source.
REFINES = "refines"
CONFLICTS = "conflicts"
PROV = "http://www.w3.org/ns/prov#"


@dataclass(frozen=True)
class FieldComparison:
    field: str
    draft: str
    curated: str
    verdict: str  # SAME, DIFFERS or MORE_PRECISE_IN_CURATED


@dataclass(frozen=True)
class EventComparison:
    """One draft event against its curated counterpart (None when the row is new)."""

    passage: str
    draft_event: str
    curated_event: str | None
    matched_by: str | None  # "passage", "event IRI" or None
    fields: tuple[FieldComparison, ...] = ()
    curated_sources: tuple[str, ...] = ()  # the passages the curated event cites

    @property
    def is_new(self) -> bool:
        return self.curated_event is None

    @property
    def differences(self) -> tuple[FieldComparison, ...]:
        return tuple(field for field in self.fields if field.verdict != SAME)


def compare_with_curated(draft: Draft, store: pyoxigraph.Store) -> list[EventComparison]:
    """Compare every event of the draft, in row order, with the curated graph in ``store``."""
    return [_compare(event, store) for event in draft.events]


def diff_report_lines(comparisons: Sequence[EventComparison]) -> list[str]:
    """The diff report (``read-report --diff``): one line per new row, one per differing field, then a summary."""
    lines: list[str] = []
    new = differing = 0
    for comparison in comparisons:
        passage = comparison.passage.rsplit("/", 1)[-1]
        if comparison.is_new:
            new += 1
            lines.append(f"new: {passage}: {comparison.draft_event}")
            continue
        if comparison.differences:
            differing += 1
        for field in comparison.differences:
            line = (
                f"{field.verdict}: {passage}: {field.field}: draft {field.draft}; "
                f"curated {field.curated} ({comparison.curated_event})"
            )
            if field.verdict in (REFINES, CONFLICTS):
                sources = ", ".join(source.rsplit("/", 1)[-1] for source in comparison.curated_sources) or "none"
                line += f"; sources: draft {passage}, curated {sources}"
            lines.append(line)
    same = len(comparisons) - new - differing
    lines.append(
        f"diff: {len(comparisons)} rows: {new} new, {differing} with differences, {same} the same as the curated graph"
    )
    return lines


def _compare(event: DraftEvent, store: pyoxigraph.Store) -> EventComparison:
    import pyoxigraph

    derived_from = pyoxigraph.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    activity_of = pyoxigraph.NamedNode(CKG + "activityOf")
    citing = store.quads_for_pattern(None, derived_from, pyoxigraph.NamedNode(event.passage.iri))
    candidates = sorted(
        quad.subject.value
        for quad in citing
        if isinstance(quad.subject, pyoxigraph.NamedNode)
        and any(store.quads_for_pattern(quad.subject, activity_of, None))
    )
    matched_by = "passage" if candidates else None
    if not candidates and any(store.quads_for_pattern(pyoxigraph.NamedNode(event.iri), None, None)):
        candidates, matched_by = [event.iri], "event IRI"
    if not candidates:
        return EventComparison(event.passage.iri, event.iri, None, None)
    curated = event.iri if event.iri in candidates else candidates[0]
    values = _values(store, curated)
    fields = (
        _date_field("start date", event.start, values.get(CKG + "startDate", []), first=True),
        _date_field("end date", event.end, values.get(CKG + "endDate", []), first=False),
        _set_field("place", {city_iri(city.slug) for city in event.cities}, values.get(CKG + "place", [])),
        _set_field("outputs", set(event.outputs), values.get(CKG + "servesOutput", [])),
        _set_field("status", {CKG + event.status}, values.get(CKG + "status", [])),
        _set_field(
            "kind",
            {CKG + name for name in event.kind.classes},
            [kind for kind in values.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", [])],
        ),
    )
    sources = tuple(sorted(term.value for term in values.get(PROV + "wasDerivedFrom", [])))
    return EventComparison(event.passage.iri, event.iri, curated, matched_by, fields, sources)


def _values(store: pyoxigraph.Store, subject: str) -> dict[str, list]:
    import pyoxigraph

    values: dict[str, list] = {}
    for quad in store.quads_for_pattern(pyoxigraph.NamedNode(subject), None, None):
        values.setdefault(quad.predicate.value, []).append(quad.object)
    return values


def _date_field(name: str, mine: PartialDate | None, theirs: list, first: bool) -> FieldComparison:
    mine_text = f"{mine.lexical} ({mine.datatype})" if mine else "-"
    curated = [term for term in theirs if hasattr(term, "datatype")]
    theirs_text = ", ".join(f"{term.value} ({term.datatype.value.removeprefix(XSD)})" for term in curated) or "-"
    if mine is None or len(curated) != 1:
        verdict = SAME if mine is None and not curated else DIFFERS
        return FieldComparison(name, mine_text, theirs_text, verdict)
    term = curated[0]
    relation = relate(Value(term.value, term.datatype.value), Value(mine.lexical, XSD + mine.datatype))
    verdict = {
        Relation.SAME: SAME,
        Relation.REFINES: REFINES,
        Relation.COARSER: MORE_PRECISE_IN_CURATED,
    }.get(relation, CONFLICTS)
    return FieldComparison(name, mine_text, theirs_text, verdict)


def _set_field(name: str, mine: set[str], theirs: list) -> FieldComparison:
    curated = {term.value for term in theirs}
    verdict = SAME if mine == curated else DIFFERS
    return FieldComparison(name, _short_list(mine), _short_list(curated), verdict)


def _short_list(values: set[str]) -> str:
    return ", ".join(sorted(value.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for value in values)) or "-"
