"""A report file's format, told by its content (not its name), and its text as lines.

- PDF (the file starts with ``%PDF-``): the text of each page through pypdf, pages in order;
- HTML (starting with markup: a tag such as ``<html``, ``<body``, ``<table`` or a doctype near the start): the text
  through lxml, one line per block (heading, paragraph, list item, ``<br>``), a table row as one line whose cells are
  separated by tabs (the 2009 update's table layout), scripts and styles left out, and the page's address
  (``<link rel="canonical">`` or ``og:url``) given as a ``# URL:`` header line, as the text fixtures have it;
- anything else: plain text (see :mod:`cyberkg.reader.decoding`).
"""

from __future__ import annotations

import io
import re
from typing import Any

TEXT = "text"
HTML = "html"
PDF = "pdf"

_HTML_START = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|div|p|h[1-6])\b", re.IGNORECASE)
_BLOCKS = frozenset(
    "address article aside blockquote body caption dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot ul".split()
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "svg"})


class FormatError(ValueError):
    """A file of a known format whose text cannot be had (a damaged or encrypted PDF)."""


def sniff(data: bytes) -> str:
    """The format of a file's bytes: PDF, HTML or plain text."""
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"%PDF-"):
        return PDF
    if start.startswith(b"<") and b"\x00" not in data[:2048] and _HTML_START.search(data[:2048]):
        return HTML  # a page starts with markup; a text report with markup in its cells does not
    return TEXT


def pdf_lines(data: bytes) -> list[str]:
    """The text lines of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FormatError("the PDF is encrypted; its text cannot be read")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, FormatError):
            raise
        raise FormatError(f"not a readable PDF ({error})") from None
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def html_lines(data: bytes) -> list[str]:
    """The text lines of an HTML page, one per block, table rows as tab-separated cells."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(_html_text(data))
    except (etree.ParserError, ValueError) as error:
        raise FormatError(f"not a readable HTML page ({error})") from None
    pieces: list[str] = []
    address = _address(root)
    if address:
        pieces.append(f"# URL: {address}\n")
    body = root.find("body")
    _walk(body if body is not None else root, pieces)
    lines = []
    for line in "".join(pieces).split("\n"):
        cells = [re.sub(r"[ \f\v\r\u00a0]+", " ", cell).strip() for cell in line.split("\t")]
        lines.append("\t".join(cells) if len(cells) > 1 else cells[0])
    return _without_blanks(lines)


def _html_text(data: bytes) -> str:
    """The page's characters: by its byte order mark, else its declared charset, else UTF-8, else Windows-1252
    (lxml alone takes an undeclared page for Latin-1, and "Asunción" in UTF-8 would become "AsunciÃ³n")."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _address(root: Any) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = root.xpath(xpath)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None


def _walk(element: Any, pieces: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is None or tag in _SKIPPED:  # a comment or processing instruction, or text not shown
        pieces.append(element.tail or "")
        return
    if tag == "br":
        pieces.append("\n" + (element.tail or ""))
        return
    if tag == "tr":
        cells = [
            " ".join(cell.text_content().split())
            for cell in element
            if isinstance(cell.tag, str) and cell.tag in ("td", "th")
        ]
        pieces.append("\n" + "\t".join(cells) + "\n" + (element.tail or ""))
        return
    block = tag in _BLOCKS
    if block:
        pieces.append("\n")
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces)
    if block:
        pieces.append("\n")
    pieces.append(element.tail or "")


def _without_blanks(lines: list[str]) -> list[str]:
    return [line for line in lines if line.replace("\t", "").strip()]
