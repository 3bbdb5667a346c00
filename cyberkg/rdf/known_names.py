"""Whether an IRI a person typed names something in the graph, and if not, the nearest one that does.

A misspelt name (``judical-training``) would otherwise select nothing and pass in silence. The
nearest name is looked for among the IRIs of the same namespace (what comes before the last ``/`` or
``#``), by their local names and their labels, with :mod:`difflib`; the namespace is bound as a term,
never pasted into the query text.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from cyberkg.rdf.namespaces import RDFS_LABEL, SKOS_PREF_LABEL
from cyberkg.rdf.results import select_solutions

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

SIMILARITY = 0.6  # difflib's ratio below which a name is not offered as "did you mean"

_NAMES_IN_NAMESPACE = f"""SELECT ?namespace ?subject ?label WHERE {{
  ?subject ?predicate ?object .
  FILTER(isIRI(?subject) && STRSTARTS(STR(?subject), ?namespace))
  OPTIONAL {{ VALUES ?labelPredicate {{ <{RDFS_LABEL}> <{SKOS_PREF_LABEL}> }} ?subject ?labelPredicate ?label }}
}}"""


def namespace_of(iri: str) -> str:
    """The IRI up to and including its last ``/`` or ``#``."""
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1]


def local_name(iri: str) -> str:
    """What follows the namespace."""
    return iri[len(namespace_of(iri)) :]


def in_graph(store: pyoxigraph.Store, iri: str) -> bool:
    """Whether the IRI is the subject or the object of a triple in the store."""
    import pyoxigraph

    node = pyoxigraph.NamedNode(iri)
    return any(True for _ in store.quads_for_pattern(node, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, node)
    )


def nearest_in_graph(store: pyoxigraph.Store, iri: str) -> str | None:
    """The IRI of the same namespace whose local name or label is most like the typed one, if any is close."""
    import pyoxigraph

    namespace = namespace_of(iri)
    if not namespace:
        return None
    wanted = local_name(iri).lower()
    candidates: dict[str, str] = {}  # a name, lower-cased -> the IRI it names
    solutions = select_solutions(
        store, _NAMES_IN_NAMESPACE, substitutions={pyoxigraph.Variable("namespace"): pyoxigraph.Literal(namespace)}
    )
    for solution in solutions:
        subject = solution["subject"].value
        candidates.setdefault(local_name(subject).lower(), subject)
        if solution["label"] is not None:
            candidates.setdefault(solution["label"].value.lower(), subject)
    matches = difflib.get_close_matches(wanted, sorted(candidates), n=1, cutoff=SIMILARITY)
    return candidates[matches[0]] if matches else None
