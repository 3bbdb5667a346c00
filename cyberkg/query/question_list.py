"""The README's list of named queries, written from their ``#+`` headers.

Each library query becomes one row: its name, the question it answers (the first sentence of
its ``summary``, or its ``title`` when it has none) and its parameters. The list sits in the
README between two marker comments, so a script can rewrite it and a test can tell when it is
out of date (``scripts/readme_queries.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cyberkg.errors import QueryError
from cyberkg.query.library import LibraryQuery

BEGIN = "<!-- queries: written by scripts/readme_queries.py from queries/*.rq; do not edit by hand -->"
END = "<!-- end of queries -->"

_FIRST_SENTENCE = re.compile(r"^(.+?[.?!])(?=\s+[A-Z(\"]|$)", re.DOTALL)


def question(query: LibraryQuery) -> str:
    """The first sentence of the query's summary (its title when it has no summary)."""
    summary = " ".join(query.summary.split())
    if not summary:
        return query.title
    match = _FIRST_SENTENCE.match(summary)
    return match.group(1) if match else summary


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def question_table(queries: Iterable[LibraryQuery]) -> str:
    """A Markdown table of the queries: name, question, parameters (with defaults), one row each, by name."""
    lines = ["| query | the question it answers | parameters |", "| --- | --- | --- |"]
    for query in sorted(queries, key=lambda q: q.name):
        parameters = ", ".join(f"`{p.name}` ({p.type})" for p in query.parameters)
        lines.append(f"| `{query.name}` | {_cell(question(query))} | {parameters or '-'} |")
    return "\n".join(lines) + "\n"


def with_question_table(readme: str, table: str) -> str:
    """The README text with what lies between the two markers replaced by ``table``."""
    if readme.count(BEGIN) != 1 or readme.count(END) != 1 or readme.index(END) < readme.index(BEGIN):
        raise QueryError(f"the README must hold the markers {BEGIN!r} and then {END!r}, once each")
    before, rest = readme.split(BEGIN, 1)
    _, after = rest.split(END, 1)
    return f"{before}{BEGIN}\n{table}{END}{after}"
