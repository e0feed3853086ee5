"""The store's tables: ``documents``, ``reports`` and ``spans`` (SQLAlchemy 2 ORM).

Only portable column types are used (String, Text, Integer, Float, Boolean, Date, DateTime, JSON)
so the same schema works on SQLite and PostgreSQL. Timestamps are :class:`UTCDateTime`: aware UTC
datetimes on both backends. A change here needs a migration in ``migrations/versions`` (see
docs/storage.md): the database schema comes from the migrations, these classes only describe it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Dialect, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """``DateTime(timezone=True)`` that always gives back an aware UTC datetime.

    SQLite keeps no time zone (it returns naive values) and PostgreSQL returns the session's time
    zone; this makes both return UTC. A naive datetime written is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of the conflictlens tables (every table the migrations must create)."""


class DocumentRow(Base):
    """One ingested document (``documents`` table)."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(512), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(512))
    origin: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)

    reports: Mapped[list[ReportRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ReportRow.idx"
    )


class ReportRow(Base):
    """One event report extracted from a document (``reports`` table).

    The flat columns are for querying; ``data`` holds the full :meth:`Report.to_dict` output,
    which is what the report is rebuilt from.
    """

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(600), primary_key=True)
    doc_id: Mapped[str] = mapped_column(
        String(512), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    idx: Mapped[int] = mapped_column(Integer, nullable=False)
    event_type: Mapped[str] = mapped_column(String(64), nullable=False)
    sub_event_type: Mapped[str] = mapped_column(String(64), nullable=False)
    actor1: Mapped[str | None] = mapped_column(String(512))
    actor2: Mapped[str | None] = mapped_column(String(512))
    fatalities: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    country: Mapped[str | None] = mapped_column(String(128), index=True)
    admin1: Mapped[str | None] = mapped_column(String(256))
    location: Mapped[str | None] = mapped_column(String(512))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    background: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)

    document: Mapped[DocumentRow] = relationship(back_populates="reports")
    spans: Mapped[list[SpanRow]] = relationship(back_populates="report", cascade="all, delete-orphan")


class SpanRow(Base):
    """One piece of evidence: the character range of a document a report field came from."""

    __tablename__ = "spans"
    __table_args__ = (Index("ix_spans_doc_id_start", "doc_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(
        String(600), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True
    )
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    doc_id: Mapped[str] = mapped_column(String(512), nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")

    report: Mapped[ReportRow] = relationship(back_populates="spans")


class DocumentDuplicateRow(Base):
    """A document that copies an earlier one (``document_duplicates`` table).

    Exact copies are not stored in ``documents`` (their text is already there), so this row keeps
    their URL, outlet and date; near-duplicates are stored in ``documents`` as well.
    """

    __tablename__ = "document_duplicates"

    doc_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    canonical_id: Mapped[str] = mapped_column(String(512), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # exact | near
    similarity: Mapped[float] = mapped_column(Float, nullable=False)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[dt.date | None] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class IncidentRow(Base):
    """One incident: reports from different documents that tell the same event (``incidents``).

    The flat columns are for querying; ``data`` holds :meth:`Incident.to_dict` output.
    """

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    iso2: Mapped[str | None] = mapped_column(String(8), index=True)
    first_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    last_date: Mapped[dt.date | None] = mapped_column(Date)
    event_type: Mapped[str | None] = mapped_column(String(64))
    grade: Mapped[str | None] = mapped_column(String(16))
    n_reports: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class IncidentMemberRow(Base):
    """Which incident a report belongs to (``incident_members``); a report is in at most one."""

    __tablename__ = "incident_members"

    report_id: Mapped[str] = mapped_column(String(600), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    doc_id: Mapped[str] = mapped_column(String(512), nullable=False)
    how: Mapped[str] = mapped_column(String(16), nullable=False)  # created | matched | review
    score: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class ReviewDecisionRow(Base):
    """An analyst's decision about incidents (``review_decisions``), respected by later runs.

    ``kind`` is ``split`` (``report_ids`` must not share an incident with ``other_ids``) or
    ``merge`` (``report_ids`` belong together).
    """

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    report_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    other_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    analyst: Mapped[str | None] = mapped_column(String(256))
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
