"""``cyberkg build``: the release parses back to the merged graph, is deterministic, and is described truly.

Two builds run once per module, in separate processes with different hash seeds;
every test below reads their files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cyberkg import __version__

ROOT = Path(__file__).resolve().parent.parent
GRAPH_FILES = ["cyberkg.ttl", "cyberkg.nt", "cyberkg.jsonld"]
RELEASE_FILES = sorted([*GRAPH_FILES, "dataset.ttl"])
RDF_FORMATS = {"cyberkg.ttl": "turtle", "cyberkg.nt": "nt", "cyberkg.jsonld": "json-ld"}
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"


def _start_build(folder: Path, seed: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed, "CYBERKG_ROOT": str(ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cyberkg",
            "build",
            "-o",
            str(folder / "dist"),
            "--docs",
            str(folder / "docs" / "index.html"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two builds of the same tree, in separate processes with different PYTHONHASHSEED."""
    first, second = tmp_path_factory.mktemp("build-1"), tmp_path_factory.mktemp("build-2")
    processes = [_start_build(first, "1"), _start_build(second, "2")]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    return first, second


@pytest.fixture(scope="module")
def release(builds) -> Path:
    return builds[0] / "dist"


@pytest.fixture(scope="module")
def description(release):
    import rdflib

    graph = rdflib.Graph()
    graph.parse(release / "dataset.ttl", format="turtle")  # relative links resolve against the file
    return graph


@pytest.fixture(scope="module")
def dataset(description):
    from rdflib import RDF, URIRef

    datasets = sorted(description.subjects(RDF.type, URIRef(DCAT + "Dataset")))
    assert datasets == [URIRef(f"https://w3id.org/cyberkg/id/dataset/cyberkg/{__version__}")]
    return datasets[0]


# --- the files -----------------------------------------------------------------------------------


def test_build_writes_the_release_and_the_documentation(builds):
    for folder in builds:
        assert sorted(path.name for path in (folder / "dist").iterdir()) == RELEASE_FILES
        assert sorted(path.name for path in (folder / "docs").iterdir()) == ["index.html"]


def test_two_builds_in_different_processes_are_identical_byte_for_byte(builds):
    first, second = builds
    names = [f"dist/{name}" for name in RELEASE_FILES] + ["docs/index.html"]
    different = [name for name in names if (first / name).read_bytes() != (second / name).read_bytes()]
    assert different == []


@pytest.mark.parametrize("name", GRAPH_FILES)
def test_every_serialisation_parses_back_to_the_merged_graph(release, merged_graph, name):
    import rdflib
    from rdflib.compare import isomorphic

    parsed = rdflib.Graph().parse(release / name, format=RDF_FORMATS[name])
    assert len(parsed) == len(merged_graph)
    assert isomorphic(parsed, merged_graph)


def test_ntriples_lines_are_sorted(release):
    lines = (release / "cyberkg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_json_ld_context_is_the_project_prefixes(release):
    import json

    from cyberkg.publish.serialise import STANDARD_PREFIXES
    from cyberkg.rdf.namespaces import PREFIXES

    context = json.loads((release / "cyberkg.jsonld").read_text(encoding="utf-8"))["@context"]
    assert context == dict(sorted({**STANDARD_PREFIXES, **PREFIXES}.items()))


def test_blank_nodes_get_the_same_labels_in_every_process(tmp_path):
    source = tmp_path / "blank.ttl"
    source.write_text(
        "@prefix ex: <https://example.org/> .\n"
        'ex:a ex:p [ ex:q 1 ; ex:r [ ex:s "x" ] ] , [ ex:q 2 ] .\n'
        "ex:b ex:p [ ex:q 1 ] .\n",
        encoding="utf-8",
    )
    script = (
        "import sys, rdflib\n"
        "from cyberkg.publish.serialise import to_json_ld, to_ntriples, to_turtle\n"
        f"graph = rdflib.Graph().parse({str(source)!r}, format='turtle')\n"
        "sys.stdout.buffer.write(to_ntriples(graph) + to_turtle(graph) + to_json_ld(graph))\n"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=True
        ).stdout
        for seed in ("3", "4", "5")
    ]
    assert outputs[0] == outputs[1] == outputs[2]
    # four blank nodes, each named in N-Triples (subject and object) and Turtle; JSON-LD names them too
    assert len(set(re.findall(rb"_:[A-Za-z0-9]+", outputs[0]))) == 4


# --- the dataset description ---------------------------------------------------------------------


def _value(graph, subject, predicate: str):
    from rdflib import URIRef

    values = list(graph.objects(subject, URIRef(predicate)))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def _count(store, query: str) -> int:
    return int(next(iter(store.query(query)))[0].value)


def test_void_totals_equal_counts_by_sparql(description, dataset, store):
    expected = {
        "triples": _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        "distinctSubjects": _count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        "distinctObjects": _count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"),
        "properties": _count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
    }
    actual = {name: _value(description, dataset, VOID + name).toPython() for name in expected}
    assert actual == expected


def test_void_class_partitions_equal_instance_counts_by_sparql(description, dataset, store):
    from rdflib import URIRef

    expected = {
        row[0].value: int(row[1].value)
        for row in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    }
    actual = {}
    for partition in description.objects(dataset, URIRef(VOID + "classPartition")):
        actual[str(_value(description, partition, VOID + "class"))] = _value(
            description, partition, VOID + "entities"
        ).toPython()
    assert actual == expected


def test_void_property_partitions_equal_triple_counts_by_sparql(description, dataset, store):
    from rdflib import URIRef

    expected = {
        row[0].value: int(row[1].value)
        for row in store.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")
    }
    actual = {}
    for partition in description.objects(dataset, URIRef(VOID + "propertyPartition")):
        actual[str(_value(description, partition, VOID + "property"))] = _value(
            description, partition, VOID + "triples"
        ).toPython()
    assert actual == expected


def test_description_names_version_licence_publisher_and_sources(description, dataset, store):
    from rdflib import URIRef

    assert str(_value(description, dataset, DCAT + "version")) == __version__
    assert _value(description, dataset, DCTERMS + "license") == URIRef("https://creativecommons.org/licenses/by/4.0/")
    publishers = {
        row[0].value
        for row in store.query(
            "SELECT ?p WHERE { ?o a <http://www.w3.org/2002/07/owl#Ontology> ; <http://purl.org/dc/terms/creator> ?p }"
        )
    }
    assert {str(p) for p in description.objects(dataset, URIRef(DCTERMS + "publisher"))} == publishers
    sources = {
        row[0].value
        for row in store.query(
            "SELECT ?d WHERE { ?d a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            "<https://w3id.org/cyberkg/ontology#SourceDocument> }"
        )
    }
    assert {str(s) for s in description.objects(dataset, URIRef(DCTERMS + "source"))} == sources
    assert sorted(sources) == [
        "https://w3id.org/cyberkg/id/document/octopus-2009-summary",
        "https://w3id.org/cyberkg/id/document/update-2009-11",
        "https://w3id.org/cyberkg/id/source/coe-treaty-office",
        "https://w3id.org/cyberkg/id/source/eur-lex",
        "https://w3id.org/cyberkg/id/source/geonames",
        "https://w3id.org/cyberkg/id/source/iso-3166-1",
    ]


def test_distributions_give_media_type_byte_size_and_a_link_to_each_file(description, dataset, release):
    from rdflib import URIRef

    actual = {}
    for distribution in description.objects(dataset, URIRef(DCAT + "distribution")):
        download = _value(description, distribution, DCAT + "downloadURL")
        actual[str(download)] = (
            str(_value(description, distribution, DCAT + "mediaType")),
            _value(description, distribution, DCAT + "byteSize").toPython(),
        )
    media = "https://www.iana.org/assignments/media-types/"
    expected = {
        (release / "cyberkg.ttl").as_uri(): (media + "text/turtle", (release / "cyberkg.ttl").stat().st_size),
        (release / "cyberkg.nt").as_uri(): (media + "application/n-triples", (release / "cyberkg.nt").stat().st_size),
        (release / "cyberkg.jsonld").as_uri(): (
            media + "application/ld+json",
            (release / "cyberkg.jsonld").stat().st_size,
        ),
    }
    assert actual == expected
    dumps = {str(dump) for dump in description.objects(dataset, URIRef(VOID + "dataDump"))}
    assert dumps == set(expected)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        (
            "#+ title: x\nPREFIX ckg: <https://w3id.org/cyberkg/ontology#>\nprefix : <https://e.org/#>\n"
            "  construct { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT",
        ),
        ("BASE <https://e.org/> ASK { ?s ?p ?o }", "ASK"),
        ("DESCRIBE <https://e.org/a>", "DESCRIBE"),
        # A comment after a prefix defeats the quick look; rdflib's parser decides.
        ("PREFIX a: <https://e.org/> # the prefix\nASK { ?s a:p ?o }", "ASK"),
    ],
)
def test_query_form(text, form):
    from cyberkg.publish.description import query_form

    assert query_form(text) == form


def test_description_carries_the_query_library(description, dataset):
    from rdflib import RDFS, URIRef

    from cyberkg.query.library import list_queries

    queries = list_queries()
    executables = set(description.subjects(URIRef("https://schema.org/target"), dataset))
    actual = {
        (str(_value(description, node, str(RDFS.label))), str(_value(description, node, SH + "select")))
        for node in executables
    }
    assert actual == {(query.title, query.text) for query in queries}
    defaults = {
        parameter.default
        for query in queries
        for parameter in query.parameters
        if parameter.type == "iri" and parameter.default
    }
    examples = {str(resource) for resource in description.objects(dataset, URIRef(VOID + "exampleResource"))}
    assert examples == defaults  # every default of the library names a resource in the graph


# --- --check ---------------------------------------------------------------------------------------


def test_check_passes_on_a_fresh_build_and_names_stale_and_missing_files(builds, tmp_path):
    import shutil

    from cyberkg.publish.release import check_build, plan_build

    folder = tmp_path / "copy"
    shutil.copytree(builds[0], folder)
    release_dir, docs = folder / "dist", folder / "docs" / "index.html"
    outputs = plan_build(release_dir, docs)  # in this process, a third time
    fresh = check_build(outputs, release_dir)
    assert (fresh.stale, fresh.unbuilt_release) == ([], None)
    assert sorted(fresh.checked) == sorted([*(release_dir / name for name in RELEASE_FILES), docs])

    docs.write_bytes(docs.read_bytes().replace(b"</body>", b"<p>edited</p></body>"))
    (release_dir / "cyberkg.nt").unlink()
    stale = check_build(outputs, release_dir)
    assert sorted((s.path, s.reason) for s in stale.stale) == sorted(
        [(docs, "out of date with the sources"), (release_dir / "cyberkg.nt", "missing")]
    )

    shutil.rmtree(release_dir)
    docs_only = check_build(outputs, release_dir)
    assert (docs_only.checked, docs_only.unbuilt_release) == ([docs], release_dir)
    assert [(s.path, s.reason) for s in docs_only.stale] == [(docs, "out of date with the sources")]


def test_check_command_exits_1_naming_the_stale_file(tmp_path, capsys):
    from cyberkg.cli import main

    docs = tmp_path / "index.html"
    docs.write_text("stale", encoding="utf-8")
    assert main(["build", "--check", "-o", str(tmp_path / "no-release"), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"stale: {docs}: out of date with the sources", "run `cyberkg build` and commit the documentation"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]  # --check writes nothing
