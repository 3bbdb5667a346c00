"""Every participation in the curated graph, with the role its source passage states, read off the documents
by hand (issue 18: roles as stated).

Organiser and host are given only where the text says so ("organised by Microsoft"; the experts "met at the
Council of Europe"). Where only the title or heading of a row names an organisation ("UNODC: Expert Group
Meeting"), the role is ckg:NamedInTitle, which claims no part in the event. The evidence column is the wording
of the passage that supports the role; each is checked to occur in its document when the seed documents are
beside the checkout (skipped without them on a workstation, a failure under CI).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import Namespace, URIRef
from rdflib.namespace import PROV, RDF

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DOCUMENTS = {"upd": "000_fa465a124f4876eb.txt", "oct": "002_5a8ed1514e53ff97.txt"}
CKG = Namespace("https://w3id.org/cyberkg/ontology#")
ID = "https://w3id.org/cyberkg/id/"
PASSAGES = {"upd": ID + "source/update-2009-11/", "oct": ID + "source/octopus-2009-summary/"}

ASUNCION_FACILITATORS = (
    "facilitators from the U.S. Department of Justice, the General Secretariat of the OAS and the Council of Europe"
)
ASUNCION_INVITED = "Representatives from executive, legislative and judicial institutions were invited"

# event, agent, role, passages ("upd:" or "oct:" and the passage slug), evidence in the passage
ROLES = [
    (
        "2009-03-10-strasbourg-octopus-conference",
        "organisation/council-of-europe",
        "Host",
        {"oct:header", "oct:introduction"},
        "met at the Council of Europe in Strasbourg",
    ),
    (
        "2009-03-10-strasbourg-octopus-conference",
        "group/experts",
        "Participant",
        {"oct:introduction"},
        "More than 280 cybercrime experts from more than 70 countries",
    ),
    (
        "2009-09-16-luxembourg-meeting",
        "organisation/european-commission",
        "NamedInTitle",
        {"upd:carried-out-row-01"},
        "European Commission: Second meeting of Internet Focus Group",
    ),
    (
        "2009-09-16-luxembourg-meeting",
        "organisation/council-of-europe",
        "Presenter",
        {"upd:carried-out-row-01"},
        "CoE presented the Council of Europe 24/7 Network",
    ),
    (
        "2009-09-21-strasbourg-meeting",
        "organisation/government-of-romania",
        "Participant",
        {"upd:carried-out-row-02"},
        "Participants: Permanent Representative of Romania, Microsoft, MacAfee",
    ),
    (
        "2009-09-21-strasbourg-meeting",
        "organisation/microsoft",
        "Participant",
        {"upd:carried-out-row-02"},
        "Participants: Permanent Representative of Romania, Microsoft, MacAfee",
    ),
    (
        "2009-09-21-strasbourg-meeting",
        "organisation/mcafee",
        "Participant",
        {"upd:carried-out-row-02"},
        "Participants: Permanent Representative of Romania, Microsoft, MacAfee",
    ),
    (
        "2009-10-05-geneva-itu-telecom-world",
        "organisation/itu",
        "NamedInTitle",
        {"upd:carried-out-row-05"},
        "ITU Telecom World 2009",
    ),
    (
        "2009-10-05-geneva-workshop",
        "organisation/council-of-europe",
        "Presenter",
        {"upd:carried-out-row-05"},
        "The main argument put forward by the CoE",
    ),
    (
        "2009-10-06-vienna-meeting",
        "organisation/unodc",
        "NamedInTitle",
        {"upd:carried-out-row-06"},
        "UNODC: Expert Group Meeting on Cybercrime (EGM)",
    ),
    (
        "2009-10-06-vienna-meeting",
        "organisation/council-of-europe",
        "Presenter",
        {"upd:carried-out-row-06"},
        "both the UNODC and CoE representatives underlined",
    ),
    (
        "2009-10-06-vienna-meeting",
        "organisation/microsoft",
        "Presenter",
        {"upd:carried-out-row-06"},
        "the Microsoft intervention particularly underlined",
    ),
    (
        "2009-10-06-vienna-meeting",
        "group/private-sector",
        "Participant",
        {"upd:carried-out-row-06"},
        "The discussions with the private sector",
    ),
    (
        "2009-10-08-bucharest-seminar",
        "organisation/era",
        "NamedInTitle",
        {"upd:carried-out-row-07"},
        "ERA - TAIEX seminar on the fight against cybercrime.",
    ),
    (
        "2009-10-08-bucharest-seminar",
        "organisation/taiex",
        "NamedInTitle",
        {"upd:carried-out-row-07"},
        "ERA - TAIEX seminar on the fight against cybercrime.",
    ),
    (
        "2009-10-12-paris-meeting",
        "organisation/council-of-europe",
        "Presenter",
        {"upd:carried-out-row-08"},
        "In this meeting the CoE presented",
    ),
    (
        "2009-10-14-paris-forum",
        "organisation/oecd",
        "NamedInTitle",
        {"upd:carried-out-row-09"},
        "OECD Technology Foresight Forum",
    ),
    (
        "2009-10-14-paris-forum",
        "organisation/council-of-europe",
        "Presenter",
        {"upd:carried-out-row-09"},
        "The CoE presentation underlined",
    ),
    (
        "2009-10-13-asuncion-workshop",
        "organisation/us-department-of-justice",
        "NamedInTitle",
        {"upd:carried-out-row-10"},
        "Contribution to US DOJ workshop",
    ),
    (
        "2009-10-13-asuncion-workshop",
        "organisation/us-department-of-justice",
        "Facilitator",
        {"upd:carried-out-row-10"},
        ASUNCION_FACILITATORS,
    ),
    (
        "2009-10-13-asuncion-workshop",
        "organisation/oas-general-secretariat",
        "Facilitator",
        {"upd:carried-out-row-10"},
        ASUNCION_FACILITATORS,
    ),
    (
        "2009-10-13-asuncion-workshop",
        "organisation/council-of-europe",
        "Facilitator",
        {"upd:carried-out-row-10"},
        ASUNCION_FACILITATORS,
    ),
    (
        "2009-10-13-asuncion-workshop",
        "group/executive-institutions",
        "Invited",
        {"upd:carried-out-row-10"},
        ASUNCION_INVITED,
    ),
    (
        "2009-10-13-asuncion-workshop",
        "group/legislative-institutions",
        "Invited",
        {"upd:carried-out-row-10"},
        ASUNCION_INVITED,
    ),
    (
        "2009-10-13-asuncion-workshop",
        "group/judicial-institutions",
        "Invited",
        {"upd:carried-out-row-10"},
        ASUNCION_INVITED,
    ),
    (
        "2009-10-16-buenos-aires-visit",
        "organisation/government-of-argentina",
        "Participant",
        {"upd:carried-out-row-11"},
        "The discussions in the bilateral meetings were very fruitful and the governmental officials expressed",
    ),
    (
        "2009-10-16-buenos-aires-round-table",
        "organisation/microsoft",
        "Organiser",
        {"upd:carried-out-row-11"},
        "Round Table discussion organised by Microsoft",
    ),
    (
        "2009-10-strasbourg-launch",
        "organisation/council-of-europe",
        "NamedInTitle",
        {"upd:carried-out-row-12"},
        "Launching the CoE Newsletter",
    ),
    (
        "2009-11-01-vancouver-conference",
        "organisation/information-security-forum",
        "NamedInTitle",
        {"upd:planned-row-01"},
        "Information Security Forum 20th Anniversary Annual World Congress",
    ),
    (
        "2009-11-05-brussels-conference",
        "organisation/european-commission",
        "NamedInTitle",
        {"upd:planned-row-02"},
        "European Commission - Annual cybercrime conference: EU-US cooperation",
    ),
    (
        "2009-11-24-baku-seminar",
        "organisation/era",
        "NamedInTitle",
        {"upd:planned-row-05"},
        "Baku\tERA - TAIEX seminar on the fight against cybercrime",
    ),
    (
        "2009-11-24-baku-seminar",
        "organisation/taiex",
        "NamedInTitle",
        {"upd:planned-row-05"},
        "Baku\tERA - TAIEX seminar on the fight against cybercrime",
    ),
    (
        "2009-11-27-brussels-conference",
        "organisation/european-commission",
        "NamedInTitle",
        {"upd:planned-row-06"},
        "European Commission: Conference on Public-Private Sector dialogue",
    ),
]


def passage_iri(short: str) -> URIRef:
    document, slug = short.split(":")
    return URIRef(PASSAGES[document] + slug)


def short(iri, stem: str = ID) -> str:
    return str(iri)[len(stem) :]


def test_every_participation_has_the_role_its_passage_states(merged_graph) -> None:
    g = merged_graph
    found = []
    for participation in g.subjects(RDF.type, CKG.Participation):
        events = list(g.subjects(CKG.participation, participation))
        assert len(events) == 1, participation
        found.append(
            (
                short(events[0], ID + "event/"),
                short(g.value(participation, CKG.agent)),
                short(g.value(participation, CKG.role), str(CKG)),
                frozenset(short(p, ID + "source/") for p in g.objects(participation, PROV.wasDerivedFrom)),
            )
        )
    expected = [
        (event, agent, role, frozenset(short(passage_iri(p), ID + "source/") for p in passages))
        for event, agent, role, passages, _ in ROLES
    ]
    assert sorted(found) == sorted(expected)


def test_each_participation_iri_names_its_role(merged_graph) -> None:
    """participation/<event>--<agent slug>--<role>: the IRI does not keep a role the data no longer claims."""
    g = merged_graph
    words = {"NamedInTitle": "named-in-title"}
    wrong = sorted(
        str(p)
        for p in g.subjects(RDF.type, CKG.Participation)
        if not str(p).endswith(
            "--" + words.get(short(g.value(p, CKG.role), str(CKG)), short(g.value(p, CKG.role), str(CKG)).lower())
        )
    )
    assert wrong == []


def test_organiser_and_host_only_where_the_text_says_so(merged_graph) -> None:
    g = merged_graph
    stated = {
        (
            short(next(g.subjects(CKG.participation, p)), ID + "event/"),
            short(g.value(p, CKG.agent)),
            short(g.value(p, CKG.role), str(CKG)),
        )
        for p in g.subjects(RDF.type, CKG.Participation)
        if g.value(p, CKG.role) in (CKG.Organiser, CKG.Host)
    }
    assert stated == {
        ("2009-10-16-buenos-aires-round-table", "organisation/microsoft", "Organiser"),  # "organised by Microsoft"
        ("2009-03-10-strasbourg-octopus-conference", "organisation/council-of-europe", "Host"),  # "met at the CoE"
    }


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


@pytest.mark.parametrize("row", ROLES, ids=[f"{row[0]}--{row[1].rsplit('/', 1)[1]}--{row[2]}" for row in ROLES])
def test_the_evidence_is_in_the_document(row) -> None:
    _, _, _, passages, evidence = row
    documents = {p.split(":")[0] for p in passages}
    paths = [SEEDS / DOCUMENTS[document] for document in documents]
    if not all(path.is_file() for path in paths):
        if os.environ.get("CI"):
            pytest.fail(f"the seed documents are not in {SEEDS}; the evidence check must run in CI")
        pytest.skip("the seed documents are not beside the checkout")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    if "\t" in evidence:  # a planned row: place cell, then the title cell
        assert any(evidence in text for text in texts)
    else:
        assert any(normalised(evidence) in normalised(text) for text in texts)
