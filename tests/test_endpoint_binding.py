"""Parameters bound for a remote endpoint as a VALUES block, and the pieces every request shares.

The VALUES text must give the rows Oxigraph's own substitution gives: each case
runs both on a small in-memory store and compares.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error

import pyoxigraph as ox
import pytest

from cyberkg.endpoint.binding import bind_values, query_form, values_block
from cyberkg.endpoint.transport import (
    Credentials,
    credentials_from_environment,
    failure,
    is_transient,
    public_url,
    with_retries,
)
from cyberkg.errors import EndpointError, InputError, QueryError

EX = "http://example.org/"
X = ox.NamedNode(EX + "x")


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    store = ox.Store()
    for index, (target, text) in enumerate([("x", "one"), ("y", "two"), ("x", "three { WHERE }")]):
        subject = ox.NamedNode(f"{EX}s{index}")
        store.add(ox.Quad(subject, ox.NamedNode(EX + "p"), ox.NamedNode(EX + target)))
        store.add(ox.Quad(subject, ox.NamedNode(EX + "q"), ox.Literal(text)))
    return store


def rows(answer) -> list:
    if isinstance(answer, ox.QueryBoolean | bool):
        return [bool(answer)]
    if isinstance(answer, ox.QuerySolutions):
        columns = [variable.value for variable in answer.variables]
        return sorted(tuple(str(solution[column]) for column in columns) for solution in answer)
    return sorted(str(triple) for triple in answer)


CASES = {
    "select with where": "SELECT ?s ?v WHERE { ?s <http://example.org/p> ?v }",
    "select without where": "select * { ?s <http://example.org/p> ?v }",
    "group by the parameter": (
        "SELECT ?v (COUNT(?s) AS ?n) WHERE { ?s <http://example.org/p> ?o FILTER(?o = ?v) } GROUP BY ?v"
    ),
    "braces and keywords in comments, strings and IRIs": (
        "# WHERE { } SELECT\nPREFIX ex: <http://example.org/WHERE/select#>\n"
        "SELECT ?s ?v ?t WHERE { ?s <http://example.org/q> ?t . ?s <http://example.org/p> ?v "
        "FILTER(?t != \"} WHERE {\" && ?t != '''{''') }"
    ),
    "expression with a group in the projection": (
        "SELECT ?v (EXISTS { ?v ?p ?o } AS ?used) WHERE { ?s <http://example.org/p> ?v }"
    ),
    "sub-select as the whole pattern": ("SELECT ?s ?v WHERE { SELECT ?s ?v WHERE { ?s <http://example.org/p> ?v } }"),
    "ask": "ASK { ?s <http://example.org/p> ?v }",
    "construct with template": ("CONSTRUCT { ?s <http://example.org/r> ?v } WHERE { ?s <http://example.org/p> ?v }"),
    "construct without the where keyword": (
        "CONSTRUCT { ?s <http://example.org/r> ?v } { ?s <http://example.org/p> ?v }"
    ),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_values_block_gives_the_rows_of_substitution(small_store: ox.Store, text: str) -> None:
    substituted = small_store.query(text, substitutions={ox.Variable("v"): X})
    bound = small_store.query(bind_values(text, {"v": X}))
    assert rows(bound) == rows(substituted)


def test_values_block_goes_first_in_the_top_level_group() -> None:
    text = "SELECT ?s ?v WHERE { ?s <http://example.org/p> ?v } ORDER BY ?s"
    assert bind_values(text, {"v": X}) == (
        "SELECT ?s ?v WHERE { VALUES (?v) { (<http://example.org/x>) }\n ?s <http://example.org/p> ?v } ORDER BY ?s"
    )


def test_values_block_writes_terms_in_ntriples_syntax() -> None:
    terms = {
        "a": X,
        "b": ox.Literal('say "hi" } #', language="en"),
        "c": ox.Literal("2009", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")),
    }
    assert values_block(terms) == (
        'VALUES (?a ?b ?c) { (<http://example.org/x> "say \\"hi\\" } #"@en '
        '"2009"^^<http://www.w3.org/2001/XMLSchema#gYear>) }'
    )


def test_a_hostile_string_stays_one_literal(small_store: ox.Store) -> None:
    text = "SELECT ?s ?t WHERE { ?s <http://example.org/q> ?t }"
    hostile = ox.Literal('one" } UNION { ?s ?p ?t } #')
    bound = bind_values(text, {"t": hostile})
    assert rows(small_store.query(bound)) == []
    assert rows(small_store.query(bind_values(text, {"t": ox.Literal("one")}))) == [
        ("<http://example.org/s0>", '"one"')
    ]


def test_no_terms_leaves_the_text_alone() -> None:
    assert bind_values("SELECT * { ?s ?p ?o }", {}) == "SELECT * { ?s ?p ?o }"


def test_describe_without_pattern_gets_a_trailing_block() -> None:
    assert bind_values("DESCRIBE ?v", {"v": X}) == "DESCRIBE ?v\nVALUES (?v) { (<http://example.org/x>) }\n"


def test_short_construct_is_refused_with_a_way_out() -> None:
    with pytest.raises(QueryError, match=r"^a CONSTRUCT WHERE \{ \.\.\. \} query cannot take parameters"):
        bind_values("CONSTRUCT WHERE { ?s <http://example.org/p> ?v }", {"v": X})


def test_variable_names_are_checked() -> None:
    with pytest.raises(QueryError, match=r"^'v\) \{' is not a SPARQL variable name$"):
        bind_values("SELECT * { ?s ?p ?v }", {"v) {": X})


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("PREFIX select: <http://example.org/>\nask { ?s select:p ?o }", "ASK"),
        ("# SELECT in a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("describe <http://example.org/x>", "DESCRIBE"),
        ("SELECT ?address WHERE { ?s <http://example.org/address> ?address }", "SELECT"),
    ],
)
def test_query_form(text: str, form: str) -> None:
    assert query_form(text) == form


def test_query_form_of_non_query() -> None:
    with pytest.raises(QueryError):
        query_form("INSERT DATA { <a:b> <a:c> <a:d> }")


# --- what every request shares -------------------------------------------------------------------


def test_public_url_hides_credentials() -> None:
    assert public_url("http://alice:s3cret@127.0.0.1:7878/query?x=1") == "http://127.0.0.1:7878/query?x=1"
    assert public_url("http://[::1]:7878/query") == "http://[::1]:7878/query"
    assert public_url("https://u:p@[::1]/sparql") == "https://[::1]/sparql"


def test_credentials_never_show_their_secret() -> None:
    basic = Credentials(user="alice", password="s3cret")
    assert basic.authorization() == "Basic YWxpY2U6czNjcmV0"
    assert "s3cret" not in repr(basic)
    bearer = Credentials(token="t0ken")
    assert bearer.authorization() == "Bearer t0ken"
    assert "t0ken" not in repr(bearer)


def test_credentials_from_environment() -> None:
    assert credentials_from_environment(None, {}) is None
    assert credentials_from_environment(None, {"CYBERKG_TOKEN": "t"}) == Credentials(token="t")
    assert credentials_from_environment("bob", {"CYBERKG_PASSWORD": "pw", "CYBERKG_TOKEN": "t"}) == Credentials(
        user="bob", password="pw"
    )
    assert credentials_from_environment(None, {"CYBERKG_USER": "carol", "CYBERKG_PASSWORD": "pw"}) == Credentials(
        user="carol", password="pw"
    )
    with pytest.raises(InputError, match=r"^a user is given \(bob\) but CYBERKG_PASSWORD is not set"):
        credentials_from_environment("bob", {})


def _http_error(code: int) -> urllib.error.HTTPError:
    return urllib.error.HTTPError("http://h/q", code, "Reason", {}, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (urllib.error.URLError(ConnectionRefusedError()), True),
        (ConnectionResetError(), True),
        (http.client.RemoteDisconnected(), True),
        (_http_error(503), True),
        (_http_error(502), True),
        (_http_error(500), False),
        (_http_error(401), False),
        (urllib.error.URLError(TimeoutError()), False),
        (urllib.error.URLError(socket.gaierror()), False),
        (http.client.BadStatusLine("x"), False),
    ],
)
def test_which_failures_are_retried(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_retries_are_bounded_and_back_off() -> None:
    attempts: list[int] = []
    pauses: list[float] = []

    def refused() -> None:
        attempts.append(1)
        raise urllib.error.URLError(ConnectionRefusedError())

    with pytest.raises(EndpointError) as caught:
        with_retries(refused, "http://u:p@127.0.0.1:9/query", 5, retries=3, backoff=0.25, sleep=pauses.append)
    assert len(attempts) == 4
    assert pauses == [0.25, 0.5, 1.0]
    assert str(caught.value) == (
        "endpoint http://127.0.0.1:9/query refused the connection (is the server running on this host and port?)"
    )


def test_failure_messages_name_the_endpoint() -> None:
    endpoint = "http://127.0.0.1:9/query"
    assert (
        str(failure(endpoint, _http_error(403), 5))
        == "endpoint http://127.0.0.1:9/query forbids this request (HTTP 403 Forbidden)"
    )
    assert (
        str(failure(endpoint, _http_error(502), 5))
        == "endpoint http://127.0.0.1:9/query failed on the server side (HTTP 502 Reason)"
    )
    assert str(failure(endpoint, urllib.error.URLError(TimeoutError()), 2.5)) == (
        "endpoint http://127.0.0.1:9/query did not answer within 2.5 s (timed out; "
        "raise --timeout if the server is slow)"
    )
