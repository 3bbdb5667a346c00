"""Pages served: content negotiation on /id/ paths, the other page paths, and `cyberkg serve` end to end."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from cyberkg.endpoint.server import free_port
from cyberkg.pages.rdf_formats import negotiate
from cyberkg.pages.routes import PageRoutes
from cyberkg.pages.site import Site
from cyberkg.query.library import list_queries, run
from cyberkg.rdf.labels import store_select
from tests.browser import open_page
from tests.html_tree import parse_html

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/cyberkg/id/"
START_LIMIT = 120


@pytest.fixture(scope="module")
def routes(store: ox.Store) -> PageRoutes:
    site = Site(store_select(store), list_queries(), lambda query, params: run(store, query, params), None, False)
    return PageRoutes(site)


def subject_graph(merged_graph: rdflib.Graph, iri: str) -> rdflib.Graph:
    """The triples whose subject is ``iri``, read from the graph's files by rdflib."""
    graph = rdflib.Graph()
    for triple in merged_graph.triples((rdflib.URIRef(iri), None, None)):
        graph.add(triple)
    return graph


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "text/html"),
        ("*/*", "text/html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("application/ld+json;q=0.2, text/turtle;q=0.9, text/html;q=0.1", "text/turtle"),
        ("application/n-triples, text/turtle", "application/n-triples"),
        ("text/turtle;q=0, */*;q=0.1", "text/html"),
        ("image/png", None),
        ("text/html;q=0", None),
    ],
)
def test_negotiation_chooses_the_clients_preferred_format(accept: str | None, chosen: str | None) -> None:
    found = negotiate(accept)
    assert (found.media_type if found else None) == chosen


RDF_CASES = [
    ("text/turtle", "", "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "", "application/n-triples; charset=utf-8", "nt"),
    ("application/ld+json", "", "application/ld+json; charset=utf-8", "json-ld"),
    (None, ".ttl", "text/turtle; charset=utf-8", "turtle"),
    (None, ".nt", "application/n-triples; charset=utf-8", "nt"),
    ("text/html", ".jsonld", "application/ld+json; charset=utf-8", "json-ld"),
]


@pytest.mark.parametrize(("accept", "extension", "media_type", "syntax"), RDF_CASES)
@pytest.mark.parametrize("slug", ["country/AR", "event/2009-10-16-buenos-aires-visit", "instrument/ets-185"])
def test_an_entitys_rdf_is_its_triples_in_the_graph(
    routes: PageRoutes,
    merged_graph: rdflib.Graph,
    slug: str,
    accept: str | None,
    extension: str,
    media_type: str,
    syntax: str,
) -> None:
    answer = routes.answer("GET", f"/id/{slug}{extension}", accept)
    assert answer is not None
    assert (answer.status, answer.media_type) == (200, media_type)
    assert dict(answer.headers) == ({} if extension else {"Vary": "Accept"})
    parsed = rdflib.Graph().parse(data=answer.body.decode("utf-8"), format=syntax)
    expected = subject_graph(merged_graph, ID + slug)
    assert len(expected) > 0
    assert isomorphic(parsed, expected)


def test_a_browser_gets_the_html_page(routes: PageRoutes) -> None:
    for target, accept, headers in (
        ("/id/country/AR", "text/html,application/xhtml+xml,*/*;q=0.8", {"Vary": "Accept"}),
        ("/id/country/AR.html", "text/turtle", {}),
    ):
        answer = routes.answer("GET", target, accept)
        assert answer is not None
        assert (answer.status, answer.media_type, dict(answer.headers)) == (200, "text/html; charset=utf-8", headers)
        assert parse_html(answer.body).find("h1").text() == "Argentina"


def test_a_site_without_a_network_page_answers_404_for_it_and_links_to_none(routes: PageRoutes) -> None:
    answer = routes.answer("GET", "/network.html")
    assert (answer.status, answer.body) == (404, b"this site has no network page\n")
    page = parse_html(routes.answer("GET", "/id/organisation/council-of-europe").body)
    assert [a.attributes["href"] for a in page.find_all("a") if "#node=" in a.attributes["href"]] == []


def test_page_paths_refuse_what_they_cannot_answer_and_leave_the_rest_to_the_endpoint(routes: PageRoutes) -> None:
    outcomes = {
        target_and_method: (lambda answer: None if answer is None else (answer.status, answer.media_type))(
            routes.answer(target_and_method[1], target_and_method[0], accept)
        )
        for target_and_method, accept in (
            (("/id/country/AR", "GET"), "image/png"),
            (("/id/country/XX", "GET"), None),
            (("/id/country/AR.png", "GET"), None),
            (("/id/country/AR", "POST"), None),
            (("/kind/nothing.html", "GET"), None),
            (("/query/no-such-query.html", "GET"), None),
            (("/static/other.js", "GET"), None),
            (("/query", "GET"), None),
            (("/query?query=ASK%7B%7D", "GET"), None),
            (("/", "GET"), None),
            (("/store", "GET"), None),
        )
    }
    text = "text/plain; charset=utf-8"
    assert outcomes == {
        ("/id/country/AR", "GET"): (406, text),
        ("/id/country/XX", "GET"): (404, text),
        ("/id/country/AR.png", "GET"): (404, text),
        ("/id/country/AR", "POST"): (405, text),
        ("/kind/nothing.html", "GET"): (404, text),
        ("/query/no-such-query.html", "GET"): (404, text),
        ("/static/other.js", "GET"): (404, text),
        ("/query", "GET"): None,
        ("/query?query=ASK%7B%7D", "GET"): None,
        ("/", "GET"): None,
        ("/store", "GET"): None,
    }


def test_a_named_query_runs_with_its_parameters_and_shows_labels_and_sources(routes: PageRoutes) -> None:
    # treaty-actions for Germany: the ratification (9 March 2009) and the entry into force (1 July 2009).
    target = "/query/treaty-actions.html?state=https%3A%2F%2Fw3id.org%2Fcyberkg%2Fid%2Fcountry%2FDE"
    answer = routes.answer("GET", target, None)
    assert answer is not None and answer.status == 200
    document = parse_html(answer.body)
    assert document.find("p", "count").text() == "2 rows."
    header = [th.text() for th in document.find("table", "rows").find("thead").find_all("th")]
    rows = [
        [td.text() for td in tr.find_all("td")] for tr in document.find("table", "rows").find("tbody").find_all("tr")
    ]
    assert header[-1] == "sources"
    assert [row[header.index("action")] for row in rows] == [
        "Ratification of the Convention on Cybercrime by Germany",
        "Entry into force of the Convention on Cybercrime for Germany",
    ]
    assert [row[-1] for row in rows][0] == (
        "Council of Europe Treaty Office: treaty list and charts of signatures and ratifications: Details of Treaty "
        "No. 185 and its chart of signatures and ratifications (read it) "
        # Germany's, from the ISO 3166-1 reference data.
        "ISO 3166-1 country codes, as published in the pycountry package (read it) "
        "Octopus Interface conference 2009: conference summary (draft): Paragraph 1 (Update (implementation of the "
        "Convention; guidelines)) "
        # The Convention's, from the project data of the update.
        'Global Project on Cybercrime (phase 2): update of 2 November 2009: Project data table, row "Project area" '
        "(read it)"
    )
    bad = routes.answer("GET", "/query/treaty-actions.html?state=not%20an%20iri", None)
    assert bad is not None and bad.status == 400
    assert parse_html(bad.body).find("p", "error").text() == "parameter state: 'not an iri' is not an absolute IRI"


def test_rows_are_paged_on_the_served_site(store: ox.Store) -> None:
    from cyberkg.query.library import find_query

    site = Site(store_select(store), list_queries(), lambda query, params: run(store, query, params), None, False, 10)
    paged = PageRoutes(site)
    rows = run(store, find_query("events-timeline"), {}).rows
    assert len(rows) == 29  # the dated events of the two documents

    def page(target: str):
        answer = paged.answer("GET", target, None)
        assert answer is not None and answer.status == 200
        return parse_html(answer.body)

    first, third = page("/query/events-timeline.html"), page("/query/events-timeline.html?page=3")
    assert first.find("p", "count").text() == "29 rows; page 1 of 3."
    assert third.find("p", "count").text() == "29 rows; page 3 of 3."
    assert [len(p.find("table", "rows").find("tbody").find_all("tr")) for p in (first, third)] == [10, 9]
    assert [(a.text(), a.attributes["href"]) for a in first.find("nav", "pager").find_all("a")] == [
        ("Next page", "events-timeline.html?page=2")
    ]
    assert [(a.text(), a.attributes["href"]) for a in third.find("nav", "pager").find_all("a")] == [
        ("Previous page", "events-timeline.html?page=2")
    ]


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


def test_cyberkg_serve_answers_pages_rdf_and_sparql_on_one_port(tmp_path: Path, merged_graph: rdflib.Graph) -> None:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cyberkg", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    try:
        assert lines.get(timeout=START_LIMIT).startswith("Serving ")
        assert lines.get(timeout=15) == f"Pages: {base}/index.html (every entity at {base}/id/...)\n"

        def fetch(path: str, accept: str | None = None) -> tuple[int, str, bytes]:
            request = urllib.request.Request(base + path, headers={"Accept": accept} if accept else {})
            try:
                with urllib.request.urlopen(request, timeout=30) as reply:
                    return reply.status, reply.headers["Content-Type"], reply.read()
            except urllib.error.HTTPError as error:
                return error.code, error.headers["Content-Type"], error.read()

        status, media_type, body = fetch("/id/country/AR", "text/turtle")
        assert (status, media_type) == (200, "text/turtle; charset=utf-8")
        assert isomorphic(
            rdflib.Graph().parse(data=body, format="turtle"), subject_graph(merged_graph, ID + "country/AR")
        )
        status, media_type, body = fetch("/id/country/AR")
        assert (status, media_type) == (200, "text/html; charset=utf-8")
        assert parse_html(body).find("h1").text() == "Argentina"
        assert fetch("/id/country/XX")[0] == 404
        # The SPARQL endpoint is still there, on the same port.
        query = urllib.parse.quote(
            f"SELECT ?code WHERE {{ <{ID}country/AR> <https://w3id.org/cyberkg/ontology#alpha3> ?code }}"
        )
        status, media_type, body = fetch(f"/query?query={query}", "application/sparql-results+json")
        assert (status, media_type.split(";")[0]) == (200, "application/sparql-results+json")
        assert [row["code"]["value"] for row in json.loads(body)["results"]["bindings"]] == ["ARG"]

        # The entity page's link to its node in the network page works as served, with the page built the same way.
        from cyberkg.network.page import projection_page
        from cyberkg.store.loading import load_store

        page_url = f"{base}/id/organisation/council-of-europe"
        link = next(
            a.attributes["href"]
            for a in parse_html(fetch("/id/organisation/council-of-europe")[2]).find_all("a")
            if a.text() == "Its node in the organisation\u2013event network"
        )
        target = urllib.parse.urljoin(page_url, link)
        assert target == f"{base}/network.html#node={ID}organisation/council-of-europe"
        status, media_type, body = fetch(target.split("#")[0].removeprefix(base))
        assert (status, media_type) == (200, "text/html; charset=utf-8")
        assert body == projection_page(load_store())[0].encode("utf-8")

        # A person's browser: the served page loads its style from the server, and nothing else.
        report = open_page(f"{base}/id/event/2009-10-16-buenos-aires-visit", allow_loopback=True)
        assert report.loaded
        assert report.console_errors == []
        assert report.failed_requests == []
        assert sorted(report.requests) == [
            f"{base}/id/event/2009-10-16-buenos-aires-visit",
            f"{base}/static/site.css",
        ]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0
