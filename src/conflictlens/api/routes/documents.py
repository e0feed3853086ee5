"""Documents (list, one with its text and reports, ingest a new one) and event reports."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response

from conflictlens.api.auth import AnalystUser, ViewerUser
from conflictlens.api.deps import NOT_FOUND, READ, StoreDep, invalid, write_lock
from conflictlens.api.filters import (
    Filters,
    Limit,
    Offset,
    Sort,
    documents_with_terms,
    event_matches,
    event_status,
    filter_params,
    page,
    sort_items,
)
from conflictlens.api.schemas import (
    DocumentOut,
    DocumentPage,
    DocumentSummary,
    EventPage,
    EventSummary,
    IngestIn,
    IngestOut,
)
from conflictlens.errors import ConflictlensError
from conflictlens.model import Document, Report
from conflictlens.store import Store, iter_spans, review
from conflictlens.store import incidents as tables

router = APIRouter(tags=["documents"])


# -- documents ------------------------------------------------------------------------------------


@router.get("/documents", response_model=DocumentPage, responses=READ)
def list_documents(
    store: StoreDep,
    user: ViewerUser,
    q: Annotated[
        str | None, Query(max_length=500, description="Words that must all occur in the title or text.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DocumentPage:
    """Stored documents in the order they were ingested, without their text."""
    rows = tables.document_summaries(store)
    terms = [t for t in (q or "").split() if t][:10]
    for term in terms:
        keep = tables.document_ids_containing(store, term)
        rows = [r for r in rows if r["id"] in keep]
    counts = tables.document_event_counts(store)
    items = [DocumentSummary(**r, events=counts.get(r["id"], 0)) for r in page(rows, limit, offset)]
    return DocumentPage(total=len(rows), limit=limit, offset=offset, items=items)


def _report_out(report: Report, incident_of: dict[str, str]) -> dict[str, Any]:
    data = report.to_dict()
    data["incident_id"] = incident_of.get(report.id)
    data["spans"] = [{"field": name, **span.to_dict()} for name, span in iter_spans(report)]
    return data


@router.get("/documents/{doc_id:path}", response_model=DocumentOut, responses={**READ, **NOT_FOUND})
def get_document(
    doc_id: Annotated[str, Path(min_length=1, max_length=512)], store: StoreDep, user: ViewerUser
) -> DocumentOut:
    """One document with its text, its event reports (spans, claims, incident) and what it copies."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id}")
    incident_of = {m.report_id: m.incident_id for m in tables.memberships(store) if m.doc_id == doc.id}
    duplicate_of = next((d["canonical_id"] for d in store.duplicates() if d["doc_id"] == doc.id), None)
    return DocumentOut(
        id=doc.id,
        title=doc.title,
        url=doc.url,
        published=doc.published,
        source=doc.source,
        origin=doc.origin,
        language=doc.language,
        text=doc.text,
        reports=[_report_out(r, incident_of) for r in store.reports_of(doc.id)],
        duplicate_of=duplicate_of,
    )


def _document_id(title: str | None, content_hash: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")[:60].strip("-")
    return f"{slug}-{content_hash[:8]}" if slug else f"doc-{content_hash[:12]}"


def _incidents_of(store: Store, doc_id: str) -> list[str]:
    return sorted({m.incident_id for m in tables.memberships(store) if m.doc_id == doc_id})


@router.post(
    "/documents",
    response_model=IngestOut,
    status_code=201,
    responses={
        200: {"model": IngestOut, "description": "The text was already stored (nothing new added)"},
        401: {"description": "Not logged in"},
        403: {"description": "Role too low or CSRF token wrong"},
        409: {"description": "The id belongs to another text"},
        422: {"description": "Invalid document"},
    },
)
def ingest_document(body: IngestIn, store: StoreDep, user: AnalystUser, response: Response) -> IngestOut:
    """Ingest a document (analysts): extract its events, store both and resolve the events into
    incidents, as ``conflictlens ingest`` does. A copy of a stored text is kept as a copy."""
    from conflictlens import settings
    from conflictlens.extract import country_code, extract_many
    from conflictlens.ingest import clean_text
    from conflictlens.ingest.dedup import Deduplicator
    from conflictlens.resolve import Resolver

    cleaned, detected = clean_text(body.text)
    if len(cleaned) < settings.min_text_chars:
        raise invalid("body", "text", f"too little text: at least {settings.min_text_chars} characters")
    hint = None
    if body.country:
        try:
            hint = country_code(body.country)
        except ConflictlensError as exc:
            raise invalid("body", "country", str(exc), body.country) from exc
    title = (body.title or "").strip() or detected
    doc = Document(
        id="",
        text=cleaned,
        title=title,
        url=(body.url or "").strip() or None,
        published=body.published,
        source=(body.source or "").strip() or None,
        origin="api",
        country_hint=hint,
    )
    doc.id = body.id or _document_id(title, doc.content_hash)
    with write_lock(store):
        existing = store.get_document(doc.id)
        if existing is not None:
            if existing.content_hash != doc.content_hash:
                raise HTTPException(status_code=409, detail=f"document {doc.id} has another text")
            response.status_code = 200
            events = sum(1 for r in store.reports_of(doc.id) if not r.background)
            return IngestOut(
                doc_id=doc.id,
                stored=False,
                duplicate_of=None,
                events=events,
                incidents=_incidents_of(store, doc.id),
            )
        resolver = Resolver(store)
        dedup = Deduplicator()
        dedup.seed(store.documents())
        if store.has_content(doc.content_hash):
            resolver.add_document(doc, [], dedup)
            canonical = resolver.families.get(doc.id)
            response.status_code = 200
            return IngestOut(
                doc_id=doc.id,
                stored=False,
                duplicate_of=canonical,
                events=0,
                incidents=_incidents_of(store, canonical) if canonical else [],
            )
        _, reports = next(extract_many([doc]))
        incident_ids = sorted(set(resolver.add_document(doc, reports, dedup)))
        stored = store.get_document(doc.id) is not None
        duplicate_of = resolver.families.get(doc.id)
    events = sum(1 for r in reports if not r.background)
    review.append_audit(
        store,
        user=user.name,
        action="ingest",
        after={"doc_id": doc.id, "events": events, "incidents": incident_ids, "duplicate_of": duplicate_of},
    )
    if not stored:
        response.status_code = 200
    return IngestOut(
        doc_id=doc.id, stored=stored, duplicate_of=duplicate_of, events=events, incidents=incident_ids
    )


# -- event reports --------------------------------------------------------------------------------

_EVENT_SORT: dict[str, Any] = {
    "date": lambda e: e.date,
    "fatalities": lambda e: e.fatalities,
    "id": lambda e: e.id,
    "sources": lambda e: 1,
}


def event_summary(report: Report, doc: Document, incident_id: str | None) -> EventSummary:
    place = report.place
    return EventSummary(
        id=report.id,
        doc_id=doc.id,
        incident_id=incident_id,
        date=report.date.date if report.date else None,
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        actor1=report.actor1.name if report.actor1 else None,
        actor2=report.actor2.name if report.actor2 else None,
        iso2=place.iso2 if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        fatalities=report.fatalities.acled,
        background=report.background,
        status=event_status(report),
        notes=report.notes,
    )


def select_events(store: Store, f: Filters, include_background: bool) -> list[tuple[Report, Document]]:
    """The stored reports (and their documents) that pass ``f``, in ingestion order."""
    found = documents_with_terms(store, f)
    return [
        (r, d)
        for r, d in store.reports(include_background=include_background)
        if event_matches(r, d, f, found)
    ]


@router.get("/events", response_model=EventPage, responses=READ)
def list_events(
    store: StoreDep,
    user: ViewerUser,
    f: Annotated[Filters, Depends(filter_params)],
    include_background: Annotated[bool, Query(description="Also past events mentioned as context.")] = False,
    sort: Sort = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventPage:
    """Event reports as extracted, one per event per document (incidents merge them across
    documents and carry the analysts' reviews)."""
    incident_of = {m.report_id: m.incident_id for m in tables.memberships(store)}
    events = [
        event_summary(r, d, incident_of.get(r.id)) for r, d in select_events(store, f, include_background)
    ]
    ordered = sort_items(events, sort, _EVENT_SORT)
    return EventPage(total=len(ordered), limit=limit, offset=offset, items=page(ordered, limit, offset))
