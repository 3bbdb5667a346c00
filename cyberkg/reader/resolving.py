"""Names as a report writes them to the nodes the graph already holds, with how each was matched.

A :class:`NameIndex` holds the names of one kind of node (labels in every language, short names, other
names, codes). A written name is tried, in order:

1. as it stands, compared after case, accents, punctuation and spacing are left out ("exact");
2. without a bracketed part, and the bracketed part alone: "Council of Europe (CoE)" ("without brackets");
3. its part before the first comma: "Buenos Aires, Argentina" ("before the comma");
4. against every name by edit-distance similarity (rapidfuzz's ``ratio``, 0-100), for names of at least
   :data:`FUZZY_MIN_LENGTH` characters, at or above the index's threshold, and only when no other node comes
   within :data:`AMBIGUITY_MARGIN` of the best ("fuzzy NN").

What none of these resolves is returned unresolved with its best candidates: never invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cyberkg.reader.iris import name_key

FUZZY_THRESHOLD = 90.0
FUZZY_MIN_LENGTH = 5
AMBIGUITY_MARGIN = 3.0
CANDIDATES = 3
CANDIDATE_FLOOR = 60.0  # names less like the written one than this are not offered as candidates

_BRACKETED = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*(.*)$")


@dataclass(frozen=True)
class Candidate:
    iri: str
    name: str
    score: float


@dataclass(frozen=True)
class Resolution:
    """How one written name was resolved: the node (None if unresolved), the name it matched, how, the score."""

    kind: str  # "place", "country", "organisation", "instrument"
    written: str
    iri: str | None
    matched_name: str | None = None
    how: str = "unresolved"
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    line: int | None = None

    @property
    def resolved(self) -> bool:
        return self.iri is not None

    @property
    def is_exact(self) -> bool:
        return self.how == "exact"

    def describe(self) -> str:
        """One line for a review note: what was written and what it became."""
        if self.iri is None:
            best = ", ".join(f"{c.name} ({c.score:.0f})" for c in self.candidates) or "none"
            return f"{self.kind} {self.written!r} not resolved (best candidates: {best})"
        return f"{self.kind} {self.written!r} resolved to <{self.iri}> ({self.matched_name!r}, {self.how})"


class NameIndex:
    """The names of one kind of node, for resolving written names to IRIs."""

    def __init__(self, kind: str, names: Iterable[tuple[str, str]], threshold: float = FUZZY_THRESHOLD) -> None:
        """``names`` holds (name, IRI) pairs; a name key shared by two IRIs keeps the first given."""
        self.kind = kind
        self.threshold = threshold
        self._by_key: dict[str, tuple[str, str]] = {}
        for name, iri in names:
            key = name_key(name)
            if key:
                self._by_key.setdefault(key, (iri, name))
        self._keys = list(self._by_key)
        self.iris = frozenset(iri for iri, _ in self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def exact(self, written: str) -> str | None:
        found = self._by_key.get(name_key(written))
        return found[0] if found else None

    def resolve(self, written: str, line: int | None = None) -> Resolution:
        text = re.sub(r"\s+", " ", written).strip().strip(".,;:")
        for how, attempt in self._attempts(text):
            found = self._by_key.get(name_key(attempt))
            if found is not None:
                return Resolution(self.kind, written, found[0], found[1], how, 100.0, line=line)
        return self._fuzzy(written, text, line)

    def _attempts(self, text: str) -> list[tuple[str, str]]:
        attempts = [("exact", text)]
        bracketed = _BRACKETED.match(text)
        if bracketed:
            outside = " ".join(part for part in (bracketed.group(1), bracketed.group(3)) if part)
            attempts += [("without brackets", outside), ("bracketed short name", bracketed.group(2))]
        if "," in text:
            attempts.append(("before the comma", text.split(",", 1)[0]))
        return [(how, attempt) for how, attempt in attempts if attempt.strip()]

    def _fuzzy(self, written: str, text: str, line: int | None) -> Resolution:
        from rapidfuzz import fuzz, process

        key = name_key(_BRACKETED.sub(r"\1 \3", text) if _BRACKETED.match(text) else text)
        if not key or not self._keys:
            return Resolution(self.kind, written, None, line=line)
        best: dict[str, Candidate] = {}
        for name_key_found, score, _ in process.extract(key, self._keys, scorer=fuzz.ratio, limit=12):
            iri, name = self._by_key[name_key_found]
            if iri not in best or best[iri].score < score:
                best[iri] = Candidate(iri, name, round(float(score), 1))
        ranked = sorted(best.values(), key=lambda candidate: (-candidate.score, candidate.iri))
        top = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if len(key) >= FUZZY_MIN_LENGTH and top.score >= self.threshold and top.score - runner_up >= AMBIGUITY_MARGIN:
            return Resolution(self.kind, written, top.iri, top.name, f"fuzzy {top.score:.0f}", top.score, line=line)
        offered = tuple(candidate for candidate in ranked[:CANDIDATES] if candidate.score >= CANDIDATE_FLOOR)
        return Resolution(self.kind, written, None, candidates=offered, line=line)


def candidates_text(resolution: Resolution) -> str:
    """ " (closest: A (87), B (62))" for an unresolved name with candidates, else ""."""
    names = ", ".join(f"{candidate.name} ({candidate.score:.0f})" for candidate in resolution.candidates)
    return f" (closest: {names})" if names else ""
