"""Facts of the Octopus Interface conference summary (002_5a8ed1514e53ff97.txt), read off the document by hand."""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

CKG = Namespace("https://w3id.org/cyberkg/ontology#")
ID = "https://w3id.org/cyberkg/id/"
CONFERENCE = URIRef(ID + "event/2009-03-10-strasbourg-octopus-conference")


def slug(iri) -> str:
    return str(iri).rsplit("/", 1)[1]


def test_conference_header_and_attendance(merged_graph) -> None:
    """Title block: Strasbourg, 10-11 March 2009; introduction: more than 280 experts, more than 70 countries."""
    g = merged_graph
    assert g.value(CONFERENCE, CKG.startDate) == Literal("2009-03-10", datatype=XSD.date)
    assert g.value(CONFERENCE, CKG.endDate) == Literal("2009-03-11", datatype=XSD.date)
    assert g.value(CONFERENCE, CKG.place) == URIRef(ID + "city/strasbourg")
    # "more than 280" is an exclusive lower bound, not a count of 280
    assert g.value(CONFERENCE, CKG.participantsMoreThan).toPython() == 280
    assert g.value(CONFERENCE, CKG.countriesMoreThan).toPython() == 70
    assert g.value(CONFERENCE, CKG.status) == CKG.Held


def test_paragraph_1_germany_ratified_the_day_before(merged_graph) -> None:
    """Paragraph 1: Germany ratified the Convention 'on the day before the Conference' (10 March): 9 March 2009."""
    g = merged_graph
    actions = {
        (
            slug(g.value(a, CKG.state)),
            slug(g.value(a, CKG.instrument)),
            g.value(a, CKG.actionKind).split("#")[1],
            str(g.value(a, CKG.actionDate)),
        )
        for a in g.subjects(RDF.type, CKG.TreatyAction)
    }
    # the ratification (paragraph 1) and its entry into force, from the Treaty Office chart
    assert actions == {
        ("DE", "ets-185", "Ratification", "2009-03-09"),
        ("DE", "ets-185", "EntryIntoForceForState", "2009-07-01"),
    }


def test_paragraph_2_phase_2_launched(merged_graph) -> None:
    g = merged_graph
    launches = {
        slug(g.value(e, CKG.launched)) for e in g.subjects(CKG.partOf, CONFERENCE) if (e, RDF.type, CKG.Launch) in g
    }
    assert launches == {"global-project-on-cybercrime-phase-2", "2centre"}


def test_recommendations_by_addressee(merged_graph) -> None:
    """Who each recommendation of the summary is addressed to (paragraphs 1, 2, 4, 5, 6, 7)."""
    g = merged_graph
    found: dict[str, set[str]] = {}
    for rec in g.subjects(RDF.type, CKG.Recommendation):
        assert g.value(rec, CKG.madeAt) == CONFERENCE
        for addressee in g.objects(rec, CKG.addressedTo):
            found.setdefault(slug(addressee), set()).add(slug(rec))
    assert found == {
        "countries": {
            "octopus-2009-p1-accelerate-ratification",
            "octopus-2009-p4-country-profiles",
            "octopus-2009-p5-predicate-offences",
            "octopus-2009-p5-voip-risks",
            "octopus-2009-p6-direct-cooperation",
        },
        # paragraph 4: "Many other countries should therefore review ...", not every country
        "many-other-countries": {"octopus-2009-p4-review-article-9"},
        "donors": {"octopus-2009-p2-donors"},
        "contact-points-24-7": {"octopus-2009-p6-proactive-contact-points"},
        "council-of-europe": {"octopus-2009-p6-network-management", "octopus-2009-p7-study-cloud"},
        "g8-high-tech-crime-subgroup": {"octopus-2009-p6-network-management"},
        "global-project-on-cybercrime": {"octopus-2009-p6-contact-list"},
    }


def test_articles_named(merged_graph) -> None:
    """Paragraph 4 names Article 9, paragraph 6 Article 31 of the Convention."""
    g = merged_graph
    articles = {
        int(g.value(a, CKG.articleNumber)) for a in g.objects(URIRef(ID + "instrument/ets-185"), CKG.hasArticle)
    }
    assert articles == {9, 31}


def test_guidelines_adopted_at_previous_conference(merged_graph) -> None:
    """Update, output 3: guidelines adopted in April 2008; summary, paragraph 1: at the last conference."""
    g = merged_graph
    guidelines = URIRef(ID + "instrument/le-isp-guidelines-2008")
    assert g.value(guidelines, CKG.adoptedOn) == Literal("2008-04", datatype=XSD.gYearMonth)
    assert set(g.objects(guidelines, CKG.takenUpBy)) == {
        URIRef(ID + "organisation/european-union"),
        URIRef(ID + "country/FR"),
    }
