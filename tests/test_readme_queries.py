"""Issue 21: the README lists every named query and the question it answers, written from the query headers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg.errors import QueryError
from cyberkg.query.library import LibraryQuery, Parameter, list_queries
from cyberkg.query.question_list import BEGIN, END, question, question_table, with_question_table
from cyberkg.store.checkout import Checkout

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SCRIPT = ROOT / "scripts" / "readme_queries.py"


def library_query(name: str, summary: str, title: str = "A title", parameters: tuple[Parameter, ...] = ()):
    return LibraryQuery(name, Path(f"{name}.rq"), "", title, summary, parameters=parameters)


def listed() -> str:
    return README.read_text(encoding="utf-8").split(BEGIN + "\n", 1)[1].split(END, 1)[0]


def test_the_readme_lists_every_query_of_the_library_as_its_header_gives_it():
    assert listed() == question_table(list_queries(Checkout(ROOT)))


def test_the_readme_list_names_each_query_once_in_order():
    names = [line.split("`")[1] for line in listed().splitlines()[2:]]
    assert names == sorted(path.stem for path in (ROOT / "queries").glob("*.rq"))


def test_the_question_is_the_first_sentence_of_the_summary():
    assert question(library_query("a", "Which events? Parts count too.")) == "Which events?"
    assert (
        question(library_query("b", "Every decision, in date order. One row each.")) == "Every decision, in date order."
    )
    assert question(library_query("c", "Who met (e.g. the T-CY) whom?")) == "Who met (e.g. the T-CY) whom?"
    assert question(library_query("d", "", title="Only a title")) == "Only a title"


def test_a_row_gives_the_name_the_question_and_the_parameters_with_their_types():
    query = library_query("q", "Which a | b? More.", parameters=(Parameter("from", "date"), Parameter("topic", "iri")))
    assert question_table([query]).splitlines() == [
        "| query | the question it answers | parameters |",
        "| --- | --- | --- |",
        "| `q` | Which a \\| b? | `from` (date), `topic` (iri) |",
    ]


def test_only_what_lies_between_the_markers_is_replaced():
    text = f"# Title\n\nintro\n{BEGIN}\nold rows\n{END}\nafter\n"
    assert with_question_table(text, "new rows\n") == f"# Title\n\nintro\n{BEGIN}\nnew rows\n{END}\nafter\n"


@pytest.mark.parametrize(
    "text",
    ["no markers at all\n", f"{END}\n{BEGIN}\n", f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n"],
    ids=["none", "reversed", "twice"],
)
def test_a_readme_without_one_pair_of_markers_in_order_is_refused(text):
    with pytest.raises(QueryError, match="must hold the markers"):
        with_question_table(text, "rows\n")


def test_the_script_finds_a_stale_list_and_rewrites_it(tmp_path):
    stale = tmp_path / "README.md"
    stale.write_text(
        README.read_text(encoding="utf-8").replace("| `decisions` |", "| `decisions-old` |"), encoding="utf-8"
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(SCRIPT), "--readme", str(stale), *args], capture_output=True, text=True, cwd=tmp_path
        )

    checked = run("--check")
    assert (checked.returncode, checked.stdout) == (
        1,
        f"{stale}: the list of queries is out of date; run scripts/readme_queries.py\n",
    )
    rewritten = run()
    assert (rewritten.returncode, rewritten.stdout) == (0, f"{stale}: the list of queries rewritten\n")
    assert stale.read_text(encoding="utf-8") == README.read_text(encoding="utf-8")
    assert run("--check").returncode == 0
