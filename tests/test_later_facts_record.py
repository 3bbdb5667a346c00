"""The record (issue 16): persons, projects and the full treaty record, from real later facts.

Each file of docs/examples/later-facts/ holds real facts from public pages, each cited by its address
(docs/research/later-facts.md gives the proof phrases). Each goes in with `cyberkg add` on a copy of the
project and conforms in the context of the graph; the named queries then answer with exactly the rows
below, each value with its own source. Broken variants (one small, named edit each) fail with the named
shape and message. Expected rows were written from the pages, not read back from the graph.
"""

# Expected rows name long source addresses, so lines may run long.
# ruff: noqa: E501

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from cyberkg.cli import main
from cyberkg.query.library import find_query, run, to_python
from cyberkg.validation.report_format import compact

ROOT = Path(__file__).resolve().parent.parent
LATER = ROOT / "docs" / "examples" / "later-facts"
# The record's real later facts; the folder also holds the claims' worked examples (tests/test_claims_*.py).
FILES = [
    "glacy-priority-countries.ttl",
    "invitation-and-accessions-ets-185.ttl",
    "persons-octopus-2009.ttl",
    "project-phases.ttl",
    "renamed-division.ttl",
    "reservations-ets-185.ttl",
    "uk-ratification-ets-185.ttl",
]
CLAIM_EXAMPLES = [
    "octopus-2008-days.ttl",
    "octopus-2009-attendance-press-release.ttl",
    "phase-2-actual-end.ttl",
]
ID = "https://w3id.org/cyberkg/id/"
CKG = "https://w3id.org/cyberkg/ontology#"

PRESENTATIONS = "http://www.coe.int/t/dghl/cooperation/economiccrime/cybercrime/cy%20activity%20interface%202009/IF_2009_presentations/default_en.asp"
PHASE_2_ACTIVITIES = "http://www.coe.int/t/dghl/cooperation/economiccrime/cybercrime/cy%20project%20global%20phase%202/all%20activities_en.asp?toPrint=yes"
GFCE_GLACY = "https://thegfce.org/initiative/glacy/"


def short(term: Any) -> Any:
    """An IRI as 'kind/slug' or 'ckg:Name', a literal as its Python value, None where unbound."""
    if term is None:
        return None
    if type(term).__name__ == "NamedNode":
        value = term.value
        if value.startswith(ID):
            return value[len(ID) :]
        if value.startswith(CKG):
            return "ckg:" + value[len(CKG) :]
        return value
    return to_python(term)


def rows(store, query: str, params: dict[str, str], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    result = run(store, find_query(query), params)
    index = [result.columns.index(column) for column in columns]
    return [tuple(short(row[i]) for i in index) for row in result.rows]


def test_the_later_facts_are_the_seven_kinds_of_this_record_and_the_claims_examples() -> None:
    assert sorted(path.name for path in LATER.glob("*.ttl")) == sorted(FILES + CLAIM_EXAMPLES)


@pytest.mark.parametrize("name", FILES)
def test_each_file_is_added_alone(name: str, project: Path, capsys) -> None:
    code = main(["add", str(LATER / name)])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert captured.out.splitlines() == [f"Added {LATER / name} as {project / 'graph' / name}."]


@pytest.fixture(scope="module")
def record_store(tmp_path_factory) -> Any:
    """A copy of the project with every later-facts file added by `cyberkg add`, in an Oxigraph store."""
    from cyberkg.store.loading import load_store

    root = tmp_path_factory.mktemp("record") / "project"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CYBERKG_ROOT", str(root))
        codes = [main(["add", str(LATER / name)]) for name in FILES]
        assert codes == [0] * len(FILES)
        assert sorted(path.name for path in (root / "graph").glob("*.ttl") if path.name in FILES) == FILES
        assert main(["validate", "--format", "json"]) == 0
        store = load_store()
    # The copy is the package's root only while adding: other fixtures of this module read the curated graph.
    assert os.environ.get("CYBERKG_ROOT") != str(root)
    return store


# -----------------------------------------------------------------------------
# Persons (later-facts.md 3a, 3b)
# -----------------------------------------------------------------------------


def test_who_presented_on_criminal_money_at_octopus_2009(record_store) -> None:
    """The presentations page, workshop 1 (criminal money): three speakers, each with the body in brackets."""
    assert rows(
        record_store,
        "presenters-on-subject",
        {"event": ID + "event/2009-03-10-strasbourg-octopus-conference", "subject": ID + "topic/criminal-money-flows"},
        ("presenter", "presenterLabel", "affiliation", "title", "source", "address"),
    ) == [
        (
            "person/john-baker",
            "John Baker",
            "organisation/moneyval",
            "Building bridges",
            "source/octopus-2009-presentations-page--workshop-1",
            PRESENTATIONS,
        ),
        (
            "person/peter-cassidy",
            "Peter Cassidy",
            "organisation/anti-phishing-working-group",
            "An E-crime reporting Lingua Franca",
            "source/octopus-2009-presentations-page--workshop-1",
            PRESENTATIONS,
        ),
        (
            "person/rachelle-boyle",
            "Rachelle Boyle",
            "organisation/fatf",
            "Money laundering and terrorist financing risks on the internet",
            "source/octopus-2009-presentations-page--workshop-1",
            PRESENTATIONS,
        ),
    ]


def test_who_presented_on_a_country(record_store) -> None:
    """The presentations page, update session: the talk on Sri Lanka; the page gives the speaker no affiliation."""
    assert rows(
        record_store,
        "presenters-on-subject",
        {"subject": ID + "country/LK"},
        ("event", "presenter", "affiliation", "title", "subjectLabel", "source"),
    ) == [
        (
            "event/2009-03-10-strasbourg-octopus-conference",
            "person/jayantha-fernando",
            None,
            "legislative developments in Sri Lanka",
            "Sri Lanka",
            "source/octopus-2009-presentations-page--update-session",
        ),
    ]


def test_a_speaker_with_a_post_from_the_press_release(record_store) -> None:
    """Press release 208(2009): Tim Cranton of Microsoft spoke at the opening, on centres for training."""
    assert rows(
        record_store,
        "presenters-on-subject",
        {"subject": ID + "topic/training"},
        ("presenter", "affiliation", "title", "source"),
    ) == [("person/tim-cranton", "organisation/microsoft", None, "source/coe-press-release-208-2009--opening")]


# -----------------------------------------------------------------------------
# The treaty record (later-facts.md 5a, 5d, 5e, 5f, 8b, 8c, 8e)
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date,expected",
    [
        # 12 June 2011, the day of the "31 States are now Parties" item: the UK had deposited, not yet in force.
        ("2011-06-12", [("country/DE", "2009-07-01", "ckg:Ratification")]),
        ("2011-08-31", [("country/DE", "2009-07-01", "ckg:Ratification")]),
        (
            "2011-09-01",
            [("country/DE", "2009-07-01", "ckg:Ratification"), ("country/GB", "2011-09-01", "ckg:Ratification")],
        ),
        # A month stands for its end: Chile is a Party from 1 August 2017.
        (
            "2017-07",
            [("country/DE", "2009-07-01", "ckg:Ratification"), ("country/GB", "2011-09-01", "ckg:Ratification")],
        ),
        (
            "2017-08",
            [
                ("country/CL", "2017-08-01", "ckg:Accession"),
                ("country/DE", "2009-07-01", "ckg:Ratification"),
                ("country/GB", "2011-09-01", "ckg:Ratification"),
            ],
        ),
        # Brazil acceded on 30 November 2022; no page gives its entry into force, so it is not counted a Party.
        (
            "2023",
            [
                ("country/CL", "2017-08-01", "ckg:Accession"),
                ("country/DE", "2009-07-01", "ckg:Ratification"),
                ("country/GB", "2011-09-01", "ckg:Ratification"),
            ],
        ),
    ],
)
def test_parties_to_ets_185_as_of_a_date(record_store, date: str, expected: list) -> None:
    assert rows(record_store, "parties-as-of", {"date": date}, ("state", "partySince", "consentKind")) == expected


def test_each_party_row_cites_the_passage_of_its_entry_into_force(record_store) -> None:
    assert rows(
        record_store, "parties-as-of", {"date": "2011-09-01"}, ("state", "entryIntoForce", "consentDate", "source")
    ) == [
        ("country/DE", "treaty-action/DE-ets-185-entry-into-force", "2009-03-09", "source/coe-treaty-office-ets-185"),
        (
            "country/GB",
            "treaty-action/GB-ets-185-entry-into-force",
            "2011-05-25",
            "source/global-project-phase-2-activities-page--2011-06-12-uk",
        ),
    ]


def test_the_count_of_parties_is_a_claim_with_its_date_and_source(record_store) -> None:
    assert rows(
        record_store, "party-counts", {}, ("asOf", "parties", "qualifier", "asWritten", "rank", "source", "address")
    ) == [
        (
            "2011-06-12",
            31,
            None,
            "31 States are now Parties",
            "ckg:NormalRank",
            "source/global-project-phase-2-activities-page--2011-06-12-uk",
            PHASE_2_ACTIVITIES,
        ),
    ]


def test_every_action_of_germany_with_its_reservation_per_article(record_store) -> None:
    """The seed's ratification and entry into force, and the reservation under Article 42 (Treaty Office, 13/12/2017)."""
    reservation = ("2009-03-09", "treaty-action/DE-ets-185-reservation", "ckg:Reservation")
    passage = "source/coe-treaty-office-ets-185-reservations-DE--reservation"
    assert rows(
        record_store,
        "state-treaty-record",
        {"country": ID + "country/DE"},
        ("date", "record", "kind", "articleNumber", "effectiveFrom", "accompanies", "source"),
    ) == [
        (
            "2009-03-09",
            "treaty-action/DE-ets-185-ratification",
            "ckg:Ratification",
            None,
            None,
            None,
            "source/coe-treaty-office-ets-185",
        ),
        (
            "2009-03-09",
            "treaty-action/DE-ets-185-ratification",
            "ckg:Ratification",
            None,
            None,
            None,
            "source/octopus-2009-summary/paragraph-1",
        ),
        (*reservation, 3, "2009-07-01", "treaty-action/DE-ets-185-ratification", passage),
        (*reservation, 6, "2009-07-01", "treaty-action/DE-ets-185-ratification", passage),
        (*reservation, 29, "2009-07-01", "treaty-action/DE-ets-185-ratification", passage),
        (
            "2009-07-01",
            "treaty-action/DE-ets-185-entry-into-force",
            "ckg:EntryIntoForceForState",
            None,
            None,
            None,
            "source/coe-treaty-office-ets-185",
        ),
    ]


def test_brazil_invited_by_a_decision_then_accedes(record_store) -> None:
    """Cybercrime@CoE update Oct-Dec 2019 and Brazil's joint note (invitation); CoE news of 30 November 2022 (accession)."""
    assert rows(
        record_store,
        "state-treaty-record",
        {"country": ID + "country/BR"},
        ("date", "record", "kind", "kindLabel", "source"),
    ) == [
        (
            "2019-12-11",
            "event/2019-12-11-invitation-brazil-ets-185",
            "ckg:InvitationToAccede",
            "invitation to accede",
            "source/cybercrime-coe-update-2019-q4--brazil",
        ),
        (
            "2019-12-11",
            "event/2019-12-11-invitation-brazil-ets-185",
            "ckg:InvitationToAccede",
            "invitation to accede",
            "source/gov-br-accession-joint-note--invitation",
        ),
        (
            "2022-11-30",
            "treaty-action/BR-ets-185-accession",
            "ckg:Accession",
            "accession",
            "source/coe-news-2022-11-30-brazil-accedes--deposit",
        ),
    ]


def test_what_happened_to_argentina_after_the_visit_that_promoted_its_accession(record_store) -> None:
    """upd carried-out row 11 (Buenos Aires, 16 October 2009); legilux and WIPO Lex (withdrawal of 12 July 2018)."""
    action = "treaty-action/AR-ets-185-withdrawal-of-reservation-article-9"
    assert rows(
        record_store, "accession-promotion-outcomes", {}, ("event", "country", "action", "kind", "date", "source")
    ) == [
        (
            "event/2009-10-16-buenos-aires-visit",
            "country/AR",
            action,
            "ckg:WithdrawalOfReservation",
            "2018-07-12",
            "source/legilux-2018-07-12-a752--withdrawal",
        ),
        (
            "event/2009-10-16-buenos-aires-visit",
            "country/AR",
            action,
            "ckg:WithdrawalOfReservation",
            "2018-07-12",
            "source/wipo-lex-ets-185-remarks-AR--article-9",
        ),
    ]
    assert rows(
        record_store,
        "state-treaty-record",
        {"country": ID + "country/AR"},
        ("record", "articleNumber", "provision", "effectiveFrom"),
    ) == [
        (action, 9, "Article 9, paragraph 1.e (partial reservation)", "2018-07-30"),
        (action, 9, "Article 9, paragraph 1.e (partial reservation)", "2018-07-30"),
    ]


# -----------------------------------------------------------------------------
# Projects (later-facts.md 1a, 1c, 1d, 1e, 6a) and the renamed division (4)
# -----------------------------------------------------------------------------


def test_glacy_priority_countries_each_with_its_source(record_store) -> None:
    assert rows(
        record_store,
        "project-countries",
        {"project": ID + "project/glacy"},
        ("countryLabel", "kind", "source", "address"),
    ) == [
        (name, "ckg:PriorityCountry", "source/gfce-glacy-page--priority-countries", GFCE_GLACY)
        for name in ["Mauritius", "Morocco", "Philippines", "Senegal", "South Africa", "Sri Lanka", "Tonga"]
    ]


def test_phase_1_is_followed_by_phase_2(record_store) -> None:
    assert rows(record_store, "project-phases", {}, ("phase", "phaseNumber", "start", "end", "followedBy")) == [
        (
            "project/global-project-on-cybercrime-phase-1",
            1,
            "2006-09",
            "2009-02",
            "project/global-project-on-cybercrime-phase-2",
        ),
        ("project/global-project-on-cybercrime-phase-2", 2, "2009-03-01", "2011-06-30", None),
    ]


def test_project_overview_shows_projects_without_code_threshold_or_duration(record_store) -> None:
    assert rows(
        record_store,
        "project-overview",
        {},
        ("project", "code", "threshold", "durationMonths", "start", "end", "instrument"),
    ) == [
        ("project/glacy", None, None, None, "2013-11-01", "2016-10-31", None),
        ("project/global-project-on-cybercrime-phase-1", None, None, None, "2006-09", "2009-02", None),
        (
            "project/global-project-on-cybercrime-phase-2",
            "DGHL/2009/2079",
            500000.0,
            28,
            "2009-03-01",
            "2011-06-30",
            "instrument/ets-185",
        ),
        (
            "project/global-project-on-cybercrime-phase-2",
            "DGHL/2009/2079",
            500000.0,
            28,
            "2009-03-01",
            "2011-06-30",
            "instrument/ets-189",
        ),
    ]


def test_the_renamed_division_in_date_order_with_inferred_bounds(record_store) -> None:
    first = "organisation-change/economic-crime-division--renamed--data-protection-and-cybercrime-division"
    second = "organisation-change/data-protection-and-cybercrime-division--renamed--cybercrime-division"
    expected = [
        (
            first,
            "organisation/economic-crime-division",
            "organisation/data-protection-and-cybercrime-division",
            None,
            "2009-11-02",
            "2012-04-09",
            "source/global-project-phase-2-final-report--cover",
        ),
        (
            first,
            "organisation/economic-crime-division",
            "organisation/data-protection-and-cybercrime-division",
            None,
            "2009-11-02",
            "2012-04-09",
            "source/update-2009-11/project-data-implementation",
        ),
        (
            second,
            "organisation/data-protection-and-cybercrime-division",
            "organisation/cybercrime-division",
            None,
            "2013-11",
            "2023-12-13",
            "source/capacity-building-discussion-paper-2013-11--cover",
        ),
        (
            second,
            "organisation/data-protection-and-cybercrime-division",
            "organisation/cybercrime-division",
            None,
            "2013-11",
            "2023-12-13",
            "source/coe-news-octopus-2023--seger",
        ),
    ]
    columns = ("change", "original", "resulting", "date", "notBefore", "notAfter", "source")
    # The chain is followed both ways: from the first name and from the last.
    assert rows(record_store, "organisation-history", {}, columns) == expected
    assert (
        rows(record_store, "organisation-history", {"organisation": ID + "organisation/cybercrime-division"}, columns)
        == expected
    )
    notes = {row[0]: row[1] for row in rows(record_store, "organisation-history", {}, ("change", "inferenceNote"))}
    assert sorted(notes) == sorted([first, second])
    assert all(note.startswith("No page seen dates the renaming") for note in notes.values())


def test_a_dated_takeover_keeps_its_month(record_store) -> None:
    assert rows(
        record_store,
        "organisation-history",
        {"organisation": ID + "organisation/lisbon-network"},
        ("kind", "resulting", "date", "notBefore", "inferenceNote", "source"),
    ) == [("ckg:WorkTakenOver", "organisation/cepej", "2011-01", None, None, "source/lisbon-network-page--cepej")]


# -----------------------------------------------------------------------------
# Parties as of a date with a denunciation (fictitious fixture: none was found)
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def denunciation_store():
    from cyberkg.store.loading import load_store

    return load_store(files=[Path(__file__).parent / "queries" / "parties-denunciation.ttl"])


@pytest.mark.parametrize(
    "date,expected",
    [
        ("2004-12-31", []),
        ("2005-01-01", [("http://example.org/fixture/state-a", "2005-01-01")]),
        ("2010-06-30", [("http://example.org/fixture/state-a", "2005-01-01")]),
        ("2010-07", []),  # the denunciation took effect on 1 July 2010, within the month
        ("2012-03-01", [("http://example.org/fixture/state-b", "2012-03-01")]),
        (
            "2015",
            [
                ("http://example.org/fixture/state-a", "2015-01-01"),
                ("http://example.org/fixture/state-b", "2012-03-01"),
            ],
        ),
    ],
)
def test_a_denunciation_ends_membership_when_it_takes_effect(denunciation_store, date: str, expected: list) -> None:
    assert (
        rows(
            denunciation_store,
            "parties-as-of",
            {"instrument": "http://example.org/fixture/instrument", "date": date},
            ("state", "partySince"),
        )
        == expected
    )


# -----------------------------------------------------------------------------
# Broken variants: one small, named edit each, with the shape and message that catch it
# -----------------------------------------------------------------------------

PERSONS = "persons-octopus-2009.ttl"
GLACY = "glacy-priority-countries.ttl"
DIVISION = "renamed-division.ttl"
RESERVATIONS = "reservations-ets-185.ttl"
INVITATION = "invitation-and-accessions-ets-185.ttl"
PHASES = "project-phases.ttl"

BAKER = "participation:2009-03-10-strasbourg-octopus-conference--john-baker--presenter"
FIRST_RENAMING = "<https://w3id.org/cyberkg/id/organisation-change/economic-crime-division--renamed--data-protection-and-cybercrime-division>"

# name: (file, [(text, replacement, occurrences)], [(focus, path, value, component, shape)], message)
VARIANTS = {
    "a presenter who is not described in the graph": (
        PERSONS,
        [("    ckg:agent person:john-baker ;", "    ckg:agent person:john-bakr ;", 1)],
        [
            (
                BAKER,
                "ckg:agent",
                "<https://w3id.org/cyberkg/id/person/john-bakr>",
                "OrConstraintComponent",
                "shape:ParticipationAgent",
            )
        ],
        "A participation needs exactly one agent: an organisation, a stakeholder group, a country or a person described in the graph.",
    ),
    "a talk title on a participation that is not a presentation": (
        PERSONS,
        [
            (
                "    ckg:agent person:john-baker ;\n    ckg:role ckg:Presenter ;",
                "    ckg:agent person:john-baker ;\n    ckg:role ckg:Participant ;",
                1,
            )
        ],
        [(BAKER, "ckg:role", "ckg:Participant", "SPARQLConstraintComponent", "shape:PresentationOnlyByPresenter")],
        "Only a participation in the role ckg:Presenter has a presentation title or a country presented on.",
    ),
    "an affiliation with no time": (
        PERSONS,
        [
            (
                '    org:organization organisation:moneyval ;\n    ckg:attestedOn "2009-03-10"^^xsd:date ;',
                "    org:organization organisation:moneyval ;",
                1,
            )
        ],
        [
            (
                "<https://w3id.org/cyberkg/id/membership/john-baker--moneyval--2009-03>",
                "schema:startDate|schema:endDate|ckg:attestedOn",
                "",
                "MinCountConstraintComponent",
                "shape:MembershipWhen",
            )
        ],
        "An affiliation needs a time: its start or end (schema:startDate, schema:endDate) or a date on which the source shows it held (ckg:attestedOn).",
    ),
    "a priority-country kind used as an event's kind on a project": (
        GLACY,
        [
            (
                "    ckg:country country:MU ;\n    ckg:involvementKind ckg:PriorityCountry ;",
                "    ckg:country country:MU ;\n    ckg:involvementKind ckg:AccessionPromoted ;",
                1,
            )
        ],
        [
            (
                "involvement:glacy--MU--priority-country",
                "ckg:involvementKind",
                "ckg:AccessionPromoted",
                "SPARQLConstraintComponent",
                "shape:CountryInvolvementKindFitsHolder",
            )
        ],
        "A priority or beneficiary country belongs to a project, and the other kinds of involvement to an event.",
    ),
    "inferred bounds that do not say they are inferred": (
        DIVISION,
        [
            (
                '    ckg:inferenceNote "No page seen dates the renaming, nor says',
                '    rdfs:comment "No page seen dates the renaming, nor says',
                1,
            )
        ],
        [(FIRST_RENAMING, "ckg:inferenceNote", "", "MinCountConstraintComponent", "shape:BoundsInferenceNote")],
        "Date bounds are an inference: say how they were inferred (ckg:inferenceNote, text with a language tag).",
    ),
    "bounds out of order": (
        DIVISION,
        [('    ckg:notAfter "2012-04-09"^^xsd:date ;', '    ckg:notAfter "2009-01"^^xsd:gYearMonth ;', 1)],
        [
            (
                FIRST_RENAMING,
                "ckg:notAfter",
                '"2009-01"^^xsd:gYearMonth',
                "SPARQLConstraintComponent",
                "shape:BoundsInOrder",
            )
        ],
        "The latest date (ckg:notAfter) is earlier than the earliest date (ckg:notBefore).",
    ),
    "a renaming with neither date nor bounds": (
        DIVISION,
        [('    ckg:changeDate "2011-01"^^xsd:gYearMonth ;\n', "", 1)],
        [
            (
                "<https://w3id.org/cyberkg/id/organisation-change/lisbon-network--work-taken-over--cepej>",
                "ckg:changeDate|ckg:notBefore|ckg:notAfter",
                "",
                "MinCountConstraintComponent",
                "shape:ChangeEventWhen",
            )
        ],
        "An organisational change needs a time: its date as a source gives it (ckg:changeDate), or the bounds the sources allow (ckg:notBefore, ckg:notAfter).",
    ),
    "a reservation on the articles of another instrument": (
        RESERVATIONS,
        [
            (
                "    ckg:instrument inst:ets-185 ;\n    ckg:actionKind ckg:Reservation ;",
                "    ckg:instrument inst:ets-189 ;\n    ckg:actionKind ckg:Reservation ;",
                1,
            )
        ],
        [
            (
                "action:DE-ets-185-reservation",
                "ckg:concernsArticle",
                "inst:ets-185-article-29",
                "SPARQLConstraintComponent",
                "shape:TreatyActionArticleOfItsInstrument",
            ),
            (
                "action:DE-ets-185-reservation",
                "ckg:concernsArticle",
                "inst:ets-185-article-3",
                "SPARQLConstraintComponent",
                "shape:TreatyActionArticleOfItsInstrument",
            ),
            (
                "action:DE-ets-185-reservation",
                "ckg:concernsArticle",
                "inst:ets-185-article-6",
                "SPARQLConstraintComponent",
                "shape:TreatyActionArticleOfItsInstrument",
            ),
            (
                "action:DE-ets-185-reservation",
                "ckg:madeUnderArticle",
                "inst:ets-185-article-42",
                "SPARQLConstraintComponent",
                "shape:TreatyActionArticleOfItsInstrument",
            ),
        ],
        "The treaty action names an article of another instrument than its own.",
    ),
    "a ratification that names articles": (
        RESERVATIONS,
        [("    ckg:actionKind ckg:WithdrawalOfReservation ;", "    ckg:actionKind ckg:Ratification ;", 1)],
        [
            (
                "action:AR-ets-185-withdrawal-of-reservation-article-9",
                "ckg:actionKind",
                "ckg:Ratification",
                "SPARQLConstraintComponent",
                "shape:ArticlesOnlyForReservationsAndDeclarations",
            )
        ],
        "Only a reservation, a declaration or the withdrawal of a reservation names articles (ckg:concernsArticle, ckg:madeUnderArticle) or what it withdraws.",
    ),
    "an invitation to accede that names no state": (
        INVITATION,
        [("    ckg:invitedState country:BR ;\n", "", 1)],
        [
            (
                "event:2019-12-11-invitation-brazil-ets-185",
                "ckg:invitedState",
                "ckg:InvitationToAccede",
                "SPARQLConstraintComponent",
                "shape:InvitationNamesStateAndConvention",
            )
        ],
        "An invitation to accede must name the state invited (ckg:invitedState) and the convention it is invited to (ckg:decisionObject a ckg:Convention).",
    ),
    "an invitation kept as a treaty action of the state": (
        INVITATION,
        [
            (
                '    ckg:actionKind ckg:Accession ;\n    ckg:actionDate "2022-11-30"',
                '    ckg:actionKind ckg:InvitationToAccede ;\n    ckg:actionDate "2022-11-30"',
                1,
            )
        ],
        [
            (
                "action:BR-ets-185-accession",
                "ckg:actionKind",
                "ckg:InvitationToAccede",
                "InConstraintComponent",
                "shape:TreatyActionKind",
            )
        ],
        "A treaty action needs exactly one kind from the treaty action scheme: ckg:Signature, ckg:Ratification, ckg:Accession, ckg:Acceptance, ckg:ApprovalOfTreaty, ckg:EntryIntoForceForState, ckg:Reservation, ckg:Declaration, ckg:WithdrawalOfReservation, ckg:Denunciation or ckg:DenunciationTakesEffect (an invitation to accede is a ckg:Decision).",
    ),
    "a phase followed by itself": (
        PHASES,
        [
            (
                "    ckg:followedBy project:global-project-on-cybercrime-phase-2 ;",
                "    ckg:followedBy project:global-project-on-cybercrime-phase-1 ;",
                1,
            )
        ],
        [
            (
                "project:global-project-on-cybercrime-phase-1",
                "ckg:followedBy",
                "project:global-project-on-cybercrime-phase-1",
                "SPARQLConstraintComponent",
                "shape:ProjectFollowerStartsAfter",
            )
        ],
        "The project or phase is followed by one that starts before it starts, or by itself.",
    ),
}


@pytest.fixture(scope="module")
def validate_file():
    from cyberkg.validation.reference import load_curated, load_new_data, load_shapes_graph, validate_in_context

    curated, shapes = load_curated(), load_shapes_graph()

    def check(path: Path):
        return validate_in_context(curated, load_new_data([path]), shapes).report

    return check


def results(report) -> list[tuple[str, ...]]:
    return sorted(
        (compact(r.focus_node), compact(r.path), compact(r.value), r.constraint_component, compact(r.source_shape))
        for r in report.results
    )


@pytest.mark.parametrize("name", FILES)
def test_each_file_validates_clean_in_context(name: str, validate_file) -> None:
    report = validate_file(LATER / name)
    assert results(report) == []
    assert report.conforms is True


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_broken_variant_fails_with_its_named_message(name: str, validate_file, tmp_path: Path) -> None:
    fixture, edits, expected, message = VARIANTS[name]
    text = (LATER / fixture).read_text(encoding="utf-8")
    for old, new, count in edits:
        assert text.count(old) == count, f"fixture drifted: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / fixture
    path.write_text(text, encoding="utf-8")
    report = validate_file(path)
    assert results(report) == sorted(expected)
    assert sorted({r.message for r in report.results}) == [message]
    assert report.conforms is False
