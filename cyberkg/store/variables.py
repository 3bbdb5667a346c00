"""Numbers that a user sets through environment variables (the cache's threshold, the warm server's idle stop)."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping

from cyberkg.errors import InputError


def number_variable(
    name: str, unit: str, default: float, environment: Mapping[str, str] | None = None, *, allow_zero: bool
) -> float:
    """``$NAME`` as a number of ``unit``, or ``default`` when unset or empty.

    Raises InputError, naming the variable, for a value that is not a number, that is negative, or (unless
    ``allow_zero``) that is zero.
    """
    named = (os.environ if environment is None else environment).get(name)
    if not named:
        return default
    try:
        number = float(named)
    except ValueError:
        number = math.nan
    if math.isnan(number):
        raise InputError(f"${name} must be a number of {unit}, not {named!r}")
    if number < 0 or (number == 0 and not allow_zero):
        bound = "must not be negative" if allow_zero else f"must be more than 0 {unit}"
        raise InputError(f"${name} {bound}, not {named!r}")
    return number
