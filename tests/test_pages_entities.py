"""Entity pages of the curated graph: the facts, their sources and the links in, as the graph's files state them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from cyberkg.pages.describe import Describer
from cyberkg.pages.site import Site
from cyberkg.query.library import list_queries, run
from cyberkg.rdf.labels import store_select
from tests.html_tree import Element, parse_html

ID = "https://w3id.org/cyberkg/id/"
CKG = "https://w3id.org/cyberkg/ontology#"
HERE = Path(__file__).parent
UPDATE_ROW_11 = (
    "Global Project on Cybercrime (phase 2): update of 2 November 2009: Table of activities carried out between "
    "15 September and 31 October 2009, row 11 (16 Oct, Buenos Aires)"
)


@pytest.fixture(scope="module")
def site(store: ox.Store) -> Site:
    return Site(store_select(store), list_queries(), lambda query, params: run(store, query, params))


def page(site: Site, iri: str) -> Element:
    html = site.entity_html(iri)
    assert html is not None
    return parse_html(html)


def items(element: Element) -> list[str]:
    return [item.text() for item in element.find_all("li")]


def fact_rows(document: Element, heading: str) -> dict[str, tuple[str, str]]:
    """Property -> (values text, source text) of the facts table under ``heading`` (the outer table: a fact
    with claims holds a table of its values inside its cell)."""
    table = document.section(heading).find_all("table")[0]
    (body,) = [child for child in table.children if isinstance(child, Element) and child.tag == "tbody"]
    rows = {}
    for row in body.children:
        if isinstance(row, Element) and row.tag == "tr":
            cells = [cell for cell in row.children if isinstance(cell, Element)]
            rows[cells[0].text()] = (cells[1].text(), cells[2].text())
    return rows


def test_the_argentina_visit_page_shows_its_facts_with_row_11_and_the_words_as_written(site: Site) -> None:
    # graph/update-2009-11.ttl, carried-out row 11: 16 Oct, Buenos Aires, outputs 1, 2.
    document = page(site, ID + "event/2009-10-16-buenos-aires-visit")
    assert document.find("h1").text() == "Visit to Argentina to promote accession to the Convention on Cybercrime"
    sources = document.section("Sources")
    assert items(sources.find("ul", "sources")) == [UPDATE_ROW_11 + " (read it)"]
    assert [link.attributes["href"] for link in sources.find("ul", "sources").find_all("a")] == [
        "../source/update-2009-11/carried-out-row-11.html",
        "http://www.coe.int/cybercrime",
    ]
    written = sources.find("dl", "as-written")
    assert [(dt.text(), dd.text()) for dt, dd in zip(written.find_all("dt"), written.find_all("dd"), strict=True)] == [
        ("date as written", "16 Oct"),
        ("place as written", "Buenos Aires"),
        ("outputs as written", "1, 2"),
    ]
    row_11 = "Table of activities carried out between 15 September and 31 October 2009, row 11 (16 Oct, Buenos Aires)"
    assert fact_rows(document, "When and where") == {
        "start date": ("2009-10-16 (date)", row_11),
        "end date": ("2009-10-16 (date)", row_11),
        "date as written": ("16 Oct", row_11),
        "place": ("Buenos Aires", row_11),
        "place as written": ("Buenos Aires", row_11),
        "status": ("held", row_11),
        "status as of": ("2009-11-02 (date)", row_11),
    }
    assert fact_rows(document, "Who") == {
        "participation": (
            "agent Government of Argentina represented by governmental officials (bilateral meetings) role participant",
            row_11,
        )
    }
    what = fact_rows(document, "What")
    assert what["country involvement"] == (
        "country Argentina instrument Convention on Cybercrime involvement kind accession promoted "
        "country Argentina instrument Convention on Cybercrime involvement kind legislation examined",
        row_11,
    )
    assert sorted(what) == [
        "country involvement",
        "discusses instrument",
        "outputs as written",
        "produced",
        "serves output",
        "topic",
    ]
    assert items(document.section("What points here")) == [
        "Argentine officials clearly interested in becoming a Party to the Convention",
        "More cooperation with Argentina is needed",
        "Round Table discussion on the compliance of Argentinean legislation with the Convention on Cybercrime",
    ]
    assert [h3.text() for h3 in document.section("What points here").find_all("h3")] == ["made at", "part of"]


def test_the_argentina_page_lists_exactly_what_points_to_argentina(site: Site, store: ox.Store) -> None:
    entity = Describer(store_select(store)).describe(ID + "country/AR")
    assert entity is not None
    assert [
        (item.subject.text, item.property.text, item.via.text if item.via else None, [d.text for d in item.detail])
        for item in entity.incoming
    ] == [
        ("Argentine officials clearly interested in becoming a Party to the Convention", "about", None, []),
        ("More cooperation with Argentina is needed", "about", None, []),
        (
            "Visit to Argentina to promote accession to the Convention on Cybercrime",
            "country involvement",
            "country",
            ["accession promoted", "Convention on Cybercrime"],
        ),
        (
            "Visit to Argentina to promote accession to the Convention on Cybercrime",
            "country involvement",
            "country",
            ["Convention on Cybercrime", "legislation examined"],
        ),
        ("Government of Argentina", "government of", None, []),
        ("Buenos Aires", "in country", None, []),
    ]
    # Its events in date order: the visit (row 11) and the round table within it, both held in Buenos Aires.
    assert [(event.start.text if event.start else None, event.event.text, event.how) for event in entity.events] == [
        (
            "2009-10-16",
            "Round Table discussion on the compliance of Argentinean legislation with the Convention on Cybercrime",
            ("held in",),
        ),
        (
            "2009-10-16",
            "Visit to Argentina to promote accession to the Convention on Cybercrime",
            ("country involvement", "held in"),
        ),
    ]
    document = page(site, ID + "country/AR")
    assert [h3.text() for h3 in document.section("What points here").find_all("h3")] == [
        "about",
        "country involvement: country",
        "government of",
        "in country",
    ]
    assert items(document.section("Sources")) == [
        "ISO 3166-1 country codes, as published in the pycountry package (read it)"
    ]


def test_the_german_ratification_page_cites_paragraph_1_and_the_treaty_office(site: Site) -> None:
    # graph/octopus-2009.ttl: action:DE-ets-185-ratification, 9 March 2009.
    document = page(site, ID + "treaty-action/DE-ets-185-ratification")
    assert items(document.section("Sources").find("ul", "sources")) == [
        "Council of Europe Treaty Office: treaty list and charts of signatures and ratifications: Details of Treaty "
        "No. 185 and its chart of signatures and ratifications (read it)",
        "Octopus Interface conference 2009: conference summary (draft): Paragraph 1 (Update (implementation of the "
        "Convention; guidelines))",
    ]
    both = (
        "Details of Treaty No. 185 and its chart of signatures and ratifications "
        "Paragraph 1 (Update (implementation of the Convention; guidelines))"
    )
    assert fact_rows(document, "When and where") == {
        "action date": ("2009-03-09 (date)", both),
        "action kind": ("ratification", both),
        "state": ("Germany", both),
    }
    assert fact_rows(document, "What") == {"instrument": ("Convention on Cybercrime", both)}


def test_the_ets_185_page_shows_germanys_ratification_and_the_events_that_discussed_it(
    site: Site, merged_graph: rdflib.Graph
) -> None:
    document = page(site, ID + "instrument/ets-185")
    assert document.find("p", "label-fr").text() == "In French: Convention sur la cybercriminalité"
    incoming = document.section("What points here")
    groups = {h3.text(): h3 for h3 in incoming.find_all("h3")}
    lists = [child for child in incoming.children if isinstance(child, Element) and child.tag in ("h3", "ul")]
    by_heading = {lists[i].text(): items(lists[i + 1]) for i in range(0, len(lists), 2)}
    assert sorted(groups) == sorted(by_heading)
    assert by_heading["instrument"] == [
        "Accelerate ratification of or accession to the Convention",
        "Entry into force of the Convention on Cybercrime for Germany",
        "Find solutions to expedite mutual legal assistance",
        "Global Project on Cybercrime, Phase 2",
        "Ratification of the Convention on Cybercrime by Germany",
        "Review and improve provisions in line with Article 9",
    ]
    # Every event that discusses the Convention, as the graph's files say (read by rdflib, not by the page code).
    discussed = sorted(
        (
            str(merged_graph.value(event, rdflib.RDFS.label))
            for event in merged_graph.subjects(
                rdflib.URIRef(CKG + "discussesInstrument"), rdflib.URIRef(ID + "instrument/ets-185")
            )
        ),
        key=str.casefold,
    )
    assert by_heading["discusses instrument"] == discussed
    assert len(discussed) == 9


def test_the_octopus_2009_page_shows_its_statements(site: Site, merged_graph: rdflib.Graph) -> None:
    octopus = ID + "event/2009-03-10-strasbourg-octopus-conference"
    document = page(site, octopus)
    lists = [
        child
        for child in document.section("What points here").children
        if isinstance(child, Element) and child.tag in ("h3", "ul")
    ]
    by_heading = {lists[i].text(): items(lists[i + 1]) for i in range(0, len(lists), 2)}
    statements = sorted(
        (
            str(merged_graph.value(s, rdflib.RDFS.label))
            for s in merged_graph.subjects(rdflib.URIRef(CKG + "madeAt"), rdflib.URIRef(octopus))
        ),
        key=str.casefold,
    )
    assert by_heading["made at"] == statements
    assert len(statements) == 25
    assert by_heading["part of"] == ["Launch of phase 2 of the Global Project on Cybercrime", "Launch of the 2centre"]
    assert fact_rows(document, "Other facts")["participants, more than"][0].startswith("280 (integer) Every value")
    # The figures that have claims show each value with its qualifier, rank and source (graph/claims.ttl).
    claims = document.section("Other facts").find_all("table")[1:]
    assert [
        [[cell.text() for cell in row.children if isinstance(cell, Element)] for row in table.find_all("tr")][1:]
        for table in claims
    ] == [
        [
            [
                "70 (integer) the graph's value",
                "more than",
                "preferred",
                "",
                "more than 70",
                "Octopus Interface conference 2009: conference summary (draft): Introductory paragraph before "
                "paragraph 1 (attendance, conference site)",
            ]
        ],
        [
            [
                "280 (integer) the graph's value",
                "more than",
                "preferred",
                "",
                "More than 280",
                "Octopus Interface conference 2009: conference summary (draft): Introductory paragraph before "
                "paragraph 1 (attendance, conference site)",
            ]
        ],
    ]
    # An event has its timeline and its map, inline, each with a title.
    pictures = document.section("On the timeline and the map")
    assert [svg.first("title").text() for svg in pictures.find_all("svg")] == [
        "Timeline of the graph's events, Octopus Interface conference on Cooperation against cybercrime marked",
        "Map of the graph's cities, Strasbourg marked",
    ]
    assert [text.text() for text in pictures.find_all("text", "name")] == ["Strasbourg"]


def test_an_entity_links_to_its_triples_and_to_the_named_queries_about_it(site: Site) -> None:
    document = page(site, ID + "country/AR")
    more = document.section("Its triples, and queries about it")
    country = "https%3A%2F%2Fw3id.org%2Fcyberkg%2Fid%2Fcountry%2FAR"
    assert [(a.text(), a.attributes["href"], a.attributes.get("type")) for a in more.find_all("a")] == [
        ("Turtle", "AR.ttl", "text/turtle"),
        ("N-Triples", "AR.nt", "application/n-triples"),
        ("JSON-LD", "AR.jsonld", "application/ld+json"),
        # The library's queries with an IRI parameter named country or state, by file name.
        (
            "Countries concerned by events, and how",
            f"../../query/countries-concerned-by-events.html?country={country}",
            None,
        ),
        ("Every treaty action of one state", f"../../query/state-treaty-record.html?country={country}", None),
        ("Treaty actions by country and instrument", f"../../query/treaty-actions.html?state={country}", None),
    ]


def test_claims_show_every_value_with_qualifier_rank_and_source(tmp_path: Path) -> None:
    from cyberkg.store.loading import load_store

    store = load_store([HERE / "pages" / "claims.ttl"])
    fixture_site = Site(store_select(store))
    conference = ID + "event/2009-03-10-test-conference"
    entity = Describer(store_select(store)).describe(conference)
    assert entity is not None
    facts = {fact.property.text: fact for _, facts in entity.sections for fact in facts}
    assert sorted(facts) == ["participantFigure", "participantsMoreThan", "startDate"]
    shown = {
        name: [
            (
                claim.value.text,
                claim.qualifier.text if claim.qualifier else None,
                claim.rank.text if claim.rank else None,
                claim.value_kind.text if claim.value_kind else None,
                claim.as_of.text if claim.as_of else None,
                claim.as_written,
                [(source.document.text if source.document else None, source.location) for source in claim.sources],
                claim.direct,
            )
            for claim in facts[name].claims
        ]
        for name in facts
    }
    assert shown == {
        "participantsMoreThan": [
            (
                "280",
                "MoreThan",
                "PreferredRank",
                None,
                None,
                "More than 280",
                [("Conference summary", "Introductory paragraph")],
                True,
            )
        ],
        "participantFigure": [
            (
                "280",
                "Almost",
                "NormalRank",
                "ActualValue",
                "2009-03-11",
                "almost 280",
                [("Press release", "Second paragraph")],
                False,
            )
        ],
        "startDate": [],
    }
    assert [value.term.text for value in facts["participantFigure"].values] == []  # no direct triple: claims only
    # The claims are shown as values of the facts, not as things that point to the conference.
    assert entity.incoming == []
    html = fixture_site.entity_html(conference)
    assert html is not None
    tables = parse_html(html).find_all("table", "claims")
    assert [
        [cell.text() for cell in row.find_all("td")] for table in tables for row in table.find("tbody").find_all("tr")
    ] == [
        [
            "280 (integer)",
            "Almost",
            "NormalRank",
            "ActualValue as of 2009-03-11 (date)",
            "almost 280",
            "Press release: Second paragraph (read it)",
        ],
        [
            "280 (integer) the graph's value",
            "MoreThan",
            "PreferredRank",
            "",
            "More than 280",
            "Conference summary: Introductory paragraph",
        ],
    ]
