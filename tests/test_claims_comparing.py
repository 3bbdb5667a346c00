"""How two values of one fact relate: dates at their precision, figures as the numbers their words allow."""

from __future__ import annotations

import pytest

from cyberkg.claims import Relation, Value, relate

GYM = "http://www.w3.org/2001/XMLSchema#gYearMonth"
DATE = "http://www.w3.org/2001/XMLSchema#date"


@pytest.mark.parametrize(
    ("first", "second", "relation"),
    [
        (Value("2008-04", GYM), Value("2008-04-01", DATE), Relation.REFINES),
        (Value("2008-04-01", DATE), Value("2008-04", GYM), Relation.COARSER),
        (Value("2008", None), Value("2008-04", GYM), Relation.REFINES),
        (Value("2011-06-30", DATE), Value("2011-12", GYM), Relation.CONFLICTS),
        (Value("2011-12", GYM), Value("2011-12-31", DATE), Relation.REFINES),
        (Value("2009-03-01", DATE), Value("2009-03-01", DATE), Relation.SAME),
        (Value("280", qualifier="MoreThan"), Value("280", qualifier="Almost"), Relation.CONFLICTS),
        (Value("70", qualifier="MoreThan"), Value("70"), Relation.CONFLICTS),
        (Value("70", qualifier="MoreThan"), Value("75"), Relation.REFINES),
        (Value("75"), Value("70", qualifier="MoreThan"), Relation.COARSER),
        (Value("280", qualifier="AtLeast"), Value("280"), Relation.REFINES),
        (Value("110", qualifier="MoreThan"), Value("130", qualifier="MoreThan"), Relation.REFINES),
        (Value("280", qualifier="Almost"), Value("300", qualifier="Almost"), Relation.COARSER),
        (Value("280", qualifier="MoreThan"), Value("300", qualifier="Almost"), Relation.COMPATIBLE),
        (Value("280", qualifier="Approximately"), Value("300", qualifier="MoreThan"), Relation.COMPATIBLE),
        (Value("280"), Value("281"), Relation.CONFLICTS),
        (Value("280"), Value("280.0"), Relation.SAME),
        (
            Value("https://w3id.org/cyberkg/id/city/strasbourg"),
            Value("https://w3id.org/cyberkg/id/city/paris"),
            Relation.CONFLICTS,
        ),
    ],
    ids=lambda v: v.name if isinstance(v, Relation) else f"{v.qualifier or ''} {v.text}".strip(),
)
def test_relation_of_a_second_value_to_a_first(first, second, relation):
    assert relate(first, second) is relation
