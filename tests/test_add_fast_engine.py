"""`cyberkg add` with the fast engine reads the new file into Oxigraph only, never into an rdflib graph.

The re-add and conflict checks have an Oxigraph twin of the rdflib ones; each test below gives the same
answer as the pySHACL path's test of the same case (tests/test_add.py, tests/test_add_exactly_once.py),
with rdflib's parser and graph writes made to fail while ``add`` runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.cli import main

LATER = Path(__file__).parent / "shapes" / "later"
ARGENTINA = LATER / "argentina-accession-ets-185.ttl"
PREFIXES = (
    "@prefix ckg: <https://w3id.org/cyberkg/ontology#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix event: <https://w3id.org/cyberkg/id/event/> .\n"
)
BROCHURE = PREFIXES + (
    'event:2009-11-05-brussels-conference rdfs:seeAlso [ rdfs:label "The programme"@en ;\n'
    '                                                   rdfs:comment "Handed out on the first day."@en ] .\n'
)


def _refuse(*args, **kwargs):
    raise AssertionError("an rdflib graph was built")


@pytest.fixture
def no_rdflib_parsing(monkeypatch):
    """rdflib's parsing raises while the test runs: no file is read into an rdflib graph."""
    import rdflib

    monkeypatch.setattr(rdflib.Graph, "parse", _refuse)


@pytest.fixture
def no_rdflib_graph(monkeypatch, no_rdflib_parsing):
    """No file is parsed by rdflib and no triple is added to any rdflib graph while the test runs.

    (A refused file's report names its results' labels and sources from a few-triple rdflib graph; a
    conforming file has no results, so not even that graph gets a triple.)
    """
    import rdflib

    monkeypatch.setattr(rdflib.Graph, "add", _refuse)


def add(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = main(["add", "--engine", "fast", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_a_conforming_file_is_added_byte_for_byte_without_an_rdflib_graph(project, capsys, no_rdflib_graph):
    assert add(capsys, str(ARGENTINA)) == (0, [f"Added {ARGENTINA} as {project / 'graph' / ARGENTINA.name}."], [])
    assert (project / "graph" / ARGENTINA.name).read_bytes() == ARGENTINA.read_bytes()


def test_a_conflict_on_a_single_valued_property_is_found_without_parsing_into_rdflib(
    project, capsys, tmp_path, no_rdflib_parsing
):
    later = tmp_path / "brussels-held.ttl"
    later.write_text(
        PREFIXES
        + 'event:2009-11-05-brussels-conference ckg:status ckg:Held ; ckg:statusAsOf "2009-12-01"^^xsd:date .\n',
        encoding="utf-8",
    )
    code, out, err = add(capsys, str(later))
    assert (code, err) == (1, [])
    assert out[:4] + out[-3:] == [
        f"Refused {later}: it gives single-valued properties of existing resources other values.",
        "  event:2009-11-05-brussels-conference ckg:status: the graph has ckg:Planned; the file gives ckg:Held",
        '  event:2009-11-05-brussels-conference ckg:statusAsOf: the graph has "2009-11-02"^^xsd:date; '
        'the file gives "2009-12-01"^^xsd:date',
        f"Validated {later} in the context of the curated graph.",
        "Summary: 4 violations, 0 warnings, 0 infos; does not conform.",
        f"Refused {later}: it does not conform to the shapes.",
        "Nothing was written to graph/.",
    ]
    assert sorted(path.name for path in (project / "graph").glob("brussels*")) == []


def test_repeating_a_single_valued_value_is_no_conflict(project, capsys, tmp_path, no_rdflib_graph):
    same = tmp_path / "brussels-again.ttl"
    same.write_text(
        PREFIXES + "event:2009-11-05-brussels-conference ckg:status ckg:Planned ;\n"
        '    rdfs:comment "Repeated from the update of November 2009."@en .\n',
        encoding="utf-8",
    )
    assert add(capsys, str(same)) == (0, [f"Added {same} as {project / 'graph' / 'brussels-again.ttl'}."], [])


def test_a_re_add_with_blank_nodes_is_refused_without_an_rdflib_graph(project, capsys, tmp_path, no_rdflib_graph):
    source = tmp_path / "brochure.ttl"
    source.write_text(BROCHURE, encoding="utf-8")
    assert add(capsys, str(source)) == (0, [f"Added {source} as {project / 'graph' / 'brochure.ttl'}."], [])
    assert add(capsys, str(source), "--as", "brochure-again") == (
        2,
        [],
        [f"cyberkg: error: {source}: already in the graph: 3 of 3 triples present; nothing was written"],
    )
    assert sorted(path.name for path in (project / "graph").glob("brochure*")) == ["brochure.ttl"]


@pytest.mark.parametrize("library", ["rdflib", "oxigraph"])
def test_both_counts_match_blank_nodes_by_structure(library):
    """The table of tests/test_add_exactly_once.py, counted over an rdflib graph and over an Oxigraph store."""
    import pyoxigraph
    import rdflib

    from cyberkg.validation.already_present import count_present, count_present_in_store

    prefix = "@prefix ex: <https://example.org/> .\n"
    curated_text = prefix + "ex:a ex:p [ ex:q 1 ; ex:r [ ex:s 2 ] ] . ex:b ex:p ex:c ."

    def present(text: str) -> tuple[int, int]:
        if library == "rdflib":
            new = rdflib.Graph().parse(data=prefix + text, format="turtle")
            return count_present(rdflib.Graph().parse(data=curated_text, format="turtle"), new), len(new)
        store = pyoxigraph.Store()
        store.load(curated_text.encode(), format=pyoxigraph.RdfFormat.TURTLE)
        return count_present_in_store(
            store, pyoxigraph.parse((prefix + text).encode(), format=pyoxigraph.RdfFormat.TURTLE)
        )

    assert [
        present("ex:a ex:p [ ex:q 1 ; ex:r [ ex:s 2 ] ] ."),
        present("ex:a ex:p [ ex:q 1 ] ."),
        present("ex:a ex:p [ ex:q 1 ] , [ ex:q 1 ] ."),
        present("ex:a ex:p [ ex:q 2 ] . ex:b ex:p ex:c ."),
        present("[] ex:s 2 ."),
        present("ex:a ex:p [ ex:q 1 ; ex:r [ ex:s 3 ] ] ."),
        present("_:x ex:p _:x ."),
    ] == [(4, 4), (2, 2), (4, 4), (1, 3), (1, 1), (0, 4), (0, 1)]


def test_both_readings_of_the_single_valued_properties_agree():
    """Functional properties from the ontology, sh:maxCount 1 from the shapes: the same rules either way."""
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import data_files, load_store
    from cyberkg.validation.conflicts import single_valued_properties, single_valued_properties_in_store
    from cyberkg.validation.reference import load_curated, load_shapes_graph, shape_files

    def as_text(rules) -> dict[str, list[str] | None]:
        return {
            str(p).strip("<>"): None if c is None else sorted(str(x).strip("<>") for x in c) for p, c in rules.items()
        }

    ckg = "https://w3id.org/cyberkg/ontology#"
    from_graphs = as_text(single_valued_properties(load_curated(), load_shapes_graph()))
    shapes = load_store(shape_files(default_checkout().shapes_dir))
    from_stores = as_text(single_valued_properties_in_store(load_store(data_files()), shapes))
    assert from_stores == from_graphs
    some = (f"{ckg}status", f"{ckg}statusAsOf", f"{ckg}instrument", "http://www.w3.org/2003/01/geo/wgs84_pos#lat")
    assert [from_stores[p] for p in some] == [None, [f"{ckg}Event"], [f"{ckg}TreatyAction"], [f"{ckg}City"]]
