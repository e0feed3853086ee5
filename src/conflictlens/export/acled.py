"""Export reports as rows of ACLED's data format (CSV), one row per event report.

The first 31 columns are ACLED's, in ACLED's order (:data:`ACLED_COLUMNS`); conflictlens adds
``source_id`` (the document id) and ``evidence`` (the sentences the event was read from).

Text cells come from the articles, so a hostile page could put a spreadsheet formula in one (its
site name in ``source``, say). In the CSV a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a ``'`` in front (:func:`csv_safe`) so spreadsheets show it as text;
the numeric columns (:data:`NUMERIC_COLUMNS`) are written as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TextIO

import pycountry

from conflictlens import taxonomy
from conflictlens.model import Document, Place, Report

log = logging.getLogger(__name__)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
CSV_COLUMNS: tuple[str, ...] = (*ACLED_COLUMNS, "source_id", "evidence")

Row = dict[str, str | int | float]

#: The columns that hold a number or nothing; :func:`csv_safe` leaves them alone (``-12.5``).
NUMERIC_COLUMNS: frozenset[str] = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "timestamp",
    }
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EVIDENCE_SEPARATOR = " … "

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# ISO2 -> country name as ACLED spells it, where it differs from pycountry's name.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "BL": "Saint-Barthelemy",
    "BN": "Brunei",
    "BO": "Bolivia",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CW": "Curacao",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GG": "Bailiwick of Guernsey",
    "HK": "Hong Kong",
    "IR": "Iran",
    "JE": "Bailiwick of Jersey",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint-Martin",
    "MO": "Macau",
    "PS": "Palestine",
    "RE": "Reunion",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "Virgin Islands, U.S.",
    "VN": "Vietnam",
    "XK": "Kosovo",
}

# Other common spellings (lower case) -> ISO2, for names pycountry does not know.
_NAME_ALIASES: dict[str, str] = {
    "burma": "MM",
    "cabo verde": "CV",
    "congo-brazzaville": "CG",
    "congo-kinshasa": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
    "gaza": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "palestinian territories": "PS",
    "state of palestine": "PS",
    "macedonia": "MK",
    "swaziland": "SZ",
    "timor-leste": "TL",
    "türkiye": "TR",
    "turkiye": "TR",
    "uk": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "the gambia": "GM",
    "the bahamas": "BS",
}


@dataclass(frozen=True)
class Country:
    """A country's codes as ACLED uses them: ISO2, ISO3, ISO 3166-1 numeric (ACLED's ``iso``), name."""

    iso2: str
    iso3: str
    numeric: int
    name: str


_KOSOVO = Country("XK", "XKX", 0, "Kosovo")  # not in ISO 3166-1; ACLED codes iso 0


def _from_pycountry(c: object) -> Country:
    iso2 = str(getattr(c, "alpha_2", ""))
    name = ACLED_COUNTRY_NAMES.get(iso2) or str(getattr(c, "common_name", None) or getattr(c, "name", ""))
    return Country(iso2, str(getattr(c, "alpha_3", "")), int(str(getattr(c, "numeric", "0"))), name)


@cache
def _country_by_iso2(iso2: str) -> Country | None:
    code = iso2.strip().upper()
    if code == "XK":
        return _KOSOVO
    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return _from_pycountry(c) if c is not None else None


@cache
def _acled_name_index() -> dict[str, str]:
    index = {name.lower(): iso2 for iso2, name in ACLED_COUNTRY_NAMES.items()}
    index.update(_NAME_ALIASES)
    return index


@cache
def _country_by_name(name: str) -> Country | None:
    key = " ".join(name.split()).lower()
    if not key:
        return None
    iso2 = _acled_name_index().get(key)
    if iso2:
        return _country_by_iso2(iso2)
    try:
        return _from_pycountry(pycountry.countries.lookup(key))
    except LookupError:
        return None


def country_of(place: Place | None) -> Country | None:
    """The country of a place, from its ISO2 code or else its country name; None if unknown."""
    if place is None:
        return None
    if place.iso2:
        found = _country_by_iso2(place.iso2)
        if found is not None:
            return found
    if place.country:
        return _country_by_name(place.country)
    return None


@cache
def acled_regions() -> dict[str, str]:
    """ISO2 -> ACLED region name (``data/acled_regions.json``)."""
    path = resources.files("conflictlens").joinpath("data", "acled_regions.json")
    with path.open("r", encoding="utf-8") as fh:
        regions: dict[str, str] = json.load(fh)
    return regions


def acled_date(date: dt.date) -> str:
    """A date as ACLED writes it, e.g. ``03 December 2020`` (English month names, any locale)."""
    return f"{date.day:02d} {_MONTHS[date.month - 1]} {date.year}"


def event_id(report: Report, country: Country | None) -> str:
    """A stable ACLED-style event id: ISO3 (or ``XXX``), a dash, 8 hex digits of the report id's SHA-1."""
    prefix = country.iso3 if country is not None and country.iso3 else "XXX"
    return f"{prefix}-{hashlib.sha1(report.id.encode('utf-8')).hexdigest()[:8]}"


def unix_time(now: dt.datetime | float | None = None) -> int:
    """Whole seconds since the epoch of ``now`` (a datetime or a number), or of the current time."""
    if now is None:
        return int(dt.datetime.now(dt.UTC).timestamp())
    if isinstance(now, dt.datetime):
        return int(now.timestamp())
    return int(now)


def _blank(value: str | int | float | None) -> str | int | float:
    return "" if value is None else value


def acled_row(report: Report, doc: Document, now: dt.datetime | float | None = None) -> Row:
    """The ACLED row (all of :data:`CSV_COLUMNS`) for one report of one document.

    Missing values are empty strings. ``now`` (a datetime or unix time) sets ``timestamp``;
    it defaults to the current time.
    """
    place = report.place
    country = country_of(place)
    a1, a2 = report.actor1, report.actor2
    inter1 = a1.inter if a1 is not None else None
    inter2 = a2.inter if a2 is not None else None
    interaction = taxonomy.interaction(inter1, inter2)
    tags = list(report.tags)
    if report.background and "background" not in tags:
        tags.append("background")
    lat = place.latitude if place is not None else None
    lon = place.longitude if place is not None else None
    row: Row = {
        "event_id_cnty": event_id(report, country),
        "event_date": acled_date(report.date.date) if report.date else "",
        "year": report.date.date.year if report.date else "",
        "time_precision": report.date.precision if report.date else "",
        "disorder_type": taxonomy.disorder_type(report.event_type, report.sub_event_type),
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": a1.name if a1 is not None else "",
        "assoc_actor_1": "; ".join(a.name for a in report.assoc_actor_1),
        "inter1": _blank(inter1),
        "actor2": a2.name if a2 is not None else "",
        "assoc_actor_2": "; ".join(a.name for a in report.assoc_actor_2),
        "inter2": _blank(inter2),
        "interaction": interaction or "",
        "civilian_targeting": taxonomy.civilian_targeting(report.event_type, a2.kind if a2 else None),
        "iso": country.numeric if country is not None else "",
        "region": acled_regions().get(country.iso2, "") if country is not None else "",
        "country": (place.country if place is not None and place.country else None)
        or (country.name if country is not None else ""),
        "admin1": (place.admin1 or "") if place is not None else "",
        "admin2": (place.admin2 or "") if place is not None else "",
        "admin3": (place.admin3 or "") if place is not None else "",
        "location": place.name if place is not None else "",
        "latitude": round(lat, 4) if lat is not None else "",
        "longitude": round(lon, 4) if lon is not None else "",
        "geo_precision": place.geo_precision if place is not None else "",
        "source": doc.source or doc.url or doc.id,
        "source_scale": "",
        "notes": report.notes,
        "fatalities": report.fatalities.acled,
        "tags": "; ".join(tags),
        "timestamp": unix_time(now),
        "source_id": doc.id,
        "evidence": EVIDENCE_SEPARATOR.join(s.text for s in report.evidence if s.text),
    }
    return row


def csv_safe(row: Row) -> Row:
    """``row`` with a ``'`` before every text cell a spreadsheet would read as a formula (one
    starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return); the cells of
    :data:`NUMERIC_COLUMNS` and numbers are left alone."""
    return {
        key: "'" + value
        if isinstance(value, str) and key not in NUMERIC_COLUMNS and value.startswith(_FORMULA_STARTS)
        else value
        for key, value in row.items()
    }


def write_acled_csv(
    items: Iterable[tuple[Report, Document]],
    fh: TextIO,
    include_background: bool = False,
    *,
    now: dt.datetime | float | None = None,
) -> int:
    """Write a header and one ACLED row per report to ``fh``; return the number of rows.

    Background reports are skipped unless ``include_background``. Open ``fh`` with
    ``newline=""`` so the csv module controls line endings.
    """
    stamp = unix_time(now)
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writeheader()
    n = 0
    for report, doc in items:
        if report.background and not include_background:
            continue
        writer.writerow(csv_safe(acled_row(report, doc, now=stamp)))
        n += 1
    log.info("wrote %d ACLED rows", n)
    return n
