"""How much of a new graph the curated graph already states, blank nodes included.

Triples without blank nodes are looked up as they are. Triples with blank
nodes are grouped into connected parts (blank nodes that share triples), and a
part counts as present when its blank nodes can be mapped one to one onto
blank nodes of the curated graph so that every triple of the part is there:
the same structure added twice is recognised, although each parse gives its
blank nodes new identifiers.

The same count is made over an rdflib graph (:func:`count_present`, the
pySHACL path) or over an Oxigraph store and the triples of a file as they are
parsed (:func:`count_present_in_store`, the fast path, which holds only the
triples with blank nodes in memory).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

Triple = tuple[Any, Any, Any]


@dataclass(frozen=True)
class _Curated:
    """What the count asks of the curated graph, whichever library holds it."""

    contains: Callable[[Triple], bool]
    matching: Callable[[Any, Any, Any], Iterable[Triple]]
    is_blank: Callable[[Any], bool]


def count_present(curated: rdflib.Graph, new_data: rdflib.Graph) -> int:
    """The number of triples of ``new_data`` that ``curated`` already states (blank nodes matched)."""
    from rdflib import BNode

    lookup = _Curated(
        contains=lambda triple: triple in curated,
        matching=lambda s, p, o: curated.triples((s, p, o)),
        is_blank=lambda term: isinstance(term, BNode),
    )
    return _count(iter(new_data), lookup)


def count_present_in_store(store: pyoxigraph.Store, new_triples: Iterable[Any]) -> tuple[int, int]:
    """How many of ``new_triples`` (Oxigraph triples) ``store`` already states, and how many there are."""
    import pyoxigraph

    default = pyoxigraph.DefaultGraph()

    def matching(s: Any, p: Any, o: Any) -> Iterable[Triple]:
        return ((q.subject, q.predicate, q.object) for q in store.quads_for_pattern(s, p, o, default))

    lookup = _Curated(
        contains=lambda triple: next(iter(matching(*triple)), None) is not None,
        matching=matching,
        is_blank=lambda term: isinstance(term, pyoxigraph.BlankNode),
    )
    total = 0

    def counted() -> Iterable[Triple]:
        nonlocal total
        for triple in new_triples:
            total += 1
            yield (triple.subject, triple.predicate, triple.object)

    present = _count(counted(), lookup)
    return present, total


def _count(new_triples: Iterable[Triple], curated: _Curated) -> int:
    present = 0
    parts: dict[Any, list[Triple]] = {}
    owner: dict[Any, Any] = {}
    for triple in new_triples:
        blanks = [term for term in (triple[0], triple[2]) if curated.is_blank(term)]
        if not blanks:
            present += curated.contains(triple)
            continue
        roots = {_root(owner, blank) for blank in blanks}
        keep = min(roots, key=str)
        part = parts.setdefault(keep, [])
        for other in roots - {keep}:
            owner[other] = keep
            part.extend(parts.pop(other, []))
        part.append(triple)
    for part in parts.values():
        try:
            if _matches(list(part), curated, {}):
                present += len(part)
        except RecursionError:  # a part too deep to match is counted as new
            pass
    return present


def _root(owner: dict, blank: Any) -> Any:
    while owner.get(blank, blank) != blank:
        blank = owner[blank]
    owner.setdefault(blank, blank)
    return blank


def _matches(triples: list[Triple], curated: _Curated, binding: dict) -> bool:
    """Whether the blank nodes of ``triples`` map one to one onto curated blank nodes stating them all."""
    if not triples:
        return True

    def unbound(triple: Triple) -> int:
        return sum(curated.is_blank(t) and t not in binding for t in (triple[0], triple[2]))

    triple = min(triples, key=unbound)
    rest = [other for other in triples if other is not triple]
    subject, predicate, obj = (binding.get(term) if curated.is_blank(term) else term for term in triple)
    for found in curated.matching(subject, predicate, obj):
        extended = dict(binding)
        if (
            _bind(triple[0], found[0], extended, curated)
            and _bind(triple[2], found[2], extended, curated)
            and _matches(rest, curated, extended)
        ):
            return True
    return False


def _bind(term: Any, found: Any, binding: dict, curated: _Curated) -> bool:
    if not curated.is_blank(term):
        return True
    if term in binding:
        return binding[term] == found
    if not curated.is_blank(found) or found in binding.values():
        return False
    binding[term] = found
    return True
