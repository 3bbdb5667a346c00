"""How far a validation or an add has gone: the calls to the progress callback, in order, for a checkout of three
small files (tests/progress/checkout: a 291-byte ontology, a 134-byte graph, one shape of three constraints) and a
138-byte addition; and the bar `cyberkg validate` and `cyberkg add` draw from them on a terminal, and nowhere else."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from terminal import run_on_terminal

from cyberkg.cli import main
from cyberkg.store.checkout import Checkout
from cyberkg.validation.adding import add_file
from cyberkg.validation.engines import validate_with
from cyberkg.validation.report_format import render_report

HERE = Path(__file__).resolve().parent / "progress"
ADDITION = HERE / "addition.ttl"

READ_GRAPH = [(291, 425, "reading Turtle", "B"), (425, 425, "reading Turtle", "B")]  # the ontology, then the graph
READ_WITH_ADDITION = [
    (291, 563, "reading Turtle", "B"),
    (425, 563, "reading Turtle", "B"),
    (563, 563, "reading Turtle", "B"),
]
CHECKED = [(done, 3, "checking the shapes", "checks") for done in range(4)]
VOCABULARY = [(0, 0, "checking the vocabulary and literals", "")]
PYSHACL = [(0, 0, "reading the graph and shapes (rdflib)", ""), (0, 0, "validating with pySHACL", "")]


class Recorder:
    """A progress callback that keeps every call as (done, total, stage, unit)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, str, str]] = []

    def __call__(self, done: int, total: int, stage: str = "", unit: str = "") -> None:
        self.calls.append((done, total, stage, unit))


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A writable copy of the three-file checkout."""
    root = tmp_path / "checkout"
    shutil.copytree(HERE / "checkout", root)
    return root


@pytest.mark.parametrize(
    ("engine", "files", "expected"),
    [
        ("fast", [], READ_GRAPH + CHECKED + VOCABULARY),
        ("fast", [ADDITION], READ_WITH_ADDITION + CHECKED + VOCABULARY),
        ("pyshacl", [], PYSHACL),
        ("auto", [], READ_GRAPH + PYSHACL),  # auto counts the triples first; so few go to pySHACL
    ],
    ids=["fast", "fast-with-a-file", "pyshacl", "auto"],
)
def test_a_validation_reports_its_stages_and_counts_in_order(checkout, engine, files, expected) -> None:
    recorder = Recorder()
    validation = validate_with(engine, files, checkout=Checkout(checkout), progress=recorder)
    assert validation.report.conforms
    assert recorder.calls == expected


def test_an_add_reports_checking_the_file_the_conflict_checks_then_the_validation(checkout, tmp_path) -> None:
    source = tmp_path / "grace.ttl"
    shutil.copyfile(ADDITION, source)
    recorder = Recorder()
    outcome = add_file(source, checkout=Checkout(checkout), engine="fast", progress=recorder)
    assert outcome.written == checkout / "graph" / "grace.ttl"
    assert recorder.calls == [
        (0, 0, "checking the file", ""),
        *READ_GRAPH,  # the graph, for the re-add and conflict checks
        (0, 0, "looking for re-adds and conflicts", ""),
        *READ_WITH_ADDITION,  # the graph and the file, validated together
        *CHECKED,
        *VOCABULARY,
    ]


def test_off_a_terminal_validate_and_add_draw_no_bar(checkout, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CYBERKG_ROOT", str(checkout))
    expected = render_report(validate_with("fast", checkout=Checkout(checkout)), "text")
    assert main(["validate", "--engine", "fast"]) == 0
    assert capsys.readouterr() == (expected + "\n", "")
    source = tmp_path / "grace.ttl"
    shutil.copyfile(ADDITION, source)
    assert main(["add", str(source), "--engine", "fast"]) == 0
    assert capsys.readouterr() == (f"Added {source} as {checkout / 'graph' / 'grace.ttl'}.\n", "")


def test_on_a_terminal_validate_and_add_draw_each_stage_and_clear_the_bar(checkout, tmp_path) -> None:
    environment = {**os.environ, "CYBERKG_ROOT": str(checkout)}
    validating = run_on_terminal([sys.executable, "-m", "cyberkg", "validate", "--engine", "fast"], environment)
    assert (validating.returncode, validating.stdout) == (
        0,
        render_report(validate_with("fast", checkout=Checkout(checkout)), "text") + "\n",
    )
    assert validating.stages() == [
        "cyberkg validate: reading Turtle",
        "cyberkg validate: checking the shapes",
        "cyberkg validate: checking the vocabulary and literals",
    ]
    assert validating.last_count("cyberkg validate: reading Turtle") == ("100%", "425/425")
    assert validating.last_count("cyberkg validate: checking the shapes") == ("100%", "3/3")
    assert validating.cleared()
    source = tmp_path / "grace.ttl"
    shutil.copyfile(ADDITION, source)
    adding = run_on_terminal([sys.executable, "-m", "cyberkg", "add", str(source), "--engine", "fast"], environment)
    assert (adding.returncode, adding.stdout) == (0, f"Added {source} as {checkout / 'graph' / 'grace.ttl'}.\n")
    assert adding.stages() == [
        "cyberkg add: checking the file",
        "cyberkg add: reading Turtle",
        "cyberkg add: looking for re-adds and conflicts",
        "cyberkg add: checking the shapes",
        "cyberkg add: checking the vocabulary and literals",
    ]
    assert adding.last_count("cyberkg add: reading Turtle") == ("100%", "563/563")
    assert adding.last_count("cyberkg add: checking the shapes") == ("100%", "3/3")
    assert adding.cleared()
