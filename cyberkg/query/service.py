"""SERVICE clauses: refused unless asked for.

A ``SERVICE <http://...>`` clause makes the engine fetch from another host while
the query runs: any user query could make this machine (or a served endpoint)
reach any address it can, as a proxy would. Both the embedded engine and
``cyberkg serve`` refuse such queries unless ``--allow-service`` is given.

The keyword is found among the query's tokens (:mod:`cyberkg.rdf.sparql_tokens`),
so the word "service" inside a string, an IRI, a comment, a prefixed name or a
language tag does not count.
"""

from __future__ import annotations

from cyberkg.errors import QueryError
from cyberkg.rdf.sparql_tokens import keyword, tokens

SERVICE_REFUSED = (
    "the query uses SERVICE (a request to another endpoint while it runs), which is refused by default; "
    "give --allow-service to allow it"
)


def uses_service(text: str) -> bool:
    """Whether the SPARQL text has a SERVICE clause."""
    return any(keyword(token) == "SERVICE" for token in tokens(text))


def refuse_service(text: str, where: str = "query") -> None:
    """Raise QueryError if the SPARQL text has a SERVICE clause."""
    if uses_service(text):
        raise QueryError(f"{where}: {SERVICE_REFUSED}")
