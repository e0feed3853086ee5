"""Storing incidents, their members, analysts' review decisions and duplicate documents.

The tables live in the same metadata as ``documents`` and ``reports`` (see :mod:`.schema`), so
:func:`conflictlens.store.open_store` creates them alongside. Use these through the
:class:`~conflictlens.store.Store` methods of the same names.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from conflictlens.errors import StoreError
from conflictlens.model import Document, Report
from conflictlens.store.schema import (
    DocumentDuplicateRow,
    DocumentRow,
    IncidentMemberRow,
    IncidentRow,
    ReportRow,
    ReviewDecisionRow,
)

if TYPE_CHECKING:
    from conflictlens.resolve.model import Incident
    from conflictlens.store.store import Store

log = logging.getLogger(__name__)

_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class Membership:
    """One report's place in an incident."""

    report_id: str
    incident_id: str
    doc_id: str
    how: str  # created | matched | review
    score: int = 0


@dataclass(frozen=True)
class ReviewDecision:
    """An analyst's split or merge, as recorded."""

    id: int
    kind: str  # split | merge
    report_ids: tuple[str, ...]
    other_ids: tuple[str, ...]
    analyst: str | None
    note: str | None
    decided_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record_duplicate(store: Store, doc: Document, canonical_id: str, kind: str, similarity: float) -> None:
    """Remember that ``doc`` copies ``canonical_id`` (keeping its URL); a second call is a no-op."""
    try:
        with store._sessions.begin() as session:
            if session.get(DocumentDuplicateRow, doc.id) is not None:
                return
            session.add(
                DocumentDuplicateRow(
                    doc_id=doc.id,
                    canonical_id=canonical_id,
                    kind=kind,
                    similarity=similarity,
                    url=doc.url,
                    source=doc.source,
                    published=doc.published,
                    recorded_at=_now(),
                )
            )
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.url}: cannot record duplicate {doc.id}: {exc}") from exc


def duplicates(store: Store) -> list[dict[str, Any]]:
    """Every recorded duplicate: doc_id, canonical_id, kind, similarity, url, source, published."""
    with store._sessions() as session:
        rows = session.scalars(select(DocumentDuplicateRow).order_by(DocumentDuplicateRow.doc_id))
        return [
            {
                "doc_id": r.doc_id,
                "canonical_id": r.canonical_id,
                "kind": r.kind,
                "similarity": r.similarity,
                "url": r.url,
                "source": r.source,
                "published": r.published,
            }
            for r in rows
        ]


def families(store: Store) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``(doc_id -> canonical doc id, canonical doc id -> URLs of exact copies not stored)``."""
    family: dict[str, str] = {}
    copies: dict[str, list[str]] = defaultdict(list)
    for d in duplicates(store):
        family[d["doc_id"]] = d["canonical_id"]
        if d["kind"] == "exact":
            copies[d["canonical_id"]].append(d["url"] or d["doc_id"])
    return family, dict(copies)


def reports_by_id(store: Store, ids: Iterable[str]) -> dict[str, tuple[Report, Document]]:
    """The stored reports with these ids, with their documents."""
    from conflictlens.store.store import _to_document

    wanted = sorted(set(ids))
    out: dict[str, tuple[Report, Document]] = {}
    docs: dict[str, Document] = {}
    with store._sessions() as session:
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            stmt = (
                select(ReportRow.id, ReportRow.data, DocumentRow)
                .join(DocumentRow, ReportRow.doc_id == DocumentRow.id)
                .where(ReportRow.id.in_(chunk))
            )
            for rid, data, doc_row in session.execute(stmt):
                doc = docs.get(doc_row.id) or _to_document(doc_row)
                docs[doc.id] = doc
                out[rid] = (Report.from_dict(data), doc)
    return out


def memberships(store: Store) -> list[Membership]:
    """Every report's incident, in the order they were added."""
    with store._sessions() as session:
        stmt = select(IncidentMemberRow).order_by(IncidentMemberRow.added_at, IncidentMemberRow.report_id)
        return [
            Membership(r.report_id, r.incident_id, r.doc_id, r.how, r.score) for r in session.scalars(stmt)
        ]


def save_incidents(
    store: Store,
    incidents: Sequence[Incident],
    members: Sequence[Membership],
    removed: Iterable[str] = (),
) -> None:
    """Write changed incidents and memberships in one transaction; drop ``removed`` incidents."""
    now = _now()
    member_rows = [
        {
            "report_id": m.report_id,
            "incident_id": m.incident_id,
            "doc_id": m.doc_id,
            "how": m.how,
            "score": m.score,
            "added_at": now,
        }
        for m in members
    ]
    incident_rows = [
        {
            "id": inc.id,
            "iso2": inc.iso2,
            "first_date": inc.date,
            "last_date": inc.date_end or inc.date,
            "event_type": inc.event_type,
            "grade": inc.grade,
            "n_reports": len(inc.report_ids),
            "data": inc.to_dict(),
            "updated_at": now,
        }
        for inc in incidents
    ]
    try:
        with store.engine.begin() as conn:
            gone = list(removed)
            if gone:
                conn.execute(delete(IncidentRow).where(IncidentRow.id.in_(gone)))
            _replace(conn, _MEMBERS, "report_id", member_rows)
            _replace(conn, _INCIDENTS, "id", incident_rows)
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.url}: cannot save incidents: {exc}") from exc


_MEMBERS: Table = IncidentMemberRow.__table__  # type: ignore[assignment]
_INCIDENTS: Table = IncidentRow.__table__  # type: ignore[assignment]


def _replace(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Write ``rows``, each replacing the stored row with the same ``key`` if there is one: the rows
    already stored (one query) are updated, the others inserted (one statement)."""
    if not rows:
        return
    rows = list({r[key]: r for r in rows}.values())  # a row given twice: the last one, as merge did
    column = table.c[key]
    stored = set(conn.scalars(select(column).where(column.in_([r[key] for r in rows]))))
    new = [r for r in rows if r[key] not in stored]
    if new:
        conn.execute(insert(table), new)
    for r in rows:
        if r[key] in stored:
            conn.execute(update(table).where(column == r[key]).values(r))


def clear_incidents(store: Store) -> None:
    """Delete every incident and membership (review decisions are kept)."""
    with store._sessions.begin() as session:
        session.execute(delete(IncidentMemberRow))
        session.execute(delete(IncidentRow))


def add_decision(
    store: Store,
    kind: str,
    report_ids: Sequence[str],
    other_ids: Sequence[str] = (),
    analyst: str | None = None,
    note: str | None = None,
) -> int:
    """Record a review decision; return its id."""
    with store._sessions.begin() as session:
        row = ReviewDecisionRow(
            kind=kind,
            report_ids=list(report_ids),
            other_ids=list(other_ids),
            analyst=analyst,
            note=note,
            decided_at=_now(),
        )
        session.add(row)
        session.flush()
        return int(row.id)


def decisions(store: Store) -> list[ReviewDecision]:
    """Every review decision, oldest first."""
    with store._sessions() as session:
        stmt = select(ReviewDecisionRow).order_by(ReviewDecisionRow.id)
        return [
            ReviewDecision(
                r.id, r.kind, tuple(r.report_ids), tuple(r.other_ids or ()), r.analyst, r.note, r.decided_at
            )
            for r in session.scalars(stmt)
        ]


def reviewed_incidents(
    store: Store,
    since: dt.date | None = None,
    country: str | None = None,
    *,
    review: str | Sequence[str] | None = None,
    include_rejected: bool = True,
    reviewed: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[tuple[Incident, str]]:
    """Stored incidents with their review status, by date then id, analysts' edits applied.

    ``since`` and ``country`` (ISO2) filter on the resolved date and country; ``review`` keeps
    only incidents in these review statuses (``pending``, ``accepted``, ``edited``, ``rejected``);
    ``include_rejected=False`` leaves rejected ones out; ``reviewed=False`` gives the values as
    resolved, without the edits.
    """
    from conflictlens.resolve.model import Incident
    from conflictlens.store.review import IncidentReviewRow, ensure_tables

    ensure_tables(store)
    statuses = [review] if isinstance(review, str) else list(review or ())
    with store._sessions() as session:
        stmt = (
            select(IncidentRow.data, IncidentReviewRow.status, IncidentReviewRow.changes)
            .outerjoin(IncidentReviewRow, IncidentReviewRow.incident_id == IncidentRow.id)
            .order_by(IncidentRow.first_date, IncidentRow.id)
        )
        if since is not None:
            stmt = stmt.where(IncidentRow.first_date >= since)
        if country:
            stmt = stmt.where(IncidentRow.iso2 == country.upper())
        if statuses:
            named = [s for s in statuses if s != "pending"]
            conditions = [IncidentReviewRow.status.in_(named)] if named else []
            if "pending" in statuses:
                conditions.append(IncidentReviewRow.status.is_(None))
            stmt = stmt.where(or_(*conditions))
        if not include_rejected:
            stmt = stmt.where(or_(IncidentReviewRow.status.is_(None), IncidentReviewRow.status != "rejected"))
        if offset:
            stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        for data, status, changes in session.execute(stmt.execution_options(yield_per=_CHUNK)):
            incident = Incident.from_dict(data)
            if reviewed:
                incident = _reviewed(incident, status, changes)
            yield incident, status or "pending"


def _reviewed(incident: Incident, status: str | None, changes: dict[str, Any] | None) -> Incident:
    from conflictlens.store.review import apply_review

    return apply_review(incident, status, changes)


def incidents(
    store: Store,
    since: dt.date | None = None,
    country: str | None = None,
    *,
    include_rejected: bool = False,
    reviewed: bool = True,
) -> Iterator[Incident]:
    """Stored incidents by date then id, from ``since`` on, in ``country`` (ISO2) if given.

    Analysts' edits are applied and incidents they rejected are left out (see
    :func:`reviewed_incidents` for the other choices).
    """
    for incident, _ in reviewed_incidents(
        store, since, country, include_rejected=include_rejected, reviewed=reviewed
    ):
        yield incident


def get_incident(store: Store, incident_id: str, *, reviewed: bool = True) -> Incident | None:
    """The stored incident with this id (analysts' edits applied unless ``reviewed=False``), or None.

    A rejected incident is returned too; :func:`conflictlens.store.review.review_status` says so.
    """
    from conflictlens.resolve.model import Incident

    with store._sessions() as session:
        row = session.get(IncidentRow, incident_id)
        if row is None:
            return None
        incident = Incident.from_dict(row.data)
    if not reviewed:
        return incident
    from conflictlens.store.review import review_of

    status, changes = review_of(store, incident_id)
    return _reviewed(incident, status if status != "pending" else None, changes)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def document_ids_containing(store: Store, term: str) -> set[str]:
    """The ids of documents whose title or text contain ``term`` (any case; a bound parameter)."""
    pattern = _like(term)
    with store._sessions() as session:
        stmt = select(DocumentRow.id).where(
            or_(DocumentRow.text.ilike(pattern, escape="\\"), DocumentRow.title.ilike(pattern, escape="\\"))
        )
        return set(session.scalars(stmt))


def document_event_counts(store: Store) -> dict[str, int]:
    """doc_id -> how many event reports (not background) it has."""
    with store._sessions() as session:
        stmt = (
            select(ReportRow.doc_id, func.count())
            .where(ReportRow.background.is_(False))
            .group_by(ReportRow.doc_id)
        )
        return {doc_id: int(n) for doc_id, n in session.execute(stmt)}


def document_summaries(store: Store) -> list[dict[str, Any]]:
    """Every stored document without its text (id, title, url, published, source), in ingestion order."""
    with store._sessions() as session:
        stmt = select(
            DocumentRow.id, DocumentRow.title, DocumentRow.url, DocumentRow.published, DocumentRow.source
        ).order_by(DocumentRow.ingested_at, DocumentRow.id)
        return [
            {"id": i, "title": t, "url": u, "published": p, "source": s}
            for i, t, u, p, s in session.execute(stmt)
        ]
