"""Projections of the knowledge graph onto networks, counted in the store.

Each projection is a named choice of two kinds of node and of what links them.
The links are found and counted by SPARQL on the Oxigraph store (``GROUP BY``,
``COUNT(DISTINCT ...)``), so that even the organisation–organisation network
of a million-triple graph is counted by the engine and not by networkx's
bipartite projection; networkx only holds the result.

Organisations and events are linked by every way the graph says an organisation
took part in an event: a ``ckg:participation`` (its ``ckg:role``: organiser, host,
presenter, facilitator, participant), and ``ckg:meetingOf`` ("meeting of"),
``ckg:decidedBy`` ("decided by") and ``ckg:carriedOutBy`` ("carried out by"). Two more kinds of link
are on by default and can be switched off (:class:`AgentLinks`):

- "activity of its project": an event that is ``ckg:activityOf`` a project is linked to the organisation
  that implements the project (``ckg:implementedBy``) and to every organisation that unit belongs to
  (``org:subOrganizationOf``, any depth), so the Council of Europe is linked to its own project's activities;
- "in a part of it": an organisation that took part in a part of an event (``ckg:partOf``: a round table
  within a visit) is linked to the larger event as well.

And, also on by default, bodies fold into the organisations they belong to: what MONEYVAL or the Lisbon
Network did counts for the Council of Europe too, as the library queries count it (``fold_bodies``).
``ckg:mentionsOrganisation`` is not a link: the source says the organisation was
discussed, not that it took part.

Stakeholder groups (``ckg:StakeholderGroup``, such as "private sector" or
"experts") are left out of the organisation projections by default: a group is a
class of actors named together, not one body, so sharing an event with it says
nothing about who works with whom. ``include_groups=True`` adds them, with the kind
"stakeholder group".

Every edge has ``role`` (the kinds of link, joined with "; "), ``weight`` (the
number of distinct events, or events and treaty actions, behind it) and
``source_rows`` (the ``ckg:location`` of the passages it rests on, joined with
" | "), with ``source_count``. Node attributes are described in
:mod:`cyberkg.network.attributes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.network.attributes import LIST_SEPARATOR, node_attributes
from cyberkg.network.filters import EventFilter
from cyberkg.rdf.namespaces import sparql_prefixes
from cyberkg.rdf.results import select_solutions

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pyoxigraph

PREFIXES = sparql_prefixes("ckg", "rdfs", "skos", "prov", "org")

ROLE_SEPARATOR = "; "


@dataclass(frozen=True)
class Projection:
    """One way of turning the graph into a network: the kinds of its two ends and what links them."""

    name: str
    source_kind: str
    target_kind: str
    summary: str

    @property
    def bipartite(self) -> bool:
        return self.source_kind != self.target_kind


PROJECTIONS: dict[str, Projection] = {
    projection.name: projection
    for projection in (
        Projection(
            "organisation-event",
            "organisation",
            "event",
            "organisations and the events they took part in, with their roles",
        ),
        Projection(
            "organisation-organisation",
            "organisation",
            "organisation",
            "organisations linked by the events they shared, weighted by how many",
        ),
        Projection(
            "country-event", "country", "event", "countries and the events that concerned them or took place in them"
        ),
        Projection(
            "country-instrument",
            "country",
            "instrument",
            "countries and instruments, through events' country involvements and treaty actions",
        ),
        Projection("event-output", "event", "output", "events and the project outputs they served"),
        Projection(
            "instrument-event", "instrument", "event", "instruments (and articles) and the events that discussed them"
        ),
    )
}


def projection_named(name: str) -> Projection:
    """The projection of that name, or InputError listing the known ones."""
    try:
        return PROJECTIONS[name]
    except KeyError:
        raise InputError(f"unknown projection {name!r}; known: {', '.join(PROJECTIONS)}") from None


# --------------------------------------------------------------------------------------------------
# Query building blocks
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassSets:
    """The classes whose members count as events and as agents, read from the ontology in the store.

    Listing them once and joining on ``rdf:type`` is far faster than a
    ``rdf:type/rdfs:subClassOf*`` path for every row.
    """

    events: tuple[str, ...]
    organisations: tuple[str, ...]
    groups: tuple[str, ...]

    @classmethod
    def read(cls, store: pyoxigraph.Store) -> ClassSets:
        def below(root: str) -> tuple[str, ...]:
            query = f"{PREFIXES}SELECT ?class WHERE {{ ?class rdfs:subClassOf* {root} }}"
            return tuple(sorted({solution["class"].value for solution in select_solutions(store, query)}))

        return cls(below("ckg:Event"), below("ckg:Organisation"), below("ckg:StakeholderGroup"))

    def event_join(self, variable: str) -> str:
        """Keep ``variable`` to events (a join: put it after a DISTINCT sub-select, never before)."""
        return f"{variable} a ?eventClass . VALUES ?eventClass {{ {_iris(self.events)} }}"

    def agent_join(self, variable: str, include_groups: bool) -> str:
        """Keep ``variable`` to organisations (and stakeholder groups when asked)."""
        classes = self.organisations + (self.groups if include_groups else ())
        return f"{variable} a ?agentClass . VALUES ?agentClass {{ {_iris(classes)} }}"


@dataclass(frozen=True)
class AgentLinks:
    """Which agents and which kinds of link the organisation projections count."""

    include_groups: bool = False
    project_activities: bool = True
    event_parts: bool = True
    fold_bodies: bool = True


def _iris(iris: tuple[str, ...]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


# The links are selected first (DISTINCT sub-selects) and only then joined with the class
# lists: Oxigraph keeps that order, and on a million triples it is the difference between
# about a second and several minutes.


def _organisation_links(event: str, agent: str, with_roles: bool, links: AgentLinks) -> str:
    """Every way the graph links an agent to an event; binds ?role and ?evidence when asked.

    With ``links.fold_bodies`` what a body did (MONEYVAL, the Lisbon Network, a division) counts for every
    organisation it belongs to as well (``org:subOrganizationOf``, any depth), as the queries count it.
    """
    if links.fold_bodies:
        return f"""{{ {
            _organisation_links(
                event,
                "?actor",
                with_roles,
                AgentLinks(links.include_groups, links.project_activities, links.event_parts, fold_bodies=False),
            )
        } }}
    ?actor org:subOrganizationOf* {agent} ."""

    def role(text: str, evidence: str = event) -> str:
        return f'BIND("{text}" AS ?role) BIND({evidence} AS ?evidence)' if with_roles else ""

    participation = "?evidence" if with_roles else "?participation"
    participation_role = (
        "?evidence ckg:role/skos:prefLabel ?roleLabel . BIND(STR(?roleLabel) AS ?role)" if with_roles else ""
    )
    patterns = f"""{{ {event} ckg:participation {participation} . {participation} ckg:agent {agent} .
      {participation_role} }}
    UNION {{ {event} ckg:meetingOf {agent} . {role("meeting of")} }}
    UNION {{ {event} ckg:decidedBy {agent} . {role("decided by")} }}
    UNION {{ {event} ckg:carriedOutBy {agent} . {role("carried out by")} }}"""
    if links.project_activities:
        patterns += f"""
    UNION {{ {event} ckg:activityOf ?project . ?project ckg:implementedBy ?unit .
      ?unit org:subOrganizationOf* {agent} . {role("activity of its project")} }}"""
    if links.event_parts:
        patterns += f"""
    UNION {{ ?part ckg:partOf {event} ; ckg:participation ?partParticipation .
      ?partParticipation ckg:agent {agent} . {role("in a part of it", "?part")} }}"""
    return patterns


def _links_of_kind(classes: ClassSets, event_filter: EventFilter | None, links: AgentLinks, agent: str) -> str:
    """A sub-select of the distinct (event, agent) pairs, agents and events checked by class."""
    constraints = event_filter.event_sparql("?event") if event_filter else ""
    return f"""{{ SELECT DISTINCT ?event {agent} WHERE {{
    {{ SELECT DISTINCT ?event {agent} WHERE {{
      {_organisation_links("?event", agent, with_roles=False, links=links)}
      {constraints}
    }} }}
    {classes.event_join("?event")}
    {classes.agent_join(agent, links.include_groups)}
  }} }}"""


def _bipartite_query(pattern: str, checks: str) -> str:
    """Group the rows (?a ?b ?role ?link ?evidence) of ``pattern`` into one edge per pair."""
    return f"""{PREFIXES}
SELECT ?a ?b (COUNT(DISTINCT ?link) AS ?weight)
       (GROUP_CONCAT(DISTINCT ?role; separator="\\n") AS ?roles)
       (GROUP_CONCAT(DISTINCT ?location; separator="\\n") AS ?sources)
WHERE {{
  {{ SELECT DISTINCT ?a ?b ?role ?link ?evidence WHERE {{
    {pattern}
  }} }}
  {checks}
  OPTIONAL {{ ?evidence prov:wasDerivedFrom/ckg:location ?location }}
}}
GROUP BY ?a ?b
"""


def organisation_event_query(classes: ClassSets, event_filter: EventFilter, links: AgentLinks) -> str:
    return _bipartite_query(
        f"""{_organisation_links("?b", "?a", with_roles=True, links=links)}
    BIND(?b AS ?link)
    {event_filter.event_sparql("?b")}""",
        f"{classes.event_join('?b')}\n  {classes.agent_join('?a', links.include_groups)}",
    )


def organisation_organisation_query(classes: ClassSets, event_filter: EventFilter, links: AgentLinks) -> str:
    return f"""{PREFIXES}
SELECT ?a ?b (COUNT(DISTINCT ?event) AS ?weight) ("shared events" AS ?roles)
       (GROUP_CONCAT(DISTINCT ?location; separator="\\n") AS ?sources)
WHERE {{
  {_links_of_kind(classes, event_filter, links, "?a")}
  {_links_of_kind(classes, None, links, "?b")}
  FILTER(STR(?a) < STR(?b))
  OPTIONAL {{ ?event prov:wasDerivedFrom/ckg:location ?location }}
}}
GROUP BY ?a ?b
"""


def country_event_query(classes: ClassSets, event_filter: EventFilter, links: AgentLinks) -> str:
    return _bipartite_query(
        f"""{{ ?b ckg:countryInvolvement ?evidence . ?evidence ckg:country ?a ;
        ckg:involvementKind/skos:prefLabel ?kindLabel . BIND(STR(?kindLabel) AS ?role) }}
    UNION
    {{ ?b ckg:place/ckg:inCountry ?a . ckg:HostCountry skos:prefLabel ?kindLabel .
       BIND(STR(?kindLabel) AS ?role) BIND(?b AS ?evidence) }}
    BIND(?b AS ?link)
    {event_filter.event_sparql("?b")}""",
        classes.event_join("?b"),
    )


def country_instrument_query(classes: ClassSets, event_filter: EventFilter, links: AgentLinks) -> str:
    involvements = f"""{{
      {{ SELECT DISTINCT ?a ?b ?role ?link ?evidence WHERE {{
        ?link ckg:countryInvolvement ?evidence . ?evidence ckg:country ?a ; ckg:instrument ?b ;
          ckg:involvementKind/skos:prefLabel ?kindLabel . BIND(STR(?kindLabel) AS ?role)
        {event_filter.event_sparql("?link")}
      }} }}
      {classes.event_join("?link")}
    }}"""
    if not event_filter.admits_treaty_actions:
        return _bipartite_query(involvements, "")
    treaty_actions = f"""{{ ?link a ckg:TreatyAction ; ckg:state ?a ; ckg:instrument ?b ;
        ckg:actionKind/skos:prefLabel ?kindLabel . BIND(STR(?kindLabel) AS ?role) BIND(?link AS ?evidence)
      {event_filter.treaty_action_sparql("?link", "?b")} }}"""
    return _bipartite_query(f"{involvements}\n    UNION\n    {treaty_actions}", "")


def event_output_query(classes: ClassSets, event_filter: EventFilter, links: AgentLinks) -> str:
    return _bipartite_query(
        f"""?a ckg:servesOutput ?b .
    BIND("serves output" AS ?role) BIND(?a AS ?evidence) BIND(?a AS ?link)
    {event_filter.event_sparql("?a")}""",
        classes.event_join("?a"),
    )


def instrument_event_query(classes: ClassSets, event_filter: EventFilter, links: AgentLinks) -> str:
    return _bipartite_query(
        f"""?b ckg:discussesInstrument ?a .
    BIND("discussed" AS ?role) BIND(?b AS ?evidence) BIND(?b AS ?link)
    {event_filter.event_sparql("?b")}""",
        classes.event_join("?b"),
    )


QUERY_BUILDERS = {
    "organisation-event": organisation_event_query,
    "organisation-organisation": organisation_organisation_query,
    "country-event": country_event_query,
    "country-instrument": country_instrument_query,
    "event-output": event_output_query,
    "instrument-event": instrument_event_query,
}


# --------------------------------------------------------------------------------------------------
# Building the network
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeRow:
    """One edge as the store counted it."""

    source: str
    target: str
    weight: int
    roles: tuple[str, ...]
    source_rows: tuple[str, ...]


def edge_rows(
    store: pyoxigraph.Store, projection: Projection, event_filter: EventFilter, links: AgentLinks | None = None
) -> list[EdgeRow]:
    """The projection's edges, counted by the store, in a stable order."""
    query = QUERY_BUILDERS[projection.name](ClassSets.read(store), event_filter, links or AgentLinks())
    rows = []
    for solution in select_solutions(store, query):
        roles = solution["roles"]
        sources = solution["sources"]
        rows.append(
            EdgeRow(
                source=solution["a"].value,
                target=solution["b"].value,
                weight=int(solution["weight"].value),
                roles=_split(roles.value if roles is not None else ""),
                source_rows=_split(sources.value if sources is not None else ""),
            )
        )
    return sorted(rows, key=lambda row: (row.source, row.target))


def _split(joined: str) -> tuple[str, ...]:
    return tuple(sorted({item for item in joined.split("\n") if item}))


def build_network(
    store: pyoxigraph.Store,
    name: str,
    event_filter: EventFilter | None = None,
    include_groups: bool = False,
    *,
    project_activities: bool = True,
    event_parts: bool = True,
    fold_bodies: bool = True,
) -> networkx.Graph:
    """The network of projection ``name`` over the events that ``event_filter`` selects.

    ``include_groups``, ``project_activities``, ``event_parts`` and ``fold_bodies`` choose the agents and the
    kinds of link of the organisation projections (see the module's description and :class:`AgentLinks`).

    Node keys are IRIs. Only nodes with at least one edge appear.
    """
    import networkx

    projection = projection_named(name)
    event_filter = event_filter or EventFilter()
    rows = edge_rows(
        store, projection, event_filter, AgentLinks(include_groups, project_activities, event_parts, fold_bodies)
    )
    kinds: dict[str, str] = {}
    for row in rows:
        kinds.setdefault(row.source, projection.source_kind)
        kinds.setdefault(row.target, projection.target_kind)
    attributes = node_attributes(store, kinds)
    graph: networkx.Graph[str] = networkx.Graph(
        projection=projection.name,
        summary=projection.summary,
        bipartite=projection.bipartite,
        filters=event_filter.describe(),
    )
    # the projection's source kind first, so that edges read source -> target (organisation -> event)
    for iri in sorted(kinds, key=lambda iri: (kinds[iri] != projection.source_kind, iri)):
        graph.add_node(iri, **attributes[iri])
    for row in rows:
        graph.add_edge(
            row.source,
            row.target,
            role=ROLE_SEPARATOR.join(row.roles),
            weight=row.weight,
            source_rows=LIST_SEPARATOR.join(row.source_rows),
            source_count=len(row.source_rows),
        )
    return graph
