"""`cyberkg add` on a temporary copy of the project: conforming files join graph/ as new files, byte for
byte; refused files (violations, conflicts, bad input) leave graph/ exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from cyberkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
LATER = Path(__file__).parent / "shapes" / "later"
ARGENTINA = LATER / "argentina-accession-ets-185.ttl"
REPORT = LATER / "example-report-2014.ttl"


def folder_hash(folder: Path) -> str:
    """A hash of every file (hidden ones too) under a folder: names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["add", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_conforming_file_is_added_as_a_new_file_byte_for_byte(project, capsys):
    before = {path.name: path.read_bytes() for path in (project / "graph").rglob("*.ttl")}
    code, out, err = run(capsys, str(ARGENTINA))
    target = project / "graph" / "argentina-accession-ets-185.ttl"
    assert (code, err) == (0, "")
    assert out == [f"Added {ARGENTINA} as {target}."]
    assert target.read_bytes() == ARGENTINA.read_bytes()
    after = {path.name: path.read_bytes() for path in (project / "graph").rglob("*.ttl")}
    assert after == {**before, target.name: ARGENTINA.read_bytes()}
    assert sorted(path.name for path in (project / "graph").iterdir() if path.name.startswith(".")) == []


def test_added_file_is_part_of_the_graph_and_it_still_conforms(project, capsys):
    import json

    from rdflib import URIRef

    from cyberkg.store.loading import load_graph

    assert run(capsys, str(ARGENTINA))[0] == 0
    assert main(["validate", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == {"Violation": 0, "Warning": 7, "Info": 0}
    graph = load_graph()
    accession = "https://w3id.org/cyberkg/id/treaty-action/AR-ets-185-accession"
    assert [
        str(row[0])
        for row in graph.query(
            "SELECT ?date WHERE { ?a <https://w3id.org/cyberkg/ontology#actionDate> ?date }",
            initBindings={"a": URIRef(accession)},
        )
    ] == ["2018-06-05"]


def test_as_names_the_new_file(project, capsys):
    code, out, _ = run(capsys, str(REPORT), "--as", "report-2014-03")
    assert code == 0
    target = project / "graph" / "report-2014-03.ttl"
    assert out == [f"Added {REPORT} as {target}."]
    assert target.read_bytes() == REPORT.read_bytes()


def test_an_existing_file_is_never_replaced(project, capsys):
    assert run(capsys, str(ARGENTINA))[0] == 0
    before = folder_hash(project / "graph")
    code, out, err = run(capsys, str(ARGENTINA))
    assert (code, out) == (2, [])
    assert err == (
        f"cyberkg: error: {project / 'graph' / ARGENTINA.name} already exists; choose another "
        "name with --as (existing files are never replaced)\n"
    )
    assert [run(capsys, str(REPORT), "--as", name)[0] for name in ("project", "project.ttl")] == [2, 2]
    assert folder_hash(project / "graph") == before


@pytest.mark.parametrize("name", ["../escape", "sub/folder", ".hidden", "-dash", ""])
def test_unusable_names_are_refused(project, capsys, name):
    before = folder_hash(project / "graph")
    code, out, err = run(capsys, str(ARGENTINA), "--as", name)
    assert (code, out) == (2, [])
    assert err.startswith("cyberkg: error: cannot add as ")
    assert folder_hash(project / "graph") == before


def test_file_with_violations_is_refused(project, capsys, tmp_path):
    early = tmp_path / "early-accession.ttl"
    early.write_text(ARGENTINA.read_text(encoding="utf-8").replace('"2018-06-05"', '"2001-11-01"'), encoding="utf-8")
    before = folder_hash(project / "graph")
    code, out, _ = run(capsys, str(early))
    assert code == 1
    assert out[-7:] == [
        '  Violation: ckg:actionDate = "2001-11-01"^^xsd:date',
        "    The treaty action is dated before its instrument was opened for signature.",
        "    (shape:TreatyActionNotBeforeOpening, sh:SPARQLConstraintComponent)",
        "",
        "Summary: 1 violation, 0 warnings, 0 infos; does not conform.",
        f"Refused {early}: it does not conform to the shapes.",
        "Nothing was written to graph/.",
    ]
    assert folder_hash(project / "graph") == before


def test_file_that_changes_a_single_valued_property_is_refused(project, capsys, tmp_path):
    """A later report saying the Brussels conference of 5-6 November 2009 (update, planned row 2) was
    held: its status and status date are single-valued, and the graph already has them."""
    later = tmp_path / "brussels-held.ttl"
    later.write_text(
        "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix event: <https://w3id.org/cyberkg/id/event/> .\n"
        "event:2009-11-05-brussels-conference ckg:status ckg:Held ;\n"
        '    ckg:statusAsOf "2009-12-01"^^xsd:date .\n',
        encoding="utf-8",
    )
    before = folder_hash(project / "graph")
    code, out, _ = run(capsys, str(later))
    assert code == 1
    assert out[:3] == [
        f"Refused {later}: it gives single-valued properties of existing resources other values.",
        "  event:2009-11-05-brussels-conference ckg:status: the graph has ckg:Planned; the file gives ckg:Held",
        '  event:2009-11-05-brussels-conference ckg:statusAsOf: the graph has "2009-11-02"^^xsd:date; '
        'the file gives "2009-12-01"^^xsd:date',
    ]
    assert out[-1] == "Nothing was written to graph/."
    assert folder_hash(project / "graph") == before


def test_repeating_what_the_graph_says_is_no_conflict(project, capsys, tmp_path):
    """A repeated value is no conflict; with one new triple beside it the file is added."""
    same = tmp_path / "brussels-again.ttl"
    same.write_text(
        "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix event: <https://w3id.org/cyberkg/id/event/> .\n"
        "event:2009-11-05-brussels-conference ckg:status ckg:Planned ;\n"
        '    rdfs:comment "Repeated from the update of November 2009."@en .\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, str(same))
    assert code == 0
    assert out == [f"Added {same} as {project / 'graph' / 'brussels-again.ttl'}."]


def test_a_file_the_graph_already_states_is_refused(project, capsys, tmp_path):
    same = tmp_path / "brussels-again.ttl"
    same.write_text(
        "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n"
        "@prefix event: <https://w3id.org/cyberkg/id/event/> .\n"
        "event:2009-11-05-brussels-conference ckg:status ckg:Planned .\n",
        encoding="utf-8",
    )
    before = folder_hash(project / "graph")
    assert run(capsys, str(same)) == (
        2,
        [],
        f"cyberkg: error: {same}: already in the graph: 1 of 1 triples present; nothing was written\n",
    )
    assert folder_hash(project / "graph") == before


def test_accepted_file_with_a_warning_shows_it(project, capsys, tmp_path):
    """An event that names no participant yet conforms (a warning): it is added and the warning shown."""
    participation = "participation:example-2014-04-conference--council-of-europe--organiser"
    text = REPORT.read_text(encoding="utf-8")
    block = text[text.index(f"\n{participation}\n") :]
    assert block.count(" .\n") == 1  # the participation is the file's last block
    text = text.replace(f"    ckg:participation {participation} ;\n", "").replace(block, "\n")
    draft = tmp_path / "draft.ttl"
    draft.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, str(draft))
    assert code == 0
    assert out[-2:] == [
        "Summary: 0 violations, 1 warning, 0 infos; conforms.",
        f"Added {draft} as {project / 'graph' / 'draft.ttl'} with 1 warning.",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\nckg:a ckg:b "unterminated .\n', None),
        (
            "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\nckg:a ckg:b foo:c .\n",
            "2:13: The prefix foo: has not been declared",
        ),
        ("# nothing but a comment\n", "the file holds no triples; there is nothing to validate or add"),
        ("@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n<local-node> a ckg:Topic .\n", "relative IRIs"),
    ],
)
def test_unusable_input_is_refused_and_nothing_is_written(project, capsys, tmp_path, text, message):
    path = tmp_path / "input.ttl"
    path.write_text(text, encoding="utf-8")
    before = folder_hash(project / "graph")
    code, out, err = run(capsys, str(path))
    assert (code, out) == (2, [])
    assert len(err.splitlines()) == 1 and err.startswith(f"cyberkg: error: {path}:")
    if message == "relative IRIs":
        local = (tmp_path / "local-node").as_uri()
        assert err == (
            f"cyberkg: error: {path}: relative or file: IRIs such as <{local}> would change "
            "meaning once the file is moved into graph/; write absolute IRIs\n"
        )
    elif message is not None:
        assert (
            err == f"cyberkg: error: {path}:{message}\n"
            if message[0].isdigit()
            else err == f"cyberkg: error: {path}: {message}\n"
        )
    assert folder_hash(project / "graph") == before


def test_missing_file_is_refused(project, capsys, tmp_path):
    before = folder_hash(project / "graph")
    assert run(capsys, str(tmp_path / "none.ttl")) == (
        2,
        [],
        f"cyberkg: error: {tmp_path / 'none.ttl'}: no such file\n",
    )
    assert folder_hash(project / "graph") == before


def test_root_option_chooses_the_working_copy_add_writes_to(tmp_path: Path, monkeypatch, capsys):
    """`cyberkg --root DIR add FILE` writes into DIR/graph/, and says so; the checkout is left alone."""
    monkeypatch.setenv("CYBERKG_ROOT", "")  # recorded, so what --root sets is undone after the test
    monkeypatch.delenv("CYBERKG_ROOT")
    root = tmp_path / "copy"
    for folder in ("ontology", "graph", "shapes"):
        shutil.copytree(ROOT / folder, root / folder)
    before = folder_hash(ROOT / "graph")
    code = main(["--root", str(root), "add", str(ARGENTINA)])
    out = capsys.readouterr().out
    assert (code, out.splitlines()[-1]) == (0, f"Added {ARGENTINA} as {root.resolve() / 'graph' / ARGENTINA.name}.")
    assert (root / "graph" / ARGENTINA.name).read_bytes() == ARGENTINA.read_bytes()
    assert folder_hash(ROOT / "graph") == before


def test_root_option_without_data_folders_is_one_line_and_exit_2(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("CYBERKG_ROOT", "")  # recorded, so what --root sets is undone after the test
    monkeypatch.delenv("CYBERKG_ROOT")
    code = main(["--root", str(tmp_path), "add", str(ARGENTINA)])
    assert (code, capsys.readouterr().err) == (
        2,
        f"cyberkg: error: {tmp_path}: no ontology/ and graph/ folders here (from --root or $CYBERKG_ROOT)\n",
    )


@pytest.mark.parametrize(
    ("name", "messages"),
    [
        (
            "undeclared.ttl",
            [
                "    ckg:Webinar is not a class declared in the ontology; did you mean ckg:Seminar?",
                "    ckg:participantsAlmost is not a property declared in the ontology; did you mean "
                "ckg:participation?",
                "    ckg:startdate is not a property declared in the ontology; did you mean ckg:startDate?",
            ],
        ),
        (
            "ill_typed.ttl",
            [
                "    The values of ckg:durationMonths are xsd:integer literals (its declared range).",
                '    "2009-13-45" is not a valid xsd:date.',
                '    "abc" is not a valid xsd:integer.',
            ],
        ),
    ],
)
def test_undeclared_terms_and_ill_typed_literals_are_refused(project, capsys, name, messages):
    # Issue 15: terms nobody declared and ill-typed literals no longer join the graph unseen.
    fixture = Path(__file__).parent / "vocabulary" / name
    before = folder_hash(project / "graph")
    code, out, err = run(capsys, str(fixture))
    assert (code, err) == (1, "")
    assert [line for line in out if line.startswith("    ") and not line.startswith("    (")] == messages
    assert out[-3:] == [
        "Summary: 3 violations, 0 warnings, 0 infos; does not conform.",
        f"Refused {fixture}: it does not conform to the shapes.",
        "Nothing was written to graph/.",
    ]
    assert folder_hash(project / "graph") == before
