"""Text as a heading or label is matched: Unicode NFKC, invisible characters out, case folded, dashes as spaces.

A heading damaged by a zero-width space, a byte order mark, a soft hyphen, a control character (a backspace)
or written ``CARRIED-OUT`` is still the heading it was meant to be. Cells are never normalised: they are kept
as written.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACES = re.compile(r"\s+")


def _is_invisible(character: str) -> bool:
    """Format characters (zero-width space, BOM, soft hyphen, joiners) and control characters but tab."""
    if character in "\t\n":
        return False
    return unicodedata.category(character) in {"Cf", "Cc"}


def visible(text: str) -> str:
    """``text`` in NFKC with invisible characters removed (case and dashes kept)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(character for character in text if not _is_invisible(character))


def matching_key(text: str) -> str:
    """The form headings and labels are compared in: visible, case folded, dashes as spaces, spaces single."""
    key = _DASHES.sub(" ", visible(text).casefold())
    return _SPACES.sub(" ", key).strip()
