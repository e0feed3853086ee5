"""Export located reports as a GeoJSON FeatureCollection of points (RFC 7946)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Iterable
from typing import Any, TextIO

from conflictlens.export.acled import acled_row, unix_time
from conflictlens.model import Document, Report

log = logging.getLogger(__name__)


def _coordinates(report: Report) -> tuple[float, float] | None:
    """``(longitude, latitude)`` of a report's place, or None when missing or out of range."""
    place = report.place
    if place is None or place.latitude is None or place.longitude is None:
        return None
    lat, lon = float(place.latitude), float(place.longitude)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        log.warning("report %s has invalid coordinates (%s, %s); left out", report.id, lat, lon)
        return None
    return lon, lat


def feature_collection(
    items: Iterable[tuple[Report, Document]],
    include_background: bool = False,
    *,
    now: dt.datetime | float | None = None,
) -> dict[str, Any]:
    """A FeatureCollection with one Point feature per report that has coordinates.

    Feature properties are the ACLED row fields (see :func:`acled_row`) plus ``report_id``;
    geometry coordinates are ``[longitude, latitude]``. Background reports are left out unless
    ``include_background``.
    """
    stamp = unix_time(now)
    features: list[dict[str, Any]] = []
    for report, doc in items:
        if report.background and not include_background:
            continue
        coords = _coordinates(report)
        if coords is None:
            continue
        properties: dict[str, Any] = {"report_id": report.id, **acled_row(report, doc, now=stamp)}
        features.append(
            {
                "type": "Feature",
                "id": report.id,
                "geometry": {"type": "Point", "coordinates": [coords[0], coords[1]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(
    items: Iterable[tuple[Report, Document]],
    fh: TextIO,
    include_background: bool = False,
    *,
    now: dt.datetime | float | None = None,
) -> int:
    """Write :func:`feature_collection` as JSON to ``fh``; return the number of features."""
    collection = feature_collection(items, include_background=include_background, now=now)
    json.dump(collection, fh, ensure_ascii=False)
    fh.write("\n")
    n = len(collection["features"])
    log.info("wrote %d GeoJSON features", n)
    return n
