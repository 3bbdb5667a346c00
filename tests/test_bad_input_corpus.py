"""A corpus of bad inputs for `validate`, `add`, `query` and `read-report`: each gives the exact exit code, a
message that starts with the expected words, and never a traceback. Exit 1 stays reserved for "does not
conform"; every unusable input is exit 2. Runs on a temporary copy of the data folders (CYBERKG_ROOT)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cyberkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "@prefix ex: <https://example.org/> .\n"
FACT = PREFIX + 'ex:a ex:p "x" .\n'
QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n"
REPORT = "Global Project on Cybercrime\nActivity update\n"


@dataclass(frozen=True)
class Case:
    """One bad input: the command, the file's bytes (None: no file; b'/': a folder), what stderr starts with."""

    command: tuple[str, ...]
    content: bytes | None
    code: int
    message: str
    suffix: str = ".ttl"


def turtle(text: str) -> bytes:
    return text.encode("utf-8")


TURTLE_CASES = {
    "missing file": (None, "{file}: no such file"),
    "a folder": (b"/", "{file}: is a folder, not a Turtle file"),
    "empty file": (b"", "{file}: the file holds no triples; there is nothing to validate or add"),
    "only a comment": (b"# nothing\n", "{file}: the file holds no triples"),
    "only prefixes": (turtle(PREFIX), "{file}: the file holds no triples"),
    "UTF-8 BOM": (b"\xef\xbb\xbf" + turtle(FACT), "{file}: starts with a byte-order mark (BOM)"),
    "UTF-16 with BOM": (FACT.encode("utf-16"), "{file}: is UTF-16 (or UTF-32) text"),
    "UTF-16 big-endian": (FACT.encode("utf-16-be"), "{file}: is UTF-16 (or UTF-32) text"),
    "Latin-1": (turtle(PREFIX) + b'ex:a ex:p "caf\xe9" .\n', "{file}:2:15: Invalid UTF-8"),
    "unterminated string": (turtle(PREFIX + 'ex:a ex:p "x .\n'), "{file}:2:11: Parser error"),
    "undeclared prefix": (turtle(PREFIX + "ex:a ex:p foo:c .\n"), "{file}:2:11: The prefix foo: has not been"),
    "blank nodes 150 deep": (
        turtle(PREFIX + "ex:a ex:p " + "[ ex:p " * 150 + "ex:b" + " ]" * 150 + " .\n"),
        "{file}: blank nodes or collections are nested too deeply",
    ),
    "collections 250 deep": (
        turtle(PREFIX + "ex:a ex:p " + "( " * 250 + "ex:b" + " )" * 250 + " .\n"),
        "{file}: blank nodes or collections are nested too deeply",
    ),
    "RDF 1.2 directional language tag": (turtle(PREFIX + 'ex:a ex:p "x"@en--ltr .\n'), "{file}:2: RDF 1.2 syntax"),
    "RDF 1.2 VERSION": (turtle('VERSION "1.2"\n' + FACT), "{file}:1: RDF 1.2 syntax"),
    "RDF 1.2 @version": (turtle('@version "1.2" .\n' + FACT), "{file}:1: RDF 1.2 syntax"),
    "binary data": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{file}:1:1: Invalid UTF-8 character encoding"),
}

CASES: dict[str, Case] = {}
for name, (content, message) in TURTLE_CASES.items():
    CASES[f"validate: {name}"] = Case(("validate", "{file}"), content, 2, "cyberkg: error: " + message)
    CASES[f"add: {name}"] = Case(("add", "{file}"), content, 2, "cyberkg: error: " + message)
CASES.update(
    {
        "validate --shapes: no such folder": Case(
            ("validate", "--shapes", "{file}"), None, 2, "cyberkg: error: {file}: no such shapes folder"
        ),
        "validate --shapes: no shape files": Case(
            ("validate", "--shapes", "{file}"), b"/", 2, "cyberkg: error: {file}: no .ttl shape files in this folder"
        ),
        "add --as: 240 characters": Case(
            ("add", "{file}", "--as", "n" * 240),
            turtle(FACT),
            2,
            "cyberkg: error: cannot add as a name of 244 characters",
        ),
        "add --as: a folder": Case(
            ("add", "{file}", "--as", "../escape"), turtle(FACT), 2, "cyberkg: error: cannot add as '../escape.ttl'"
        ),
        "add --as: empty": Case(("add", "{file}", "--as", ""), turtle(FACT), 2, "cyberkg: error: cannot add as '.ttl'"),
        "add: relative IRIs": Case(
            ("add", "{file}"),
            turtle(PREFIX + "<local> ex:p ex:b .\n"),
            2,
            "cyberkg: error: {file}: relative or file: IRIs such as",
        ),
        "add: a file of the graph again": Case(
            ("add", "{file}", "--as", "copy"), b"graph", 2, "cyberkg: error: {file}: already in the graph: "
        ),
        "query: params as a list": Case(
            ("query", "{file}"),
            turtle("#+ params: [a, b]\n" + QUERY),
            2,
            "cyberkg: error: {file}: the #+ header's params must be a mapping",
            ".rq",
        ),
        "query: a parameter that is not a mapping": Case(
            ("query", "{file}"),
            turtle("#+ params: {a: 5}\n" + QUERY),
            2,
            "cyberkg: error: {file}: parameter a must be a mapping",
            ".rq",
        ),
        "query: defaults as a number": Case(
            ("query", "{file}"),
            turtle("#+ defaults: 3\n" + QUERY),
            2,
            "cyberkg: error: {file}: the #+ header's defaults must be a mapping",
            ".rq",
        ),
        "query: unknown parameter type": Case(
            ("query", "{file}"),
            turtle("#+ params: {a: {type: colour}}\n" + QUERY),
            2,
            "cyberkg: error: {file}: parameter a has unknown type 'colour'",
            ".rq",
        ),
        "query: header not YAML": Case(
            ("query", "{file}"),
            turtle("#+ title: [unclosed\n" + QUERY),
            2,
            "cyberkg: error: {file}: the #+ header is not valid YAML",
            ".rq",
        ),
        "query: header a list": Case(
            ("query", "{file}"),
            turtle("#+ - a\n" + QUERY),
            2,
            "cyberkg: error: {file}: the #+ header must be a mapping",
            ".rq",
        ),
        "query: missing file": Case(("query", "{file}"), None, 2, "cyberkg: error: {file}: no such query file", ".rq"),
        "query: UTF-16": Case(
            ("query", "{file}"), QUERY.encode("utf-16"), 2, "cyberkg: error: {file}: not UTF-8 text", ".rq"
        ),
        "query: SPARQL syntax error": Case(
            ("query", "{file}"),
            turtle("SELECT ?s WHERE { ?s ?p }\n"),
            2,
            "cyberkg: error: {file}: line 2, column 1: ",
            ".rq",
        ),
        "query: unknown name": Case(
            ("query", "no-such-query"), None, 2, "cyberkg: error: unknown query 'no-such-query'; known queries: "
        ),
        "query: unknown parameter": Case(
            ("query", "{file}", "-p", "nope=1"),
            turtle("#+ params:\n#+   value: {type: string}\n" + QUERY),
            2,
            "cyberkg: error: query input has no parameter 'nope' (it takes: value)",
            ".rq",
        ),
        "read-report: missing file": Case(
            ("read-report", "{file}"), None, 2, "cyberkg: error: {file}: cannot read", ".txt"
        ),
        "read-report: a folder": Case(
            ("read-report", "{file}"), b"/", 2, "cyberkg: error: {file}: cannot read the file (Is a directory)", ".txt"
        ),
        "read-report: empty file": Case(
            ("read-report", "{file}"), b"", 2, "cyberkg: error: {file}:1: empty file: not an activity update", ".txt"
        ),
        "read-report: binary data": Case(
            ("read-report", "{file}"),
            b"PK\x03\x04\x00\x00",
            2,
            "cyberkg: error: {file}:1: binary data (a NUL byte)",
            ".txt",
        ),
        "read-report: no report date": Case(
            ("read-report", "{file}"), turtle(REPORT), 2, "cyberkg: error: {file}:1: no report date line", ".txt"
        ),
        # UTF-16 is decoded (issue 17), so this text is then judged like its UTF-8 twin above
        "read-report: UTF-16": Case(
            ("read-report", "{file}"),
            REPORT.encode("utf-16"),
            2,
            "cyberkg: error: {file}:1: no report date line",
            ".txt",
        ),
    }
)


def make_input(case: Case, folder: Path, project: Path) -> Path:
    path = folder / f"input{case.suffix}"
    if case.content == b"/":
        path.mkdir()
    elif case.content == b"graph":
        path = sorted((project / "graph").glob("*.ttl"))[0]
    elif case.content is not None:
        path.write_bytes(case.content)
    return path


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_line_with_an_exit_code_and_no_traceback(case, project, tmp_path, capsys):
    path = make_input(case, tmp_path, project)
    args = [arg.replace("{file}", str(path)) for arg in case.command]
    code = main(args)
    captured = capsys.readouterr()
    message = case.message.replace("{file}", str(path))
    first = captured.err.splitlines()[0] if captured.err else ""
    assert (code, first[: len(message)]) == (case.code, message)
    assert (captured.out + captured.err).count("Traceback") == 0
    if case.command[0] != "read-report":
        assert len(captured.err.splitlines()) == 1
