"""Literals kept exactly as written: lexical form, datatype, time zone and language tag.

rdflib normalises a typed literal when it makes it (``"007"^^xsd:integer`` becomes ``"7"``,
``"2009-10-16+02:00"^^xsd:date`` loses its time zone, ``"maybe"^^xsd:boolean`` becomes ``"false"``),
and its Turtle writer prints numbers and booleans in a form of its own (``"1E3"^^xsd:double`` as
``1e+03``, ``"1"^^xsd:boolean`` as the integer ``1``). What is written for others to read must say
what the sources say, so the release reads its graph with normalisation off and writes each literal
from its lexical form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
# A literal of these datatypes is written bare in Turtle only when its lexical form is a token of the grammar
# (INTEGER, DECIMAL, BooleanLiteral) that every reader gives back unchanged: rdflib reads the bare tokens
# ``007``, ``+5``, ``-0`` and ``.5`` as ``7``, ``5``, ``0`` and ``0.5``, and a bare double in the form its
# ``float`` prints. Every other literal, doubles included, is quoted with its datatype.
_BARE_TOKENS = {
    f"{XSD}integer": re.compile(r"0|-?[1-9][0-9]*"),
    f"{XSD}decimal": re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+"),
    f"{XSD}boolean": re.compile(r"true|false"),
}

Sortable = TypeVar("Sortable")


@contextmanager
def literals_as_written() -> Iterator[None]:
    """Within the block, rdflib keeps the lexical form of every literal it makes (no normalisation)."""
    import rdflib

    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


def turtle_literal(literal: rdflib.Literal, datatype_name: Callable[[str], str | None]) -> str:
    """The Turtle text of ``literal``, which reads back to the same lexical form, datatype and language.

    A literal is bare only in the forms above; otherwise it is quoted as rdflib quotes it (long strings
    with newlines in triple quotes), with its language tag or its datatype, which ``datatype_name``
    gives as a prefixed name (``None``: written as ``<iri>``).
    """
    lexical = str(literal)
    bare = _BARE_TOKENS.get(str(literal.datatype)) if literal.datatype is not None else None
    if bare is not None and bare.fullmatch(lexical):
        return lexical
    return literal._literal_n3(use_plain=False, qname_callback=lambda datatype: datatype_name(str(datatype)))


def in_term_order(items: Iterable[Sortable], key: Callable[[Sortable], Any] | None = None) -> list[Sortable]:
    """``items`` sorted in rdflib's term order, or by their N-Triples text where that order has no answer.

    rdflib orders numeric literals by value, which raises for some pairs (``"NaN"^^xsd:double`` beside an
    ``xsd:decimal``); the text order always answers, and the same items always come out in the same order.
    """
    items = list(items)
    try:
        return sorted(items, key=key) if key else sorted(items)  # type: ignore[type-var]
    except (TypeError, ArithmeticError):
        return sorted(items, key=lambda item: _text_key(key(item) if key else item))


def _text_key(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_text_key(part) for part in value)
    n3 = getattr(value, "n3", None)
    return (type(value).__name__, n3() if callable(n3) else str(value))
