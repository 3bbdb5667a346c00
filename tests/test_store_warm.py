"""The warm server's graph gives what the graph in memory gives: the same rows in the same order, every term exact.

One warm server (``cyberkg warm start --foreground``, stopped by its process id) serves a copy of the project's
data with ``tests/warm/odd-terms.ttl`` added to it; every library query (with its defaults and with each parameter
set of the competency table), the query command in every format, and the store's pattern API are compared with
the same files loaded into memory in this process.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from library_runs import IDS, RUNS
from warm_servers import ServedCopy, copy_project, start_in_foreground, stop

from cyberkg.cli import main
from cyberkg.errors import EndpointError, QueryError, TimeLimitError
from cyberkg.query.library import QueryResult, find_query, list_queries, resolve_params, run, select
from cyberkg.query.streaming import stream_text
from cyberkg.store.embedded import embedded_store
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.warm import WarmStore, warm_store
from cyberkg.store.warm_protocol import term_from_json, term_to_json
from cyberkg.store.warm_record import read_record, record_path, write_record

HERE = Path(__file__).resolve().parent
ODD_TERMS = HERE / "warm" / "odd-terms.ttl"
EX = "urn:cyberkg:test:warm:"
ODD_VALUES = f"SELECT ?value WHERE {{ <{EX}thing> <{EX}value> ?value }} ORDER BY STR(?value) ?value"


LIBRARY = [query.name for query in list_queries()]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedCopy]:
    copy = copy_project(tmp_path_factory.mktemp("warm"), extra=(ODD_TERMS,))
    start_in_foreground(copy)
    try:
        yield copy
    finally:
        stop(copy)


@pytest.fixture
def warm(served: ServedCopy, monkeypatch: pytest.MonkeyPatch) -> ServedCopy:
    """Commands of this test look at the served copy, with the warm server turned on."""
    monkeypatch.setenv("CYBERKG_ROOT", str(served.root))
    monkeypatch.setenv("CYBERKG_CACHE", str(served.cache))
    monkeypatch.delenv("CYBERKG_WARM", raising=False)
    return served


@pytest.fixture(scope="module")
def in_memory(served: ServedCopy) -> ox.Store:
    """The served copy's files loaded into memory here, as a command without the server would."""
    from cyberkg.store.checkout import Checkout

    return load_store(data_files(Checkout(served.root)))


def _same(result: QueryResult) -> tuple:
    return (result.columns, result.rows, result.boolean)


def test_a_command_gets_the_warm_servers_graph_while_it_runs(warm, in_memory):
    store = embedded_store()
    assert type(store) is WarmStore
    assert (store.record.pid, len(store)) == (warm.pid, len(in_memory))


@pytest.mark.parametrize(("name", "params"), RUNS, ids=IDS)
def test_every_library_query_gives_the_same_rows_in_the_same_order(warm, in_memory, name, params):
    store = embedded_store()
    query = find_query(name)
    given = dict(params)
    resolved = resolve_params(store, query, given)
    assert resolved == resolve_params(in_memory, query, given)
    assert _same(run(store, query, resolved)) == _same(run(in_memory, query, resolved))


@pytest.mark.parametrize("name", LIBRARY)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_query_command_prints_the_same_bytes(warm, capsys, monkeypatch, name, fmt):
    assert main(["query", name, "--format", fmt]) == 0
    through_server = capsys.readouterr()
    monkeypatch.setenv("CYBERKG_WARM", "off")
    assert main(["query", name, "--format", fmt]) == 0
    assert capsys.readouterr() == through_server


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "jsonl"])
def test_every_format_and_the_sources_are_the_same(warm, capsys, monkeypatch, fmt):
    argv = ["query", "meetings-promoting-accession", "-p", "instrument=ets-185", "--format", fmt]
    outputs = []
    for switch in ("on", "off"):
        monkeypatch.setenv("CYBERKG_WARM", switch)
        assert main(argv) == 0
        assert main([*argv, "--with-sources"]) == 0
        assert main([*argv, "--offset", "1", "--limit", "2"]) == 0
        outputs.append(capsys.readouterr())
    assert outputs[0] == outputs[1]


def _blank_as_one(rows: list[tuple]) -> list[str]:
    return ["_:blank" if isinstance(term, ox.BlankNode) else str(term) for (term,) in rows]


def test_typed_literals_language_tags_directions_and_triple_terms_come_back_exactly(warm, in_memory):
    store = embedded_store()
    through_server = select(store, ODD_VALUES).rows
    xsd = "http://www.w3.org/2001/XMLSchema#"
    # As the store holds them (it writes numbers of the XSD types in their canonical form when it loads them).
    expected = [
        "_:blank",
        f'<{EX}thing> <{EX}value> "a triple term"',
        f'" +5 "^^<{xsd}integer>',
        f'"1"^^<{xsd}integer>',
        f'"1.5"^^<{xsd}decimal>',
        f'"1000"^^<{xsd}double>',
        f'"2009"^^<{xsd}gYear>',
        f'"2009-11"^^<{xsd}gYearMonth>',
        '"Convention sur la cybercriminalité"@fr',
        '"More than 280"',
        f'"not a number"^^<{xsd}integer>',
        f'"plain"^^<{EX}datatype>',
        '"tab\\there, a new line\\nand \\"quotes\\""',
        f'"true"^^<{xsd}boolean>',
        '"اتفاقية"@ar--rtl',
    ]
    assert _blank_as_one(through_server) == _blank_as_one(select(in_memory, ODD_VALUES).rows) == expected
    # Blank node labels are drawn anew by each load: the server's are its own, and the same from query to query.
    assert select(store, ODD_VALUES).rows[0] == through_server[0]


def test_the_store_pattern_api_gives_the_same_quads_in_the_same_order(warm, in_memory):
    store = embedded_store()
    instrument = ox.NamedNode("https://w3id.org/cyberkg/id/instrument/ets-185")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    patterns = [
        (instrument, None, None, None),
        (None, None, instrument, None),
        (None, label, None, ox.DefaultGraph()),
        (instrument, label, ox.Literal("nothing of the kind"), None),
    ]
    for pattern in patterns:
        assert list(store.quads_for_pattern(*pattern)) == list(in_memory.quads_for_pattern(*pattern))


def test_ask_and_construct_answer_as_in_memory(warm, in_memory):
    store = embedded_store()
    for text in (
        "ASK { ?s a <https://w3id.org/cyberkg/ontology#Meeting> }",
        "ASK { ?s a <urn:cyberkg:test:nothing> }",
        "CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } ORDER BY ?s ?o",
    ):
        assert _same(select(store, text)) == _same(select(in_memory, text))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("broken.rq", "line 7, column 1: expected"),
        ("unprojected-param.rq", "parameter thing must be listed in the SELECT clause"),
    ],
)
def test_a_query_that_fails_fails_with_the_same_message(warm, in_memory, query, message):
    library_query = find_query(str(HERE / "queries" / query))
    params = {"thing": "https://w3id.org/cyberkg/id/instrument/ets-185"} if library_query.parameters else {}
    with pytest.raises(QueryError) as through_server:
        run(embedded_store(), library_query, params)
    with pytest.raises(QueryError) as loaded:
        run(in_memory, library_query, params)
    assert str(through_server.value) == str(loaded.value)
    assert message in str(loaded.value)


def test_a_query_past_its_time_limit_is_stopped_by_the_server_which_goes_on_answering(warm):
    store = embedded_store()
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(TimeLimitError, match=r"^the query did not finish within 1 s and was stopped$"):
        list(store.within(1, None).query(endless))
    assert select(store, "ASK { ?s ?p ?o }").boolean is True
    # Through the command's own path: its worker is stopped first, with the words the embedded store gives.
    with pytest.raises(TimeLimitError, match=r"^the query q did not finish within 1 s and was stopped$"):
        list(stream_text(store, endless, where="q", timeout=1).rows)


def test_a_server_holding_another_state_refuses_to_answer(warm):
    store = embedded_store()
    forged = WarmStore(dataclasses.replace(store.record, key="store-00000000-0000000000000000"))
    with pytest.raises(EndpointError) as refused:
        forged.query("ASK {}")
    assert str(refused.value) == (
        f"the warm server (process {warm.pid}) holds another state of the graph files than its record says; "
        f"stop it with `cyberkg warm stop`"
    )


def test_a_record_naming_another_process_at_the_socket_is_not_believed(warm, tmp_path, monkeypatch):
    record = read_record(record_path(warm.cache, data_files()))
    monkeypatch.setenv("CYBERKG_CACHE", str(tmp_path / "elsewhere"))
    forged = dataclasses.replace(record, pid=os.getpid())  # a live process, but not the one holding the socket
    path = record_path(tmp_path / "elsewhere", data_files())
    write_record(path, forged)
    assert warm_store(data_files()) is None
    assert type(embedded_store()) is ox.Store
    assert read_record(path) == forged  # its process lives: the record is left for `warm status` to show


def test_location_and_the_variable_off_bypass_the_server(warm, tmp_path, monkeypatch):
    assert type(embedded_store(tmp_path / "saved")) is ox.Store
    monkeypatch.setenv("CYBERKG_WARM", "off")
    assert type(embedded_store()) is ox.Store


def test_the_record_is_the_users_alone_and_the_socket_in_a_folder_only_they_enter(warm):
    path = record_path(warm.cache, data_files())
    record = read_record(path)
    assert record is not None
    socket_folder = Path(record.socket).parent
    assert (stat.S_IMODE(path.stat().st_mode), stat.S_IMODE(socket_folder.stat().st_mode)) == (0o600, 0o700)
    assert (record.pid, Path(record.socket).name) == (warm.pid, "socket")


@pytest.mark.parametrize(
    "term",
    [
        ox.NamedNode("https://w3id.org/cyberkg/id/instrument/ets-185"),
        ox.BlankNode("b1"),
        ox.Literal("More than 280"),
        ox.Literal(" +5 ", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("chat", language="fr"),
        ox.Literal("اتفاقية", language="ar", direction=ox.BaseDirection.RTL),
        ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o", language="en")),
        ox.DefaultGraph(),
        None,
    ],
    ids=str,
)
def test_a_term_crosses_the_socket_as_itself(term):
    assert term_from_json(term_to_json(term)) == term


def test_a_query_past_its_memory_limit_ends_its_worker_and_the_server_goes_on_answering(warm):
    store = embedded_store()
    hungry = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?b ?c ?d"
    with pytest.raises(EndpointError) as stopped:
        list(stream_text(store, hungry, timeout=120, memory_limit=64 * 1024 * 1024).rows)
    assert str(stopped.value) == (
        f"the warm server (process {warm.pid}) stopped answering before the end of the result (RemoteDisconnected: "
        f"its worker ended, out of the memory allowed or stopped); `cyberkg warm status` tells whether it still runs"
    )
    assert select(store, "ASK { ?s ?p ?o }").boolean is True


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_a_query_asked_while_another_is_read_is_answered_and_one_worker_is_kept(warm, in_memory):
    store = embedded_store()
    every = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }"
    held = iter(store.query(every))  # far more than a socket holds: its worker waits for this to be read
    first = next(held)
    assert select(store, "ASK { ?s ?p ?o }").boolean is True
    assert [first, *held] == list(in_memory.query(every))
    # The server's children once both are done: its janitor and the one worker it keeps (any other one ends).
    deadline = time.monotonic() + 10
    while len(_children(warm.pid)) != 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_children(warm.pid)) == 2
