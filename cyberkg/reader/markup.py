"""The activity cell's HTML-like markup: <p>, <i>, <ul>, <li>; its plain text and its title."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^<>]*>")
_EMPHASIS = re.compile(r"<i\b[^<>]*>(.*?)</i\s*>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH = re.compile(r"<p\b[^<>]*>(.*?)(?:</p\s*>|<p\b|$)", re.IGNORECASE | re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00c0-\u00de])")
_PURPOSE = re.compile(r"\s+with the (?:purpose|objective|aim)\b.*$", re.IGNORECASE | re.DOTALL)
TITLE_LIMIT = 250


def plain_text(markup: str) -> str:
    """The text without tags, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", markup))).strip()


def title_of(markup: str) -> str:
    """The activity's title: its first emphasised text, else its first paragraph, else its first sentence.

    A trailing full stop and a trailing purpose clause ("with the objective to ...") are left out; the
    full text stays in the row text. Returns "" when the cell has no text.
    """
    emphasis = _EMPHASIS.search(markup)
    if emphasis and plain_text(emphasis.group(1)):
        return _tidy(plain_text(emphasis.group(1)))
    paragraph = _PARAGRAPH.search(markup)
    if paragraph and plain_text(paragraph.group(1)):
        return _tidy(_PURPOSE.sub("", plain_text(paragraph.group(1))))
    text = plain_text(markup)
    first = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    return _tidy(_PURPOSE.sub("", first))


def _tidy(title: str) -> str:
    title = title.strip().rstrip(".:;,").strip()
    if len(title) > TITLE_LIMIT:
        title = title[:TITLE_LIMIT].rsplit(" ", 1)[0] + "…"
    return title
