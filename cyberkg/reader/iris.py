"""The draft's deterministic IRIs: the same report always gives the same names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from cyberkg.rdf.namespaces import ID

DOCUMENT = ID + "document/"
SOURCE = ID + "source/"
EVENT = ID + "event/"
PROJECT = ID + "project/"
OUTPUT = ID + "output/"
CITY = ID + "city/"
COUNTRY = ID + "country/"
ORGANISATION = ID + "organisation/"
INSTRUMENT = ID + "instrument/"
TREATY_ACTION = ID + "treaty-action/"


def strip_accents(text: str) -> str:
    """The text without combining marks: "Asunción" becomes "Asuncion"."""
    if text.isascii():  # nothing to strip (most cells): skip the character-by-character pass
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify(text: str) -> str:
    """A lower-case, hyphen-separated ASCII slug; "" when nothing is left."""
    ascii_text = strip_accents(text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def document_slug(report_date: date) -> str:
    """The slug of an activity update, from its report date: update-YYYY-MM."""
    return f"update-{report_date.year:04d}-{report_date.month:02d}"


def document_iri(report_date: date) -> str:
    return DOCUMENT + document_slug(report_date)


def passage_iri(report_date: date, name: str) -> str:
    """A passage of the update, named as graph/sources.ttl names them (carried-out-row-01, ...)."""
    return f"{SOURCE}{document_slug(report_date)}/{name}"


def row_passage_name(table_kind: str, row_number: int) -> str:
    return f"{table_kind}-row-{row_number:02d}"


def country_iri(alpha2: str) -> str:
    return COUNTRY + alpha2


def city_iri(slug: str) -> str:
    return CITY + slug


class IriAllocator:
    """Hands out IRIs from bases, adding -2, -3... in order of request when a base is taken."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next_suffix: dict[str, int] = {}  # base -> the first suffix not yet tried for it

    def allocate(self, base: str) -> str:
        """The base, else base-2, base-3...: each base remembers where its suffixes stopped, so a report
        with thousands of rows of one base costs linear time, not quadratic."""
        if base not in self._taken:
            self._taken.add(base)
            return base
        suffix = self._next_suffix.get(base, 2)
        while f"{base}-{suffix}" in self._taken:
            suffix += 1
        iri = f"{base}-{suffix}"
        self._next_suffix[base] = suffix + 1
        self._taken.add(iri)
        return iri


def name_key(name: str) -> str:
    """How names are compared: case, accents, punctuation and spacing left out."""
    import re

    return re.sub(r"[^a-z0-9]+", " ", strip_accents(name).casefold()).strip()
