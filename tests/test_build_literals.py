"""``cyberkg build`` writes every literal exactly as it was read: lexical form, datatype, time zone, language.

One build of a project whose graph is the awkward literals of ``build_literals/awkward-literals.ttl``
(beside the project's ontology and queries); each file of the release is read back and its literals are
compared with those of the sources, exactly. Two readers look at each file: Oxigraph (strict syntax; it
lowercases language tags, as RDF allows, on both sides) and rdflib with normalisation off (which keeps
``en-GB`` as written).
"""

from __future__ import annotations

import html
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "build_literals" / "awkward-literals.ttl"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
GRAPH_FILES = {"cyberkg.ttl": "turtle", "cyberkg.nt": "nt", "cyberkg.jsonld": "json-ld"}
OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD"}
DOCUMENT = "https://example.org/awkward/document"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, list[Path]]:
    """The project with the awkward graph, built once: its root, the release folder, and its source files."""
    from cyberkg.cli import main

    root = tmp_path_factory.mktemp("awkward") / "project"
    for folder in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "graph").mkdir()
    shutil.copy(FIXTURE, root / "graph" / FIXTURE.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CYBERKG_ROOT", str(root))
        code = main(["--root", str(root), "build", "-o", str(root / "dist"), "--docs", str(root / "index.html")])
    assert code in (None, 0)
    sources = sorted((root / "ontology").glob("*.ttl")) + [root / "graph" / FIXTURE.name]
    return root, root / "dist", sources


def _oxigraph_literals(data: bytes, syntax: str, base: str | None = None) -> Counter:
    """(subject or "_" for a blank node, predicate, lexical form, datatype, language) of every literal."""
    import pyoxigraph

    triples = pyoxigraph.parse(data, format=getattr(pyoxigraph.RdfFormat, OXIGRAPH_FORMATS[syntax]), base_iri=base)
    return Counter(
        (
            triple.subject.value if isinstance(triple.subject, pyoxigraph.NamedNode) else "_",
            triple.predicate.value,
            triple.object.value,
            triple.object.datatype.value,
            triple.object.language,
        )
        for triple in triples
        if isinstance(triple.object, pyoxigraph.Literal)
    )


def _rdflib_literals(data: bytes, syntax: str, base: str | None = None) -> Counter:
    """The same, read by rdflib with its normalisation of literals off; a simple literal is an xsd:string."""
    import rdflib

    from cyberkg.rdf.literals import literals_as_written

    with literals_as_written():
        graph = rdflib.Graph().parse(data=data, format=syntax, publicID=base)
    return Counter(
        (
            str(s) if isinstance(s, rdflib.URIRef) else "_",
            str(p),
            str(o),
            str(o.datatype) if o.datatype else (None if o.language else XSD_STRING),
            o.language,
        )
        for s, p, o in graph
        if isinstance(o, rdflib.Literal)
    )


READERS = {"oxigraph": _oxigraph_literals, "rdflib": _rdflib_literals}


def _source_literals(sources: list[Path], reader: str) -> Counter:
    total: Counter = Counter()
    for source in sources:
        total += READERS[reader](source.read_bytes(), "turtle")
    return total


def test_the_fixture_keeps_its_awkward_literals_as_written():
    """The comparisons below are worth something only if the sources themselves keep the awkward forms."""
    fixture = _rdflib_literals(FIXTURE.read_bytes(), "turtle")
    awkward = "https://example.org/awkward/"

    def values(subject: str, predicate: str) -> list[tuple[str, str | None, str | None]]:
        return sorted(
            (lexical, datatype, language)
            for s, p, lexical, datatype, language in fixture
            if (s, p) == (awkward + subject, awkward + predicate)
        )

    integer, boolean = "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#boolean"
    assert values("numbers", "integer") == [
        ("+5", integer, None),
        ("-0", integer, None),
        ("-3", integer, None),
        ("007", integer, None),
        ("12", integer, None),
        ("123456789012345678901234567890", integer, None),
    ]
    assert values("illTyped", "boolean") == [("maybe", boolean, None)]
    assert [language for _, _, language in values("strings", "language")] == [
        "de-CH",
        "en-GB",
        "en-gb",
        "EN",
        "zh-Hant-TW",
    ]
    assert sum(fixture.values()) == 68


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", GRAPH_FILES)
def test_every_graph_file_of_the_release_keeps_every_literal_exactly(built, name, reader):
    """Every literal of the sources, and no other, with its subject and predicate, in every graph file."""
    _, release, sources = built
    written = READERS[reader]((release / name).read_bytes(), GRAPH_FILES[name])
    expected = _source_literals(sources, reader)
    assert sorted(written - expected) == []
    assert sorted(expected - written) == []


@pytest.mark.parametrize("reader", READERS)
def test_the_dataset_description_copies_the_document_names_exactly(built, reader):
    _, release, sources = built
    description = release / "dataset.ttl"
    copied = READERS[reader](description.read_bytes(), "turtle", description.as_uri())
    expected = _source_literals(sources, reader)
    assert sorted(item for item in copied if item[0] == DOCUMENT) == sorted(
        item for item in expected if item[0] == DOCUMENT
    )


def test_the_ontology_documentation_shows_example_literals_as_written(built):
    root, _, _ = built
    page = (root / "index.html").read_text(encoding="utf-8")
    shown = sorted(html.unescape(text) for text in re.findall(r"<code>(&quot;.*?)</code>", page, flags=re.S))
    assert shown == ['"2009-10-16+02:00"^^xsd:date', '"2009-10-17Z"^^xsd:date']
