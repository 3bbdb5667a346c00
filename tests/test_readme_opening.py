"""Issue 21: the README opens with what the graph answers, one command with its real output, and a picture."""

from __future__ import annotations

from pathlib import Path

from cyberkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def opening() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## What it answers\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_opens_with_the_answer():
    headings = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings[0] == "## What it answers"


def test_the_output_shown_is_what_the_command_prints(capsys):
    block = opening().split("```console\n", 1)[1].split("```", 1)[0]
    command, shown = block.split("\n", 1)
    assert command == "$ cyberkg demo"
    assert main(["demo"]) in (None, 0)
    assert capsys.readouterr().out == shown


def test_the_picture_is_there():
    (picture,) = [line for line in opening().splitlines() if line.startswith("![")]
    path = ROOT / picture.split("](", 1)[1].rstrip(")")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
