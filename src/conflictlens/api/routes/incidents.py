"""Incidents: list with filters, one with everything behind it, review, merge, split; the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from conflictlens.api.auth import AnalystUser, ViewerUser
from conflictlens.api.deps import NOT_FOUND, READ, WRITE, StoreDep, write_lock
from conflictlens.api.filters import (
    Filters,
    Limit,
    Offset,
    Sort,
    documents_with_terms,
    filter_params,
    incident_matches,
    page,
    sort_items,
)
from conflictlens.api.schemas import (
    AuditEntryOut,
    AuditPage,
    IncidentDetail,
    IncidentPage,
    IncidentSummary,
    MergeIn,
    ResolvedOut,
    ReviewDone,
    ReviewIn,
    ReviewOut,
    ReviewStatus,
    SplitIn,
)
from conflictlens.resolve.model import Incident
from conflictlens.store import Store, iter_spans, review
from conflictlens.store import incidents as tables

router = APIRouter(tags=["incidents"])


IncidentId = Annotated[str, Path(min_length=1, max_length=64, description="e.g. INC-1a2b3c4d5e6f")]

_SORT_KEYS: dict[str, Any] = {
    "date": lambda p: p[0].date,
    "fatalities": lambda p: int(p[0].fatalities.get("acled") or 0),
    "id": lambda p: p[0].id,
    "sources": lambda p: len(p[0].sources),
}


def select_incidents(
    store: Store,
    f: Filters,
    *,
    review_statuses: list[str] | None = None,
    include_rejected: bool = False,
) -> list[tuple[Incident, str]]:
    """The incidents (reviewed values) and their review status that pass ``f``, by date then id."""
    found = documents_with_terms(store, f)
    rejected_too = include_rejected or bool(review_statuses and "rejected" in review_statuses)
    return [
        (incident, status)
        for incident, status in tables.reviewed_incidents(
            store, country=f.iso2, review=review_statuses, include_rejected=rejected_too
        )
        if incident_matches(incident, f, found)
    ]


@router.get("/incidents", response_model=IncidentPage, responses=READ)
def list_incidents(
    store: StoreDep,
    user: ViewerUser,
    f: Annotated[Filters, Depends(filter_params)],
    review_status: Annotated[
        list[ReviewStatus] | None,
        Query(alias="review", description="Only incidents in these review statuses (repeatable)."),
    ] = None,
    include_rejected: Annotated[bool, Query(description="Also list incidents analysts rejected.")] = False,
    sort: Sort = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> IncidentPage:
    """Incidents with analysts' edits applied, filtered, sorted and a page at a time.

    Rejected incidents are left out unless ``include_rejected`` or ``review=rejected``.
    """
    chosen = select_incidents(
        store, f, review_statuses=list(review_status or ()), include_rejected=include_rejected
    )
    ordered = sort_items(chosen, sort, _SORT_KEYS)
    return IncidentPage(
        total=len(ordered),
        limit=limit,
        offset=offset,
        items=[IncidentSummary.of(i, s) for i, s in page(ordered, limit, offset)],
    )


@router.get("/review/queue", response_model=IncidentPage, responses=READ)
def review_queue(
    store: StoreDep,
    user: ViewerUser,
    status: ReviewStatus = "pending",
    limit: Limit = 50,
    offset: Offset = 0,
) -> IncidentPage:
    """Incidents waiting for review (or in another review status), by date then id."""
    total = sum(1 for _ in tables.reviewed_incidents(store, review=status, reviewed=False))
    items = review.review_queue(store, status=status, limit=limit, offset=offset)
    return IncidentPage(
        total=total, limit=limit, offset=offset, items=[IncidentSummary.of(i, status) for i in items]
    )


def _audit_out(entries: list[review.AuditEntry]) -> list[AuditEntryOut]:
    return [AuditEntryOut(**e.to_dict()) for e in entries]


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, responses={**READ, **NOT_FOUND})
def get_incident(incident_id: IncidentId, store: StoreDep, user: ViewerUser) -> IncidentDetail:
    """One incident: reviewed values, the coding as resolved, its review status and history, every
    member report with its spans and claims, and the member documents."""
    raw = tables.get_incident(store, incident_id, reviewed=False)
    if raw is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    status, changes = review.review_of(store, incident_id)
    incident = review.apply_review(raw, status if status != "pending" else None, changes)
    pairs = tables.reports_by_id(store, incident.report_ids)
    reports: list[dict[str, Any]] = []
    documents: dict[str, dict[str, Any]] = {}
    for rid in incident.report_ids:
        if rid not in pairs:
            continue
        report, doc = pairs[rid]
        data = report.to_dict()
        data["spans"] = [{"field": name, **span.to_dict()} for name, span in iter_spans(report)]
        reports.append(data)
        documents.setdefault(
            doc.id,
            {
                "id": doc.id,
                "title": doc.title,
                "url": doc.url,
                "published": doc.published.isoformat() if doc.published else None,
                "source": doc.source,
            },
        )
    return IncidentDetail(
        incident=incident.to_dict(),
        resolved=review.coding(raw),
        review=ReviewOut(
            status=status,  # type: ignore[arg-type]
            changes=changes,
            history=_audit_out(review.audit_log(store, incident_id)),
        ),
        reports=reports,
        documents=list(documents.values()),
    )


def _summary(store: Store, incident_id: str) -> IncidentSummary:
    incident = tables.get_incident(store, incident_id)
    if incident is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    return IncidentSummary.of(incident, review.review_status(store, incident_id))


@router.post("/incidents/{incident_id}/review", response_model=ReviewDone, responses=WRITE)
def review_incident(
    incident_id: IncidentId, body: ReviewIn, store: StoreDep, user: AnalystUser
) -> ReviewDone:
    """Accept, edit or reject the incident's coding (analysts). Recorded in the audit log with the
    values before and after; exports use the reviewed values and leave rejected incidents out."""
    audit_id = review.record_review(
        store, user=user.name, incident_id=incident_id, action=body.action, changes=body.changes, why=body.why
    )
    return ReviewDone(audit_id=audit_id, incident=_summary(store, incident_id))


@router.post("/incidents/{incident_id}/merge", response_model=ResolvedOut, responses=WRITE)
def merge_incident(incident_id: IncidentId, body: MergeIn, store: StoreDep, user: AnalystUser) -> ResolvedOut:
    """Merge incident ``other`` into this one (analysts); later runs keep their reports together."""
    with write_lock(store):
        kept = review.merge_incidents(store, incident_id, body.other, user=user.name, why=body.why)
    return ResolvedOut(incident_id=kept, incidents=[_summary(store, kept)])


@router.post("/incidents/{incident_id}/split", response_model=ResolvedOut, responses=WRITE)
def split_incident(incident_id: IncidentId, body: SplitIn, store: StoreDep, user: AnalystUser) -> ResolvedOut:
    """Move reports out of this incident into a new one (analysts); they will not be merged back."""
    with write_lock(store):
        new_id = review.split_incident(store, incident_id, body.report_ids, user=user.name, why=body.why)
    return ResolvedOut(incident_id=new_id, incidents=[_summary(store, incident_id), _summary(store, new_id)])


@router.get("/audit", response_model=AuditPage, responses=READ)
def get_audit(
    store: StoreDep,
    user: ViewerUser,
    incident_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> AuditPage:
    """The audit log, oldest first: who changed what, when, the values before and after, and why.

    Entries about accounts (``add_user``: names and roles) are shown to admins only."""
    hidden = () if user.can("admin") else review.ACCOUNT_ACTIONS
    return AuditPage(
        total=review.audit_count(store, incident_id, exclude_actions=hidden),
        limit=limit,
        offset=offset,
        items=_audit_out(
            review.audit_log(store, incident_id, limit=limit, offset=offset, exclude_actions=hidden)
        ),
    )
