"""Parameters are data, not SPARQL: hostile values are bound as terms or refused, never pasted."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.errors import QueryError
from cyberkg.query.library import bindings, find_query, read_query, run

FIXTURES = Path(__file__).parent / "queries"

HOSTILE = [
    '"',
    "'",
    '"""',
    "}",
    "{ ?s ?p ?o }",
    "; DROP ALL",
    "# comment",
    "> . } INSERT DATA { <http://x/a> <http://x/b> <http://x/c> } #",
    '" ) } ; DELETE WHERE { ?s ?p ?o } #',
    '\\" } UNION { ?s ?p ?o } #',
    "line\nbreak\ttab",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_arrives_as_one_literal(store, value: str) -> None:
    result = run(store, read_query(FIXTURES / "echo.rq"), {"value": value})
    assert result.columns == ["value", "length"]
    assert [(row[0].value, int(row[1].value)) for row in result.rows] == [(value, len(value))]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_search_text_finds_nothing_and_changes_nothing(store, value: str) -> None:
    """The text starts with words no event has; pasted into the query it would break it or match all."""
    size = len(store)
    result = run(store, find_query("search-events"), {"text": "zq-no-such-words " + value})
    assert result.columns == ["text", "event", "eventLabel", "start", "datesFrom"]
    assert result.rows == []
    assert len(store) == size


IRI_HOSTILE = [
    "> . } INSERT",
    "https://w3id.org/cyberkg/id/instrument/ets-185> } UNION { ?s ?p ?o",
    'https://w3id.org/cyberkg/id/instrument/"ets-185"',
    "https://w3id.org/cyberkg/id/instrument/{ets-185}",
    "ets-185",
    "https://w3id.org/cyberkg/id/instrument/ets 185",
]


@pytest.mark.parametrize("value", IRI_HOSTILE)
def test_a_value_that_is_not_an_iri_is_refused(store, value: str) -> None:
    with pytest.raises(QueryError, match="parameter instrument: .* is not an absolute IRI"):
        run(store, find_query("meetings-promoting-accession"), {"instrument": value})


def test_an_iri_with_sparql_punctuation_is_one_term_that_matches_nothing(store) -> None:
    result = run(
        store,
        find_query("meetings-promoting-accession"),
        {"instrument": "https://w3id.org/cyberkg/id/instrument/ets-185#;DROP"},
    )
    assert result.rows == []


@pytest.mark.parametrize("value", ['2009-10-01" } #', "2009-10-01T00:00", "October", "2009-1", "} 2009"])
def test_a_value_that_is_not_a_date_is_refused(store, value: str) -> None:
    with pytest.raises(QueryError, match="parameter from: .* is not a date"):
        run(store, find_query("events-timeline"), {"from": value})


def test_dates_are_bound_at_their_precision() -> None:
    query = find_query("events-timeline")
    terms = bindings(query, {"from": "2009", "to": "2009-10"})
    assert {name: (term.value, term.datatype.value) for name, term in terms.items()} == {
        "from": ("2009", "http://www.w3.org/2001/XMLSchema#gYear"),
        "to": ("2009-10", "http://www.w3.org/2001/XMLSchema#gYearMonth"),
    }


def test_an_unknown_parameter_is_refused_with_the_known_ones(store) -> None:
    expected = r"query events-timeline has no parameter 'since' \(it takes: from, to\)"
    with pytest.raises(QueryError, match=expected):
        run(store, find_query("events-timeline"), {"since": "2009"})


def test_an_empty_value_leaves_an_optional_parameter_unbound(store) -> None:
    everything = run(store, find_query("instruments-discussed-at-event"), {"event": ""})
    octopus = run(store, find_query("instruments-discussed-at-event"), {})
    assert len(octopus.rows) == 5
    assert len(everything.rows) > len(octopus.rows)


def test_a_parameter_missing_from_the_select_clause_is_explained(store) -> None:
    with pytest.raises(QueryError, match="parameter thing must be listed in the SELECT clause"):
        run(
            store,
            read_query(FIXTURES / "unprojected-param.rq"),
            {"thing": "https://w3id.org/cyberkg/id/instrument/ets-185"},
        )


def test_a_query_that_does_not_parse_names_line_and_column(store) -> None:
    with pytest.raises(QueryError, match=r"broken\.rq: line 7, column \d+: "):
        run(store, read_query(FIXTURES / "broken.rq"))
