"""The words and patterns each report layout is recognised by, read from ``layouts.toml`` beside this module."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LAYOUTS_FILE = Path(__file__).with_name("layouts.toml")


@cache
def _all_markers() -> dict[str, dict]:
    with LAYOUTS_FILE.open("rb") as stream:
        return tomllib.load(stream)


def markers(layout: str) -> dict:
    """The markers of one layout (a KeyError names a layout the file lacks: a packaging bug)."""
    return _all_markers()[layout]
