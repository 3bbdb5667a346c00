"""Bytes of a report file to lines of text, reporting (not refusing) a wrong encoding."""

from __future__ import annotations

from cyberkg.reader.problems import Problem

UTF8_BOM = b"\xef\xbb\xbf"


def decode_report(data: bytes) -> tuple[list[str], list[Problem]]:
    """The file's lines (without line ends) and any encoding problem.

    Reports are UTF-8. A file that is not is read as Windows-1252 (what word processors write), so that
    no row is lost, and the first offending line is reported for review. Lines are split on line feeds
    only (a lone carriage return also counts as a line end), so numbers agree with editors and grep.
    """
    problems: list[Problem] = []
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
