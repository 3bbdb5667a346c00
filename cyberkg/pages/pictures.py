"""The small timeline and map of an event page, as inline SVG: no script, no tiles, no network.

The timeline places every dated event of the graph on one axis of years, the page's event marked; the map
is an equirectangular frame of longitude and latitude lines with every city of the graph that has
coordinates, the event's city marked and named. Numbers are written with fixed decimals so that the same
graph always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from cyberkg.rdf.labels import Select, find_labels
from cyberkg.rdf.namespaces import CKG, GEO, RDFS

TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_MARGIN = 640, 70, 24
MAP_WIDTH, MAP_HEIGHT = 480, 240


@dataclass(frozen=True)
class DatedPoint:
    iri: str
    start: str  # YYYY, YYYY-MM or YYYY-MM-DD
    label: str


@dataclass(frozen=True)
class CityPoint:
    iri: str
    label: str
    latitude: float
    longitude: float


def dated_events(select: Select) -> list[DatedPoint]:
    """Every event of the graph with a start date (the earliest, where it has several), in date order."""
    rows = [
        tuple(row)
        for row in select(
            f"SELECT ?event (MIN(STR(?start)) AS ?first) WHERE {{ ?event a/<{RDFS}subClassOf>* <{CKG}Event> ; "
            f"<{CKG}startDate> ?start }} GROUP BY ?event"
        )
    ]
    labels = find_labels(select, [event.value for event, _ in rows])
    points = [DatedPoint(event.value, first.value, labels.get(event.value, event.value)) for event, first in rows]
    return sorted(points, key=lambda point: (point.start, point.iri))


def located_cities(select: Select) -> list[CityPoint]:
    """Every city of the graph with a latitude and longitude."""
    rows = [
        tuple(row)
        for row in select(
            f"SELECT ?city (SAMPLE(?lat) AS ?latitude) (SAMPLE(?long) AS ?longitude) WHERE {{ "
            f"?city a <{CKG}City> ; <{GEO}lat> ?lat ; <{GEO}long> ?long }} GROUP BY ?city"
        )
    ]
    labels = find_labels(select, [city.value for city, _, _ in rows])
    points = []
    for city, latitude, longitude in rows:
        try:
            points.append(
                CityPoint(city.value, labels.get(city.value, city.value), float(latitude.value), float(longitude.value))
            )
        except ValueError:
            continue  # an ill-formed coordinate is the validator's to report, not the page's
    return sorted(points, key=lambda point: point.iri)


def year_fraction(date: str) -> float:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a year with its fraction (a month or year at its middle)."""
    parts = [int(part) for part in date.lstrip("-").split("-")[:3]]
    year = parts[0]
    if len(parts) == 1:
        return year + 0.5
    month = parts[1]
    if len(parts) == 2:
        return year + (month - 0.5) / 12
    return year + (month - 1) / 12 + (parts[2] - 0.5) / 365


def _number(value: float) -> str:
    return f"{value:.1f}"


def timeline_svg(points: Sequence[DatedPoint], marked: str, title: str) -> str:
    """The axis of years with every event as a tick and the ``marked`` event as a larger dot."""
    usable = []
    for point in points:
        try:
            usable.append((year_fraction(point.start), point))
        except ValueError:
            continue
    if not usable:
        return ""
    first = math.floor(min(value for value, _ in usable))
    last = math.ceil(max(value for value, _ in usable))
    last = max(last, first + 1)
    inner = TIMELINE_WIDTH - 2 * TIMELINE_MARGIN
    axis_y = 40

    def x_of(value: float) -> float:
        return TIMELINE_MARGIN + (value - first) / (last - first) * inner

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{TIMELINE_MARGIN}" y1="{axis_y}" x2="{TIMELINE_WIDTH - TIMELINE_MARGIN}" y2="{axis_y}" '
        'class="axis"/>',
    ]
    for year in range(first, last + 1):
        x = _number(x_of(year))
        parts.append(f'<line x1="{x}" y1="{axis_y - 4}" x2="{x}" y2="{axis_y + 4}" class="axis"/>')
        parts.append(f'<text x="{x}" y="{axis_y + 20}" text-anchor="middle" class="tick">{year}</text>')
    for value, point in usable:
        if point.iri == marked:
            continue
        x = _number(x_of(value))
        parts.append(
            f'<line x1="{x}" y1="{axis_y - 10}" x2="{x}" y2="{axis_y}" class="other">'
            f"<title>{escape(point.start)}: {escape(point.label)}</title></line>"
        )
    for value, point in usable:
        if point.iri == marked:
            parts.append(
                f'<circle cx="{_number(x_of(value))}" cy="{axis_y}" r="6" class="marked">'
                f"<title>{escape(point.start)}: {escape(point.label)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def map_svg(cities: Iterable[CityPoint], marked: str | None, title: str) -> str:
    """Longitude and latitude lines, every city as a dot, the ``marked`` city as a larger named dot."""

    def position(city: CityPoint) -> tuple[str, str]:
        x = (city.longitude + 180) / 360 * MAP_WIDTH
        y = (90 - city.latitude) / 180 * MAP_HEIGHT
        return _number(x), _number(y)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<rect x="0" y="0" width="{MAP_WIDTH}" height="{MAP_HEIGHT}" class="sea"/>',
    ]
    for longitude in range(-150, 180, 30):
        x = _number((longitude + 180) / 360 * MAP_WIDTH)
        parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{MAP_HEIGHT}" class="graticule"/>')
    for latitude in range(-60, 90, 30):
        y = _number((90 - latitude) / 180 * MAP_HEIGHT)
        parts.append(f'<line x1="0" y1="{y}" x2="{MAP_WIDTH}" y2="{y}" class="graticule"/>')
    ordered = sorted(cities, key=lambda city: city.iri)
    for city in ordered:
        if city.iri != marked:
            x, y = position(city)
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="2.5" class="other"><title>{escape(city.label)}</title></circle>'
            )
    for city in ordered:
        if city.iri == marked:
            x, y = position(city)
            anchor = "end" if float(x) > MAP_WIDTH * 0.7 else "start"
            shift = -8 if anchor == "end" else 8
            parts.append(f'<circle cx="{x}" cy="{y}" r="6" class="marked"><title>{escape(city.label)}</title></circle>')
            parts.append(
                f'<text x="{_number(float(x) + shift)}" y="{_number(float(y) - 8)}" text-anchor="{anchor}" '
                f'class="name">{escape(city.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def find_city(cities: Iterable[CityPoint], iri: str | None) -> Any:
    return next((city for city in cities if city.iri == iri), None)
