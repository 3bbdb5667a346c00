"""Issue 21: impossible dates and names the graph does not have are refused (exit 2, one line, a suggestion).

Without these checks ``--param from=2009-13`` ran and returned rows, ``2009-02-30`` behaved like
1 March, and ``--topic judical-training`` drew an empty network with exit 0.
"""

from __future__ import annotations

import pytest

from cyberkg import run_query
from cyberkg.cli import main
from cyberkg.errors import QueryError
from cyberkg.rdf.dates import date_problem

ID = "https://w3id.org/cyberkg/id/"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "value, problem",
    [
        ("2009", None),
        ("2009-10", None),
        ("2008-02-29", None),
        ("2009-12-31", None),
        ("2009-13", "'2009-13' is not a date: there is no month 13"),
        ("2009-00", "'2009-00' is not a date: there is no month 00"),
        ("2009-02-30", "'2009-02-30' is not a date: February 2009 has no day 30"),
        ("2009-02-29", "'2009-02-29' is not a date: February 2009 has no day 29"),
        ("2009-04-31", "'2009-04-31' is not a date: April 2009 has no day 31"),
        ("2009-1", "'2009-1' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("09-10-01", "'09-10-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ],
)
def test_a_date_is_a_real_year_month_or_day(value, problem):
    assert date_problem(value) == problem


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["query", "events-timeline", "--param", "from=2009-13"],
            "parameter from: '2009-13' is not a date: there is no month 13",
        ),
        (
            ["query", "events-timeline", "--param", "to=2009-02-30"],
            "parameter to: '2009-02-30' is not a date: February 2009 has no day 30",
        ),
        (["timeline", "-o", "t.png", "--from", "2009-13"], "--from: '2009-13' is not a date: there is no month 13"),
        (
            ["export", "organisation-event", "-o", "n.json", "--to", "2009-02-30"],
            "--to: '2009-02-30' is not a date: February 2009 has no day 30",
        ),
        (["map", "-o", "m.png", "--to", "2009-11-31"], "--to: '2009-11-31' is not a date: November 2009 has no day 31"),
    ],
)
def test_an_impossible_date_is_exit_2_naming_the_option(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, *argv) == (2, "", f"cyberkg: error: {message}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["export", "organisation-organisation", "--topic", "judical-training", "-o", "n.html"],
            "--topic: no topic 'judical-training' in the graph (did you mean 'judicial-training'?)",
        ),
        (
            ["network", "stats", "organisation-organisation", "--topic", "judical-training"],
            "--topic: no topic 'judical-training' in the graph (did you mean 'judicial-training'?)",
        ),
        (
            ["timeline", "-o", "t.png", "--topic", "topic:judical-training"],
            "--topic: no topic 'judical-training' in the graph (did you mean 'judicial-training'?)",
        ),
        (
            ["map", "-o", "m.png", "--instrument", "ets185"],
            "--instrument: no instrument 'ets185' in the graph (did you mean 'ets-185'?)",
        ),
        (
            ["export", "organisation-event", "--output", "phase-2-output-9", "-o", "n.json"],
            "--output: no output 'phase-2-output-9' in the graph (did you mean 'phase-2-output-7'?)",
        ),
        (
            ["timeline", "-o", "t.png", "--topic", "quantum-entanglement"],
            "--topic: no topic 'quantum-entanglement' in the graph",
        ),
        (
            ["query", "events-of-organisation", "--param", f"organisation={ID}organisation/councl-of-europe"],
            f"parameter organisation: <{ID}organisation/councl-of-europe> is not in the graph "
            f"(did you mean <{ID}organisation/council-of-europe>?)",
        ),
        (
            ["query", "countries-concerned-by-events", "--param", f"country={ID}country/argentina"],
            f"parameter country: <{ID}country/argentina> is not in the graph (did you mean <{ID}country/AR>?)",
        ),
        (
            ["query", "countries-concerned-by-events", "--param", f"country={ID}country/XX"],
            f"parameter country: <{ID}country/XX> is not in the graph",
        ),
    ],
)
def test_a_name_the_graph_does_not_have_is_exit_2_with_the_nearest_one(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, *argv) == (2, "", f"cyberkg: error: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_name_the_graph_has_is_taken(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", "organisation-organisation", "--topic", "judicial-training", "-o", "n.json")
    assert (code, out) == (0, "organisation-organisation: 13 nodes, 44 edges -> n.json\n")


def test_the_python_api_checks_iri_parameters_too():
    with pytest.raises(QueryError) as caught:
        run_query("events-discussing-instrument", instrument=ID + "instrument/ets185")
    assert str(caught.value) == (
        f"parameter instrument: <{ID}instrument/ets185> is not in the graph (did you mean <{ID}instrument/ets-185>?)"
    )
