"""The ontology documentation: every term with label, definition, domain, range, examples; works offline."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cyberkg import __version__

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_TTL = ROOT / "ontology" / "cyberkg.ttl"
OWL = "http://www.w3.org/2002/07/owl#"
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find_all(self, tag: str) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.find_all(tag))
        return found


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@dataclass
class Entry:
    """One documented term as the page shows it."""

    fid: str
    iri: str
    title: str
    rows: dict[str, Element]


@pytest.fixture(scope="module")
def ontology():
    import rdflib

    return rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def page_path(tmp_path_factory, merged_graph, ontology) -> Path:
    from cyberkg.publish.docs import ontology_documentation

    path = tmp_path_factory.mktemp("docs") / "index.html"
    path.write_bytes(ontology_documentation(ontology, merged_graph, __version__))
    return path


@pytest.fixture(scope="module")
def page(page_path) -> Element:
    builder = TreeBuilder()
    builder.feed(page_path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


@pytest.fixture(scope="module")
def entries(page) -> dict[str, Entry]:
    found = {}
    for div in page.find_all("div"):
        if div.attrs.get("class") != "property entity":
            continue
        rows = {}
        for row in div.find_all("tr"):
            heading = row.find_all("th")
            cells = row.find_all("td")
            if heading and cells:
                rows[" ".join(heading[0].text().split())] = cells[0]
        title = " ".join(str(child) for child in div.find_all("h3")[0].children if isinstance(child, str))
        iri = rows["IRI"].text().strip()
        assert iri not in found, f"{iri} documented twice"
        found[iri] = Entry(div.attrs["id"], iri, " ".join(title.split()), rows)
    return found


def _terms(ontology, *kinds: str) -> set[str]:
    from rdflib import RDF, URIRef

    return {str(term) for kind in kinds for term in ontology.subjects(RDF.type, URIRef(OWL + kind))}


def _resolve(href: str, entries: dict[str, Entry]) -> str:
    if href.startswith("#"):
        targets = [entry.iri for entry in entries.values() if entry.fid == href[1:]]
        assert len(targets) == 1, href
        return targets[0]
    return href


def _hrefs(cell: Element) -> list[str]:
    return [anchor.attrs["href"] for anchor in cell.find_all("a")]


# --- every term, with what a reader needs ----------------------------------------------------------


def test_page_lists_every_class_and_property_of_the_ontology(entries, ontology):
    from rdflib import RDF

    plain_properties = {
        str(term)
        for term in ontology.subjects(RDF.type, RDF.Property)
        if str(term).startswith("https://w3id.org/cyberkg/ontology#")
    }
    assert set(entries) == _terms(ontology, "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty") | (
        plain_properties
    )


def test_every_term_shows_its_label_and_definition(entries, ontology):
    from rdflib import RDFS, URIRef
    from rdflib.namespace import SKOS

    shown = {iri: (entry.title, " ".join(entry.rows["Description"].text().split())) for iri, entry in entries.items()}
    expected = {
        iri: (
            str(ontology.value(URIRef(iri), RDFS.label)),
            " ".join(str(ontology.value(URIRef(iri), SKOS.definition)).split()),
        )
        for iri in entries
    }
    assert shown == expected


@pytest.mark.parametrize(("row", "predicate"), [("Domain", "domain"), ("Range", "range")])
def test_every_property_shows_its_domain_and_range(entries, ontology, row, predicate):
    from rdflib import RDFS, URIRef

    properties = _terms(ontology, "ObjectProperty", "DatatypeProperty")
    shown = {
        iri: sorted(_resolve(href, entries) for href in _hrefs(entries[iri].rows[row]))
        for iri in properties
        if row in entries[iri].rows
    }
    expected = {
        iri: sorted(str(value) for value in ontology.objects(URIRef(iri), RDFS[predicate])) for iri in properties
    }
    assert shown == {iri: values for iri, values in expected.items() if values}


def test_functional_properties_say_so(entries, ontology):
    marked = {iri for iri, entry in entries.items() if "Characteristics" in entry.rows}
    assert marked == _terms(ontology, "FunctionalProperty")


def test_page_is_stamped_with_the_release_version(page):
    definitions = {
        " ".join(dt.text().split()): " ".join(dd.text().split())
        for block in page.find_all("dl")
        for dt, dd in zip(block.find_all("dt"), block.find_all("dd"), strict=True)
    }
    assert definitions["Release"].startswith(f"cyberkg {__version__}:")


def test_ids_are_unique_and_internal_links_resolve(page):
    ids = [element.attrs["id"] for element in _all_elements(page) if "id" in element.attrs]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    internal = {a.attrs["href"][1:] for a in page.find_all("a") if a.attrs.get("href", "").startswith("#")}
    assert sorted(internal - set(ids)) == []


def _all_elements(element: Element) -> list[Element]:
    found = []
    for child in element.children:
        if isinstance(child, Element):
            found.append(child)
            found.extend(_all_elements(child))
    return found


# --- example instances, checked against SPARQL -----------------------------------------------------


def _count_in(cell: Element) -> int:
    words = cell.text().split()
    return 0 if words[0] in ("None", "Not") else int(words[0])


def test_classes_show_their_instance_count_and_first_instances(entries, ontology, store):
    classes = _terms(ontology, "Class")
    shown = {
        iri: (_count_in(entries[iri].rows["Example instances"]), _hrefs(entries[iri].rows["Example instances"]))
        for iri in classes
    }
    expected = {}
    for iri in classes:
        instances = [
            row[0].value
            for row in store.query(
                "SELECT DISTINCT ?s ?class WHERE {"
                " ?s a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class }"
                " ORDER BY STR(?s)",
                substitutions=_bind("class", iri),
            )
        ]
        expected[iri] = (len(instances), instances[:5])
    assert shown == expected
    # One entry pinned by hand, so that the comparison above cannot pass on empty tables: the six conferences
    # (Octopus 2008, 2009 and 2010, Vancouver and the two in Brussels), the first five shown.
    conference = "https://w3id.org/cyberkg/ontology#Conference"
    assert shown[conference] == (
        6,
        [
            "https://w3id.org/cyberkg/id/event/2008-04-octopus-conference",
            "https://w3id.org/cyberkg/id/event/2009-03-10-strasbourg-octopus-conference",
            "https://w3id.org/cyberkg/id/event/2009-11-01-vancouver-conference",
            "https://w3id.org/cyberkg/id/event/2009-11-05-brussels-conference",
            "https://w3id.org/cyberkg/id/event/2009-11-27-brussels-conference",
        ],
    )


def test_properties_show_their_use_count_and_first_statements(entries, ontology, store):
    properties = _terms(ontology, "ObjectProperty", "DatatypeProperty")
    shown = {}
    for iri in properties:
        cell = entries[iri].rows["Example uses"]
        subjects = [_hrefs(item)[0] for item in cell.find_all("li")]
        shown[iri] = (_count_in(cell), subjects)
    expected = {}
    for iri in properties:
        subjects = [
            row[0].value
            for row in store.query(
                "SELECT ?s ?property WHERE { ?s ?property ?o } ORDER BY STR(?s)", substitutions=_bind("property", iri)
            )
        ]
        expected[iri] = (len(subjects), subjects[:5])
    assert shown == expected


def _bind(variable: str, iri: str) -> dict:
    import pyoxigraph

    return {pyoxigraph.Variable(variable): pyoxigraph.NamedNode(iri)}


# --- offline, in a browser -----------------------------------------------------------------------


def test_page_opens_in_headless_chromium_offline_without_errors(page_path):
    from browser import open_page

    report = open_page(page_path.as_uri())
    assert report.loaded
    assert report.console_errors == []
    assert report.failed_requests == []
    assert [url for url in report.requests if not url.startswith(("file:", "data:"))] == []


def test_the_browser_check_catches_errors_and_network_requests(tmp_path):
    from browser import open_page

    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>bad</title>"
        '<link rel="stylesheet" href="https://cdn.example.org/style.css"></head>'
        '<body><script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    report = open_page(bad.as_uri())
    assert report.loaded
    assert sorted(report.requests) == sorted([bad.as_uri(), "https://cdn.example.org/style.css"])
    assert [failure.split(": ")[0] for failure in report.failed_requests] == ["https://cdn.example.org/style.css"]
    assert sorted(error.split(":")[0] for error in report.console_errors) == ["console.error", "network"]


def test_a_torn_pylode_cache_is_made_again(tmp_path):
    """pyLODE caches its background ontologies in its package on first use; two builds at once on a fresh
    installation once tore that file and every later build failed. A cache that does not read back is made
    again, and the page is the same."""
    import pickle

    import pylode

    from cyberkg.publish.docs import ontology_documentation
    from cyberkg.store.loading import data_files, load_graph

    cache = Path(pylode.__file__).parent / "rdf" / "refs.pickle"
    ontology = load_graph([path for path in data_files() if path.parent.name == "ontology"])
    graph = load_graph()
    expected = ontology_documentation(ontology, graph, __version__)
    saved = cache.read_bytes()
    try:
        cache.write_bytes(saved[: len(saved) // 2])
        assert ontology_documentation(ontology, graph, __version__) == expected
        assert len(pickle.loads(cache.read_bytes())) == len(pickle.loads(saved))  # made again, whole
    finally:
        cache.write_bytes(saved)
