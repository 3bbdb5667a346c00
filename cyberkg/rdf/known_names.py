"""The one resolver of names a person types, whether an IRI names something in the graph, and the nearest if not.

:func:`resolve_name` turns what a person types for a thing of the graph into its IRI, the same way for
``query --param`` and for the filters of networks, timeline and map: a full IRI, a prefixed name
(``inst:ets-185``, or ``instrument:ets-185`` with the kind as its prefix), a bare name (``ets-185``) or a
label (``Convention on Cybercrime``, any case).

A misspelt name (``judical-training``) would otherwise select nothing and pass in silence. The
nearest name is looked for among the IRIs of the same namespace (what comes before the last ``/`` or
``#``), by their local names and their labels, with :mod:`difflib`; the namespace is bound as a term,
never pasted into the query text.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.rdf.namespaces import CKG, ID, PREFIXES, RDFS_LABEL, SKOS, SKOS_PREF_LABEL
from cyberkg.rdf.results import select_solutions

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

SIMILARITY = 0.6  # difflib's ratio below which a name is not offered as "did you mean"

_NAMES_IN_NAMESPACE = f"""SELECT ?namespace ?subject ?label WHERE {{
  ?subject ?predicate ?object .
  FILTER(isIRI(?subject) && STRSTARTS(STR(?subject), ?namespace))
  OPTIONAL {{ VALUES ?labelPredicate {{ <{RDFS_LABEL}> <{SKOS_PREF_LABEL}> }} ?subject ?labelPredicate ?label }}
}}"""


# What a thing may be called by: rdfs:label, skos:prefLabel, skos:altLabel, the ontology's short name and a
# treaty's number ("ETS 185").
_LABEL_PREDICATES = (RDFS_LABEL, SKOS_PREF_LABEL, SKOS + "altLabel", CKG + "shortName", CKG + "treatyNumber")

_SUBJECTS_LABELLED = f"""SELECT DISTINCT ?namespace ?wanted ?subject WHERE {{
  VALUES ?labelPredicate {{ {" ".join(f"<{predicate}>" for predicate in _LABEL_PREDICATES)} }}
  ?subject ?labelPredicate ?label .
  FILTER(isIRI(?subject) && STRSTARTS(STR(?subject), ?namespace) && LCASE(STR(?label)) = ?wanted)
}} ORDER BY ?subject"""


_BARE_NAME = re.compile(r'[^\s<>"{}|\\^`:/#]+')  # what may follow a namespace as a local name


def kind_prefixes() -> dict[str, str]:
    """Every prefix a name may carry: those of PREFIXES, and each kind of instance by its own name
    (``instrument:`` for ``…/id/instrument/``)."""
    kinds = {
        namespace[len(ID) :].rstrip("/"): namespace
        for namespace in PREFIXES.values()
        if namespace.startswith(ID) and namespace.count("/") == ID.count("/") + 1
    }
    return {**kinds, **PREFIXES}


def expand_name(text: str) -> str | None:
    """The IRI of a full IRI or a prefixed name with a known prefix, else None."""
    if "://" in text:
        return text
    prefix, sep, local = text.partition(":")
    namespace = kind_prefixes().get(prefix) if sep else None
    return namespace + local if namespace is not None and local else None


def resolve_name(store: pyoxigraph.Store, text: str, namespace: str | None, what: str) -> str:
    """The IRI that ``text`` names: a full IRI or a known prefixed name as it expands; a bare name in
    ``namespace`` (or, without one, in the one kind of instance that has it); or the one thing whose label,
    in any case, is ``text`` (within ``namespace`` when given). Several things of that label are an
    InputError naming ``what`` and them. What names nothing comes back as typed, for the caller's check
    to report with the nearest name.
    """
    import pyoxigraph

    text = text.strip()
    expanded = expand_name(text)
    if expanded is not None:
        return expanded
    if _BARE_NAME.fullmatch(text):
        if namespace is not None:
            if in_graph(store, namespace + text):
                return namespace + text
        else:
            kinds = sorted({ns for ns in kind_prefixes().values() if ns.startswith(ID)})
            found = [ns + text for ns in kinds if in_graph(store, ns + text)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise InputError(f"{what}: {text!r} names several things: {', '.join(found)}")
    if not text:
        return text
    labelled = [
        solution["subject"].value
        for solution in select_solutions(
            store,
            _SUBJECTS_LABELLED,
            substitutions={
                pyoxigraph.Variable("namespace"): pyoxigraph.Literal(namespace or ID),
                pyoxigraph.Variable("wanted"): pyoxigraph.Literal(text.lower()),
            },
        )
    ]
    if len(labelled) == 1:
        return labelled[0]
    if len(labelled) > 1:
        raise InputError(f"{what}: the label {text!r} names several things: {', '.join(labelled)}")
    return text


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
