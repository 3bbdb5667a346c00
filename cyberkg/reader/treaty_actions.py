"""Treaty-action items: "Germany ratified the Additional Protocol on Xenophobia and Racism (10 June 2011, Strasbourg)".

A title names the state, the act (signed, ratified, acceded to), the instrument and, in brackets, the day
and place of the act (either order). The state is matched to a country, the instrument to one the graph
holds (by its name, short name or treaty number); what cannot be matched is said in a review note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cyberkg.rdf.namespaces import ID
from cyberkg.reader.dates import DateError, parse_full_date
from cyberkg.reader.gazetteer import Gazetteer
from cyberkg.reader.iris import COUNTRY, TREATY_ACTION
from cyberkg.reader.reference import Reference
from cyberkg.reader.resolving import Resolution, candidates_text

_TITLE = re.compile(
    r"^(?P<state>[A-Z][^()]*?)\s+(?P<verb>ratified|acceded\s+to|signed)\s+(?:the\s+)?(?P<instrument>[^()]+?)"
    r"\s*\((?P<inside>[^()]+)\)\s*$"
)
ACTION_KINDS = {
    "ratified": "Ratification",
    "acceded to": "Accession",
    "signed": "Signature",
    "invited to accede to": "InvitationToAccede",
    "entered into force for": "EntryIntoForceForState",
}
# the IRI slug and label word of each kind (graph/octopus-2009.ttl: DE-ets-185-entry-into-force)
KIND_SLUGS = {
    "Ratification": "ratification",
    "Accession": "accession",
    "Signature": "signature",
    "InvitationToAccede": "invitation-to-accede",
    "EntryIntoForceForState": "entry-into-force",
}
KIND_WORDS = {
    "Ratification": "Ratification",
    "Accession": "Accession",
    "Signature": "Signature",
    "InvitationToAccede": "Invitation to accede",
    "EntryIntoForceForState": "Entry into force",
}


@dataclass
class DraftTreatyAction:
    iri: str
    label: str
    state: str  # alpha-2
    instrument: str  # IRI
    kind: str  # ckg: concept local name
    day: str  # ISO date
    passage_iri: str
    line: int | None = None
    follows: str | None = None  # the IRI of the action this one follows (an entry into force, its ratification)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TreatyTitle:
    state: str
    verb: str
    instrument: str
    date_text: str
    place: str


def read_treaty_title(title: str) -> TreatyTitle | None:
    """The parts of a treaty-action title, or None if the title is not one."""
    match = _TITLE.match(title.strip())
    if not match:
        return None
    inside = [part.strip() for part in match.group("inside").split(",")]
    date_text, place = inside[0], ", ".join(inside[1:])
    if not re.search(r"\d{4}$", date_text):  # (place, date)
        date_text, place = inside[-1], ", ".join(inside[:-1])
    verb = re.sub(r"\s+", " ", match.group("verb"))
    return TreatyTitle(match.group("state").strip(), verb, match.group("instrument").strip(), date_text, place)


def treaty_action(
    state: Resolution,
    instrument: Resolution,
    kind: str,
    day: date,
    passage_iri: str,
    reference: Reference,
    line: int | None = None,
) -> DraftTreatyAction:
    """The draft treaty action of a resolved state and instrument: IRI as the curated graph names them."""
    assert state.iri is not None and instrument.iri is not None
    country = state.iri[len(COUNTRY) :]
    slug = instrument.iri.rsplit("/", 1)[-1]
    title = reference.instrument_titles.get(instrument.iri, slug)
    state_name = state.written.strip().strip("*").strip()
    if state.how.startswith("fuzzy") and state.matched_name:
        state_name = state.matched_name  # the graph's spelling, not the misspelt one
    label = f"{KIND_WORDS[kind]} of the {title} by {state_name}"
    if kind == "EntryIntoForceForState":
        label = f"Entry into force of the {title} for {state_name}"
    if kind == "InvitationToAccede":
        label = f"Invitation to {state_name} to accede to the {title}"
    iri = f"{TREATY_ACTION}{country}-{slug}-{KIND_SLUGS[kind]}"
    notes = [f"{found.describe()}" for found in (state, instrument) if not found.is_exact]
    return DraftTreatyAction(iri, label, country, instrument.iri, kind, day.isoformat(), passage_iri, line, notes=notes)


def draft_treaty_action(
    parts: TreatyTitle,
    gazetteer: Gazetteer,
    reference: Reference,
    passage_iri: str,
    line: int | None = None,
    resolutions: list[Resolution] | None = None,
) -> tuple[DraftTreatyAction | None, str | None]:
    """The treaty action a title states, or None and why it cannot be drafted."""
    state = gazetteer.resolve_country(parts.state, line)
    instrument = reference.instrument_index.resolve(parts.instrument, line)
    if resolutions is not None:
        resolutions += [state, instrument]
    if state.iri is None:
        return None, f"{parts.state!r} is not a country the reference data names{candidates_text(state)}"
    if instrument.iri is None:
        return None, f"the instrument {parts.instrument!r} is not one the graph holds{candidates_text(instrument)}"
    try:
        day = parse_full_date(parts.date_text)
    except DateError as error:
        return None, f"the day of the act cannot be read: {error}"
    return treaty_action(state, instrument, ACTION_KINDS[parts.verb], day, passage_iri, reference, line), None


def invitation_iri(action: DraftTreatyAction) -> str:
    """An invitation to accede is a decision (an event), named as the curated graph names decisions."""
    slug = action.instrument.rsplit("/", 1)[-1]
    return f"{ID}event/{action.day}-invitation-{action.state.lower()}-{slug}"
