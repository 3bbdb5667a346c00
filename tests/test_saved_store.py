"""The saved on-disk store (`--location`): built once, reopened while the files are unchanged, rebuilt on change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg.errors import InputError
from cyberkg.query.library import list_queries, run, select
from cyberkg.store.loading import data_files, load_store
from cyberkg.store.saved import STORE_PREFIX, open_saved_store, state_key

ROOT = Path(__file__).resolve().parent.parent
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EVENT = """@prefix ckg: <https://w3id.org/cyberkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/cyberkg/id/event/test-meeting> a ckg:Meeting ; rdfs:label "{label}"@en .
"""


def _count(store) -> int:
    return int(select(store, COUNT).rows[0][0].value)


def _labels(store) -> list[str]:
    rows = select(
        store,
        "SELECT ?l WHERE { <https://w3id.org/cyberkg/id/event/test-meeting> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }",
    ).rows
    return [row[0].value for row in rows]


def _states(location: Path) -> list[str]:
    return sorted(entry.name for entry in location.iterdir())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "event.ttl"
    path.parent.mkdir()
    path.write_text(EVENT.replace("{label}", "First label"), encoding="utf-8")
    return path


def test_the_first_open_builds_the_store_and_the_next_reopens_it(tmp_path, data):
    location = tmp_path / "saved"
    first = open_saved_store(location, [data])
    assert _labels(first) == ["First label"]
    (state,) = _states(location)
    assert state == state_key([data]) and state.startswith(STORE_PREFIX)
    built = (location / state).stat().st_ino

    again = open_saved_store(location, [data])
    assert _labels(again) == ["First label"]
    assert _states(location) == [state]
    assert (location / state).stat().st_ino == built  # reopened, not rebuilt


def test_an_edited_file_gives_a_new_store_and_the_old_one_goes(tmp_path, data):
    location = tmp_path / "saved"
    open_saved_store(location, [data])
    old = _states(location)
    data.write_text(EVENT.replace("{label}", "Second label"), encoding="utf-8")
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 1_000_000))

    store = open_saved_store(location, [data])
    assert _labels(store) == ["Second label"]
    assert _states(location) != old and len(_states(location)) == 1


def test_an_added_file_changes_the_state(tmp_path, data):
    extra = data.parent / "more.ttl"
    extra.write_text(EVENT.replace("{label}", "Extra label"), encoding="utf-8")
    assert state_key([data]) != state_key([data, extra])
    store = open_saved_store(tmp_path / "saved", [data, extra])
    assert sorted(_labels(store)) == ["Extra label", "First label"]


def test_every_library_query_gives_the_rows_it_gives_in_memory(tmp_path):
    files = data_files()
    saved = open_saved_store(tmp_path / "saved", files)
    in_memory = load_store(files)
    assert _count(saved) == _count(in_memory)
    for query in list_queries():
        assert sorted(map(str, run(saved, query).rows)) == sorted(map(str, run(in_memory, query).rows)), query.name


def test_a_folder_holding_other_files_is_refused_and_left_alone(tmp_path, data):
    location = tmp_path / "notes"
    location.mkdir()
    (location / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not a saved store folder") as caught:
        open_saved_store(location, [data])
    assert str(location) in str(caught.value)
    assert _states(location) == ["notes.txt"]


def test_a_file_that_does_not_parse_leaves_the_saved_store_as_it_was(tmp_path, data):
    location = tmp_path / "saved"
    open_saved_store(location, [data])
    before = _states(location)
    data.write_text(EVENT.replace("{label}", "Broken") + "<no-end-of-triple\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_saved_store(location, [data])
    assert f"{data}:4:" in str(caught.value)
    assert _states(location) == before


def test_a_build_left_by_a_stopped_command_is_cleared(tmp_path, data):
    location = tmp_path / "saved"
    location.mkdir()
    # A pid that no longer runs: a child that has exited.
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = location / f".building-{state_key([data])}-{done.stdout.strip()}"
    left.mkdir()
    (left / "half-written").write_text("x", encoding="utf-8")
    open_saved_store(location, [data])
    assert _states(location) == [state_key([data])]


def test_a_damaged_store_is_built_again(tmp_path, data):
    location = tmp_path / "saved"
    open_saved_store(location, [data])
    (location / state_key([data]) / "CURRENT").write_text("garbage\n", encoding="utf-8")
    store = open_saved_store(location, [data])
    assert _labels(store) == ["First label"]
    assert _states(location) == [state_key([data])]


def test_a_folder_that_cannot_be_made_is_one_input_error(tmp_path, data):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot use this folder for the saved store") as caught:
        open_saved_store(blocker / "saved", [data])
    assert str(blocker / "saved") in str(caught.value)


def test_a_bare_store_from_an_earlier_serve_is_refused_with_what_to_do(tmp_path, data):
    location = tmp_path / "old-serve"
    load_store([data], location=location).flush()
    with pytest.raises(InputError, match="bare Oxigraph store .* remove it or give a new folder"):
        open_saved_store(location, [data])


def test_two_checkouts_can_share_a_folder(tmp_path, data):
    other = tmp_path / "other-checkout" / "event.ttl"
    other.parent.mkdir()
    other.write_text(EVENT.replace("{label}", "Other label"), encoding="utf-8")
    location = tmp_path / "saved"
    open_saved_store(location, [data])
    open_saved_store(location, [other])
    assert _states(location) == sorted([state_key([data]), state_key([other])])
    assert _labels(open_saved_store(location, [data])) == ["First label"]
    assert _states(location) == sorted([state_key([data]), state_key([other])])


def _cyberkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cyberkg", *args], capture_output=True, text=True, cwd=ROOT)


def test_cyberkg_query_with_location_prints_what_it_prints_without(tmp_path):
    location = tmp_path / "saved"
    plain = _cyberkg("query", "events-timeline", "--format", "csv")
    first = _cyberkg("query", "events-timeline", "--format", "csv", "--location", str(location))
    again = _cyberkg("query", "events-timeline", "--format", "csv", "--location", str(location))
    assert plain.returncode == first.returncode == again.returncode == 0, first.stderr
    assert first.stdout == plain.stdout == again.stdout
    assert len(_states(location)) == 1


@pytest.mark.parametrize(
    "command",
    [
        ["export", "organisation-organisation", "-o", "{out}.graphml"],
        ["timeline", "-o", "{out}.svg"],
        ["map", "-o", "{out}.html"],
    ],
)
def test_file_writing_commands_with_location_write_the_same_file(tmp_path, command):
    def written(name: str, *more: str) -> bytes:
        args = [part.replace("{out}", str(tmp_path / name)) for part in command]
        done = _cyberkg(*args, *more)
        assert done.returncode == 0, done.stderr
        (path,) = tmp_path.glob(f"{name}.*")
        return path.read_bytes()

    assert written("plain") == written("saved", "--location", str(tmp_path / "s"))


def test_network_stats_with_location_prints_what_it_prints_without(tmp_path):
    plain = _cyberkg("network", "stats", "organisation-event", "--format", "csv", "--top", "0")
    saved = _cyberkg(
        "network", "stats", "organisation-event", "--format", "csv", "--top", "0", "--location", str(tmp_path / "s")
    )
    assert plain.returncode == saved.returncode == 0, saved.stderr
    assert saved.stdout == plain.stdout


def test_location_and_endpoint_together_are_refused(tmp_path):
    done = _cyberkg("query", "decisions", "--endpoint", "http://127.0.0.1:9/query", "--location", str(tmp_path))
    assert done.returncode == 2
    assert "--location is for the embedded graph" in done.stderr
