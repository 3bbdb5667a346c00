"""The fast engine reads a constraint's pairs (focus node, value) from the smaller side; either side gives the same.

In a full validation, a property shape whose path is one predicate starts from that predicate's triples when
fewer triples use it than there are focus nodes, or when both are many and nearly all its triples are on focus
nodes, and from the focus nodes otherwise (``sparql_engine._Run.scope``). Both orders must give exactly the same report, on the parity data (every kind
of constraint) and on the curated graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.store.checkout import default_checkout
from cyberkg.store.loading import load_store
from cyberkg.validation import sparql_engine
from cyberkg.validation.reference import shape_files

TESTS = Path(__file__).resolve().parent
PARITY = TESTS / "engine_parity"
EX = "https://example.org/parity#"


def _reports(monkeypatch, store, shapes) -> dict[str, list]:
    """The report with the engine's own choice, and with the predicate's side and the focus side forced."""
    reports = {"chosen": list(sparql_engine.validate_store(store, shapes).results)}
    for name, first in (("predicate first", True), ("focus first", False)):
        monkeypatch.setattr(sparql_engine._Run, "predicate_first", lambda self, path, sized, first=first: first)
        reports[name] = list(sparql_engine.validate_store(store, shapes).results)
    monkeypatch.undo()
    return reports


def test_both_orders_give_the_same_report_on_every_kind_of_constraint(monkeypatch):
    store = load_store([PARITY / "data.ttl"])
    shapes = sparql_engine.compile_shapes([PARITY / "shapes.ttl"])
    reports = _reports(monkeypatch, store, shapes)
    assert reports["predicate first"] == reports["chosen"]
    assert reports["focus first"] == reports["chosen"]
    assert reports["chosen"] != []


def test_both_orders_give_the_same_report_on_the_curated_graph(monkeypatch):
    store = load_store()
    shapes = sparql_engine.compile_shapes(shape_files(default_checkout().shapes_dir))
    reports = _reports(monkeypatch, store, shapes)
    assert reports["predicate first"] == reports["chosen"]
    assert reports["focus first"] == reports["chosen"]


@pytest.mark.parametrize(("cap", "expected"), [(100, 3), (2, 2)])
def test_a_capped_count_counts_up_to_its_cap(monkeypatch, tmp_path, cap, expected):
    data = tmp_path / "three.ttl"
    data.write_text(f"<{EX}a> <{EX}p> 1 , 2 , 3 .\n", encoding="utf-8")
    monkeypatch.setattr(sparql_engine, "COUNT_CAP", cap)
    assert sparql_engine.capped_count(load_store([data]), f"?s <{EX}p> ?o") == expected


def test_the_share_of_a_predicates_triples_on_focus_nodes_is_counted(tmp_path):
    data = tmp_path / "share.ttl"
    data.write_text(
        f"<{EX}a> a <{EX}Thing> ; <{EX}p> 1 .\n<{EX}b> a <{EX}Thing> ; <{EX}p> 2 , 3 .\n<{EX}c> <{EX}p> 4 .\n",
        encoding="utf-8",
    )
    run = sparql_engine._Run(load_store([data]), sparql_engine.compile_shapes([PARITY / "shapes.ttl"]), None)
    thing = f"{{ ?this a <{EX}Thing> }}"
    assert run.share_on_focus(f"<{EX}p>", thing) == 3 / 4
    assert run.share_on_focus(f"<{EX}q>", thing) == 0.0
