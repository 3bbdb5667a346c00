"""``cyberkg validate --endpoint``: the graph a real Oxigraph server holds, validated against the shapes.

The fixture starts ``oxigraph serve`` on 127.0.0.1 with a free port and stops it by its own process id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberkg.cli import main
from cyberkg.endpoint.push import push_store
from cyberkg.endpoint.server import RunningServer, free_port, start_server
from cyberkg.store.loading import data_files, load_store

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "endpoint" / "broken-treaty-action.ttl"
NAMED = "https://w3id.org/cyberkg/graph/test-broken"
BAD = "https://w3id.org/cyberkg/id/treaty-action/test-fixture-early-ratification"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = start_server(tmp_path_factory.mktemp("oxigraph"), "127.0.0.1", free_port(), read_only=False)
    try:
        push_store(load_store(), server.store_url)
        push_store(load_store([*data_files(), BROKEN]), server.store_url, graph=NAMED)
        yield server
    finally:
        server.stop()


def test_the_pushed_curated_graph_conforms(oxigraph: RunningServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--endpoint", oxigraph.query_url])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[-1] == "Summary: 0 violations, 7 warnings, 0 infos; conforms."


def test_a_broken_named_graph_fails_with_the_rules_that_fired(
    oxigraph: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    code = main(["validate", "--endpoint", oxigraph.query_url, "--graph", NAMED, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    violation = "http://www.w3.org/ns/shacl#Violation"
    violations = {(r["focusNode"], r["sourceShape"]) for r in report["results"] if r["severity"] == violation}
    shapes = "https://w3id.org/cyberkg/shapes#"
    assert violations == {
        (f"<{BAD}>", f"<{shapes}CitesSourcePassage>"),
        (f"<{BAD}>", f"<{shapes}TreatyActionNotBeforeOpening>"),
    }


def test_an_unreachable_endpoint_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    code = main(["validate", "--endpoint", url, "--timeout", "5"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        f"cyberkg: error: endpoint {url} refused the connection (is the server running on this host and port?)"
    ]


def test_files_and_endpoint_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN), "--endpoint", "http://127.0.0.1:9/query"]) == 2
