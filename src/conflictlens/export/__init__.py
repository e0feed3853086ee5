"""Exporters: ACLED CSV, JSON Lines (documents with nested events) and GeoJSON points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from conflictlens.export.acled import ACLED_COLUMNS, CSV_COLUMNS, acled_row, write_acled_csv
from conflictlens.export.geojson import feature_collection, write_geojson
from conflictlens.export.incidents import (
    INCIDENT_FORMATS,
    incident_acled_row,
    write_incidents,
    write_incidents_acled,
    write_incidents_jsonl,
)
from conflictlens.export.jsonl import document_record, group_by_document, write_jsonl
from conflictlens.model import Document, Report

FORMATS: tuple[str, ...] = ("acled", "jsonl", "geojson")


def write(
    format: str,
    items: Iterable[tuple[Report, Document]],
    fh: TextIO,
    *,
    include_background: bool = False,
    now: dt.datetime | float | None = None,
) -> int:
    """Write ``(report, document)`` pairs (e.g. from :meth:`Store.reports`) to ``fh`` in ``format``.

    Returns the number of rows (acled), documents (jsonl) or features (geojson) written.
    For jsonl, consecutive pairs of the same document are grouped into one line.
    Raises ValueError for a format not in :data:`FORMATS`.
    """
    if format == "acled":
        return write_acled_csv(items, fh, include_background=include_background, now=now)
    if format == "jsonl":
        return write_jsonl(group_by_document(items), fh, include_background=include_background)
    if format == "geojson":
        return write_geojson(items, fh, include_background=include_background, now=now)
    raise ValueError(f"unknown export format {format!r}; expected one of {', '.join(FORMATS)}")


__all__ = [
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "FORMATS",
    "INCIDENT_FORMATS",
    "acled_row",
    "document_record",
    "feature_collection",
    "group_by_document",
    "incident_acled_row",
    "write",
    "write_acled_csv",
    "write_geojson",
    "write_incidents",
    "write_incidents_acled",
    "write_incidents_jsonl",
    "write_jsonl",
]
