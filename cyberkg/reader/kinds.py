"""The kind of an event, guessed from its title: meeting, conference, workshop, seminar, visit, forum...

The guess looks for kind words (English and French) in the title, quoted names left out. The head of a
title comes before its first preposition ("Second meeting of ...", "Forum on ..."), so the last kind word
there wins; failing that, the first kind word after it. Some words only add a kind: "conference call"
makes a meeting also a conference call, "newsletter" makes a launch also a publication. With no kind
word the event stays a plain ckg:Event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberkg.reader.iris import strip_accents

# kind word -> (ontology class local name, language of the word)
HEAD_WORDS: dict[str, tuple[str, str]] = {
    "meeting": ("Meeting", "en"),
    "meetings": ("Meeting", "en"),
    "working party": ("Meeting", "en"),
    "plenary": ("Meeting", "en"),
    "reunion": ("Meeting", "fr"),
    "conference": ("Conference", "en"),
    "congress": ("Conference", "en"),
    "summit": ("Conference", "en"),
    "symposium": ("Conference", "en"),
    "congres": ("Conference", "fr"),
    "workshop": ("Workshop", "en"),
    "atelier": ("Workshop", "fr"),
    "seminar": ("Seminar", "en"),
    "seminaire": ("Seminar", "fr"),
    "forum": ("Forum", "en"),
    "visit": ("Visit", "en"),
    "mission": ("Visit", "en"),
    "visite": ("Visit", "fr"),
    "round table": ("RoundTable", "en"),
    "roundtable": ("RoundTable", "en"),
    "table ronde": ("RoundTable", "fr"),
    "launch": ("Launch", "en"),
    "launching": ("Launch", "en"),
    "launched": ("Launch", "en"),
    "lancement": ("Launch", "fr"),
    "publication": ("Publication", "en"),
    "published": ("Publication", "en"),
    "approved": ("Decision", "en"),
    "adopted": ("Decision", "en"),
    "decided": ("Decision", "en"),
    "approval": ("Decision", "en"),
    "adoption": ("Decision", "en"),
    "decision": ("Decision", "en"),
    "typology exercise": ("TypologyExercise", "en"),
}
# words that add a kind, and the kind they stand for when the title has no head word
ADDED_WORDS: dict[str, tuple[str, str]] = {
    "conference call": ("ConferenceCall", "Meeting"),
    "video conference": ("ConferenceCall", "Meeting"),
    "videoconference": ("ConferenceCall", "Meeting"),
    "teleconference": ("ConferenceCall", "Meeting"),
    "newsletter": ("Publication", "Publication"),
    "bulletin": ("Publication", "Publication"),
}
# Kinds whose shapes require what only a curator can add: the draft names the guess in a note and types
# the event as a plain ckg:Event, so that it validates.
COMPLETED_BY_CURATOR = {
    "Decision": "ckg:decisionKind and ckg:decisionObject",
    "TypologyExercise": "ckg:carriedOutBy",
}
PREPOSITIONS = (
    "of",
    "on",
    "for",
    "to",
    "in",
    "with",
    "at",
    "against",
    "about",
    "between",
    "via",
    "by",
    "de",
    "du",
    "des",
    "sur",
    "pour",
)

_WORDS = sorted([*HEAD_WORDS, *ADDED_WORDS], key=len, reverse=True)
_WORD = re.compile(r"\b(" + "|".join(re.escape(word) for word in _WORDS) + r")\b")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
_PREPOSITION = re.compile(r"\b(?:" + "|".join(PREPOSITIONS) + r")\b")


@dataclass(frozen=True)
class KindGuess:
    """The classes to type an event with (the first, main one is named in its IRI) and the language."""

    classes: tuple[str, ...]
    language: str = "en"

    @property
    def draft_classes(self) -> tuple[str, ...]:
        """The classes the draft types the event with (see COMPLETED_BY_CURATOR)."""
        return tuple(name for name in self.classes if name not in COMPLETED_BY_CURATOR) or ("Event",)

    @property
    def slug(self) -> str:
        """The main class as an IRI part: ConferenceCall -> conference-call."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", self.classes[0]).lower()


def guess_kind(title: str) -> KindGuess:
    text = _QUOTED.sub(" ", strip_accents(title).lower())
    found = [(match.start(), match.group(1)) for match in _WORD.finditer(text)]
    heads = [(position, word) for position, word in found if word in HEAD_WORDS]
    added = [word for _, word in found if word in ADDED_WORDS]
    preposition = _PREPOSITION.search(text)
    head_end = preposition.start() if preposition else len(text)
    before = [entry for entry in heads if entry[0] < head_end]
    head = before[-1][1] if before else heads[0][1] if heads else None
    classes: list[str] = []
    language = "en"
    if head is not None:
        classes.append(HEAD_WORDS[head][0])
        language = HEAD_WORDS[head][1]
    for word in added:
        added_class, main_class = ADDED_WORDS[word]
        if not classes:
            classes.append(main_class)
        if added_class not in classes:
            classes.append(added_class)
    return KindGuess(tuple(classes) or ("Event",), language)
