"""A database of ingested documents, their event reports and the evidence spans behind them.

SQLite by default (WAL journal, foreign keys on); any SQLAlchemy URL works, PostgreSQL included.
Each document is written in its own transaction, so a crash in the middle of a batch loses nothing
that was already committed, and re-ingesting a document is a no-op.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, func, or_, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from conflictlens import settings
from conflictlens.errors import StoreError
from conflictlens.model import Document, Report, Span
from conflictlens.store.schema import Base, DocumentRow, ReportRow, SpanRow

if TYPE_CHECKING:
    from conflictlens.resolve.model import Incident

log = logging.getLogger(__name__)

_BATCH = 500  # rows fetched at a time when streaming documents or reports


def resolve_url(url: str | os.PathLike[str] | None = None) -> URL:
    """The SQLAlchemy URL for ``url``: None is the default store, a bare path is an SQLite file.

    Raises :class:`StoreError` when ``url`` looks like a URL but cannot be parsed.
    """
    if url is None:
        url = settings.default_db_url
    text = os.fspath(url)
    if "://" not in text:
        if text in ("", ":memory:"):
            return URL.create("sqlite")
        return URL.create("sqlite", database=str(Path(text).expanduser()))
    try:
        return make_url(text)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {_hide_password(text)}: {exc}") from exc


def _hide_password(text: str) -> str:
    """``text`` with anything between ``user:`` and ``@`` replaced, for error messages."""
    scheme, sep, rest = text.partition("://")
    if not sep or "@" not in rest:
        return text
    cred, _, host = rest.rpartition("@")
    if ":" in cred:
        cred = cred.split(":", 1)[0] + ":***"
    return f"{scheme}://{cred}@{host}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Turn on foreign keys and the WAL journal for every new SQLite connection."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def iter_spans(report: Report) -> Iterator[tuple[str, Span]]:
    """Every span of a report with the field it supports: actor1, assoc_actor_1, ..., evidence."""
    if report.actor1 is not None:
        for s in report.actor1.spans:
            yield "actor1", s
    for actor in report.assoc_actor_1:
        for s in actor.spans:
            yield "assoc_actor_1", s
    if report.actor2 is not None:
        for s in report.actor2.spans:
            yield "actor2", s
    for actor in report.assoc_actor_2:
        for s in actor.spans:
            yield "assoc_actor_2", s
    for s in report.fatalities.spans:
        yield "fatalities", s
    if report.date is not None:
        for s in report.date.spans:
            yield "date", s
    if report.place is not None:
        for s in report.place.spans:
            yield "place", s
    for s in report.evidence:
        yield "evidence", s


def _document_row(doc: Document, chash: str) -> DocumentRow:
    return DocumentRow(
        id=doc.id,
        content_hash=chash,
        text=doc.text,
        title=doc.title,
        url=doc.url,
        published=doc.published,
        source=doc.source,
        origin=doc.origin,
        language=doc.language,
        ingested_at=dt.datetime.now(dt.UTC),
    )


def _report_row(report: Report) -> ReportRow:
    place = report.place
    return ReportRow(
        id=report.id,
        doc_id=report.doc_id,
        idx=report.index,
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        actor1=report.actor1.name if report.actor1 else None,
        actor2=report.actor2.name if report.actor2 else None,
        fatalities=report.fatalities.acled,
        event_date=report.date.date if report.date else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        background=report.background,
        data=report.to_dict(),
    )


def _to_document(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        title=row.title,
        url=row.url,
        published=row.published,
        source=row.source,
        origin=row.origin,
        language=row.language,
    )


class Store:
    """Documents, reports and evidence spans in a SQL database. Use :func:`open_store` to get one."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for maintenance and tests; prefer the methods below)."""
        return self._engine

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing -----------------------------------------------------------------------------

    def ingest(self, doc: Document, reports: list[Report]) -> bool:
        """Add a document with its reports and their spans in one transaction.

        Returns False and changes nothing when a document with the same id or the same content
        hash is already stored. Raises :class:`StoreError` when a report does not belong to
        ``doc`` or the database refuses the write; any error rolls back this document only.
        """
        ids = [r.id for r in reports]
        for report in reports:
            if report.doc_id != doc.id:
                raise StoreError(
                    f"{self.url}: report {report.id} belongs to document {report.doc_id!r}, not {doc.id!r}"
                )
        if len(set(ids)) != len(ids):
            raise StoreError(f"{self.url}: document {doc.id} has two reports with the same index")
        chash = doc.content_hash
        try:
            with self._sessions.begin() as session:
                if self._exists(session, doc.id, chash):
                    log.info("document %s is already stored; skipped", doc.id)
                    return False
                session.add(_document_row(doc, chash))
                session.flush()
                for report in reports:
                    session.add(_report_row(report))
                session.flush()
                n_spans = 0
                for report in reports:
                    for field, span in iter_spans(report):
                        session.add(
                            SpanRow(
                                report_id=report.id,
                                field=field,
                                doc_id=span.doc_id,
                                start=span.start,
                                end=span.end,
                                text=span.text,
                            )
                        )
                        n_spans += 1
        except IntegrityError as exc:
            # Another writer may have stored the same document between our check and our insert.
            if self._exists_now(doc.id, chash):
                log.info("document %s was stored concurrently; skipped", doc.id)
                return False
            raise StoreError(f"{self.url}: cannot store document {doc.id}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot store document {doc.id}: {exc}") from exc
        log.debug("stored document %s with %d reports and %d spans", doc.id, len(reports), n_spans)
        return True

    @staticmethod
    def _exists(session: Session, doc_id: str, chash: str) -> bool:
        stmt = (
            select(DocumentRow.id)
            .where(or_(DocumentRow.id == doc_id, DocumentRow.content_hash == chash))
            .limit(1)
        )
        return session.scalar(stmt) is not None

    def _exists_now(self, doc_id: str, chash: str) -> bool:
        try:
            with self._sessions() as session:
                return self._exists(session, doc_id, chash)
        except SQLAlchemyError:
            return False

    # -- reading -----------------------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        """Whether a document with this content hash (see :func:`model.content_hash`) is stored."""
        with self._reading() as session:
            stmt = select(DocumentRow.id).where(DocumentRow.content_hash == content_hash).limit(1)
            return session.scalar(stmt) is not None

    def document_id_by_content(self, content_hash: str) -> str | None:
        """The id of the stored document with this content hash, or None."""
        with self._reading() as session:
            stmt = select(DocumentRow.id).where(DocumentRow.content_hash == content_hash).limit(1)
            return session.scalar(stmt)

    def get_document(self, id: str) -> Document | None:
        """The stored document with this id, or None."""
        with self._reading() as session:
            row = session.get(DocumentRow, id)
            return _to_document(row) if row is not None else None

    def documents(self) -> Iterator[Document]:
        """Every stored document, in the order they were ingested."""
        with self._reading() as session:
            stmt = select(DocumentRow).order_by(DocumentRow.ingested_at, DocumentRow.id)
            for row in session.scalars(stmt.execution_options(yield_per=_BATCH)):
                yield _to_document(row)

    def reports(self, include_background: bool = False) -> Iterator[tuple[Report, Document]]:
        """Every stored report with its document, by document in ingestion order then by index.

        Background reports (events a document mentions only as context) are left out unless
        ``include_background``.
        """
        with self._reading() as session:
            stmt = (
                select(ReportRow.data, DocumentRow)
                .join(DocumentRow, ReportRow.doc_id == DocumentRow.id)
                .order_by(DocumentRow.ingested_at, DocumentRow.id, ReportRow.idx)
            )
            if not include_background:
                stmt = stmt.where(ReportRow.background.is_(False))
            current: Document | None = None
            for data, doc_row in session.execute(stmt.execution_options(yield_per=_BATCH)):
                if current is None or current.id != doc_row.id:
                    current = _to_document(doc_row)
                yield Report.from_dict(data), current

    def reports_of(self, doc_id: str, include_background: bool = True) -> list[Report]:
        """The reports of one document, by index (background ones only if ``include_background``)."""
        with self._reading() as session:
            stmt = select(ReportRow.data).where(ReportRow.doc_id == doc_id).order_by(ReportRow.idx)
            if not include_background:
                stmt = stmt.where(ReportRow.background.is_(False))
            return [Report.from_dict(data) for data in session.scalars(stmt)]

    def counts(self) -> dict[str, int]:
        """Row counts: documents, reports (all), events (not background), background, spans."""
        with self._reading() as session:
            documents = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
            reports = session.scalar(select(func.count()).select_from(ReportRow)) or 0
            background = (
                session.scalar(
                    select(func.count()).select_from(ReportRow).where(ReportRow.background.is_(True))
                )
                or 0
            )
            spans = session.scalar(select(func.count()).select_from(SpanRow)) or 0
        return {
            "documents": documents,
            "reports": reports,
            "events": reports - background,
            "background": background,
            "spans": spans,
        }

    # -- duplicates and incidents (see conflictlens.store.incidents) ------------------------

    def record_duplicate(self, doc: Document, canonical_id: str, kind: str, similarity: float) -> None:
        """Remember that ``doc`` copies stored document ``canonical_id``, keeping its URL and outlet."""
        from conflictlens.store import incidents

        incidents.record_duplicate(self, doc, canonical_id, kind, similarity)

    def duplicates(self) -> list[dict[str, Any]]:
        """Every recorded duplicate document with its canonical document, URL and outlet."""
        from conflictlens.store import incidents

        return incidents.duplicates(self)

    def incidents(self, since: dt.date | None = None, country: str | None = None) -> Iterator[Incident]:
        """Stored incidents by date, from ``since`` on, in ``country`` (ISO2) if given."""
        from conflictlens.store import incidents

        return incidents.incidents(self, since=since, country=country)

    def get_incident(self, incident_id: str) -> Incident | None:
        """The stored incident with this id, or None."""
        from conflictlens.store import incidents

        return incidents.get_incident(self, incident_id)

    def _reading(self) -> Session:
        return self._sessions()

    # -- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        """Release every database connection. The store cannot be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """Open (and create if needed) the store at ``url``.

    ``None`` is :data:`settings.default_db_url`; a bare path such as ``events.db`` is an SQLite file.
    Tables are created when missing. Raises :class:`StoreError` naming the URL (password hidden)
    when the database cannot be opened.
    """
    sa_url = resolve_url(url)
    shown = sa_url.render_as_string(hide_password=True)
    try:
        engine = create_engine(sa_url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot open store {shown}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        Base.metadata.create_all(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        detail = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open store {shown}: {detail}") from exc
    log.debug("opened store %s", shown)
    return Store(engine)
