"""The display label of IRIs, found with one ``select`` callable.

``select`` takes SPARQL text and returns rows of Oxigraph terms, so the same lookup serves the
embedded store (:func:`store_select`) and a remote endpoint; :func:`graph_label` applies the same
rule to an rdflib graph. The choice is the same everywhere:
``rdfs:label`` before ``skos:prefLabel``; within one predicate an English label before an untagged
one before any other language, and then the lexically first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cyberkg.rdf.namespaces import RDFS_LABEL, SKOS_PREF_LABEL

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

LABEL_PREDICATES = (RDFS_LABEL, SKOS_PREF_LABEL)
BATCH = 200

Select = Callable[[str], Iterable[Sequence[Any]]]
Labeler = Callable[[Any], "str | None"]


def language_rank(language: str | None) -> int:
    """English first, then untagged, then any other language."""
    return 0 if language == "en" else 1 if not language else 2


def prefer_english(candidates: Iterable[tuple[str, str | None]]) -> str:
    """Among (text, language) pairs, by the same language rule: English, untagged, any other; ties by text."""
    return sorted(candidates, key=lambda item: (language_rank(item[1]), item[0]))[0][0]


def choose_label(candidates: Iterable[tuple[str, str, str | None]]) -> str | None:
    """The label to show among (predicate IRI, text, language) candidates, by the rule above."""
    ranked = sorted(
        (LABEL_PREDICATES.index(predicate), language_rank(language), text)
        for predicate, text, language in candidates
        if predicate in LABEL_PREDICATES
    )
    return ranked[0][2] if ranked else None


def find_labels(select: Select, iris: Iterable[str]) -> dict[str, str]:
    """IRI -> label, for the IRIs that have one, in a few batched queries."""
    wanted = sorted(set(iris))
    predicates = " ".join(f"<{iri}>" for iri in LABEL_PREDICATES)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), BATCH):
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + BATCH])
        text = (
            f"SELECT ?term ?predicate ?label WHERE {{ VALUES ?term {{ {values} }} "
            f"VALUES ?predicate {{ {predicates} }} ?term ?predicate ?label }}"
        )
        candidates: dict[str, list[tuple[str, str, str | None]]] = {}
        for term, predicate, label in select(text):
            candidates.setdefault(term.value, []).append(
                (predicate.value, label.value, getattr(label, "language", None))
            )
        for iri, options in candidates.items():
            chosen = choose_label(options)
            if chosen is not None:
                found[iri] = chosen
    return found


def graph_label(
    graph: rdflib.Graph, node: rdflib.term.Node, predicates: Sequence[str] = LABEL_PREDICATES
) -> str | None:
    """The label of ``node`` in an rdflib graph, by the same rule (no query: rdflib's pattern API).

    ``predicates`` narrows the rule to some of :data:`LABEL_PREDICATES` (the ontology's documentation names
    terms and examples by ``rdfs:label`` alone).
    """
    from rdflib import Literal, URIRef

    return choose_label(
        (predicate, str(label), label.language if isinstance(label, Literal) else None)
        for predicate in predicates
        for label in graph.objects(node, URIRef(predicate))
    )


def store_select(store: Any) -> Select:
    """A ``select`` over an Oxigraph store."""

    def select(text: str) -> Iterable[Sequence[Any]]:
        return [tuple(solution) for solution in store.query(text)]

    return select


def labeler(select: Select, iris: Iterable[str] | None = None) -> Labeler:
    """A function term -> label. With ``iris`` the labels are fetched at once; else each on first use."""
    cache: dict[str, str | None] = {}
    if iris is not None:
        cache.update(find_labels(select, iris))

    def label(term: Any) -> str | None:
        if term.value not in cache:
            if iris is not None:
                return None
            cache[term.value] = find_labels(select, [term.value]).get(term.value)
        return cache[term.value]

    return label


def english_text(texts: Iterable[tuple[str, str | None]]) -> str | None:
    """Among (text, language) pairs, the lexically first English one, else the lexically first of all."""
    pairs = list(texts)
    english = sorted(text for text, language in pairs if language == "en")
    if english:
        return english[0]
    return min((text for text, _ in pairs), default=None)
