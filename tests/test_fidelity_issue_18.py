"""Issue 18, one test per finding: the graph says only what the two documents say.

Each test names the passage it was checked against (the update of 2 November 2009, "upd", and the Octopus 2009
conference summary, "oct"). Roles are pinned participation by participation in test_fidelity_roles_as_stated.py,
copied wording in test_fidelity_no_copied_text.py.
"""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from cyberkg.query.library import find_query, run

CKG = Namespace("https://w3id.org/cyberkg/ontology#")
ID = "https://w3id.org/cyberkg/id/"
ONTOLOGY = URIRef("https://w3id.org/cyberkg/ontology")


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def shorts(values) -> set[str]:
    return {str(v)[len(ID) :] if str(v).startswith(ID) else "ckg:" + str(v).split("#")[1] for v in values}


def description(graph, path: str) -> str:
    return str(graph.value(iri(path), DCTERMS.description))


# --- Roles: the new terms of the vocabulary --------------------------------------------------------------------


def test_the_role_and_status_schemes(merged_graph) -> None:
    g = merged_graph
    roles = set(g.subjects(SKOS.inScheme, CKG.RoleScheme))
    assert shorts(roles) == {
        "ckg:Organiser",
        "ckg:Host",
        "ckg:Presenter",
        "ckg:Facilitator",
        "ckg:Participant",
        "ckg:Invited",
        "ckg:NamedInTitle",
    }
    statuses = set(g.subjects(SKOS.inScheme, CKG.EventStatusScheme))
    assert shorts(statuses) == {"ckg:Held", "ckg:Planned", "ckg:ListedAsPlanned"}
    for term, label in (
        (CKG.NamedInTitle, "named in the title"),
        (CKG.Invited, "invited"),
        (CKG.ListedAsPlanned, "listed as planned"),
        (CKG.Question, "question raised"),
    ):
        assert list(g.objects(term, RDFS.label)) == [en(label)]
        assert g.value(term, SKOS.definition) is not None
        assert list(g.objects(term, RDFS.isDefinedBy)) == [ONTOLOGY]
    assert list(g.objects(CKG.Question, RDFS.subClassOf)) == [CKG.Statement]


def test_roles_in_use_and_how_often(merged_graph) -> None:
    """13 participations whose agent only a title names; organiser once (Microsoft), host once (Octopus)."""
    g = merged_graph
    counts: dict[str, int] = {}
    for participation in g.subjects(RDF.type, CKG.Participation):
        role = str(g.value(participation, CKG.role)).split("#")[1]
        counts[role] = counts.get(role, 0) + 1
    assert counts == {
        "NamedInTitle": 13,
        "Presenter": 6,
        "Participant": 6,
        "Facilitator": 3,
        "Invited": 3,
        "Organiser": 1,
        "Host": 1,
    }


def test_octopus_host_not_organiser(merged_graph) -> None:
    """oct introduction: experts "met at the Council of Europe" (host); no organiser is stated."""
    g = merged_graph
    conference = iri("event/2009-03-10-strasbourg-octopus-conference")
    roles = {
        (str(g.value(p, CKG.agent))[len(ID) :], str(g.value(p, CKG.role)).split("#")[1])
        for p in g.objects(conference, CKG.participation)
    }
    assert roles == {("organisation/council-of-europe", "Host"), ("group/experts", "Participant")}


# --- Unsupported items -----------------------------------------------------------------------------------------


def test_the_update_names_no_preparer(merged_graph) -> None:
    """upd project data: the Economic Crime Division implements the project; nothing says it prepared the update."""
    g = merged_graph
    assert list(g.objects(iri("document/update-2009-11"), CKG.preparedBy)) == []
    assert set(g.subjects(CKG.implementedBy, iri("organisation/economic-crime-division"))) == {
        iri("project/global-project-on-cybercrime"),
        iri("project/global-project-on-cybercrime-phase-2"),
    }


def test_the_cybex_course_was_not_presented(merged_graph) -> None:
    """oct paragraph 3: only that "CYBEX has developed a model training course"; still what paragraph 3 is about."""
    g = merged_graph
    course = iri("document/cybex-model-training-course")
    assert list(g.subjects(CKG.presented, course)) == []
    assert list(g.objects(iri("event/2009-03-10-strasbourg-octopus-conference"), CKG.presented)) == []
    assert set(g.subjects(CKG.about, course)) == {iri("statement/octopus-2009-p3-training-offer")}
    assert list(g.objects(course, CKG.preparedBy)) == [iri("organisation/cybex")]


def test_the_g8_subgroup_and_the_one_24_7_network(merged_graph) -> None:
    """oct paragraph 6: "their management of the 24/7 network of contact points" (one network, shared)."""
    g = merged_graph
    assert description(g, "organisation/g8-high-tech-crime-subgroup") == (
        "G8 subgroup on high-tech crime; the Octopus summary of 2009 asks it and the Council of Europe to organise "
        "their management of the 24/7 network of contact points."
    )
    statement = iri("statement/octopus-2009-p6-network-management")
    assert list(g.objects(statement, RDFS.label)) == [en("Organise their management of the 24/7 network")]
    assert set(g.objects(statement, CKG.addressedTo)) == {
        iri("organisation/council-of-europe"),
        iri("organisation/g8-high-tech-crime-subgroup"),
    }


def test_organisation_descriptions_say_only_what_the_documents_say(merged_graph) -> None:
    """No outside page was cited, so the descriptions of the Council of Europe, the Lisbon Network and the
    Project Planning Group are rewritten from the passages they cite (upd project data, rows 2 and 3; oct
    introduction and paragraph 3)."""
    g = merged_graph
    assert description(g, "organisation/council-of-europe") == (
        "International organisation whose Convention on Cybercrime the project promotes; its Economic Crime "
        "Division, in the Directorate General of Human Rights and Legal Affairs, implements the project from "
        "Strasbourg, where the Octopus conference of 2009 met at the Council of Europe."
    )
    assert description(g, "organisation/lisbon-network") == (
        "Network of the Council of Europe that approved, in September 2009, the project's concept paper on "
        "training judges and prosecutors; the Octopus summary of 2009 names it, with GPEN, as an opportunity for "
        "judicial training."
    )
    assert description(g, "organisation/project-planning-group") == (
        "Group whose meeting of 21 September 2009, by conference call, reviewed the project's first six months, "
        "agreed its priorities to March 2010 and discussed its need for more funds; the Permanent Representative "
        "of Romania, Microsoft and McAfee took part."
    )
    # the only source documents are the two documents and the reference registers already cited
    documents = {
        d for cls in g.transitive_subjects(RDFS.subClassOf, CKG.SourceDocument) for d in g.subjects(RDF.type, cls)
    }
    assert shorts(documents) == {
        "document/octopus-2009-summary",
        "document/update-2009-11",
        "source/coe-treaty-office",
        "source/eur-lex",
        "source/geonames",
        "source/iso-3166-1",
    }


def test_no_speaker_for_the_training_outside_europe(merged_graph) -> None:
    """upd row 6: "Moreover, the UNODC could play an important role ..." names no speaker; the sentence before
    names "both the UNODC and CoE representatives"."""
    g = merged_graph
    assert list(g.objects(iri("statement/2009-10-06-unodc-training-outside-europe"), CKG.statedBy)) == []
    assert set(g.objects(iri("statement/2009-10-06-unodc-promote-convention"), CKG.statedBy)) == {
        iri("organisation/unodc"),
        iri("organisation/council-of-europe"),
    }


def test_geneva_guidelines_not_identified(merged_graph) -> None:
    """upd row 5: "guidelines for public-private cooperation", not said to be the guidelines of 2008."""
    g = merged_graph
    workshop, statement = iri("event/2009-10-05-geneva-workshop"), iri("statement/2009-10-05-cost-of-cybersecurity")
    assert set(g.objects(workshop, CKG.discussesInstrument)) == {iri("instrument/ets-185")}
    assert set(g.objects(statement, CKG.about)) == {iri("instrument/ets-185")}
    guidelines = iri("instrument/le-isp-guidelines-2008")
    assert [(s, p) for s, p in g.subject_predicates(guidelines) if s in (workshop, statement)] == []


# --- Paraphrases -----------------------------------------------------------------------------------------------


def test_some_of_the_cloud_challenges(merged_graph) -> None:
    """upd row 9: the Convention "will help meet some of the challenges"."""
    g = merged_graph
    assert description(g, "statement/2009-10-14-cloud-privacy") == (
        "Implementing the Convention on Cybercrime fully will help with some, not all, of the privacy and security "
        "challenges of the cloud; trusted privacy standards also need to be applied worldwide, and specific "
        "guidance may be needed on reaching data kept on servers in other countries."
    )
    assert description(g, "event/2009-10-14-paris-forum") == (
        "Technology foresight forum, titled under the OECD's name, on cloud computing, at which the Council of "
        "Europe argued that full implementation of the Convention helps with some of the privacy and security "
        "challenges in the cloud, but that trusted privacy standards must also be applied globally and guidance "
        "may be needed on access to data held on servers abroad."
    )


def test_many_other_countries_not_all(merged_graph) -> None:
    """oct paragraph 4: "Many other countries should therefore review and improve their current provisions"."""
    g = merged_graph
    statement = iri("statement/octopus-2009-p4-review-article-9")
    assert list(g.objects(statement, CKG.addressedTo)) == [iri("group/many-other-countries")]
    assert list(g.objects(iri("group/many-other-countries"), RDF.type)) == [CKG.StakeholderGroup]


def test_help_facilitate_not_speed_up(merged_graph) -> None:
    """oct paragraph 6: contact points should "help facilitate mutual legal assistance"."""
    assert description(merged_graph, "statement/octopus-2009-p6-proactive-contact-points") == (
        "24/7 contact points should be more proactive, make themselves known, and help to facilitate mutual legal "
        "assistance."
    )


def test_the_bucharest_question_is_a_question(merged_graph, store) -> None:
    """upd row 7: the interventions "raised the question" of faster mutual legal assistance."""
    g = merged_graph
    assert list(g.objects(iri("statement/2009-10-08-mla-speed"), RDF.type)) == [CKG.Question]
    result = run(store, find_query("conference-statements"), {"event": ID + "event/2009-10-08-bucharest-seminar"})
    rows = [
        (
            str(row[result.columns.index("kind")].value).split("#")[1],
            row[result.columns.index("statement")].value[len(ID) :],
        )
        for row in result.rows
    ]
    assert sorted(rows) == [
        ("Conclusion", "statement/2009-10-08-romania-no-gaps"),
        ("Question", "statement/2009-10-08-mla-speed"),
    ]


# --- Status and dates ------------------------------------------------------------------------------------------


def test_vancouver_listed_as_planned(merged_graph) -> None:
    """upd planned row 1: listed under "planned", dated 1-3 Nov 09, in an update dated 2 November 2009."""
    g = merged_graph
    listed = {str(e)[len(ID) :] for e in g.subjects(CKG.status, CKG.ListedAsPlanned)}
    assert listed == {"event/2009-11-01-vancouver-conference"}
    event = iri("event/2009-11-01-vancouver-conference")
    start, end, as_of = (str(g.value(event, p)) for p in (CKG.startDate, CKG.endDate, CKG.statusAsOf))
    assert (start, as_of, end) == ("2009-11-01", "2009-11-02", "2009-11-03")
    # every other planned event of the update starts after its date, at the precision the two share
    planned = {(str(e)[len(ID) :], str(g.value(e, CKG.startDate))) for e in g.subjects(CKG.status, CKG.Planned)}
    assert planned == {
        ("event/2009-11-moneyval-typology-exercise", "2009-11"),  # "will be carried out between November 2009 ..."
        ("event/2009-11-05-brussels-conference", "2009-11-05"),
        ("event/2009-11-15-sharm-el-sheikh-meeting", "2009-11-15"),
        ("event/2009-11-18-hanoi-seminar", "2009-11-18"),
        ("event/2009-11-24-baku-seminar", "2009-11-24"),
        ("event/2009-11-27-brussels-conference", "2009-11-27"),
        ("event/2010-03-octopus-conference", "2010-03"),
    }


def test_parts_without_dates_of_their_own(merged_graph, store) -> None:
    """upd row 5 (a workshop within ITU Telecom World 2009) and oct paragraphs 2 and 3 (launches at the
    conference) give no dates of their own: none are stored, and the timeline shows the larger event's,
    naming it in datesFrom."""
    g = merged_graph
    parts = {
        "event/2009-10-05-geneva-workshop": "event/2009-10-05-geneva-itu-telecom-world",
        "event/2009-03-10-strasbourg-launch-phase-2": "event/2009-03-10-strasbourg-octopus-conference",
        "event/2009-03-10-strasbourg-launch-2centre": "event/2009-03-10-strasbourg-octopus-conference",
    }
    undated = {
        str(e)[len(ID) :]
        for e in g.subjects(RDF.type, None)
        if (e, CKG.partOf, None) in g and (e, CKG.status, None) in g and (e, CKG.startDate, None) not in g
    }
    assert undated == set(parts)
    for part, whole in parts.items():
        assert list(g.objects(iri(part), CKG.partOf)) == [iri(whole)]
        assert [list(g.objects(iri(part), p)) for p in (CKG.startDate, CKG.endDate, CKG.dateAsWritten)] == [[], [], []]
    result = run(store, find_query("events-timeline"), {})
    column = result.columns.index
    fallback = [
        (
            row[column("event")].value[len(ID) :],
            row[column("start")].value,
            row[column("end")].value,
            row[column("datesFrom")].value[len(ID) :],
        )
        for row in result.rows
        if row[column("datesFrom")]
    ]
    assert fallback == [
        (
            "event/2009-03-10-strasbourg-launch-2centre",
            "2009-03-10",
            "2009-03-11",
            "event/2009-03-10-strasbourg-octopus-conference",
        ),
        (
            "event/2009-03-10-strasbourg-launch-phase-2",
            "2009-03-10",
            "2009-03-11",
            "event/2009-03-10-strasbourg-octopus-conference",
        ),
        ("event/2009-10-05-geneva-workshop", "2009-10-05", "2009-10-09", "event/2009-10-05-geneva-itu-telecom-world"),
    ]


def test_baku_is_not_said_to_be_held(merged_graph) -> None:
    """upd planned row 5."""
    g = merged_graph
    assert description(g, "event/2009-11-24-baku-seminar") == (
        "Seminar on the fight against cybercrime, titled under the names of ERA and TAIEX, listed as planned in Baku "
        "for 24-25 November 2009."
    )
    assert list(g.objects(iri("event/2009-11-24-baku-seminar"), CKG.status)) == [CKG.Planned]


def test_2centre_description_in_own_words(merged_graph) -> None:
    """oct paragraph 3 (was a copy of 17 consecutive words)."""
    assert description(merged_graph, "event/2009-03-10-strasbourg-launch-2centre") == (
        "Launch, during the conference, of the 2centre, through which police and industry act together on training "
        "about cybercrime; the summary gives the launch no date of its own."
    )


# --- Facts that were not encoded -------------------------------------------------------------------------------


def test_luxembourg_aims_including_recommendations_on_notice_and_take_down(merged_graph) -> None:
    """upd row 1: the meeting aimed to identify obstacles, training offer and needs, and to formulate
    recommendations to the EC on notification and take-down of child abuse images."""
    g = merged_graph
    event = iri("event/2009-09-16-luxembourg-meeting")
    assert set(g.objects(event, CKG.aim)) == {
        en(
            "Find the obstacles that law enforcement agencies meet when they cooperate across borders against "
            "online child abuse."
        ),
        en("Review the training on offer for investigators of online child abuse, and what they need."),
        en("Draw up recommendations to the European Commission on notice and take-down of child abuse images."),
    }
    assert set(g.objects(event, CKG.topic)) == {
        iri("topic/" + name)
        for name in (
            "child-protection",
            "contact-points-24-7",
            "international-cooperation",
            "judicial-training",
            "notice-and-take-down",
        )
    }
    assert list(g.objects(iri("topic/notice-and-take-down"), SKOS.broader)) == [iri("topic/isp-obligations")]


def test_asuncion_invited_institutions(merged_graph) -> None:
    """upd row 10: "Representatives from executive, legislative and judicial institutions were invited"."""
    g = merged_graph
    invited = {
        (str(g.value(p, CKG.agent))[len(ID) :], str(g.value(p, CKG.representedBy)))
        for p in g.objects(iri("event/2009-10-13-asuncion-workshop"), CKG.participation)
        if g.value(p, CKG.role) == CKG.Invited
    }
    assert invited == {
        ("group/executive-institutions", "representatives"),
        ("group/legislative-institutions", "representatives"),
        ("group/judicial-institutions", "representatives"),
    }


def test_vienna_question_of_industry_motivation(merged_graph) -> None:
    """upd row 6: "The discussions with the private sector looked at the motivation of the industry"."""
    g = merged_graph
    question = iri("statement/2009-10-06-industry-motivation")
    assert list(g.objects(question, RDF.type)) == [CKG.Question]
    assert list(g.objects(question, RDFS.label)) == [en("What would motivate industry to get involved?")]
    assert list(g.objects(question, CKG.madeAt)) == [iri("event/2009-10-06-vienna-meeting")]
    produced = set(g.objects(iri("event/2009-10-06-vienna-meeting"), CKG.produced))
    assert produced == {
        iri("statement/" + name)
        for name in (
            "2009-10-06-coe-role-recognised",
            "2009-10-06-industry-motivation",
            "2009-10-06-unodc-promote-convention",
            "2009-10-06-unodc-training-outside-europe",
        )
    }
    assert list(g.objects(question, CKG.statedBy)) == []


def test_paragraph_5_areas_as_topics(merged_graph) -> None:
    """oct paragraph 5, areas (a) to (c): topics of what the conference helped share, under criminal money flows."""
    g = merged_graph
    statement = iri("statement/octopus-2009-p5-areas-of-exchange")
    areas = {
        iri("topic/proceeds-and-laundering-typologies"),
        iri("topic/tracing-and-confiscating-proceeds"),
        iri("topic/multi-stakeholder-action-on-criminal-money"),
    }
    assert set(g.objects(statement, CKG.topic)) == areas
    assert list(g.objects(statement, CKG.paragraph)) == [Literal(5, datatype=XSD.integer)]
    assert {(str(a)[len(ID) :], str(g.value(a, SKOS.broader))[len(ID) :]) for a in areas} == {
        (str(a)[len(ID) :], "topic/criminal-money-flows") for a in areas
    }
