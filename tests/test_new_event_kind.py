"""A new kind of event needs data only: a class in the ontology and a fixture, and no Python.

The webinar class and event below are added to a copy of the project; the query library, the shapes and the
networks then handle the new kind like any other event.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "extension"
WEBINAR = "https://w3id.org/cyberkg/id/event/2010-01-20-strasbourg-webinar"


@pytest.fixture(scope="module")
def extended_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("extended")
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(HERE / "webinar-ontology.ttl", root / "ontology" / "webinar.ttl")
    shutil.copy(HERE / "webinar-event.ttl", root / "graph" / "test-fixture-webinar.ttl")
    return root


@pytest.fixture
def extended(extended_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CYBERKG_ROOT", str(extended_root))
    return extended_root


def test_timeline_lists_the_new_kind(extended: Path) -> None:
    from cyberkg.query.library import find_query, run
    from cyberkg.store.loading import load_store

    result = run(load_store(), find_query("events-timeline"), {"from": "2010-01", "to": "2010-01"})
    rows = result.as_dicts()
    assert [(r["event"], r["kinds"], r["start"], r["cityLabel"]) for r in rows] == [
        # the typology exercise (November 2009 to December 2010) overlaps January 2010 too
        ("https://w3id.org/cyberkg/id/event/2009-11-moneyval-typology-exercise", "typology exercise", "2009-11", None),
        (WEBINAR, "webinar", "2010-01-20", "Strasbourg"),
    ]


def test_the_shapes_accept_it_and_still_check_it(extended: Path) -> None:
    from cyberkg.store.checkout import Checkout
    from cyberkg.validation.reference import validate_files

    report = validate_files(checkout=Checkout(extended)).report
    assert [r for r in report.results if r.severity == "Violation"] == []
    assert WEBINAR not in {r.focus_node.strip("<>") for r in report.results}

    broken = extended / "broken-webinar.ttl"
    broken.write_text(
        (HERE / "webinar-event.ttl").read_text().replace('ckg:endDate "2010-01-20"', 'ckg:endDate "2010-01-19"')
    )
    (extended / "graph" / "test-fixture-webinar.ttl").unlink()
    try:
        failing = validate_files([broken], checkout=Checkout(extended)).report
    finally:
        shutil.copy(HERE / "webinar-event.ttl", extended / "graph" / "test-fixture-webinar.ttl")
        broken.unlink()
    assert {(r.focus_node, r.severity) for r in failing.results} == {(f"<{WEBINAR}>", "Violation")}


def test_the_networks_show_it_as_a_webinar(extended: Path) -> None:
    from cyberkg.network.projections import build_network
    from cyberkg.store.loading import load_store

    graph = build_network(load_store(), "organisation-event")
    assert graph.nodes[WEBINAR]["kind"] == "event"
    assert graph.nodes[WEBINAR]["type"] == "webinar"
    # its organiser, and (as an activity of the phase 2 project) the division implementing the project and
    # the bodies that division belongs to
    assert sorted(graph.neighbors(WEBINAR)) == [
        "https://w3id.org/cyberkg/id/organisation/council-of-europe",
        "https://w3id.org/cyberkg/id/organisation/dghl",
        "https://w3id.org/cyberkg/id/organisation/economic-crime-division",
    ]
