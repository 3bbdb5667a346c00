"""Binding query parameters as RDF terms in a query sent to a remote endpoint.

Locally, parameters are Oxigraph ``substitutions``: the variables start the
evaluation already bound. A remote server has no such option, so the same
effect is written in SPARQL: a ``VALUES`` block of the validated terms placed
first in the query's top-level group (``WHERE { VALUES (?p) { (<iri>) } ... }``),
joined before anything else, grouping included. The terms are written with
``str(term)`` (N-Triples syntax of a term Oxigraph has validated), never pasted
from the user's text.

A ``VALUES`` block at the end of the query would be joined only after
``GROUP BY``, where a grouped-away parameter no longer restricts anything;
hence the block goes at the start of the pattern. A ``FILTER`` on a parameter
inside a ``UNION`` branch or a nested group sees the parameter unbound, where
Oxigraph's substitution sees it bound: library queries keep parameters in the
top-level group (the parity test in tests/test_endpoint_remote.py checks every
library query).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cyberkg.errors import QueryError
from cyberkg.rdf.sparql_tokens import Token, tokens
from cyberkg.rdf.sparql_tokens import keyword as _keyword

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of the query (its first such keyword at top level)."""
    for token in tokens(text):
        if token.depth == 0 and _keyword(token) in QUERY_FORMS:
            return str(_keyword(token))
    raise QueryError("not a SPARQL query (no SELECT, CONSTRUCT, DESCRIBE or ASK)")


def _top_level_group(items: list[Token], form: str) -> int | None:
    """Index (in ``items``) of the '{' that opens the query's WHERE pattern, or None if it has none."""
    form_seen = False
    groups_after_form = 0
    for index, token in enumerate(items):
        if token.depth != 0 or token.parens != 0:
            continue
        keyword = _keyword(token)
        if keyword == form:
            form_seen = True
            continue
        if not form_seen:
            continue
        if keyword == "WHERE":
            following = index + 1
            if following < len(items) and items[following].kind == "open":
                return following
            return None
        if token.kind == "open":
            groups_after_form += 1
            # CONSTRUCT {template} {pattern}: the pattern is the second group; other forms have one.
            if form != "CONSTRUCT" or groups_after_form == 2:
                return index
    return None


def _matching_close(items: list[Token], open_index: int) -> int:
    depth = items[open_index].depth
    for index in range(open_index + 1, len(items)):
        if items[index].kind == "close" and items[index].depth == depth + 1:
            return index
    raise QueryError("the query's braces are not balanced")


def values_block(terms: Mapping[str, Any]) -> str:
    """``VALUES (?a ?b) { (<iri> "text") }`` for one row of validated pyoxigraph terms."""
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def bind_values(text: str, terms: Mapping[str, Any]) -> str:
    """The query text with ``terms`` bound by a VALUES block first in its top-level group."""
    if not terms:
        return text
    for name in terms:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    items = tokens(text)
    form = query_form(text)
    block = values_block(terms)
    open_index = _top_level_group(items, form)
    if open_index is None:
        # DESCRIBE without a pattern: a trailing VALUES block binds the described variables.
        return f"{text.rstrip()}\n{block}\n"
    inside = items[open_index + 1] if open_index + 1 < len(items) else None
    if form == "CONSTRUCT" and _is_short_construct(items, open_index):
        raise QueryError(
            "a CONSTRUCT WHERE { ... } query cannot take parameters on a remote endpoint; "
            "write it as CONSTRUCT { ... } WHERE { ... }"
        )
    position = items[open_index].end
    if inside is not None and _keyword(inside) == "SELECT":
        # WHERE { SELECT ... }: a sub-select must be the group's only content; wrap it in its own group.
        close = items[_matching_close(items, open_index)].start
        return f"{text[:position]} {block} {{{text[position:close]}}} {text[close:]}"
    return f"{text[:position]} {block}\n{text[position:]}"


def _is_short_construct(items: list[Token], open_index: int) -> bool:
    previous = [t for t in items[:open_index] if t.depth == 0 and t.parens == 0]
    return len(previous) >= 2 and _keyword(previous[-1]) == "WHERE" and _keyword(previous[-2]) == "CONSTRUCT"
