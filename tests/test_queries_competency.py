"""The competency table: each research question, the library query that answers it, and the rows it must give.

Expected rows were written by hand from the two source documents (the update of 2 November 2009, "upd",
and the Octopus 2009 conference summary, "oct"), or for reference data from the register named in
``source``; they are not read back from the graph. IRIs are written without the
``https://w3id.org/cyberkg/id/`` stem, ontology terms as ``ckg:Name``, literals as Python values.
A case compares only the columns it names: as an ordered list when the query's order is part of the
answer, as a set when only which values occur matters, otherwise as a sorted list (a multiset).
"""

# The competency table keeps one expected row per line, so lines may run long.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from cyberkg.query.library import QueryResult, find_query, list_queries, run, to_python

ID = "https://w3id.org/cyberkg/id/"
CKG = "https://w3id.org/cyberkg/ontology#"


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


def project(result: QueryResult, columns: tuple[str, ...], where: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The named columns of the rows that match ``where``, in result order."""
    index = [result.columns.index(column) for column in columns]
    test = [(result.columns.index(column), value) for column, value in where.items()]
    return [
        tuple(short(row[i]) for i in index) for row in result.rows if all(short(row[i]) == value for i, value in test)
    ]


@dataclass(frozen=True)
class Case:
    question: str
    query: str
    params: dict[str, str]
    columns: tuple[str, ...]
    expected: list[tuple[Any, ...]]
    source: str
    ordered: bool = False
    as_set: bool = False
    where: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        bound = ",".join(f"{key}={value.rsplit('/', 1)[-1]}" for key, value in self.params.items())
        return f"{self.query}[{bound}]" if bound else self.query


# The whole timeline in date order: upd carried-out rows 1-12 and planned rows 1-6, oct title and
# paragraphs 1-3 (the 2008 conference and its adoption of the guidelines, the launches of March 2009).
TIMELINE = [
    ("event/2008-bogota-workshop", "2008", "ckg:Held"),  # upd carried-out row 10
    ("event/2008-04-octopus-conference", "2008-04", "ckg:Held"),  # oct paragraph 1, upd output 3
    ("event/2008-04-octopus-conference-guidelines-adoption", "2008-04", "ckg:Held"),
    ("event/2009-03-10-strasbourg-launch-2centre", "2009-03-10", "ckg:Held"),  # oct paragraph 3
    ("event/2009-03-10-strasbourg-launch-phase-2", "2009-03-10", "ckg:Held"),  # oct paragraph 2
    ("event/2009-03-10-strasbourg-octopus-conference", "2009-03-10", "ckg:Held"),  # oct title
    ("event/2009-09-strasbourg-approval", "2009-09", "ckg:Held"),  # upd row 3
    ("event/2009-09-16-luxembourg-meeting", "2009-09-16", "ckg:Held"),  # upd row 1
    ("event/2009-09-21-strasbourg-agreement", "2009-09-21", "ckg:Held"),  # upd row 2
    ("event/2009-09-21-strasbourg-meeting", "2009-09-21", "ckg:Held"),  # upd row 2
    ("event/2009-09-24-strasbourg-decision", "2009-09-24", "ckg:Held"),  # upd row 4
    ("event/2009-10-strasbourg-launch", "2009-10", "ckg:Held"),  # upd row 12
    ("event/2009-10-05-geneva-itu-telecom-world", "2009-10-05", "ckg:Held"),  # upd row 5
    ("event/2009-10-05-geneva-workshop", "2009-10-05", "ckg:Held"),  # upd row 5
    ("event/2009-10-06-vienna-meeting", "2009-10-06", "ckg:Held"),  # upd row 6
    ("event/2009-10-08-bucharest-seminar", "2009-10-08", "ckg:Held"),  # upd row 7
    ("event/2009-10-12-paris-meeting", "2009-10-12", "ckg:Held"),  # upd row 8
    ("event/2009-10-13-asuncion-workshop", "2009-10-13", "ckg:Held"),  # upd row 10
    ("event/2009-10-14-paris-forum", "2009-10-14", "ckg:Held"),  # upd row 9
    ("event/2009-10-16-buenos-aires-round-table", "2009-10-16", "ckg:Held"),  # upd row 11
    ("event/2009-10-16-buenos-aires-visit", "2009-10-16", "ckg:Held"),  # upd row 11
    ("event/2009-11-moneyval-typology-exercise", "2009-11", "ckg:Planned"),  # upd row 4
    (
        "event/2009-11-01-vancouver-conference",
        "2009-11-01",
        "ckg:ListedAsPlanned",
    ),  # upd planned row 1 (1-3 Nov: under way on 2 Nov)
    ("event/2009-11-05-brussels-conference", "2009-11-05", "ckg:Planned"),  # upd planned row 2
    ("event/2009-11-15-sharm-el-sheikh-meeting", "2009-11-15", "ckg:Planned"),  # upd planned row 3
    ("event/2009-11-18-hanoi-seminar", "2009-11-18", "ckg:Planned"),  # upd planned row 4
    ("event/2009-11-24-baku-seminar", "2009-11-24", "ckg:Planned"),  # upd planned row 5
    ("event/2009-11-27-brussels-conference", "2009-11-27", "ckg:Planned"),  # upd planned row 6
    ("event/2010-03-octopus-conference", "2010-03", "ckg:Planned"),  # upd row 2
]

ALL_OUTPUTS = "1, 2, 3, 4, 5, 6, 7"

COMPETENCY: list[Case] = [
    # 1. Accession promoted
    Case(
        "Which meetings promoted accession to ETS 185, and for which country?",
        "meetings-promoting-accession",
        {},
        ("event", "country", "instrument"),
        [("event/2009-10-16-buenos-aires-visit", "country/AR", "instrument/ets-185")],
        "upd carried-out row 11 (16 Oct, Buenos Aires: promote accession by Argentina)",
    ),
    Case(
        "Which meetings promoted accession to CETS 201?",
        "meetings-promoting-accession",
        {"instrument": ID + "instrument/cets-201"},
        ("event", "country"),
        [],
        "no row of either document promotes accession to CETS 201",
    ),
    # 2. Timeline
    Case(
        "Every event in date order, with its status as of its report",
        "events-timeline",
        {},
        ("event", "start", "status"),
        TIMELINE,
        "upd carried-out rows 1-12, planned rows 1-6; oct title, paragraphs 1-3",
        ordered=True,
    ),
    Case(
        "Events overlapping 5-9 October 2009, with kind, outputs and place",
        "events-timeline",
        {"from": "2009-10-05", "to": "2009-10-09"},
        ("event", "kinds", "outputs", "cityLabel", "countryLabel"),
        [
            ("event/2009-10-strasbourg-launch", "launch, publication", ALL_OUTPUTS, "Strasbourg", "France"),
            ("event/2009-10-05-geneva-itu-telecom-world", "event", None, "Geneva", "Switzerland"),
            ("event/2009-10-05-geneva-workshop", "workshop", "1", "Geneva", "Switzerland"),
            ("event/2009-10-06-vienna-meeting", "meeting", "1, 5", "Vienna", "Austria"),
            ("event/2009-10-08-bucharest-seminar", "seminar", "1, 5", "Bucharest", "Romania"),
        ],
        "upd carried-out rows 5, 6, 7 and 12 (October: month only, overlaps the range)",
        ordered=True,
    ),
    Case(
        "Events of 2008",
        "events-timeline",
        {"to": "2008"},
        ("event",),
        [
            ("event/2008-bogota-workshop",),
            ("event/2008-04-octopus-conference",),
            ("event/2008-04-octopus-conference-guidelines-adoption",),
        ],
        "upd carried-out row 10 (Bogota 2008); oct paragraph 1 and upd output 3 (guidelines of April 2008)",
        ordered=True,
    ),
    Case(
        "Events on 21 September 2009: the planning meeting, a conference call serving all outputs",
        "events-timeline",
        {"from": "2009-09-21", "to": "2009-09-21"},
        ("event", "kinds", "outputs", "partOf"),
        [
            ("event/2009-09-strasbourg-approval", "decision", "5", None),
            ("event/2009-09-21-strasbourg-agreement", "decision", None, "event/2009-09-21-strasbourg-meeting"),
            ("event/2009-09-21-strasbourg-meeting", "conference call", ALL_OUTPUTS, None),
        ],
        "upd carried-out row 2 (21 Sep 09, via conference call, output All; agreed on priorities) and row 3 "
        "(Sep 09: month only, so it overlaps the day)",
        ordered=True,
    ),
    # 3. Outputs
    Case(
        "Which events served output 5 (training)?",
        "events-serving-output",
        {"output": ID + "output/phase-2-output-5"},
        ("event", "outputsAsWritten"),
        [
            ("event/2009-09-strasbourg-approval", "5"),
            ("event/2009-09-21-strasbourg-meeting", "All"),
            ("event/2009-10-strasbourg-launch", "All"),
            ("event/2009-10-06-vienna-meeting", "1, 5"),
            ("event/2009-10-08-bucharest-seminar", "1, 5"),
            ("event/2009-11-15-sharm-el-sheikh-meeting", "All"),
        ],
        "upd output column: carried-out rows 2 (All), 3 (5), 6 (1, 5), 7 (1, 5), 12 (All); planned row 3 (All)",
        ordered=True,
    ),
    Case(
        "Which events served output 3 (investigation)?",
        "events-serving-output",
        {"output": ID + "output/phase-2-output-3"},
        ("event",),
        [
            ("event/2009-09-21-strasbourg-meeting",),
            ("event/2009-10-strasbourg-launch",),
            ("event/2009-11-15-sharm-el-sheikh-meeting",),
            ("event/2009-11-27-brussels-conference",),
        ],
        "upd output column: carried-out rows 2 and 12 (All); planned rows 3 (All) and 6 (3)",
        ordered=True,
    ),
    # 4. Organisations
    Case(
        "Who took part in the UNODC expert group meeting, and how?",
        "organisations-at-events",
        {"event": ID + "event/2009-10-06-vienna-meeting"},
        ("agent", "role"),
        [
            ("group/private-sector", "ckg:Participant"),
            ("organisation/council-of-europe", "ckg:Presenter"),
            ("organisation/microsoft", "ckg:Presenter"),
            ("organisation/unodc", "ckg:NamedInTitle"),
        ],
        'upd carried-out row 6 ("UNODC: Expert Group Meeting": UNODC only in the heading; discussions with the '
        "private sector; CoE and Microsoft interventions)",
    ),
    Case(
        "Who took part in the Asunción workshop, and how?",
        "organisations-at-events",
        {"event": ID + "event/2009-10-13-asuncion-workshop"},
        ("agent", "role"),
        [
            ("organisation/council-of-europe", "ckg:Facilitator"),
            ("organisation/oas-general-secretariat", "ckg:Facilitator"),
            ("organisation/us-department-of-justice", "ckg:Facilitator"),
            ("organisation/us-department-of-justice", "ckg:NamedInTitle"),
            ("group/executive-institutions", "ckg:Invited"),
            ("group/judicial-institutions", "ckg:Invited"),
            ("group/legislative-institutions", "ckg:Invited"),
        ],
        'upd carried-out row 10 ("US DOJ workshop" in the title; facilitators from US DOJ, OAS General Secretariat, '
        "CoE; representatives of executive, legislative and judicial institutions invited)",
    ),
    Case(
        "Every event the Council of Europe (or one of its bodies) took part in",
        "events-of-organisation",
        {},
        ("event", "agent", "how"),
        [
            ("event/2009-03-10-strasbourg-octopus-conference", "organisation/council-of-europe", "ckg:Host"),
            ("event/2009-09-strasbourg-approval", "organisation/lisbon-network", "ckg:decidedBy"),
            ("event/2009-09-16-luxembourg-meeting", "organisation/council-of-europe", "ckg:Presenter"),
            ("event/2009-09-24-strasbourg-decision", "organisation/moneyval", "ckg:decidedBy"),
            ("event/2009-10-strasbourg-launch", "organisation/council-of-europe", "ckg:NamedInTitle"),
            ("event/2009-10-05-geneva-workshop", "organisation/council-of-europe", "ckg:Presenter"),
            ("event/2009-10-06-vienna-meeting", "organisation/council-of-europe", "ckg:Presenter"),
            ("event/2009-10-12-paris-meeting", "organisation/council-of-europe", "ckg:Presenter"),
            ("event/2009-10-13-asuncion-workshop", "organisation/council-of-europe", "ckg:Facilitator"),
            ("event/2009-10-14-paris-forum", "organisation/council-of-europe", "ckg:Presenter"),
            ("event/2009-11-moneyval-typology-exercise", "organisation/moneyval", "ckg:carriedOutBy"),
            # every activity of phase 2, whose implementing division is a unit of the Council of Europe
            ("event/2009-09-strasbourg-approval", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-09-16-luxembourg-meeting", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-09-21-strasbourg-meeting", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-09-24-strasbourg-decision", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-strasbourg-launch", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-05-geneva-workshop", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-06-vienna-meeting", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-08-bucharest-seminar", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-12-paris-meeting", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-13-asuncion-workshop", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-14-paris-forum", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-10-16-buenos-aires-visit", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-11-01-vancouver-conference", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-11-05-brussels-conference", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-11-15-sharm-el-sheikh-meeting", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-11-18-hanoi-seminar", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-11-24-baku-seminar", "organisation/economic-crime-division", "ckg:activityOf"),
            ("event/2009-11-27-brussels-conference", "organisation/economic-crime-division", "ckg:activityOf"),
        ],
        "oct introduction (experts met at the Council of Europe: host; no organiser stated); upd carried-out rows "
        '1, 3, 4, 5, 6, 8, 9, 10, 12 (row 12: "Launching the CoE Newsletter", CoE named in the title); upd '
        "project data (implemented by the Economic Crime Division) and every row of both activity tables "
        "(activities of phase 2)",
    ),
    Case(
        "Every event Microsoft took part in",
        "events-of-organisation",
        {"organisation": ID + "organisation/microsoft"},
        ("event", "how"),
        [
            ("event/2009-09-21-strasbourg-meeting", "ckg:Participant"),
            ("event/2009-10-06-vienna-meeting", "ckg:Presenter"),
            ("event/2009-10-16-buenos-aires-round-table", "ckg:Organiser"),
        ],
        "upd carried-out rows 2 (participants), 6 (Microsoft intervention), 11 (round table organised by Microsoft)",
    ),
    # 5. Instruments
    Case(
        "Which instruments were discussed at the Octopus conference of March 2009?",
        "instruments-discussed-at-event",
        {},
        ("discussed", "instrument"),
        [
            ("instrument/cets-201", "instrument/cets-201"),
            ("instrument/ets-185", "instrument/ets-185"),
            ("instrument/ets-185-article-31", "instrument/ets-185"),
            ("instrument/ets-185-article-9", "instrument/ets-185"),
            ("instrument/le-isp-guidelines-2008", "instrument/le-isp-guidelines-2008"),
        ],
        "oct paragraphs 1 (Convention, guidelines), 4 (Article 9, CETS 201), 6 (article 31)",
    ),
    Case(
        "Which instruments were discussed at the Bucharest seminar?",
        "instruments-discussed-at-event",
        {"event": ID + "event/2009-10-08-bucharest-seminar"},
        ("instrument", "identifier"),
        [
            ("instrument/cets-201", "CETS 201"),
            ("instrument/ets-185", "ETS 185"),
            ("instrument/fd-2004-68-jha", "CELEX 32004F0068"),
            ("instrument/fd-2005-222-jha", "CELEX 32005F0222"),
        ],
        "upd carried-out row 7 (the two conventions and the two framework decisions)",
    ),
    Case(
        "At which events was CETS 201 discussed?",
        "events-discussing-instrument",
        {"instrument": ID + "instrument/cets-201"},
        ("event",),
        [("event/2009-03-10-strasbourg-octopus-conference",), ("event/2009-10-08-bucharest-seminar",)],
        "oct paragraph 4; upd carried-out row 7",
        ordered=True,
    ),
    Case(
        "At which events was the Convention on Cybercrime or one of its articles discussed?",
        "events-discussing-instrument",
        {},
        ("event", "discussed"),
        [
            ("event/2009-03-10-strasbourg-octopus-conference", "instrument/ets-185"),
            ("event/2009-03-10-strasbourg-octopus-conference", "instrument/ets-185-article-31"),
            ("event/2009-03-10-strasbourg-octopus-conference", "instrument/ets-185-article-9"),
            ("event/2009-09-16-luxembourg-meeting", "instrument/ets-185"),
            ("event/2009-10-05-geneva-workshop", "instrument/ets-185"),
            ("event/2009-10-06-vienna-meeting", "instrument/ets-185"),
            ("event/2009-10-08-bucharest-seminar", "instrument/ets-185"),
            ("event/2009-10-13-asuncion-workshop", "instrument/ets-185"),
            ("event/2009-10-14-paris-forum", "instrument/ets-185"),
            ("event/2009-10-16-buenos-aires-round-table", "instrument/ets-185"),
            ("event/2009-10-16-buenos-aires-visit", "instrument/ets-185"),
        ],
        "oct paragraphs 1, 4, 6; upd carried-out rows 1, 5, 6, 7, 9, 10, 11",
    ),
    # 6. Countries
    Case(
        "How is Argentina concerned by events?",
        "countries-concerned-by-events",
        {"country": ID + "country/AR"},
        ("event", "kind", "instrument"),
        [
            ("event/2009-10-16-buenos-aires-visit", "ckg:AccessionPromoted", "instrument/ets-185"),
            ("event/2009-10-16-buenos-aires-visit", "ckg:HostCountry", None),
            ("event/2009-10-16-buenos-aires-visit", "ckg:LegislationExamined", "instrument/ets-185"),
        ],
        "upd carried-out row 11 (promote accession; compliance of Argentinean legislation; Buenos Aires)",
    ),
    Case(
        "How is Romania concerned by events?",
        "countries-concerned-by-events",
        {"country": ID + "country/RO"},
        ("event", "kind", "instrument"),
        [
            ("event/2009-10-08-bucharest-seminar", "ckg:HostCountry", None),
            ("event/2009-10-08-bucharest-seminar", "ckg:ImplementationDiscussed", "instrument/ets-185"),
            ("event/2009-10-08-bucharest-seminar", "ckg:ImplementationDiscussed", "instrument/fd-2005-222-jha"),
        ],
        "upd carried-out row 7 (judges and prosecutors in Romania implementing the Convention and FD 2005/222)",
    ),
    Case(
        "How is Germany concerned by events?",
        "countries-concerned-by-events",
        {"country": ID + "country/DE"},
        ("event", "kind", "instrument"),
        [("event/2009-03-10-strasbourg-octopus-conference", "ckg:RatificationReported", "instrument/ets-185")],
        "oct paragraph 1 (ratification by Germany the day before the conference)",
    ),
    Case(
        "Which events did France host?",
        "countries-concerned-by-events",
        {"country": ID + "country/FR"},
        ("event", "kind"),
        [
            ("event/2009-03-10-strasbourg-octopus-conference", "ckg:HostCountry"),
            ("event/2009-09-strasbourg-approval", "ckg:HostCountry"),
            ("event/2009-09-21-strasbourg-meeting", "ckg:HostCountry"),
            ("event/2009-09-24-strasbourg-decision", "ckg:HostCountry"),
            ("event/2009-10-strasbourg-launch", "ckg:HostCountry"),
            ("event/2009-10-12-paris-meeting", "ckg:HostCountry"),
            ("event/2009-10-14-paris-forum", "ckg:HostCountry"),
        ],
        "oct title (Strasbourg); upd place column, carried-out rows 2, 3, 4, 8, 9, 12",
        ordered=True,
    ),
    Case(
        "Which countries' legislation did the Asunción workshop examine?",
        "countries-concerned-by-events",
        {},
        ("country",),
        [
            ("country/CR",),
            ("country/EC",),
            ("country/GT",),
            ("country/MX",),
            ("country/PE",),
            ("country/PY",),
            ("country/UY",),
        ],
        "upd carried-out row 10 (Costa Rica, Ecuador, Guatemala, Mexico, Paraguay, Peru, Uruguay)",
        where={"event": "event/2009-10-13-asuncion-workshop", "kind": "ckg:LegislationExamined"},
    ),
    # 7. Treaty actions
    Case(
        "What treaty actions did Germany take, in date order?",
        "treaty-actions",
        {"state": ID + "country/DE"},
        ("date", "instrument", "kind"),
        [
            ("2009-03-09", "instrument/ets-185", "ckg:Ratification"),
            ("2009-07-01", "instrument/ets-185", "ckg:EntryIntoForceForState"),
        ],
        "oct paragraph 1 (ratified the day before 10 March 2009); CoE Treaty Office chart of ETS 185 "
        "(entry into force for Germany)",
        ordered=True,
    ),
    Case(
        "Treaty actions on CETS 201",
        "treaty-actions",
        {"instrument": ID + "instrument/cets-201"},
        ("action",),
        [],
        "neither document reports a treaty action on CETS 201",
    ),
    # 8. Topics
    Case(
        "Which events dealt with cloud computing?",
        "events-by-topic",
        {},
        ("event",),
        [
            ("event/2009-03-10-strasbourg-octopus-conference",),
            ("event/2009-10-05-geneva-workshop",),
            ("event/2009-10-14-paris-forum",),
        ],
        "oct paragraph 7; upd carried-out rows 5 and 9",
        ordered=True,
    ),
    Case(
        "Which events dealt with criminal money flows?",
        "events-by-topic",
        {"topic": ID + "topic/criminal-money-flows"},
        ("event",),
        [
            ("event/2009-03-10-strasbourg-octopus-conference",),
            ("event/2009-09-21-strasbourg-meeting",),
            ("event/2009-09-24-strasbourg-decision",),
            ("event/2009-11-moneyval-typology-exercise",),
        ],
        "oct paragraph 5; upd carried-out rows 2 and 4",
        ordered=True,
    ),
    Case(
        "Which events dealt with training (judicial training included)?",
        "events-by-topic",
        {"topic": ID + "topic/training"},
        ("event",),
        [
            ("event/2009-03-10-strasbourg-launch-2centre",),
            ("event/2009-03-10-strasbourg-octopus-conference",),
            ("event/2009-09-strasbourg-approval",),
            ("event/2009-09-16-luxembourg-meeting",),
            ("event/2009-09-21-strasbourg-meeting",),
            ("event/2009-10-06-vienna-meeting",),
            ("event/2009-10-16-buenos-aires-visit",),
        ],
        "oct paragraph 3; upd carried-out rows 1, 2, 3, 6, 11",
        as_set=True,
    ),
    Case(
        "What was concluded or recommended on cloud computing?",
        "statements-by-topic",
        {},
        ("event", "paragraph", "kind"),
        [
            ("event/2009-03-10-strasbourg-octopus-conference", 7, "ckg:Conclusion"),
            ("event/2009-03-10-strasbourg-octopus-conference", 7, "ckg:Recommendation"),
            ("event/2009-03-10-strasbourg-octopus-conference", 7, "ckg:Recommendation"),
            ("event/2009-10-05-geneva-workshop", None, "ckg:Conclusion"),
            ("event/2009-10-14-paris-forum", None, "ckg:Conclusion"),
        ],
        "oct paragraph 7 (challenges; CoE should study; review data protection instruments); "
        "upd carried-out rows 5 and 9",
    ),
    # 9. Project
    Case(
        "What are the project's code, budget, threshold and duration?",
        "project-overview",
        {},
        ("code", "budgetMax", "threshold", "currency", "durationMonths", "start", "end", "instrument"),
        [
            ("DGHL/2009/2079", 1400000.0, 500000.0, "EUR", 28, "2009-03-01", "2011-06-30", "instrument/ets-185"),
            ("DGHL/2009/2079", 1400000.0, 500000.0, "EUR", 28, "2009-03-01", "2011-06-30", "instrument/ets-189"),
        ],
        "upd project data: Project title, Project area, Budget (up to EURO 1.4 million, threshold 500,000), "
        "Duration (28 months, 1 March 2009 - 30 June 2011)",
    ),
    Case(
        "Who funds the project?",
        "project-funding",
        {},
        ("funder", "kind", "budgetLine"),
        [
            ("organisation/council-of-europe", "ckg:OwnBudget", "Project 1429 – economic crime"),
            ("organisation/government-of-romania", "ckg:Contribution", None),
            ("organisation/mcafee", "ckg:Contribution", None),
            ("organisation/microsoft", "ckg:Contribution", None),
        ],
        "upd project data, row Funding; oct paragraph 2",
    ),
    Case(
        "What are the outputs and how many reported events served each?",
        "project-outputs",
        {},
        ("number", "events"),
        [(1, 12), (2, 6), (3, 4), (4, 4), (5, 6), (6, 5), (7, 5)],
        "upd project data rows Output 1-7; counted by hand from the output column of both activity tables "
        "(All counts for each)",
        ordered=True,
    ),
    # 10. Recommendations
    Case(
        "What did the Octopus conference recommend, and to whom?",
        "conference-statements",
        {},
        ("paragraph", "addressedTo"),
        [
            (1, "group/countries"),
            (2, "group/donors"),
            (4, "group/countries"),
            (4, "group/many-other-countries"),
            (4, None),
            (4, None),
            (5, "group/countries"),
            (5, "group/countries"),
            (6, "group/contact-points-24-7"),
            (6, "group/countries"),
            (6, "organisation/council-of-europe"),
            (6, "organisation/g8-high-tech-crime-subgroup"),
            (6, "project/global-project-on-cybercrime"),
            (6, None),
            (7, "organisation/council-of-europe"),
            (7, None),
        ],
        "oct paragraphs 1 (countries encouraged), 2 (other donors), 4 (many other countries to review Article 9, country profiles, "
        "new offences, ISP good practice), 5 (predicate offences, VoIP), 6 (contact points, CoE and G8, "
        "expedite MLA, direct cooperation, contact list), 7 (CoE to study cloud, review data protection)",
        where={"kind": "ckg:Recommendation"},
    ),
    # 11. Follow-ups
    Case(
        "Which events follow up or were prepared by an earlier one?",
        "follow-up-chains",
        {},
        ("later", "link", "earlier"),
        [
            ("event/2009-10-13-asuncion-workshop", "ckg:followsUp", "event/2008-bogota-workshop"),
            ("event/2009-11-moneyval-typology-exercise", "ckg:followsUp", "event/2009-09-24-strasbourg-decision"),
            ("event/2010-03-octopus-conference", "ckg:prepares", "event/2009-09-21-strasbourg-meeting"),
        ],
        "upd carried-out rows 10 (a follow up to the Bogota workshop of 2008), 4 (MONEYVAL decided the "
        "exercise), 2 (themes of the Octopus conference of March 2010 discussed)",
        ordered=True,
    ),
    # 12. Later treaty actions of countries whose accession was promoted
    Case(
        "Did Argentina take a treaty action on ETS 185 after the visit?",
        "accession-promotion-outcomes",
        {},
        ("event", "country", "action"),
        [],
        "upd carried-out row 11; neither document reports a later action by Argentina",
    ),
    # 13. Events per country and city
    Case(
        "How many events per country (held, planned)?",
        "events-per-country",
        {},
        ("country", "events", "heldEvents", "plannedEvents"),
        [
            ("country/FR", 7, 7, 0),
            ("country/BE", 2, 0, 2),
            ("country/AR", 1, 1, 0),
            ("country/AT", 1, 1, 0),
            ("country/AZ", 1, 0, 1),
            ("country/CA", 1, 0, 1),
            ("country/CO", 1, 1, 0),
            ("country/EG", 1, 0, 1),
            ("country/LU", 1, 1, 0),
            ("country/PY", 1, 1, 0),
            ("country/RO", 1, 1, 0),
            ("country/CH", 1, 1, 0),
            ("country/VN", 1, 0, 1),
        ],
        "upd place column of both tables (carried-out rows 1-12, planned rows 1-6), row 10 (Bogota 2008); "
        "oct title (Strasbourg)",
        ordered=True,
    ),
    Case(
        "How many events per city (held, planned)?",
        "events-per-city",
        {},
        ("city", "events", "heldEvents", "plannedEvents"),
        [
            ("city/strasbourg", 5, 5, 0),
            ("city/brussels", 2, 0, 2),
            ("city/paris", 2, 2, 0),
            ("city/asuncion", 1, 1, 0),
            ("city/baku", 1, 0, 1),
            ("city/bogota", 1, 1, 0),
            ("city/bucharest", 1, 1, 0),
            ("city/buenos-aires", 1, 1, 0),
            ("city/geneva", 1, 1, 0),
            ("city/hanoi", 1, 0, 1),
            ("city/luxembourg", 1, 1, 0),
            ("city/sharm-el-sheikh", 1, 0, 1),
            ("city/vancouver", 1, 0, 1),
            ("city/vienna", 1, 1, 0),
        ],
        "upd place column of both tables; oct title",
        ordered=True,
    ),
    # 14. Decisions and papers
    Case(
        "What was adopted, approved, agreed or decided, by whom and when?",
        "decisions",
        {},
        ("date", "kind", "object", "decidedBy", "partOf"),
        [
            ("2008-04", "ckg:Adoption", "instrument/le-isp-guidelines-2008", None, "event/2008-04-octopus-conference"),
            (
                "2009-09",
                "ckg:Approval",
                "document/concept-paper-judicial-training",
                "organisation/lisbon-network",
                None,
            ),
            (
                "2009-09-21",
                "ckg:Agreement",
                "project/global-project-on-cybercrime-phase-2",
                "organisation/project-planning-group",
                "event/2009-09-21-strasbourg-meeting",
            ),
            (
                "2009-09-24",
                "ckg:DecisionToAct",
                "event/2009-11-moneyval-typology-exercise",
                "organisation/moneyval",
                None,
            ),
        ],
        "oct paragraph 1 and upd output 3 (guidelines adopted April 2008); upd carried-out rows 2, 3, 4",
        ordered=True,
    ),
    Case(
        "Which papers, studies and networks were presented at events?",
        "documents-presented-at-events",
        {},
        ("event", "item", "kind"),
        [
            ("event/2009-09-16-luxembourg-meeting", "document/concept-paper-judicial-training", "ckg:ConceptPaper"),
            ("event/2009-09-16-luxembourg-meeting", "document/discussion-paper-24-7", "ckg:DiscussionPaper"),
            ("event/2009-09-16-luxembourg-meeting", "organisation/network-24-7", "ckg:Network"),
            ("event/2009-10-12-paris-meeting", "document/study-legislation-child-exploitation", "ckg:Study"),
        ],
        "upd carried-out rows 1 (24/7 Network, discussion paper, concept paper) and 8 (scope of the study); "
        "oct paragraph 3 says only that CYBEX has developed a model course, not that it was presented",
    ),
    # Reference data and structure
    Case(
        "Which instruments, with their identifiers and dates?",
        "instruments",
        {},
        ("instrument", "kind", "identifier", "openedForSignature", "adoptedOn", "entryIntoForce", "supplements"),
        [
            ("instrument/le-isp-guidelines-2008", "ckg:Guidelines", None, None, "2008-04", None, None),
            ("instrument/fd-2004-68-jha", "ckg:FrameworkDecision", "CELEX 32004F0068", None, "2003-12-22", None, None),
            ("instrument/fd-2005-222-jha", "ckg:FrameworkDecision", "CELEX 32005F0222", None, "2005-02-24", None, None),
            ("instrument/cets-201", "ckg:Convention", "CETS 201", "2007-10-25", None, "2010-07-01", None),
            ("instrument/ets-185", "ckg:Convention", "ETS 185", "2001-11-23", None, "2004-07-01", None),
            ("instrument/ets-189", "ckg:Protocol", "ETS 189", "2003-01-28", None, "2006-03-01", "instrument/ets-185"),
        ],
        "named in upd project data and carried-out row 7, oct paragraphs 1 and 4; numbers and dates from the "
        "CoE Treaty Office and EUR-Lex",
        ordered=True,
    ),
    Case(
        "Which organisations belong to which?",
        "organisation-hierarchy",
        {},
        ("organisation", "parent", "direct"),
        [
            ("organisation/council-of-the-eu", "organisation/european-union", True),
            ("organisation/dghl", "organisation/council-of-europe", True),
            ("organisation/economic-crime-division", "organisation/council-of-europe", False),
            ("organisation/economic-crime-division", "organisation/dghl", True),
            ("organisation/european-commission", "organisation/european-union", True),
            ("organisation/internet-focus-group", "organisation/european-commission", True),
            ("organisation/internet-focus-group", "organisation/european-union", False),
            ("organisation/lisbon-network", "organisation/council-of-europe", True),
            ("organisation/moneyval", "organisation/council-of-europe", True),
            ("organisation/oas-general-secretariat", "organisation/oas", True),
            ("organisation/oecd-wpisp", "organisation/oecd", True),
            ("organisation/taiex", "organisation/european-commission", True),
            ("organisation/taiex", "organisation/european-union", False),
        ],
        "upd project data row Implementation (division, DGHL, CoE), carried-out rows 1, 3, 4, 7, 8, 10",
    ),
    # Claims: each value of a fact with its own source (docs/model.md)
    Case(
        "Which values do the sources give for the facts of the Octopus conference of 2009 that have claims?",
        "fact-values",
        {"thing": ID + "event/2009-03-10-strasbourg-octopus-conference"},
        ("fact", "property", "value", "qualifier", "rank", "document", "claim"),
        [
            (
                "ckg:countryFigure",
                "ckg:countriesMoreThan",
                70,
                "ckg:MoreThan",
                "ckg:PreferredRank",
                "document/octopus-2009-summary",
                "claim/2009-03-10-strasbourg-octopus-conference--countries--octopus-2009-summary",
            ),
            (
                "ckg:participantFigure",
                "ckg:participantsMoreThan",
                280,
                "ckg:MoreThan",
                "ckg:PreferredRank",
                "document/octopus-2009-summary",
                "claim/2009-03-10-strasbourg-octopus-conference--participants--octopus-2009-summary",
            ),
        ],
        "oct introduction (more than 280 experts from more than 70 countries)",
        ordered=True,
    ),
    Case(
        "When was phase 2 planned to start and end?",
        "fact-values",
        {"thing": ID + "project/global-project-on-cybercrime-phase-2"},
        ("property", "value", "kind", "rank", "asWritten"),
        [
            ("https://schema.org/endDate", "2011-06-30", "ckg:PlannedValue", "ckg:PreferredRank", "30 June 2011"),
            ("https://schema.org/startDate", "2009-03-01", "ckg:PlannedValue", "ckg:PreferredRank", "1 March 2009"),
        ],
        "upd project data row Duration (28 months, 1 March 2009 - 30 June 2011)",
        ordered=True,
    ),
    Case(
        "Which events mention Argentina by name?",
        "search-events",
        {"text": "ARGENTIN"},
        ("event",),
        [("event/2009-10-16-buenos-aires-round-table",), ("event/2009-10-16-buenos-aires-visit",)],
        "upd carried-out row 11 (visit to Argentina; round table on Argentinean legislation)",
        ordered=True,
    ),
    # 15. The record: persons, projects, the full treaty record (issue 16). The curated graph holds only the
    # seed's facts; tests/test_later_facts_record.py runs the same queries after the later facts are added.
    Case(
        "Who presented on criminal money at an event?",
        "presenters-on-subject",
        {"subject": ID + "topic/criminal-money-flows"},
        ("presenter",),
        [],
        "neither document names a person who presented",
    ),
    Case(
        "Which countries does a project name as priority or beneficiary countries?",
        "project-countries",
        {},
        ("project", "country"),
        [],
        "neither document names a priority or beneficiary country of a project",
    ),
    Case(
        "Through which renamings did the Economic Crime Division pass?",
        "organisation-history",
        {},
        ("change",),
        [],
        "neither document reports a renaming (upd project data row Implementation names the Economic Crime Division)",
    ),
    Case(
        "Which phases does the Global Project on Cybercrime have, in order?",
        "project-phases",
        {},
        ("phase", "phaseNumber", "start", "end", "followedBy"),
        [("project/global-project-on-cybercrime-phase-2", 2, "2009-03-01", "2011-06-30", None)],
        "upd project data rows Project title and Duration (phase 2, 1 March 2009 - 30 June 2011)",
        ordered=True,
    ),
    Case(
        "Which states were Parties to ETS 185 at the end of 2009, from the treaty record?",
        "parties-as-of",
        {"date": "2009-12-31"},
        ("state", "partySince", "consent", "consentKind", "source"),
        [
            (
                "country/DE",
                "2009-07-01",
                "treaty-action/DE-ets-185-ratification",
                "ckg:Ratification",
                "source/coe-treaty-office-ets-185",
            )
        ],
        "CoE Treaty Office chart of ETS 185 (entry into force for Germany, 1 July 2009); oct paragraph 1",
        ordered=True,
    ),
    Case(
        "Which states were Parties to ETS 185 in June 2009, before Germany's entry into force?",
        "parties-as-of",
        {"date": "2009-06"},
        ("state",),
        [],
        "CoE Treaty Office chart of ETS 185: in force for Germany from 1 July 2009",
    ),
    Case(
        "Every treaty action of Germany",
        "state-treaty-record",
        {"country": ID + "country/DE"},
        ("date", "record", "kind", "source"),
        [
            (
                "2009-03-09",
                "treaty-action/DE-ets-185-ratification",
                "ckg:Ratification",
                "source/coe-treaty-office-ets-185",
            ),
            (
                "2009-03-09",
                "treaty-action/DE-ets-185-ratification",
                "ckg:Ratification",
                "source/octopus-2009-summary/paragraph-1",
            ),
            (
                "2009-07-01",
                "treaty-action/DE-ets-185-entry-into-force",
                "ckg:EntryIntoForceForState",
                "source/coe-treaty-office-ets-185",
            ),
        ],
        "oct paragraph 1 (ratification); CoE Treaty Office chart of ETS 185 (ratification, entry into force)",
        ordered=True,
    ),
    Case(
        "How many Parties did ETS 185 have, as sources count them?",
        "party-counts",
        {},
        ("asOf", "parties"),
        [],
        "neither document counts the Parties to ETS 185",
    ),
]


@pytest.mark.parametrize("case", COMPETENCY, ids=lambda case: case.id)
def test_competency_question(store, case: Case) -> None:
    result = run(store, find_query(case.query), case.params)
    actual = project(result, case.columns, case.where)
    if case.ordered:
        assert actual == case.expected, case.source
    elif case.as_set:
        assert set(actual) == set(case.expected), case.source
    else:
        key = repr
        assert sorted(actual, key=key) == sorted(case.expected, key=key), case.source


def test_every_library_query_is_in_the_competency_table() -> None:
    assert {query.name for query in list_queries()} == {case.query for case in COMPETENCY}


def test_later_treaty_actions_are_joined_to_the_promoted_country_and_instrument() -> None:
    """Fictitious fixture: only actions of the promoted country, on the promoted instrument, from the visit day."""
    from pathlib import Path

    from cyberkg.store.loading import load_store

    fixture = Path(__file__).parent / "queries" / "accession-outcomes.ttl"
    result = run(
        load_store(files=[fixture]),
        find_query("accession-promotion-outcomes"),
        {"instrument": "http://example.org/fixture/instrument"},
    )
    assert [
        (row[result.columns.index("action")].value, row[result.columns.index("date")].value) for row in result.rows
    ] == [
        ("http://example.org/fixture/accession-same-day", "2009-10-16"),
        ("http://example.org/fixture/accession-after", "2011-02-01"),
    ]
