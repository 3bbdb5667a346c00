"""`cyberkg add` validates exactly what it writes: the bytes read once, one add at a time (a lock on graph/),
orphan temporary files of a killed write removed on the next add, and a re-add refused, blank nodes included.
Every test works on a temporary copy of the data folders (CYBERKG_ROOT)."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from cyberkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARGENTINA = Path(__file__).parent / "shapes" / "later" / "argentina-accession-ets-185.ttl"
BROCHURE = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix event: <https://w3id.org/cyberkg/id/event/> .
event:2009-11-05-brussels-conference rdfs:seeAlso [ rdfs:label "The programme"@en ;
                                                   rdfs:comment "Handed out on the first day."@en ] .
"""


def hidden(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def argentina_dated(tmp_path: Path, date: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(ARGENTINA.read_text(encoding="utf-8").replace('"2018-06-05"', f'"{date}"'), encoding="utf-8")
    return path


def test_two_adds_at_once_with_conflicting_values_accept_exactly_one(project, tmp_path, capsys):
    """Two threads add the Argentine accession to ETS 185 with different dates at the same moment."""
    from cyberkg.validation.adding import add_file

    files = [argentina_dated(tmp_path, "2018-06-05", "june.ttl"), argentina_dated(tmp_path, "2018-07-05", "july.ttl")]
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def add(path: Path) -> None:
        start.wait()
        outcomes[path.name] = add_file(path)

    threads = [threading.Thread(target=add, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = sorted(name for name, outcome in outcomes.items() if outcome.accepted)
    refused = [outcome for outcome in outcomes.values() if not outcome.accepted]
    refused_names = sorted(name for name, outcome in outcomes.items() if not outcome.accepted)
    assert (len(accepted), sorted([*accepted, *refused_names])) == (1, ["july.ttl", "june.ttl"])
    assert [[(c.subject, c.predicate) for c in outcome.conflicts] for outcome in refused] == [
        [
            (
                "<https://w3id.org/cyberkg/id/treaty-action/AR-ets-185-accession>",
                "<https://w3id.org/cyberkg/ontology#actionDate>",
            )
        ]
    ]
    assert (
        sorted(path.name for path in (project / "graph").glob("*.ttl") if path.name in ("june.ttl", "july.ttl"))
        == accepted
    )
    assert hidden(project / "graph") == []
    capsys.readouterr()
    assert main(["validate"]) == 0


def test_a_file_replaced_while_it_is_validated_is_not_what_is_written(project, tmp_path, capsys, monkeypatch):
    """The source is swapped for a non-conforming version during validation: the validated bytes are written."""
    from cyberkg.validation import engines

    source = tmp_path / "accession.ttl"
    original = ARGENTINA.read_bytes()
    source.write_bytes(original)
    swapped = ARGENTINA.read_text(encoding="utf-8").replace('"2018-06-05"', '"2001-11-01"').encode()
    real = engines.validate_with
    seen: list[bytes] = []

    def validate_then_swap(engine, files, **options):
        seen.extend(Path(path).read_bytes() for path in files)
        source.write_bytes(swapped)
        return real(engine, files, **options)

    monkeypatch.setattr(engines, "validate_with", validate_then_swap)
    assert main(["add", str(source)]) == 0
    target = project / "graph" / "accession.ttl"
    assert capsys.readouterr().out.splitlines() == [f"Added {source} as {target}."]
    assert (seen, target.read_bytes(), source.read_bytes()) == ([original], original, swapped)
    monkeypatch.setattr(engines, "validate_with", real)
    assert main(["validate"]) == 0


def test_orphan_temporary_files_of_a_killed_write_are_removed_by_the_next_add(project, capsys):
    """A write killed between creating its temporary file and renaming it leaves `.NAME.xxxxxxxx.tmp`."""
    graph = project / "graph"
    fd, orphan = tempfile.mkstemp(dir=graph, prefix=".argentina-accession-ets-185.ttl.", suffix=".tmp")
    os.write(fd, b"@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\nckg:half")
    os.close(fd)
    (graph / ".keep").write_text("not a temporary file\n", encoding="utf-8")
    assert hidden(graph) == sorted([".keep", Path(orphan).name])
    assert main(["add", str(ARGENTINA)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Removed {orphan}, a temporary file left by an interrupted add.",
        f"Added {ARGENTINA} as {graph / ARGENTINA.name}.",
    ]
    assert hidden(graph) == [".keep"]


def test_the_same_file_with_blank_nodes_is_added_once(project, tmp_path, capsys):
    source = tmp_path / "brochure.ttl"
    source.write_text(BROCHURE, encoding="utf-8")
    codes = [main(["add", str(source), "--as", name]) for name in ("brochure", "brochure-again", "brochure-3")]
    captured = capsys.readouterr()
    assert codes == [0, 2, 2]
    assert (
        captured.err.splitlines()
        == [f"cyberkg: error: {source}: already in the graph: 3 of 3 triples present; nothing was written"] * 2
    )
    assert sorted(path.name for path in (project / "graph").glob("brochure*")) == ["brochure.ttl"]


def test_a_blank_node_structure_that_differs_is_not_a_re_add(project, tmp_path, capsys):
    first = tmp_path / "brochure.ttl"
    first.write_text(BROCHURE, encoding="utf-8")
    second = tmp_path / "second-day.ttl"
    second.write_text(BROCHURE.replace("first day", "second day"), encoding="utf-8")
    assert [main(["add", str(first)]), main(["add", str(second)])] == [0, 0]
    assert capsys.readouterr().err == ""


def test_count_present_matches_blank_nodes_by_structure():
    """Within one connected part blank nodes map one to one; two parts may map onto the same curated node,
    since together they state nothing the graph does not (simple entailment)."""
    import rdflib

    from cyberkg.validation.already_present import count_present

    prefix = "@prefix ex: <https://example.org/> .\n"
    curated = rdflib.Graph().parse(
        data=prefix + "ex:a ex:p [ ex:q 1 ; ex:r [ ex:s 2 ] ] . ex:b ex:p ex:c .", format="turtle"
    )

    def present(text: str) -> tuple[int, int]:
        new = rdflib.Graph().parse(data=prefix + text, format="turtle")
        return count_present(curated, new), len(new)

    assert [
        present("ex:a ex:p [ ex:q 1 ; ex:r [ ex:s 2 ] ] ."),
        present("ex:a ex:p [ ex:q 1 ] ."),
        present("ex:a ex:p [ ex:q 1 ] , [ ex:q 1 ] ."),
        present("ex:a ex:p [ ex:q 2 ] . ex:b ex:p ex:c ."),
        present("[] ex:s 2 ."),
        present("ex:a ex:p [ ex:q 1 ; ex:q 1 ; ex:r [ ex:s 3 ] ] ."),
        present("_:x ex:p _:x ."),
    ] == [(4, 4), (2, 2), (4, 4), (1, 3), (1, 1), (0, 4), (0, 1)]
