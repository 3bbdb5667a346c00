"""The static site: byte-identical builds, every link resolving, the offline search, pages clean in Chromium."""

from __future__ import annotations

import json
import posixpath
import unicodedata
import urllib.parse
from pathlib import Path

import pytest
import rdflib

from cyberkg.cli import main
from cyberkg.errors import InputError
from cyberkg.network.page import projection_page
from cyberkg.pages.site_folder import MARKER, REDIRECTS_FILE, plan_site, redirect_rules, stale_files, write_site
from tests.browser import open_page
from tests.html_tree import Element, parse_html

ID = "https://w3id.org/cyberkg/id/"
ONTOLOGY_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en"><head><title>Ontology</title></head><body><p>Terms</p></body></html>\n'
)
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


@pytest.fixture(scope="module")
def planned() -> dict[str, bytes]:
    return plan_site(ONTOLOGY_PAGE, "https://example.org/cyberkg/", network=projection_page)


@pytest.fixture(scope="module")
def site_folder(planned: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    write_site(planned, folder)
    return folder


def test_two_builds_give_the_same_bytes(planned: dict[str, bytes]) -> None:
    again = plan_site(ONTOLOGY_PAGE, "https://example.org/cyberkg/", network=projection_page)
    assert list(again) == list(planned)
    assert [name for name in planned if planned[name] != again[name]] == []


def test_every_entity_of_the_graph_has_a_page_and_its_rdf(
    planned: dict[str, bytes], merged_graph: rdflib.Graph
) -> None:
    subjects = sorted(
        {str(s) for s in merged_graph.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(ID)}
    )
    pages = sorted(name for name in planned if name.startswith("id/") and name.endswith(".html"))
    assert pages == sorted("id/" + iri[len(ID) :] + ".html" for iri in subjects)
    for extension in ("ttl", "nt", "jsonld"):
        assert sorted(name for name in planned if name.startswith("id/") and name.endswith("." + extension)) == sorted(
            "id/" + iri[len(ID) :] + "." + extension for iri in subjects
        )
    others = sorted(name for name in planned if not name.startswith("id/"))
    kinds = sorted({"kind/" + iri[len(ID) :].split("/")[0] + ".html" for iri in subjects})
    queries = sorted("query/" + path.stem + ".html" for path in (Path(__file__).parent.parent / "queries").glob("*.rq"))
    assert others == sorted(
        [
            "index.html",
            "network.html",
            "ontology/index.html",
            "queries.html",
            "static/query.js",
            "static/search.js",
            "static/site.css",
            REDIRECTS_FILE,
            *kinds,
            *queries,
        ]
    )


def _links(document: Element) -> list[str]:
    return [
        element.attributes[attribute]
        for tag, attribute in LINKING.items()
        for element in document.find_all(tag)
        if attribute in element.attributes
    ]


def test_every_link_of_the_site_resolves_to_a_file_of_the_site(site_folder: Path) -> None:
    pages = sorted(site_folder.rglob("*.html"))
    assert len(pages) > 500
    broken = []
    checked = 0
    for page in pages:
        relative_page = page.relative_to(site_folder).as_posix()
        for link in _links(parse_html(page.read_bytes())):
            if link.startswith(("http://", "https://", "mailto:", "data:", "#")):
                continue
            target = urllib.parse.unquote(link.split("#")[0].split("?")[0])
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(relative_page), target))
            checked += 1
            if resolved.startswith("..") or not (site_folder / resolved).is_file():
                broken.append(f"{relative_page}: {link}")
    assert broken == []
    assert checked > 10_000


NETWORK_LINK = "Its node in the organisation\u2013event network"


def _network_nodes(page: bytes) -> list[str]:
    """The node IRIs in the data block of a network page."""
    data = json.loads(parse_html(page).find("script", id="graph-data").text())
    return sorted(node["id"] for node in data["nodes"])


def test_the_network_page_is_the_exported_one_and_each_of_its_nodes_links_to_it(
    planned: dict[str, bytes], tmp_path: Path, capsys
) -> None:
    exported = tmp_path / "network.html"
    assert main(["export", "organisation-event", "--format", "html", "-o", str(exported)]) == 0
    assert planned["network.html"] == exported.read_bytes()
    nodes = _network_nodes(planned["network.html"])
    assert len(nodes) > 40
    # Exactly the pages of the network's nodes link to it, each with its own node chosen in the fragment.
    linking = {}
    for name, data in planned.items():
        if name.startswith("id/") and name.endswith(".html"):
            links = [a for a in parse_html(data).find_all("a") if a.text() == NETWORK_LINK]
            if links:
                linking[name] = [a.attributes["href"] for a in links]
    assert linking == {
        "id/" + iri[len(ID) :] + ".html": ["../" * (iri[len(ID) :].count("/") + 1) + "network.html#node=" + iri]
        for iri in nodes
    }


def test_the_index_page_links_to_the_network_page(planned: dict[str, bytes]) -> None:
    links = {a.text(): a.attributes["href"] for a in parse_html(planned["index.html"]).find_all("a")}
    assert links["The organisation\u2013event network: who took part in which event"] == "network.html"


def test_the_fragment_selects_and_shows_the_node_in_chromium(site_folder: Path) -> None:
    council = ID + "organisation/council-of-europe"
    page = site_folder / "id" / "organisation" / "council-of-europe.html"
    href = next(a.attributes["href"] for a in parse_html(page.read_bytes()).find_all("a") if a.text() == NETWORK_LINK)
    url = urllib.parse.urljoin(page.as_uri(), href)
    selected = (
        "[document.body.dataset.selectedNode, document.querySelectorAll('circle.node.selected').length, "
        "Array.from(document.querySelectorAll('text.label.selected')).map(t => [t.textContent, "
        "getComputedStyle(t).display !== 'none']), document.getElementById('selected-node').textContent]"
    )
    # The node stands in the middle of the view, within the window.
    centred = (
        "(() => { const c = document.querySelector('circle.node.selected').getBoundingClientRect(); "
        "const s = document.getElementById('network').getBoundingClientRect(); "
        "return Math.abs((c.left + c.right) / 2 - (s.left + s.right) / 2) < 2 && "
        "Math.abs((c.top + c.bottom) / 2 - (s.top + s.bottom) / 2) < 2; })()"
    )
    report = open_page(url, evaluate=(selected, centred, "location.hash = ''", selected))
    assert report.console_errors == []
    assert [request for request in report.requests if not request.startswith("file:")] == []
    data = json.loads(parse_html((site_folder / "network.html").read_bytes()).find("script", id="graph-data").text())
    node = next(node for node in data["nodes"] if node["id"] == council)
    first, is_centred, _, cleared = report.values
    assert first[:3] == [council, 1, [[node.get("short_label") or node["label"], True]]]
    assert first[3].startswith(f"Selected: {node['label']} (")
    assert is_centred is True
    # Clearing the fragment clears the selection.
    assert cleared == [None, 0, [], ""]
    # An IRI that is not a node selects nothing, without an error.
    report = open_page(
        (site_folder / "network.html").as_uri() + "#node=https%3A%2F%2Fexample.org%2Fnone", evaluate=(selected,)
    )
    assert (report.console_errors, report.values) == ([], [[None, 0, [], ""]])


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def _labelled_like(merged_graph: rdflib.Graph, words: str) -> list[str]:
    """The English labels of the entities whose labels (any language, alt labels, short names) contain ``words``."""
    predicates = [
        rdflib.RDFS.label,
        rdflib.SKOS.altLabel,
        rdflib.URIRef("https://w3id.org/cyberkg/ontology#shortName"),
        rdflib.URIRef("https://w3id.org/cyberkg/ontology#treatyNumber"),
    ]
    found = set()
    for predicate in predicates:
        for subject, label in merged_graph.subject_objects(predicate):
            if str(subject).startswith(ID) and _folded(words) in _folded(str(label)):
                found.add(subject)
    labels = []
    for subject in found:
        english = [str(label) for label in merged_graph.objects(subject, rdflib.RDFS.label) if label.language == "en"]
        labels.append(sorted(english)[0])
    return sorted(labels, key=str.casefold)


def test_the_search_index_is_in_the_index_page(planned: dict[str, bytes], merged_graph: rdflib.Graph) -> None:
    index = parse_html(planned["index.html"]).find("script", id="search-index")
    entries = json.loads(index.text())["entities"]
    labelled = {
        str(s)
        for predicate in (rdflib.RDFS.label, rdflib.SKOS.prefLabel)
        for s in merged_graph.subjects(predicate)
        if str(s).startswith(ID)
    }
    assert sorted(entry[2] for entry in entries) == sorted("id/" + iri[len(ID) :] + ".html" for iri in labelled)
    assert sorted(
        (entry[0] for entry in entries if "argen" in _folded(entry[0] + " " + entry[3])), key=str.casefold
    ) == _labelled_like(merged_graph, "argen")
    budapest = [entry for entry in entries if entry[2] == "id/instrument/ets-185.html"]
    assert budapest == [
        [
            "Convention on Cybercrime",
            "Instruments and articles",
            "id/instrument/ets-185.html",
            "Budapest Convention Convention on Cybercrime Convention sur la cybercriminalité ETS 185 the Convention",
        ]
    ]


def test_the_search_box_finds_entities_by_part_of_a_label_offline(
    site_folder: Path, merged_graph: rdflib.Graph
) -> None:
    results = "Array.from(document.querySelectorAll('#search-results a')).map(a => [a.textContent, a.href])"
    report = open_page(
        (site_folder / "index.html").as_uri() + "#q=ARGEN",
        evaluate=(results, "document.getElementById('search-count').textContent"),
    )
    assert report.console_errors == []
    assert [url for url in report.requests if not url.startswith("file:")] == []
    found, count = report.values
    assert [label for label, _ in found] == _labelled_like(merged_graph, "argen")
    assert count == f"{len(found)} entities"
    assert ((site_folder / "id/country/AR.html").as_uri(),) == tuple(
        href for label, href in found if label == "Argentina"
    )
    # The Budapest Convention is found by its short name, accents and case aside.
    report = open_page((site_folder / "index.html").as_uri() + "#q=budapest%20CONV", evaluate=(results,))
    assert [label for label, _ in report.values[0]] == ["Convention on Cybercrime"]


SAMPLE_PAGES = [
    "index.html",
    "queries.html",
    "query/treaty-actions.html?state=https%3A%2F%2Fw3id.org%2Fcyberkg%2Fid%2Fcountry%2FDE",
    "ontology/index.html",
    "kind/event.html",
    "id/event/2009-10-16-buenos-aires-visit.html",
    "id/event/2009-03-10-strasbourg-octopus-conference.html",
    "id/country/AR.html",
    "id/city/strasbourg.html",
    "id/organisation/council-of-europe.html",
    "id/instrument/ets-185.html",
    "id/treaty-action/DE-ets-185-ratification.html",
    "id/statement/octopus-2009-p1-convention-as-guideline.html",
    "id/document/update-2009-11.html",
    "id/source/update-2009-11/carried-out-row-11.html",
    "id/project/global-project-on-cybercrime-phase-2.html",
    "id/output/phase-2-output-5.html",
    "id/topic/cloud-computing.html",
    "id/participation/2009-10-16-buenos-aires-visit--government-of-argentina--participant.html",
]


@pytest.mark.parametrize("page", SAMPLE_PAGES)
def test_pages_of_every_kind_open_in_chromium_without_errors_or_requests(site_folder: Path, page: str) -> None:
    path, _, query = page.partition("?")
    assert (site_folder / path).is_file()
    url = (site_folder / path).as_uri() + (f"?{query}" if query else "")
    report = open_page(
        url,
        settle=0.3,
        evaluate=("document.getElementById('static-note') ? !document.getElementById('static-note').hidden : null",),
    )
    assert report.loaded
    assert report.console_errors == []
    assert report.failed_requests == []
    assert [url for url in report.requests if not url.startswith("file:")] == []
    # On the static site, a query page opened with parameters says that the rows are the defaults'.
    assert report.values == [True if query else (False if path.startswith("query/") else None)]


def test_the_redirect_rules_send_each_iri_to_its_page_or_rdf() -> None:
    assert redirect_rules("https://example.org/cyberkg").decode().splitlines()[4:] == [
        "RewriteEngine on",
        "RewriteCond %{HTTP_ACCEPT} text/turtle",
        "RewriteRule ^id/(.+)$ https://example.org/cyberkg/id/$1.ttl [R=303,L]",
        "RewriteCond %{HTTP_ACCEPT} application/n-triples",
        "RewriteRule ^id/(.+)$ https://example.org/cyberkg/id/$1.nt [R=303,L]",
        "RewriteCond %{HTTP_ACCEPT} application/ld\\+json",
        "RewriteRule ^id/(.+)$ https://example.org/cyberkg/id/$1.jsonld [R=303,L]",
        "RewriteRule ^id/(.+)$ https://example.org/cyberkg/id/$1.html [R=303,L]",
        "RewriteRule ^ontology$ https://example.org/cyberkg/ontology/index.html [R=303,L]",
        "RewriteRule ^$ https://example.org/cyberkg/index.html [R=303,L]",
    ]


def test_a_site_folder_is_replaced_whole_and_only_when_it_is_a_site(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    write_site({"index.html": b"one", "id/a.html": b"a"}, folder)
    write_site({"index.html": b"two"}, folder)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [MARKER, "index.html"]
    assert (folder / "index.html").read_bytes() == b"two"
    assert stale_files({"index.html": b"two"}, folder) == []
    assert stale_files({"index.html": b"three", "new.html": b""}, folder) == ["index.html", "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no building or old folder left
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="neither empty nor a site made by cyberkg build --site"):
        write_site({"index.html": b"x"}, mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_cyberkg_build_site_writes_the_site_and_check_finds_it_current(tmp_path: Path, capsys) -> None:
    site, release, docs = tmp_path / "site", tmp_path / "dist", tmp_path / "docs" / "index.html"
    arguments = ["build", "-o", str(release), "--docs", str(docs), "--site", str(site)]
    assert main(arguments) == 0
    out = capsys.readouterr().out.splitlines()
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.name != MARKER)
    assert out[-2] == f"wrote the site in {site} ({len(files)} files, {sum(p.stat().st_size for p in files)} bytes)"
    assert (site / "ontology" / "index.html").read_bytes() == docs.read_bytes()
    assert not (site / REDIRECTS_FILE).exists()  # written only with --site-url
    assert main([*arguments, "--check"]) == 0
    (site / "id" / "country" / "AR.html").write_text("changed")
    assert main([*arguments, "--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"stale: {site / 'id/country/AR.html'}",
        f"1 stale files in the site; run `cyberkg build --site {site}`",
    ]
