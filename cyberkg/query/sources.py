"""The source passages behind each row of a query result (``cyberkg query --with-sources``).

Generic over queries: every IRI in a row is looked up for ``prov:wasDerivedFrom``; a
passage is named by its document's label and its ``ckg:location`` (or section), a source
that is itself a document by its label. The passages of a row are added, sorted and
de-duplicated, as one extra column ``sources``.

The look-up is one SPARQL query with a ``VALUES`` block of the row IRIs, run through a
``select`` function (SPARQL text -> QueryResult), so the same code serves the embedded store
and a remote endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cyberkg.query.library import QueryResult

SOURCES_COLUMN = "sources"
SEPARATOR = " | "

Select = Callable[[str], QueryResult]

_LOOKUP = """\
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?subject ?documentLabel ?location
WHERE {
  VALUES ?subject { %s }
  ?subject prov:wasDerivedFrom ?source .
  OPTIONAL { ?source ckg:inDocument ?passageDocument }
  BIND(COALESCE(?passageDocument, ?source) AS ?document)
  OPTIONAL { ?document rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?document rdfs:label ?anyLabel }
  OPTIONAL { ?source ckg:location ?where }
  OPTIONAL { ?source ckg:section ?section }
  BIND(COALESCE(?label, ?anyLabel, STR(?document)) AS ?documentLabel)
  BIND(COALESCE(?where, ?section, "") AS ?location)
}
"""


def is_iri(term: Any) -> bool:
    return term is not None and type(term).__name__ in ("NamedNode", "URIRef")


def passage_text(document_label: str, location: str) -> str:
    """How one source passage is written in the sources column."""
    return f"{document_label}: {location}" if location else document_label


def lookup_sources(iris: Iterable[Any], select: Select) -> dict[str, list[str]]:
    """For each IRI, the sorted passages (document and place in it) it was derived from."""
    import pyoxigraph

    values = sorted({term.value for term in iris if is_iri(term)})
    found: dict[str, set[str]] = {iri: set() for iri in values}
    if not values:
        return {}
    # Terms are validated IRIs written by pyoxigraph, never text pasted from a user.
    block = " ".join(str(pyoxigraph.NamedNode(iri)) for iri in values)
    answer = select(_LOOKUP % block)
    for row in answer.as_dicts():
        found[row["subject"]].add(passage_text(row["documentLabel"], row["location"]))
    return {iri: sorted(passages) for iri, passages in found.items()}


def with_sources(result: QueryResult, select: Select) -> QueryResult:
    """A copy of ``result`` with a ``sources`` column: the passages behind the IRIs of each row."""
    import pyoxigraph

    if result.boolean is not None:
        return result
    sources = lookup_sources((term for row in result.rows for term in row), select)
    rows = []
    for row in result.rows:
        passages = sorted({passage for term in row if is_iri(term) for passage in sources.get(term.value, [])})
        rows.append((*row, pyoxigraph.Literal(SEPARATOR.join(passages)) if passages else None))
    column = SOURCES_COLUMN
    while column in result.columns:
        column = "_" + column
    return QueryResult(columns=[*result.columns, column], rows=rows)
