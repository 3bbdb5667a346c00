"""rdflib's JSON-LD converter, made to write every literal as it was read.

With a context, rdflib writes every ``xsd:integer``, ``xsd:double`` and ``xsd:boolean`` literal as a JSON
number or ``true``/``false`` made from its value: ``"007"`` comes back as ``7``, ``"1E3"^^xsd:double`` as
``1000.0``, ``"1"^^xsd:boolean`` as ``true``, and the ill-typed ``"abc"^^xsd:integer`` as the plain string
``"abc"``. Here a literal is a native JSON value only when JSON-LD reads that value back to the same lexical
form (an integer such as ``12``, ``true``, or a string; not ``0``, ``false`` or ``""``, see below); any other
literal is a value object with its lexical form and its datatype or language.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rdflib import Literal
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
_JSON_INTEGER = re.compile(r"0|-?[1-9][0-9]{0,14}")  # within the integers a JSON reader keeps exactly


class ExactLiteralConverter(Converter):
    """rdflib's graph-to-JSON-LD converter, with each literal written from its lexical form."""

    def to_raw_value(self, graph: rdflib.Graph, s: Any, o: Any, nodemap: dict[str, Any]) -> Any:
        if not isinstance(o, Literal):
            return super().to_raw_value(graph, s, o, nodemap)
        lexical = str(o)
        datatype = str(o.datatype) if o.datatype is not None else None
        if datatype == f"{XSD}integer" and _JSON_INTEGER.fullmatch(lexical) and lexical != "0":
            return int(lexical)
        if datatype == f"{XSD}boolean" and lexical == "true":
            return True
        if datatype in (None, f"{XSD}string") and lexical and not o.language:
            return lexical
        if o.language:
            return {self.context.lang_key: o.language, self.context.value_key: lexical}
        # rdflib takes a value that is false in Python (0, false, the empty string) as no value at all when
        # the same property has another, and drops it: such a value is always written as a value object.
        if datatype in (None, f"{XSD}string"):
            return {self.context.value_key: lexical}
        return {self.context.type_key: self.context.to_symbol(str(o.datatype)), self.context.value_key: lexical}


def json_ld_document(graph: rdflib.Graph, prefixes: dict[str, str]) -> dict[str, Any]:
    """The graph as a compact JSON-LD document whose context is ``prefixes``."""
    context = Context(prefixes)
    converter = ExactLiteralConverter(context, use_native_types=False, use_rdf_type=False)
    result = converter.convert(graph)
    if isinstance(result, list):
        return {context.get_key("@graph"): result, "@context": prefixes}
    return {**result, "@context": prefixes}
