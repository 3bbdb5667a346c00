"""The bench rows of a command on a large graph opened the default way: the first builds the cache, the next reopen it;
then the same command with a warm server running.

Times are printed by the benchmark, never checked here.
"""

from __future__ import annotations

from pathlib import Path

from cyberkg.bench.default_open import QUERY, assemble_checkout, default_open_rows
from cyberkg.bench.synthetic import generate
from cyberkg.query.library import find_query, run
from cyberkg.store.loading import data_files, load_store


def test_the_first_and_the_repeated_command_print_the_rows_of_a_fresh_load(tmp_path, monkeypatch):
    graph = generate(12_000, tmp_path / "synthetic-12k.ttl")
    expected = len(run(load_store(data_files(), extra=[graph.path]), find_query(QUERY)).rows)
    monkeypatch.setenv("CYBERKG_LARGE_GRAPH_MB", "0")  # the small graph is cached as a large one would be

    rows = default_open_rows("12k", graph.path, tmp_path, expected, repeat=2)

    assert [(row.operation, row.size, row.agree) for row in rows] == [
        (
            f"first command on the graph, default way (builds the cache): query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        (
            f"repeated command, default way (reopens the cache): query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
        ("warm start: the graph loaded into memory once, in the background", "12k", ""),
        (
            f"repeated command, warm server running: query {QUERY}",
            "12k",
            f"yes: {expected} rows printed, {expected} in memory",
        ),
    ]
    assert all(row.cyberkg.seconds is not None for row in rows)
    # The warm server was stopped: its record and log are gone with it, the cached store stays.
    assert sorted(entry.name.split("-")[0] for entry in (tmp_path / "cache-12k").iterdir()) == ["store", "warm"]
    assert [entry.suffix for entry in (tmp_path / "cache-12k").glob("warm-*")] == [".log"]


def test_under_the_threshold_the_rows_say_the_turtle_is_parsed_and_no_store_is_cached(tmp_path, monkeypatch):
    graph = generate(12_000, tmp_path / "synthetic-12k.ttl")
    monkeypatch.delenv("CYBERKG_LARGE_GRAPH_MB", raising=False)
    rows = default_open_rows("12k", graph.path, tmp_path, None, repeat=1)
    assert [row.operation for row in rows] == [
        f"first command on the graph, default way (parses the Turtle): query {QUERY}",
        f"repeated command, default way (parses the Turtle): query {QUERY}",
        "warm start: the graph loaded into memory once, in the background",
        f"repeated command, warm server running: query {QUERY}",
    ]
    # No store was cached; the warm server, whatever the size, left only its log beside where its record was.
    assert [entry.suffix for entry in (tmp_path / "cache-12k").iterdir()] == [".log"]


def test_the_assembled_checkout_holds_the_data_folders_and_the_linked_graph(tmp_path):
    data = tmp_path / "synthetic.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    root = assemble_checkout(data, tmp_path / "checkout")
    assert sorted(entry.name for entry in root.iterdir()) == ["graph", "ontology", "queries", "shapes"]
    assert (root / "graph" / "synthetic.ttl").resolve() == data.resolve()
    assert Path(root / "graph" / "synthetic.ttl").is_symlink()
