"""Exports: incidents (reviewed values; rejected ones left out) or event reports, as ACLED CSV,
GeoJSON or JSON Lines. Nothing here reads or writes files: a download's name is one of a fixed set."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response

from conflictlens.api.auth import ViewerUser
from conflictlens.api.deps import NOT_FOUND, Responses, StoreDep
from conflictlens.api.filters import Filters, filter_params
from conflictlens.api.routes.documents import select_events
from conflictlens.api.routes.incidents import select_incidents
from conflictlens.export import write
from conflictlens.export.incidents import write_incidents

router = APIRouter(tags=["export"])

Format = Literal["acled", "geojson", "jsonl"]
Of = Literal["incidents", "events"]

MEDIA_TYPES = {
    "acled": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson; charset=utf-8",
}
SUFFIXES = {"acled": "csv", "geojson": "geojson", "jsonl": "jsonl"}

#: The download names ``/api/export/{name}`` knows; any other name is a 404.
NAMED: dict[str, tuple[Of, Format]] = {
    f"{of}.{SUFFIXES[fmt]}": (of, fmt)
    for of in ("incidents", "events")
    for fmt in ("acled", "geojson", "jsonl")
}

_RESPONSES: Responses = {
    200: {
        "description": "The export",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/geo+json": {"schema": {"type": "object"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    },
    401: {"description": "Not logged in"},
}


def _export(store: StoreDep, f: Filters, of: Of, format: Format, include_background: bool) -> Response:
    buf = io.StringIO(newline="")
    if of == "incidents":
        chosen = [incident for incident, _ in select_incidents(store, f)]
        write_incidents(format, chosen, buf, include_background=include_background)
    else:
        write(format, select_events(store, f, True), buf, include_background=include_background)
    name = f"conflictlens-{of}.{SUFFIXES[format]}"
    return Response(
        content=buf.getvalue(),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/export", response_class=Response, responses=_RESPONSES)
def export(
    store: StoreDep,
    user: ViewerUser,
    f: Annotated[Filters, Depends(filter_params)],
    format: Annotated[Format, Query(description="acled (CSV), geojson or jsonl.")] = "acled",
    of: Annotated[
        Of, Query(description="One row per incident (reviewed) or per event report.")
    ] = "incidents",
    include_background: Annotated[bool, Query(description="Also past events mentioned as context.")] = False,
) -> Response:
    """Download incidents (analysts' edits applied, rejected ones left out) or event reports, with
    the same filters as the lists."""
    return _export(store, f, of, format, include_background)


@router.get("/export/{name}", response_class=Response, responses={**_RESPONSES, **NOT_FOUND})
def export_named(
    name: Annotated[str, Path(max_length=64, description=", ".join(NAMED))],
    store: StoreDep,
    user: ViewerUser,
    f: Annotated[Filters, Depends(filter_params)],
    include_background: bool = False,
) -> Response:
    """The same as ``/api/export``, by file name: ``incidents.csv``, ``events.geojson``, ..."""
    if name not in NAMED:
        raise HTTPException(status_code=404, detail=f"no export {name!r}; one of {', '.join(NAMED)}")
    of, format = NAMED[name]
    return _export(store, f, of, format, include_background)
