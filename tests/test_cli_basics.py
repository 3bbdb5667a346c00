"""The command line as a new user meets it: help, version, the main job, and bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg.cli import COMMANDS, main
from cyberkg.errors import InputError
from cyberkg.store.loading import load_graph, load_store

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cyberkg", *args], capture_output=True, text=True, cwd=ROOT)


def test_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    listed = set()
    in_commands = False
    for line in result.stdout.splitlines():
        if line.startswith("Commands:"):
            in_commands = True
        elif in_commands and line.startswith("  ") and line.strip():
            listed.add(line.split()[0])
    assert listed == set(COMMANDS)


def test_demo_answers_the_accession_question() -> None:
    """Update of 2 November 2009, row 11: the visit to Buenos Aires promoted Argentina's accession to ETS 185."""
    result = run_cli("demo")
    assert result.returncode == 0, result.stderr
    rows = [line.split("  ") for line in result.stdout.splitlines()]
    data = [[cell.strip() for cell in row if cell.strip()] for row in rows[3:-1]]
    assert data == [
        [
            "Visit to Argentina to promote accession to the Convention on Cybercrime",
            "2009-10-16",
            "Buenos Aires",
            "Argentina",
            "Convention on Cybercrime",
        ]
    ]
    assert result.stdout.splitlines()[-1] == "(1 row)"


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n')
    with pytest.raises(InputError) as caught:
        load_store(extra=[bad])
    assert (caught.value.path, caught.value.line) == (bad, 3)
    assert str(caught.value).startswith(f"{bad}:3:")
    with pytest.raises(InputError) as caught_rdflib:
        load_graph(files=[bad])
    assert caught_rdflib.value.line == 3


def test_unknown_prefix_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "prefix.ttl"
    bad.write_text("nope:a nope:b nope:c .\n")
    with pytest.raises(InputError, match="nope"):
        load_store(extra=[bad])
    with pytest.raises(InputError, match="no such file"):
        load_store(extra=[tmp_path / "absent.ttl"])


def test_errors_become_one_line_and_exit_code_2(capsys) -> None:
    code = main(["query", "no-such-query"])
    captured = capsys.readouterr()
    assert code == 2
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("cyberkg: error: unknown query 'no-such-query'")
