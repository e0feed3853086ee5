"""Export incidents: one ACLED row per incident (every source in ``source``, the toll range and the
grade in ``tags``), or one JSON object per incident with every source, claim and conflict."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from conflictlens import taxonomy
from conflictlens.export.acled import (
    CSV_COLUMNS,
    Row,
    _country_by_iso2,
    acled_date,
    acled_regions,
    csv_safe,
    unix_time,
)

if TYPE_CHECKING:
    from conflictlens.resolve.model import Incident

log = logging.getLogger(__name__)

#: The incident CSV: ACLED's columns, then ``source_id`` (every member document id) and ``evidence``
#: (here: the grade's reasons).
INCIDENT_CSV_COLUMNS: tuple[str, ...] = CSV_COLUMNS

INCIDENT_FORMATS: tuple[str, ...] = ("acled", "jsonl", "geojson")


def _blank(value: str | int | float | None) -> str | int | float:
    return "" if value is None else value


def incident_tags(incident: Incident) -> list[str]:
    """The ``tags`` of an incident's row: toll range, grade, sources, status, conflicting fields."""
    f = incident.fatalities
    tags = []
    if f.get("low") is not None or f.get("high") is not None:
        tags.append(
            f"fatalities low={_blank(f.get('low'))} best={_blank(f.get('best'))} high={_blank(f.get('high'))}"
        )
    tags += [
        f"grade: {incident.grade}",
        f"independent sources: {incident.independent_sources} of {len(incident.sources)}",
    ]
    tags += [f"status: {s}" for s in incident.status]
    if incident.conflicts:
        tags.append("conflicting: " + ", ".join(sorted(incident.conflicts)))
    if incident.first_reported:
        tags.append(f"first reported {incident.first_reported.isoformat()}")
    if incident.last_reported:
        tags.append(f"last reported {incident.last_reported.isoformat()}")
    if incident.background:
        tags.append("background")
    return tags


def incident_event_id(incident: Incident) -> str:
    """An ACLED-style id: ISO3 (or ``XXX``), a dash, 8 hex digits of the incident id's SHA-1."""
    country = _country_by_iso2(incident.iso2) if incident.iso2 else None
    prefix = country.iso3 if country is not None and country.iso3 else "XXX"
    return f"{prefix}-{hashlib.sha1(incident.id.encode('utf-8')).hexdigest()[:8]}"


def incident_acled_row(incident: Incident, now: dt.datetime | float | None = None) -> Row:
    """The ACLED row of one incident (all of :data:`INCIDENT_CSV_COLUMNS`)."""
    country = _country_by_iso2(incident.iso2) if incident.iso2 else None
    place = incident.place
    outlets: list[str] = []
    for s in incident.sources:
        name = s.outlet or s.url or s.doc_id
        if name not in outlets:
            outlets.append(name)
    lat, lon = place.get("latitude"), place.get("longitude")
    return {
        "event_id_cnty": incident_event_id(incident),
        "event_date": acled_date(incident.date) if incident.date else "",
        "year": incident.date.year if incident.date else "",
        "time_precision": _blank(incident.time_precision),
        "disorder_type": taxonomy.disorder_type(incident.event_type, incident.sub_event_type),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1 or "",
        "assoc_actor_1": "; ".join(incident.assoc_actors),
        "inter1": _blank(incident.inter1),
        "actor2": incident.actor2 or "",
        "assoc_actor_2": "",
        "inter2": _blank(incident.inter2),
        "interaction": taxonomy.interaction(incident.inter1, incident.inter2) or "",
        "civilian_targeting": "Civilian targeting"
        if incident.actor2
        and incident.actor2.startswith("Civilians")
        and incident.event_type in taxonomy.VIOLENT_EVENT_TYPES
        else "",
        "iso": country.numeric if country is not None else "",
        "region": acled_regions().get(country.iso2, "") if country is not None else "",
        "country": place.get("country") or (country.name if country is not None else ""),
        "admin1": place.get("admin1") or "",
        "admin2": place.get("admin2") or "",
        "admin3": place.get("admin3") or "",
        "location": place.get("name") or "",
        "latitude": round(lat, 4) if lat is not None else "",
        "longitude": round(lon, 4) if lon is not None else "",
        "geo_precision": _blank(place.get("geo_precision")),
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": incident.notes,
        "fatalities": incident.fatalities.get("acled") or 0,
        "tags": "; ".join(incident_tags(incident)),
        "timestamp": unix_time(now),
        "source_id": "; ".join(s.doc_id for s in incident.sources),
        "evidence": " | ".join(incident.grade_reasons),
    }


def write_incidents_acled(
    incidents: Iterable[Incident],
    fh: TextIO,
    include_background: bool = False,
    *,
    now: dt.datetime | float | None = None,
) -> int:
    """Write a header and one ACLED row per incident; return the number of rows.

    Text cells that a spreadsheet would run as a formula are escaped
    (:func:`~conflictlens.export.acled.csv_safe`).
    """
    stamp = unix_time(now)
    writer = csv.DictWriter(fh, fieldnames=INCIDENT_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for incident in incidents:
        if incident.background and not include_background:
            continue
        writer.writerow(csv_safe(incident_acled_row(incident, now=stamp)))
        n += 1
    log.info("wrote %d incident rows", n)
    return n


def write_incidents_jsonl(incidents: Iterable[Incident], fh: TextIO, include_background: bool = False) -> int:
    """Write one JSON object per incident (:meth:`Incident.to_dict`); return the number of lines."""
    n = 0
    for incident in incidents:
        if incident.background and not include_background:
            continue
        fh.write(json.dumps(incident.to_dict(), ensure_ascii=False))
        fh.write("\n")
        n += 1
    log.info("wrote %d incident JSON lines", n)
    return n


def incident_feature_collection(
    incidents: Iterable[Incident],
    include_background: bool = False,
    *,
    now: dt.datetime | float | None = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with one Point per incident that has coordinates.

    Properties are the incident's ACLED row (:func:`incident_acled_row`) plus ``incident_id``,
    ``grade`` and the toll range; coordinates are ``[longitude, latitude]`` (RFC 7946).
    """
    stamp = unix_time(now)
    features: list[dict[str, Any]] = []
    for incident in incidents:
        if incident.background and not include_background:
            continue
        lat, lon = incident.place.get("latitude"), incident.place.get("longitude")
        if lat is None or lon is None:
            continue
        lat, lon = float(lat), float(lon)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        f = incident.fatalities
        properties: dict[str, Any] = {
            "incident_id": incident.id,
            "grade": incident.grade,
            "fatalities_low": f.get("low"),
            "fatalities_high": f.get("high"),
            **incident_acled_row(incident, now=stamp),
        }
        features.append(
            {
                "type": "Feature",
                "id": incident.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_incidents_geojson(
    incidents: Iterable[Incident],
    fh: TextIO,
    include_background: bool = False,
    *,
    now: dt.datetime | float | None = None,
) -> int:
    """Write :func:`incident_feature_collection` as JSON; return the number of features."""
    collection = incident_feature_collection(incidents, include_background=include_background, now=now)
    json.dump(collection, fh, ensure_ascii=False)
    fh.write("\n")
    n = len(collection["features"])
    log.info("wrote %d incident GeoJSON features", n)
    return n


def write_incidents(
    format: str,
    incidents: Iterable[Incident],
    fh: TextIO,
    *,
    include_background: bool = False,
    now: dt.datetime | float | None = None,
) -> int:
    """Write incidents in ``format`` (one of :data:`INCIDENT_FORMATS`); ValueError for another."""
    if format == "acled":
        return write_incidents_acled(incidents, fh, include_background=include_background, now=now)
    if format == "jsonl":
        return write_incidents_jsonl(incidents, fh, include_background=include_background)
    if format == "geojson":
        return write_incidents_geojson(incidents, fh, include_background=include_background, now=now)
    expected = ", ".join(INCIDENT_FORMATS)
    raise ValueError(f"unknown incident export format {format!r}; expected one of {expected}")
