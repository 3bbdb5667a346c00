"""Reading from a remote SPARQL endpoint (SPARQL 1.1 Protocol, through SPARQLWrapper).

:func:`run_remote` runs a library query on any SPARQL server and returns the
same :class:`cyberkg.query.QueryResult` as a local run, with pyoxigraph terms,
so every output format of ``cyberkg.query.formats`` works unchanged. :func:`fetch_graph`
brings a remote graph back as an rdflib Graph (for validation), and
:func:`remote_labeler` finds labels for the ``table`` format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cyberkg.endpoint.authentication import authorization
from cyberkg.endpoint.binding import bind_values, query_form, tokens
from cyberkg.endpoint.transport import (
    DEFAULT_BACKOFF,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Credentials,
    check_url,
    open_request,
    public_url,
    with_retries,
    within_deadline,
)
from cyberkg.errors import EndpointError, InputError
from cyberkg.query.formats import result_iris
from cyberkg.query.library import LibraryQuery, QueryResult, bindings
from cyberkg.rdf.labels import Labeler, labeler

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

RDF_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
}
RDF_FORMS = ("CONSTRUCT", "DESCRIBE")
# A fetched graph is asked for as N-Triples first: Virtuoso 7.2's Turtle writes 500000.0^^xsd:decimal as
# the bare number 500000, which reads back as an xsd:integer; its N-Triples keeps every datatype.
GRAPH_MEDIA_TYPES = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.5, application/rdf+xml;q=0.3"
WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# The order in a sub-select, the slice outside it: Virtuoso 7.2 refuses an ORDER BY whose LIMIT and OFFSET
# reach past 10,000 rows (its MaxSortedTopRows), and reads this form as a scrollable cursor instead.
ORDERED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o } }"
DEFAULT_PAGE_TRIPLES = 250_000
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@dataclass(frozen=True)
class Connection:
    """Where and how to reach a SPARQL query service."""

    endpoint: str
    timeout: float = DEFAULT_TIMEOUT
    credentials: Credentials | None = None
    graph: str | None = None  # the default graph to query (SPARQL Protocol default-graph-uri)
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: media type (without parameters) and body."""

    media_type: str
    body: bytes


def _request(connection: Connection, text: str, accept: str | None = None) -> Answer:
    """Send one query (POST, URL-encoded form) and read the whole answer, with bounded retries.

    ``accept`` replaces the Accept header SPARQLWrapper would send (the media types asked for).
    """
    from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper

    form = query_form(text)
    rdf = form in RDF_FORMS
    check_url(connection.endpoint)
    if connection.timeout < 0:
        raise InputError(f"the timeout must be 0 (no limit) or positive (got {connection.timeout:g} s)")

    def read() -> Answer:
        sparql = SPARQLWrapper(connection.endpoint)
        sparql.setOnlyConneg(True)
        sparql.setMethod(POST)
        sparql.setRequestMethod(URLENCODED)
        sparql.setQuery(text)
        # SPARQLWrapper guesses the form with a regular expression that words in comments can fool
        # ("address" read as ADD, an update); the form found by the tokenizer is the one that counts.
        sparql.queryType = form
        sparql.setReturnFormat(TURTLE if rdf else JSON)
        if connection.graph is not None:
            sparql.addDefaultGraph(connection.graph)
        if accept is not None:
            sparql.addCustomHttpHeader("Accept", accept)
        if connection.credentials is not None:
            header = authorization(connection.credentials, "POST", connection.endpoint, connection.timeout)
            sparql.addCustomHttpHeader("Authorization", header)
        # Opened here rather than by sparql.query(): redirects must not carry the credentials to another host.
        response = open_request(sparql._createRequest(), connection.endpoint, connection.timeout)
        try:
            body = response.read()
            media_type = response.info().get_content_type()
        finally:
            response.close()
        return Answer(media_type, body)

    return within_deadline(
        lambda: with_retries(read, connection.endpoint, connection.timeout, connection.retries, connection.backoff),
        connection.endpoint,
        connection.timeout,
    )


def _not_results(connection: Connection, answer: Answer, what: str, detail: str = "") -> EndpointError:
    why = f" ({' '.join(detail.split())[:160]})" if detail else ""
    return EndpointError(
        f"endpoint {public_url(connection.endpoint)} answered with {answer.media_type} that is not {what}{why}"
    )


def _solutions(connection: Connection, answer: Answer) -> QueryResult:
    import pyoxigraph

    try:
        results_format = pyoxigraph.QueryResultsFormat.from_media_type(answer.media_type)
    except ValueError:
        results_format = None
    if results_format is None:
        raise _not_results(connection, answer, "SPARQL results")
    try:
        parsed = pyoxigraph.parse_query_results(answer.body, format=results_format)
        if isinstance(parsed, pyoxigraph.QueryBoolean):
            return QueryResult(columns=[], rows=[], boolean=bool(parsed))
        columns = [variable.value for variable in parsed.variables]
        rows = [tuple(solution[column] for column in columns) for solution in parsed]
    except (SyntaxError, ValueError) as error:
        raise _not_results(connection, answer, "valid SPARQL results", str(error)) from None
    return QueryResult(columns=columns, rows=rows)


def _triples(connection: Connection, answer: Answer) -> list[Any]:
    import pyoxigraph

    try:
        rdf_format = pyoxigraph.RdfFormat.from_media_type(answer.media_type)
    except ValueError:
        rdf_format = None
    if rdf_format is None:
        raise _not_results(connection, answer, "RDF")
    try:
        return list(pyoxigraph.parse(answer.body, format=rdf_format))
    except (SyntaxError, ValueError) as error:
        raise _not_results(connection, answer, "valid RDF", str(error)) from None


def run_text(connection: Connection, text: str) -> QueryResult:
    """Run SPARQL query text (already bound) remotely; the result as a local run shapes it."""
    if query_form(text) in RDF_FORMS:
        triples = _triples(connection, _request(connection, text))
        return QueryResult(
            columns=["subject", "predicate", "object"], rows=[(t.subject, t.predicate, t.object) for t in triples]
        )
    return _solutions(connection, _request(connection, text))


def run_remote(connection: Connection, query: LibraryQuery, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a library query on a remote endpoint with its parameters bound as RDF terms."""
    terms = bindings(query, params or {})
    return normalise_booleans(run_text(connection, bind_values(query.text, terms)), boolean_columns(query.text))


def boolean_columns(text: str) -> frozenset[str]:
    """Variables the query binds to a truth value: ``BIND(EXISTS {...} AS ?v)`` or ``BIND(NOT EXISTS ...)``."""
    items = tokens(text)
    found = set()
    for index, token in enumerate(items[:-2]):
        if token.text.upper() != "BIND" or items[index + 1].kind != "lparen":
            continue
        first = items[index + 2].text.upper()
        if first not in ("EXISTS", "NOT"):
            continue
        for later in range(index + 2, len(items) - 1):
            closing = items[later]
            if closing.kind == "rparen" and closing.parens == items[index + 1].parens + 1:
                if items[later - 2].text.upper() == "AS" and items[later - 1].kind == "variable":
                    found.add(items[later - 1].text[1:])
                break
    return frozenset(found)


def normalise_booleans(result: QueryResult, columns: frozenset[str]) -> QueryResult:
    """Truth values as xsd:boolean in ``columns``: Virtuoso 7.2 has no boolean type and answers 1 or 0."""
    import pyoxigraph

    indexes = [index for index, column in enumerate(result.columns) if column in columns]
    if not indexes:
        return result
    boolean = pyoxigraph.NamedNode(XSD_BOOLEAN)
    integer = pyoxigraph.NamedNode(XSD_INTEGER)

    def as_boolean(term: Any) -> Any:
        if isinstance(term, pyoxigraph.Literal) and term.datatype == integer and term.value in ("0", "1"):
            return pyoxigraph.Literal("true" if term.value == "1" else "false", datatype=boolean)
        return term

    rows = [tuple(as_boolean(t) if i in indexes else t for i, t in enumerate(row)) for row in result.rows]
    return QueryResult(columns=result.columns, rows=rows, boolean=result.boolean)


def fetch_graph(
    endpoint: str,
    graph: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    credentials: Credentials | None = None,
    retries: int = DEFAULT_RETRIES,
    page_triples: int = DEFAULT_PAGE_TRIPLES,
) -> rdflib.Graph:
    """The remote default graph (or the named ``graph``) as an rdflib Graph, fetched by CONSTRUCT as N-Triples.

    The graph comes in pages of ``page_triples`` (``ORDER BY ?s ?p ?o LIMIT ... OFFSET ...``), so no single
    answer outgrows the server's result limit or the time limit of one request; a page shorter than that is
    the last. Blank-node labels are shared across pages (the stores tested keep a blank node's label from one
    answer to the next). A server that answers in another syntax than N-Triples is asked for the whole graph
    in one answer instead, since only N-Triples pages can be joined on their blank-node labels.
    """
    import rdflib

    from cyberkg.rdf.namespaces import bind_prefixes

    if graph is not None:
        _check_iri(graph)
    if page_triples <= 0:
        raise InputError(f"the page size must be a positive number of triples (got {page_triples})")
    connection = Connection(endpoint, timeout, credentials, graph, retries)
    result = rdflib.Graph()
    blank_nodes: dict[str, rdflib.BNode] = {}
    offset = 0
    while True:
        text = f"{ORDERED_GRAPH} LIMIT {page_triples} OFFSET {offset}"
        page = _fetch_page(connection, text, blank_nodes)
        if page is None:  # not N-Triples: the whole graph in one answer
            result = _fetch_page(connection, WHOLE_GRAPH, None) or rdflib.Graph()
            break
        result += page
        if len(page) < page_triples:
            break
        offset += page_triples
    bind_prefixes(result)
    return result


def _fetch_page(connection: Connection, text: str, blank_nodes: dict[str, rdflib.BNode] | None) -> rdflib.Graph | None:
    """One CONSTRUCT answer parsed; None when paging (``blank_nodes`` given) and the answer is not N-Triples."""
    import rdflib

    answer = _request(connection, text, GRAPH_MEDIA_TYPES)
    syntax = RDF_MEDIA_TYPES.get(answer.media_type)
    if syntax is None:
        raise _not_results(connection, answer, "RDF")
    if blank_nodes is not None and syntax != "nt":
        return None
    page = rdflib.Graph()
    try:
        if syntax == "nt":
            page.parse(data=answer.body, format=syntax, bnode_context=blank_nodes if blank_nodes is not None else {})
        else:
            page.parse(data=answer.body, format=syntax)
    except Exception as error:  # noqa: BLE001 - rdflib's parsers raise many kinds
        raise _not_results(connection, answer, "valid RDF", str(error)) from None
    return page


def _check_iri(iri: str) -> None:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        raise InputError(f"graph {iri!r} is not an absolute IRI") from None


def remote_labeler(connection: Connection, result: QueryResult) -> Labeler:
    """Labels of the IRIs in ``result``, fetched from the endpoint in a few queries (:mod:`cyberkg.rdf.labels`)."""
    return labeler(lambda text: run_text(connection, text).rows, result_iris(result))


def query_endpoint(
    connection: Connection,
    query: LibraryQuery,
    params: Mapping[str, str] | None = None,
    *,
    with_sources: bool = False,
    labels: bool = True,
) -> tuple[QueryResult, Callable[[Any], str | None] | None]:
    """What ``cyberkg query --endpoint`` shows: the result (with a sources column if asked) and its labels."""
    result = run_remote(connection, query, params)
    if with_sources:
        from cyberkg.query.sources import with_sources as add_sources

        result = add_sources(result, lambda text: run_text(connection, text))
    return result, (remote_labeler(connection, result) if labels else None)
