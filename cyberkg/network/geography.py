"""The events on a map, placed by their city's coordinates (``geo:lat``, ``geo:long``).

No map tiles and no downloaded outlines: the map is plain longitude/latitude axes
with a graticule, one marker per city sized by its number of events and coloured by
their status (held, planned, or both), labelled "City (n)". When cities lie in
Europe a second panel shows Europe close up, where they crowd.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.network.events import EventRecord
from cyberkg.network.figure_output import figure_output
from cyberkg.network.palette import STATUS_COLOURS

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.axes

FORMATS = ("png", "svg", "html")
EUROPE = (-12.0, 45.0, 34.0, 62.0)  # west, east, south, north
BOTH_COLOUR = "#009E73"


@dataclass(frozen=True)
class CityEvents:
    """The events at one city."""

    place: str
    latitude: float
    longitude: float
    events: tuple[EventRecord, ...]

    @property
    def status(self) -> str:
        statuses = {event.status for event in self.events}
        return statuses.pop() if len(statuses) == 1 else "held and planned"


def events_by_city(records: Sequence[EventRecord]) -> list[CityEvents]:
    """The placed events grouped by city, most events first, then by name."""
    cities: dict[tuple[str, float, float], list[EventRecord]] = {}
    for record in records:
        if record.latitude is None or record.longitude is None:
            continue
        cities.setdefault((record.place, record.latitude, record.longitude), []).append(record)
    grouped = [CityEvents(place, lat, long, tuple(events)) for (place, lat, long), events in cities.items()]
    return sorted(grouped, key=lambda city: (-len(city.events), city.place))


def draw_map(records: Sequence[EventRecord], fmt: str, title: str = "Events by place") -> bytes | str:
    """The map as PNG bytes, SVG text or an HTML page."""
    if fmt not in FORMATS:
        raise InputError(f"unknown map format {fmt!r} (use one of: {', '.join(FORMATS)})")
    cities = events_by_city(records)
    if not cities:
        raise InputError("no event with a placed city matches the filters: nothing to draw")
    if fmt == "html":
        from cyberkg.network.figure_page import figure_page

        svg = str(_draw(cities, "svg", title))
        rows = [
            (city.place, f"{city.latitude:.4f}, {city.longitude:.4f}", event.start, event.label, event.status)
            for city in cities
            for event in city.events
        ]
        return figure_page(title, svg, ("city", "coordinates", "date", "event", "status"), rows)
    return _draw(cities, fmt, title)


def _colour(status: str) -> str:
    return STATUS_COLOURS.get(status, BOTH_COLOUR)


def _draw(cities: Sequence[CityEvents], fmt: str, title: str) -> bytes | str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    west, east, south, north = EUROPE
    in_europe = [city for city in cities if west <= city.longitude <= east and south <= city.latitude <= north]
    panels = 2 if in_europe else 1
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cyberkg"}):
        figure, axes_list = plt.subplots(1, panels, figsize=(9 * panels, 6.5), squeeze=False)
        try:
            world = axes_list[0][0]
            # the world panel labels the cities outside the Europe close-up, which labels its own
            _panel(
                world,
                cities,
                (-180, 180, -60, 80),
                "World",
                labelled=[city for city in cities if city not in in_europe],
            )
            if in_europe:
                _panel(axes_list[0][1], in_europe, EUROPE, "Europe", labelled=in_europe)
                world.add_patch(
                    plt.Rectangle(
                        (west, south),
                        east - west,
                        north - south,
                        fill=False,
                        edgecolor="#777777",
                        linestyle="--",
                        linewidth=0.8,
                    )
                )
            statuses = sorted({city.status for city in cities})
            figure.legend(
                handles=[
                    Line2D(
                        [],
                        [],
                        marker="o",
                        linestyle="",
                        markersize=9,
                        markerfacecolor=_colour(status),
                        markeredgecolor="white",
                        label=status,
                    )
                    for status in statuses
                ],
                loc="lower center",
                ncol=len(statuses),
                title="status of the events",
            )
            count = sum(len(city.events) for city in cities)
            figure.suptitle(f"{title}: {count} events in {len(cities)} cities", fontsize=13)
            output = figure_output(figure, fmt)
        finally:
            plt.close(figure)
    return output


def _panel(
    axes: matplotlib.axes.Axes,
    cities: Sequence[CityEvents],
    extent: tuple[float, float, float, float],
    name: str,
    labelled: Sequence[CityEvents],
) -> None:
    west, east, south, north = extent
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect("equal")
    axes.grid(color="#e0e0e0", linewidth=0.6)
    axes.set_xlabel("longitude (°)")
    axes.set_ylabel("latitude (°)")
    axes.set_title(name, fontsize=11)
    for city in cities:
        axes.scatter(
            [city.longitude],
            [city.latitude],
            s=40 + 45 * len(city.events),
            color=_colour(city.status),
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
            alpha=0.9,
        )
        if city in labelled:
            axes.annotate(
                f"{city.place} ({len(city.events)})",
                (city.longitude, city.latitude),
                xytext=(6, 5),
                textcoords="offset points",
                fontsize=8,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
            )
