"""Bytes of a report file to lines of text, reporting (not refusing) a wrong encoding."""

from __future__ import annotations

from cyberkg.reader.problems import Problem

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def utf16_text(data: bytes) -> str | None:
    """The text of a UTF-16 file (with a byte order mark, or without one when every other byte of its
    start is NUL, as in ASCII text written as UTF-16), or None if the data is not UTF-16."""
    encoding = None
    if data.startswith(UTF16_BOMS):
        encoding = "utf-16"
    else:
        start = data[:400]
        even, odd = start[0::2], start[1::2]
        if len(start) >= 4 and odd.count(0) >= 0.9 * len(odd) and 0 not in even:
            encoding = "utf-16-le"
        elif len(start) >= 4 and even.count(0) >= 0.9 * len(even) and 0 not in odd:
            encoding = "utf-16-be"
    if encoding is None or len(data) % 2:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_report(data: bytes) -> tuple[list[str], list[Problem]]:
    """The file's lines (without line ends) and any encoding problem.

    Reports are UTF-8 (a byte order mark is dropped) or UTF-16 (with or without one). A file that is
    neither is read as Windows-1252 (what word processors write), so that
    no row is lost, and the first offending line is reported for review. Lines are split on line feeds
    only (a lone carriage return also counts as a line end), so numbers agree with editors and grep.
    """
    problems: list[Problem] = []
    wide = utf16_text(data)
    if wide is not None:
        text = wide.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        return text.split("\n"), problems
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                line,
                f"not UTF-8 (byte 0x{data[error.start]:02x}); read as Windows-1252, check accented names",
            )
        )
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n"), problems
