"""A LIMIT in a library query steers Virtuoso's planner and never cuts an answer.

Several queries wrap a pattern in a sub-select with a LIMIT, because Virtuoso 7.2 loses rows when it mixes
that pattern with the rest. Such a limit must stay above anything a graph can hold: events-of-organisation
listed every typed thing under a limit of 1,000,000, and at 10M triples (more typed things than that) the
Oxigraph server answered 8 of its 29 rows and Virtuoso none (docs/performance.md). Every limit is now one value,
far above that.
"""

from __future__ import annotations

import re

from cyberkg.query.library import list_queries

PLANNER_LIMIT = 1_000_000_000


def limits(text: str) -> list[int]:
    """The LIMIT values of a query, comments left out."""
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    return [int(value) for value in re.findall(r"\bLIMIT\s+(\d+)", code)]


def test_the_limit_reader_skips_comments() -> None:
    assert limits("SELECT * { { SELECT ?x { ?x ?p ?o } LIMIT 5 } }  # LIMIT 7\n# LIMIT 9\nLIMIT 10") == [5, 10]


def test_every_limit_in_the_library_is_the_planner_limit() -> None:
    found = {query.name: limits(query.text) for query in list_queries()}
    assert {name: values for name, values in found.items() if values} == {
        "countries-concerned-by-events": [PLANNER_LIMIT],
        "events-by-topic": [PLANNER_LIMIT, PLANNER_LIMIT],
        "events-of-organisation": [PLANNER_LIMIT],
        "events-per-city": [PLANNER_LIMIT, PLANNER_LIMIT],
        "events-per-country": [PLANNER_LIMIT, PLANNER_LIMIT],
        "events-timeline": [PLANNER_LIMIT, PLANNER_LIMIT],
        "project-countries": [PLANNER_LIMIT],
        "project-overview": [PLANNER_LIMIT],
        "search-events": [PLANNER_LIMIT],
        "statements-by-topic": [PLANNER_LIMIT],
    }
