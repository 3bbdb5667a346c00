"""Push, remote queries and remote validation against a real Virtuoso 7 (started by the session fixture).

Virtuoso's Graph Store endpoint has no writable default graph, and its password-protected endpoints ask
for HTTP Digest authentication; its Turtle output drops xsd:decimal, so graphs are fetched as N-Triples.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import PARITY_GRAPH
from virtuoso import PASSWORD, USER

from cyberkg.cli import main
from cyberkg.endpoint import Connection, Credentials
from cyberkg.endpoint.client import run_text

GRAPH = "https://w3id.org/cyberkg/graph/test-digest"


def count_triples(connection: Connection) -> int:
    return int(run_text(connection, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value)


def test_a_push_to_the_default_graph_says_to_give_a_graph(virtuoso_server, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["push", "--endpoint", virtuoso_server.store_url])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.splitlines() == [
        f"cyberkg: error: push failed, nothing was written: the store at {virtuoso_server.store_url} has no writable "
        "default graph (it refused ?default with HTTP 500); give --graph IRI to push to a named graph"
    ]


def test_push_and_query_with_digest_authentication(
    virtuoso_server, store: ox.Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CYBERKG_PASSWORD", PASSWORD)
    code = main(["push", "--endpoint", virtuoso_server.auth_store_url, "--graph", GRAPH, "--user", USER])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert (
        captured.out
        == f"Pushed {len(store)} triples to graph <{GRAPH}> at {virtuoso_server.auth_store_url} (HTTP 201).\n"
    )
    credentials = Credentials(user=USER, password=PASSWORD)
    assert count_triples(Connection(virtuoso_server.auth_query_url, 30, credentials, GRAPH)) == len(store)


def test_a_wrong_password_is_refused_in_one_line(
    virtuoso_server, store: ox.Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CYBERKG_PASSWORD", "not-the-password")
    code = main(["push", "--endpoint", virtuoso_server.auth_store_url, "--graph", GRAPH, "--user", USER])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"cyberkg: error: push failed, nothing was retried: endpoint {virtuoso_server.auth_store_url} refused the "
        "credentials (HTTP 401 Unauthorized; set CYBERKG_USER and CYBERKG_PASSWORD, or CYBERKG_TOKEN)"
    ]


def test_digest_is_answered_only_where_the_server_asks(virtuoso_server, oxigraph_server) -> None:
    from cyberkg.endpoint.authentication import ask_challenge, is_digest

    assert is_digest(ask_challenge(virtuoso_server.auth_query_url, 10))
    assert ask_challenge(oxigraph_server.query_url, 10) is None


def test_validate_endpoint_on_virtuoso_reports_what_validate_reports_locally(
    virtuoso_server, capsys: pytest.CaptureFixture[str]
) -> None:
    local_code = main(["validate", "--engine", "pyshacl", "--format", "json"])
    local = capsys.readouterr().out
    remote_code = main(
        ["validate", "--endpoint", virtuoso_server.query_url, "--graph", PARITY_GRAPH, "--format", "json"]
    )
    remote = capsys.readouterr().out
    assert (remote_code, remote) == (local_code, local)
