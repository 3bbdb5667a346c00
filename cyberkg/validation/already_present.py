"""How much of a new graph the curated graph already states, blank nodes included.

Triples without blank nodes are looked up as they are. Triples with blank
nodes are grouped into connected parts (blank nodes that share triples), and a
part counts as present when its blank nodes can be mapped one to one onto
blank nodes of the curated graph so that every triple of the part is there:
the same structure added twice is recognised, although each parse gives its
blank nodes new identifiers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

Triple = tuple["rdflib.term.Node", "rdflib.term.Node", "rdflib.term.Node"]


def count_present(curated: rdflib.Graph, new_data: rdflib.Graph) -> int:
    """The number of triples of ``new_data`` that ``curated`` already states (blank nodes matched)."""
    from rdflib import BNode

    present = 0
    parts: dict[BNode, list[Triple]] = {}
    owner: dict[BNode, BNode] = {}
    for triple in new_data:
        blanks = [term for term in (triple[0], triple[2]) if isinstance(term, BNode)]
        if not blanks:
            present += triple in curated
            continue
        roots = {_root(owner, blank) for blank in blanks}
        keep = min(roots)
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


def _root(owner: dict[rdflib.BNode, rdflib.BNode], blank: rdflib.BNode) -> rdflib.BNode:
    while owner.get(blank, blank) != blank:
        blank = owner[blank]
    owner.setdefault(blank, blank)
    return blank


def _matches(triples: list[Triple], curated: rdflib.Graph, binding: dict[rdflib.term.Node, rdflib.term.Node]) -> bool:
    """Whether the blank nodes of ``triples`` map one to one onto curated blank nodes stating them all."""
    from rdflib import BNode

    if not triples:
        return True

    def unbound(triple: Triple) -> int:
        return sum(isinstance(t, BNode) and t not in binding for t in (triple[0], triple[2]))

    triple = min(triples, key=unbound)
    rest = [other for other in triples if other is not triple]
    subject, predicate, obj = (binding.get(term) if isinstance(term, BNode) else term for term in triple)
    for found in curated.triples((subject, predicate, obj)):
        extended = dict(binding)
        if (
            _bind(triple[0], found[0], extended)
            and _bind(triple[2], found[2], extended)
            and _matches(rest, curated, extended)
        ):
            return True
    return False


def _bind(term: rdflib.term.Node, found: rdflib.term.Node, binding: dict[rdflib.term.Node, rdflib.term.Node]) -> bool:
    from rdflib import BNode

    if not isinstance(term, BNode):
        return True
    if term in binding:
        return binding[term] == found
    if not isinstance(found, BNode) or found in binding.values():
        return False
    binding[term] = found
    return True
