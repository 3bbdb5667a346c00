"""The source passages behind each row of a query result (``cyberkg query --with-sources``).

Generic over queries: every IRI in a row is looked up for ``prov:wasDerivedFrom``; a
passage is named by its document's label and its ``ckg:location`` (or section), a source
that is itself a document by its label. The passages of a row are added, sorted and
de-duplicated, as one extra column ``sources``.

Claims (docs/model.md) make this finer. Where a row shows a thing beside the value of one of
its facts that a claim states as the direct triple, the row cites that claim's passages; and a
passage that backs another claim of the same fact, with a value the row does not show, is not
cited for that row even when it also hangs on the thing itself: a source is never offered for a
figure it contradicts.

The look-ups are SPARQL queries with a ``VALUES`` block of the row IRIs, run through a
``select`` function (SPARQL text -> QueryResult), so the same code serves the embedded store
and a remote endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cyberkg.query.library import QueryResult, pages

SOURCES_COLUMN = "sources"
SEPARATOR = " | "

Select = Callable[[str], QueryResult]

# How a ?source is named: its document's label (English first) and its place in the document.
_NAME_THE_SOURCE = """\
  OPTIONAL { ?source ckg:inDocument ?passageDocument }
  BIND(COALESCE(?passageDocument, ?source) AS ?document)
  OPTIONAL { ?document rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?document rdfs:label ?anyLabel }
  OPTIONAL { ?source ckg:location ?where }
  OPTIONAL { ?source ckg:section ?section }
  BIND(COALESCE(?label, ?anyLabel, STR(?document)) AS ?documentLabel)
  BIND(COALESCE(?where, ?section, "") AS ?location)
"""

_LOOKUP = """\
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?subject ?documentLabel ?location
WHERE {
  VALUES ?subject { %s }
  ?subject prov:wasDerivedFrom ?source .
%s
}
"""


_CLAIMS = """\
PREFIX ckg: <https://w3id.org/cyberkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?about ?claim ?value ?fact ?direct ?documentLabel ?location
WHERE {
  VALUES ?about { %s }
  ?claim ckg:claimAbout ?about ;
         ckg:claimProperty ?property ;
         ckg:claimValue ?value ;
         prov:wasDerivedFrom ?source .
  OPTIONAL { ?property rdfs:subPropertyOf ?figure . ?figure a ckg:Figure }
  BIND(COALESCE(?figure, ?property) AS ?fact)
  BIND(EXISTS { ?about ?property ?value } AS ?direct)
%s
}
"""


@dataclass(frozen=True)
class ClaimSource:
    """One passage behind one claim about a thing: the claim, its value, its fact, and whether it is direct."""

    claim: str
    value: Any
    fact: str
    direct: bool
    passage: str


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
    answer = select(_LOOKUP % (block, _NAME_THE_SOURCE))
    for row in answer.as_dicts():
        found[row["subject"]].add(passage_text(row["documentLabel"], row["location"]))
    return {iri: sorted(passages) for iri, passages in found.items()}


def lookup_claim_sources(iris: Iterable[Any], select: Select) -> dict[str, list[ClaimSource]]:
    """For each IRI, the passages behind the claims about it."""
    import pyoxigraph

    values = sorted({term.value for term in iris if is_iri(term)})
    if not values:
        return {}
    block = " ".join(str(pyoxigraph.NamedNode(iri)) for iri in values)
    answer = select(_CLAIMS % (block, _NAME_THE_SOURCE))
    found: dict[str, list[ClaimSource]] = {}
    index = {name: position for position, name in enumerate(answer.columns)}
    for row in answer.rows:
        direct = row[index["direct"]]
        found.setdefault(row[index["about"]].value, []).append(
            ClaimSource(
                claim=row[index["claim"]].value,
                value=row[index["value"]],
                fact=row[index["fact"]].value,
                direct=direct is not None and direct.value in ("true", "1"),
                passage=passage_text(row[index["documentLabel"]].value, row[index["location"]].value),
            )
        )
    return found


def row_passages(
    row: tuple[Any, ...], sources: dict[str, list[str]], claim_sources: dict[str, list[ClaimSource]]
) -> list[str]:
    """The passages a row cites: its things' own, plus the claims of the values it shows, minus contradicting ones."""
    shown = {term for term in row if term is not None}
    passages = {passage for term in row if is_iri(term) for passage in sources.get(term.value, [])}
    supporting: set[str] = set()
    contradicting: set[str] = set()
    for term in row:
        if not is_iri(term):
            continue
        claims = claim_sources.get(term.value, [])
        # A row that shows a claim itself shows that claim's value; else a value that a claim states directly.
        matching = [claim for claim in claims if any(is_iri(t) and t.value == claim.claim for t in row)]
        if not matching:
            matching = [claim for claim in claims if claim.direct and claim.value in shown]
        facts = {claim.fact for claim in matching}
        claim_iris = {claim.claim for claim in matching}
        supporting.update(claim.passage for claim in matching)
        contradicting.update(claim.passage for claim in claims if claim.fact in facts and claim.claim not in claim_iris)
    return sorted((passages - (contradicting - supporting)) | supporting)


SOURCES_PAGE_ROWS = 1000  # rows whose sources are looked up together


def with_sources(result: QueryResult, select: Select) -> QueryResult:
    """A copy of ``result`` with a ``sources`` column: the passages behind the IRIs of each row."""
    if result.boolean is not None:
        return result
    return QueryResult(columns=sources_columns(result.columns), rows=list(rows_with_sources(result.rows, select)))


def sources_columns(columns: list[str]) -> list[str]:
    """The columns of a result with its sources: ``sources`` added (with ``_`` before it while the name is taken)."""
    column = SOURCES_COLUMN
    while column in columns:
        column = "_" + column
    return [*columns, column]


def rows_with_sources(
    rows: Iterable[tuple[Any, ...]], select: Select, page_rows: int = SOURCES_PAGE_ROWS
) -> Iterator[tuple[Any, ...]]:
    """Each row with its sources cell added, looked up ``page_rows`` rows at a time, as the rows come.

    A row's sources depend on that row alone, so the page size changes the number of look-ups, never a cell.
    """
    import pyoxigraph

    try:
        for page in pages(rows, page_rows):
            iris = [term for row in page for term in row]
            sources = lookup_sources(iris, select)
            claim_sources = lookup_claim_sources(iris, select)
            for row in page:
                passages = row_passages(row, sources, claim_sources)
                yield (*row, pyoxigraph.Literal(SEPARATOR.join(passages)) if passages else None)
    finally:
        close = getattr(rows, "close", None)  # a streamed result: stop its worker once we stop reading
        if close is not None:
            close()
