"""Treaty-action items: "Germany ratified the Additional Protocol on Xenophobia and Racism (10 June 2011, Strasbourg)".

A title names the state, the act (signed, ratified, acceded to), the instrument and, in brackets, the day
and place of the act (either order). The state is matched to a country, the instrument to one the graph
holds (by its name, short name or treaty number); what cannot be matched is said in a review note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberkg.reader.dates import DateError, parse_full_date
from cyberkg.reader.gazetteer import Gazetteer
from cyberkg.reader.normalising import matching_key

TREATY_ACTION = "https://w3id.org/cyberkg/id/treaty-action/"
INSTRUMENT = "https://w3id.org/cyberkg/id/instrument/"

_TITLE = re.compile(
    r"^(?P<state>[A-Z][^()]*?)\s+(?P<verb>ratified|acceded\s+to|signed)\s+(?:the\s+)?(?P<instrument>[^()]+?)"
    r"\s*\((?P<inside>[^()]+)\)\s*$"
)
ACTION_KINDS = {"ratified": "Ratification", "acceded to": "Accession", "signed": "Signature"}

# matching key of a name, short name or treaty number -> instrument slug (graph/reference/instruments.ttl)
_INSTRUMENTS = {
    "convention on cybercrime": ("ets-185", "Convention on Cybercrime"),
    "budapest convention": ("ets-185", "Convention on Cybercrime"),
    "ets 185": ("ets-185", "Convention on Cybercrime"),
    "cets 185": ("ets-185", "Convention on Cybercrime"),
    "additional protocol on xenophobia and racism": ("ets-189", "Protocol on Xenophobia and Racism"),
    "protocol on xenophobia and racism": ("ets-189", "Protocol on Xenophobia and Racism"),
    "protocol on racism and xenophobia": ("ets-189", "Protocol on Xenophobia and Racism"),
    "additional protocol": ("ets-189", "Protocol on Xenophobia and Racism"),
    "ets 189": ("ets-189", "Protocol on Xenophobia and Racism"),
    "cets 189": ("ets-189", "Protocol on Xenophobia and Racism"),
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


def draft_treaty_action(
    parts: TreatyTitle, gazetteer: Gazetteer, passage_iri: str
) -> tuple[DraftTreatyAction | None, str | None]:
    """The treaty action a title states, or None and why it cannot be drafted."""
    country = gazetteer.country_code(parts.state)
    if country is None:
        return None, f"{parts.state!r} is not a country the reference data names"
    known = _INSTRUMENTS.get(matching_key(parts.instrument))
    if known is None:
        return None, f"the instrument {parts.instrument!r} is not one the graph holds (ETS 185, ETS 189)"
    try:
        day = parse_full_date(parts.date_text)
    except DateError as error:
        return None, f"the day of the act cannot be read: {error}"
    kind = ACTION_KINDS[parts.verb]
    slug, name = known
    label = f"{kind} of the {name} by {parts.state}"
    iri = f"{TREATY_ACTION}{country}-{slug}-{kind.lower()}"
    return DraftTreatyAction(iri, label, country, INSTRUMENT + slug, kind, day.isoformat(), passage_iri), None
