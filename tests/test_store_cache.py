"""The default store for a large graph: an on-disk copy in the cache folder, built once and reopened while unchanged."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import run_on_terminal
from tqdm import tqdm

from cyberkg.errors import InputError
from cyberkg.query.library import list_queries, run
from cyberkg.store.cache import LARGE_GRAPH_BYTES, open_cached_store, should_cache
from cyberkg.store.embedded import embedded_store
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import state_key

CACHE_LOG = "cyberkg.store.cache"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and every graph counted as large."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CYBERKG_CACHE", str(folder))
    monkeypatch.setenv("CYBERKG_LARGE_GRAPH_MB", "0")
    return folder


def _cache_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == CACHE_LOG]


def test_a_graph_under_the_threshold_is_parsed_in_memory(project, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("CYBERKG_CACHE", str(tmp_path / "cache"))
    assert sum(path.stat().st_size for path in data_files()) < LARGE_GRAPH_BYTES
    caplog.set_level(logging.INFO, logger=CACHE_LOG)
    store = embedded_store()
    store.update("INSERT DATA { <urn:x> <urn:y> <urn:z> }")  # a store in memory is writable
    assert _cache_messages(caplog) == []
    assert not (tmp_path / "cache").exists()


def test_the_first_command_builds_the_store_and_the_second_reopens_it(project, cache, caplog):
    caplog.set_level(logging.INFO, logger=CACHE_LOG)
    first = open_cached_store(data_files())
    second = open_cached_store(data_files())
    assert (first.built, second.built) == (True, False)
    assert _cache_messages(caplog) == [
        f"building the cached store {cache / state_key(data_files())} from {len(data_files())} files",
        f"reopening the cached store {cache / state_key(data_files())}",
    ]
    assert sorted(entry.name for entry in cache.iterdir()) == [state_key(data_files())]
    assert first.folder == second.folder == cache / state_key(data_files())


def test_an_edited_data_file_makes_the_cache_rebuild(project, cache):
    first = open_cached_store(data_files())
    edited = project / "graph" / "topics.ttl"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n<urn:added> <urn:p> <urn:o> .\n", encoding="utf-8")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 1_000_000))
    second = open_cached_store(data_files())
    assert second.built is True and second.folder != first.folder
    assert sorted(entry.name for entry in cache.iterdir()) == [second.folder.name]  # the old state is gone
    assert list(second.store.quads_for_pattern(None, None, None)) != []
    assert len(second.store) == len(first.store) + 1


def test_every_library_query_answers_the_same_from_the_cache_as_from_a_fresh_load(project, cache):
    fresh = load_store()
    embedded_store()  # the first command builds
    cached = embedded_store()  # the second reopens
    compared = []
    for query in list_queries():
        if any(parameter.default is None for parameter in query.parameters):
            continue
        assert sorted(map(str, run(cached, query).rows)) == sorted(map(str, run(fresh, query).rows)), query.name
        compared.append(query.name)
    assert len(compared) >= 10


def test_the_cache_can_be_turned_off(project, cache, monkeypatch, caplog):
    monkeypatch.setenv("CYBERKG_CACHE", "off")
    caplog.set_level(logging.INFO, logger=CACHE_LOG)
    assert should_cache(data_files()) is False
    embedded_store()
    assert _cache_messages(caplog) == []
    assert not cache.exists()


def test_a_threshold_that_is_not_a_number_is_one_error(project, monkeypatch):
    monkeypatch.setenv("CYBERKG_LARGE_GRAPH_MB", "big")
    with pytest.raises(InputError, match=r"^\$CYBERKG_LARGE_GRAPH_MB must be a number of megabytes, not 'big'$"):
        embedded_store()


def test_the_command_line_reuses_the_cache_and_prints_no_progress_off_a_terminal(project, cache):
    environment = {**os.environ, "CYBERKG_ROOT": str(project)}
    command = [sys.executable, "-m", "cyberkg", "query", "events-timeline", "--format", "csv"]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    (state,) = cache.iterdir()
    inode = state.stat().st_ino
    second = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    assert (first.stderr, second.stderr) == ("", "")
    assert second.stdout == first.stdout and len(first.stdout.splitlines()) > 1
    assert [entry.stat().st_ino for entry in cache.iterdir()] == [inode]  # reopened, not rebuilt


def test_on_a_terminal_the_first_command_shows_a_progress_bar_and_the_second_none(project, cache):
    environment = {**os.environ, "CYBERKG_ROOT": str(project)}
    command = [sys.executable, "-m", "cyberkg", "query", "instruments", "--format", "csv"]
    first, second = run_on_terminal(command, environment), run_on_terminal(command, environment)
    assert (first.returncode, second.returncode) == (0, 0)
    assert first.stages() == ["cyberkg: opening the graph: reading Turtle"]
    read = tqdm.format_sizeof(sum(path.stat().st_size for path in data_files()), divisor=1024)  # as the bar writes
    assert first.last_count("cyberkg: opening the graph: reading Turtle") == ("100%", f"{read}/{read}")
    assert first.frames()[-1].startswith("cyberkg: opening the graph: reading Turtle: 100%|")
    assert first.cleared()
    assert second.drawn == ""
    assert second.stdout == first.stdout and len(first.stdout.splitlines()) > 1
