"""Numbers set through environment variables: the value, the default, and one error line naming the variable."""

from __future__ import annotations

import math
import sys

import pytest

from cyberkg.errors import InputError
from cyberkg.store.cache import large_graph_bytes
from cyberkg.store.variables import number_variable
from cyberkg.store.warm_choice import idle_stop


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 7.5), ("", 7.5), ("12", 12.0), ("0.25", 0.25), ("0", 0.0), ("inf", math.inf)],
)
def test_a_set_number_or_the_default(value: str | None, expected: float) -> None:
    environment = {} if value is None else {"CYBERKG_TEST": value}
    assert number_variable("CYBERKG_TEST", "seconds", 7.5, environment, allow_zero=True) == expected


@pytest.mark.parametrize(
    ("value", "allow_zero", "message"),
    [
        ("soon", True, "$CYBERKG_TEST must be a number of seconds, not 'soon'"),
        ("-1", True, "$CYBERKG_TEST must not be negative, not '-1'"),
        ("nan", True, "$CYBERKG_TEST must be a number of seconds, not 'nan'"),
        ("0", False, "$CYBERKG_TEST must be more than 0 seconds, not '0'"),
        ("-2", False, "$CYBERKG_TEST must be more than 0 seconds, not '-2'"),
    ],
)
def test_a_value_that_is_not_allowed_names_the_variable(value: str, allow_zero: bool, message: str) -> None:
    with pytest.raises(InputError) as raised:
        number_variable("CYBERKG_TEST", "seconds", 7.5, {"CYBERKG_TEST": value}, allow_zero=allow_zero)
    assert str(raised.value) == message


def test_the_cache_threshold_in_bytes() -> None:
    assert [
        large_graph_bytes({}),
        large_graph_bytes({"CYBERKG_LARGE_GRAPH_MB": "0"}),
        large_graph_bytes({"CYBERKG_LARGE_GRAPH_MB": "1.5"}),
        large_graph_bytes({"CYBERKG_LARGE_GRAPH_MB": "inf"}),
        large_graph_bytes({"CYBERKG_LARGE_GRAPH_MB": "1e308"}),
    ] == [20 * 1024 * 1024, 0, 1572864, sys.maxsize, sys.maxsize]


def test_the_idle_stop_in_seconds() -> None:
    assert [idle_stop({}), idle_stop({"CYBERKG_WARM_IDLE": "60"}), idle_stop({"CYBERKG_WARM_IDLE": "inf"})] == [
        1800.0,
        60.0,
        math.inf,
    ]
