"""The bench rows of commands on a graph opened the default way for its size: a large graph through a warm server
that the first command starts, a small one parsed by every command; and a large one with the store cache alone.

Times are printed by the benchmark, never checked here.
"""

from __future__ import annotations

from pathlib import Path

from cyberkg.bench.default_open import QUERY, assemble_checkout, default_open_rows
from cyberkg.bench.synthetic import generate
from cyberkg.query.library import find_query, list_queries, run
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.warm_record import process_alive, read_record


def _in_memory(graph: Path) -> tuple[int, int]:
    """The rows of QUERY, and of every library query in all, on the graph loaded here."""
    store = load_store(data_files(), extra=[graph])
    return len(run(store, find_query(QUERY)).rows), sum(len(run(store, query).rows) for query in list_queries())


def test_a_large_graph_is_opened_through_a_warm_server_and_then_through_the_cache(tmp_path, monkeypatch):
    graph = generate(12_000, tmp_path / "synthetic-12k.ttl")
    expected, every = _in_memory(graph.path)
    monkeypatch.setenv("CYBERKG_LARGE_GRAPH_MB", "0")  # the small graph is opened as a large one would be
    monkeypatch.setenv("CYBERKG_WARM", "off")  # the rows' commands must not inherit it: the default is measured

    rows = default_open_rows("12k", graph.path, tmp_path, expected, repeat=2, library_rows=every)

    assert [(row.operation, row.size, row.agree) for row in rows] == [
        (
            f"first command on the graph, default way (starts a warm server): query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        (
            f"repeated command, default way (the warm server): query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        (
            "every library query in turn, each a command, default way (starts a warm server at the first)",
            "12k",
            f"yes: {every} rows printed, {every} in memory",
        ),
        (
            f"first command, CYBERKG_WARM=off (builds the cache): query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        (
            f"repeated command, CYBERKG_WARM=off (reopens the cache): query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
    ]
    assert all(row.cyberkg.seconds is not None for row in rows)
    # Every server the rows started was stopped; the cache folder was emptied for the rows without a server,
    # whose first command built the store that stays.
    cache = tmp_path / "cache-12k"
    records = [read_record(path) for path in cache.glob("warm-*.json")]
    assert [record for record in records if record is not None and process_alive(record.pid)] == []
    assert [entry.name.split("-")[0] for entry in cache.iterdir()] == ["store"]


def test_under_the_threshold_the_rows_say_the_turtle_is_parsed_and_nothing_is_kept(tmp_path, monkeypatch):
    graph = generate(12_000, tmp_path / "synthetic-12k.ttl")
    expected, every = _in_memory(graph.path)
    monkeypatch.delenv("CYBERKG_LARGE_GRAPH_MB", raising=False)
    rows = default_open_rows("12k", graph.path, tmp_path, expected, repeat=1, library_rows=every + 1)
    assert [(row.operation, row.agree) for row in rows] == [
        (
            f"first command on the graph, default way (parses the Turtle): query {QUERY}",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        (
            f"repeated command, default way (parses the Turtle): query {QUERY}",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        (
            "every library query in turn, each a command, default way (parses the Turtle at the first)",
            f"NO: {every} rows printed, {every + 1} in memory",  # a disagreement is said
        ),
    ]
    assert not (tmp_path / "cache-12k").exists()


def test_the_assembled_checkout_holds_the_data_folders_and_the_linked_graph(tmp_path):
    data = tmp_path / "synthetic.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    root = assemble_checkout(data, tmp_path / "checkout")
    assert sorted(entry.name for entry in root.iterdir()) == ["graph", "ontology", "queries", "shapes"]
    assert (root / "graph" / "synthetic.ttl").resolve() == data.resolve()
    assert Path(root / "graph" / "synthetic.ttl").is_symlink()
