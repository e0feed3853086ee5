"""A database of ingested documents, their event reports and the evidence spans behind them.

SQLite by default (WAL journal, foreign keys on) or PostgreSQL (``postgresql://...``, through
psycopg 3); see docs/storage.md. The schema comes from the migrations in ``migrations/`` and
:func:`open_store` brings every database to the newest one. Each document is written in its own
transaction, so a crash in the middle of a batch loses nothing that was already committed, and
re-ingesting a document is a no-op, also when two processes store the same document at once.

Both backends keep the same data and refuse the same data: text with NUL characters (PostgreSQL
cannot store them), values longer than their column, JSON with NaN or infinity.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    String,
    Table,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from conflictlens import settings
from conflictlens.errors import StoreError
from conflictlens.model import Document, Report, Span
from conflictlens.store.schema import DocumentRow, ReportRow, SpanRow

if TYPE_CHECKING:
    from conflictlens.resolve.model import Incident

log = logging.getLogger(__name__)

_DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
_REPORTS: Table = ReportRow.__table__  # type: ignore[assignment]
_SPANS: Table = SpanRow.__table__  # type: ignore[assignment]

_BATCH = 500  # rows fetched at a time when streaming documents or reports
_SQLITE_BUSY_TIMEOUT_S = 30.0  # how long an SQLite writer waits for another one before giving up
_INT_MAX = 2**31 - 1  # INTEGER columns are 32-bit on PostgreSQL


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
        sa_url = make_url(text)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {_hide_password(text)}: {exc}") from exc
    if sa_url.drivername in ("postgresql", "postgres"):
        # SQLAlchemy's default PostgreSQL driver is psycopg2; conflictlens uses psycopg 3.
        sa_url = sa_url.set(drivername="postgresql+psycopg")
    return sa_url


def _hide_password(text: str) -> str:
    """``text`` with anything between ``user:`` and ``@`` replaced, for error messages."""
    scheme, sep, rest = text.partition("://")
    if not sep or "@" not in rest:
        return text
    cred, _, host = rest.rpartition("@")
    if ":" in cred:
        cred = cred.split(":", 1)[0] + ":***"
    return f"{scheme}://{cred}@{host}"


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Set up every new SQLite connection: foreign keys on, WAL journal, and a ``lower()`` that
    knows more than ASCII, so that ``ilike`` (``lower(x) LIKE lower(y)`` on SQLite) matches "École"
    with "école" as PostgreSQL's ILIKE does."""
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _sqlite_bulk_writes(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """On checkout, once per connection: commits that do not wait for the disk (see
    :meth:`Store.bulk_writes`)."""
    if record.info.get("bulk_writes"):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
    record.info["bulk_writes"] = True


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


def _json_dumps(value: Any) -> str:
    """JSON for the store: NaN and infinity are refused (PostgreSQL would refuse them too)."""
    return json.dumps(value, allow_nan=False)


def _checked(table: Table, values: dict[str, Any], what: str, *, lenient: bool = False) -> None:
    """Make sure both backends can keep a row's ``values``: no NUL in text, no text longer than
    its column, no integer beyond 32 bits, no NaN in JSON (SQLite would keep these, PostgreSQL
    refuses them).

    Raises :class:`StoreError` naming ``what`` and the column; with ``lenient`` (for columns that
    only copy, for querying, what ``data`` keeps in full) the value is cleaned, cut or clamped instead.
    """
    for col in table.columns:
        value = values.get(col.key)
        if isinstance(value, str):
            if "\x00" in value:
                if not lenient:
                    raise StoreError(
                        f"{what}: {col.name} contains a NUL character (\\x00), which the store cannot keep"
                    )
                value = value.replace("\x00", "")
                values[col.key] = value
            length = col.type.length if isinstance(col.type, String) else None
            if length is not None and len(value) > length:
                if not lenient:
                    raise StoreError(
                        f"{what}: {col.name} has {len(value)} characters; the store keeps at most {length}"
                    )
                values[col.key] = value[:length]
        elif isinstance(col.type, JSON) and value is not None:
            try:
                _json_dumps(value)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"{what}: {col.name} cannot be stored as JSON: {exc}") from exc
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > _INT_MAX:
            if not lenient:
                raise StoreError(f"{what}: {col.name} {value} is out of range")
            values[col.key] = _INT_MAX if value > 0 else -_INT_MAX


def document_columns(doc: Document) -> dict[str, Any]:
    """The columns a document keeps wherever it is written (the store, a batch's Parquet shard)."""
    return {
        "id": doc.id,
        "text": doc.text,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published,
        "source": doc.source,
        "origin": doc.origin,
        "language": doc.language,
    }


def _document_values(doc: Document, chash: str) -> dict[str, Any]:
    return {**document_columns(doc), "content_hash": chash, "ingested_at": dt.datetime.now(dt.UTC)}


def report_row(report: Report) -> dict[str, Any]:
    """The columns of the reports table for one report (``data``: its full JSON, as a dict)."""
    place = report.place
    return {
        "id": report.id,
        "doc_id": report.doc_id,
        "idx": report.index,
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "actor1": report.actor1.name if report.actor1 else None,
        "actor2": report.actor2.name if report.actor2 else None,
        "fatalities": report.fatalities.acled,
        "event_date": report.date.date if report.date else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "background": report.background,
        "data": report.to_dict(),
    }


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
        self._bulk = False

    def bulk_writes(self) -> None:
        """From now on, let commits return before the disk has them (SQLite only; what a bulk run
        of many small transactions wants).

        In SQLite's WAL journal this is ``PRAGMA synchronous=NORMAL``: a commit no longer waits for
        an fsync. A process killed at any point (even with SIGKILL) still loses no committed
        transaction, and the database stays consistent whatever happens; only a power cut or an
        OS crash may undo the last commits, which an interrupted ingest redoes when run again.
        Other backends, and stores that never call this, keep full durability.
        """
        if self._bulk or self._engine.dialect.name != "sqlite":
            return
        self._bulk = True
        event.listen(self._engine, "checkout", _sqlite_bulk_writes)

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

    def ingest(
        self, doc: Document, reports: list[Report], *, new: bool = False, content_hash: str | None = None
    ) -> bool:
        """Add a document with its reports and their spans in one transaction.

        Returns False and changes nothing when a document with the same id or the same content
        hash is already stored, also when another process stores it at the same moment. Raises
        :class:`StoreError` when a report does not belong to ``doc``, when the document holds what
        the store refuses on every backend (NUL characters, an id longer than 512 characters, JSON
        with NaN; see :func:`_checked`) or the database refuses the write; any error rolls back
        this document only.

        ``new=True`` says the caller knows that neither the id nor the text is stored (bulk
        ingestion keeps both in memory), which saves a query: a stored one is still refused, by the
        database's unique keys. ``content_hash``: ``doc.content_hash`` if the caller has it.
        """
        ids = [r.id for r in reports]
        for report in reports:
            if report.doc_id != doc.id:
                raise StoreError(
                    f"{self.url}: report {report.id} belongs to document {report.doc_id!r}, not {doc.id!r}"
                )
        if len(set(ids)) != len(ids):
            raise StoreError(f"{self.url}: document {doc.id} has two reports with the same index")
        chash = content_hash or doc.content_hash
        what = f"{self.url}: cannot store document {doc.id[:600]!r}"
        if "\x00" in doc.id:
            raise StoreError(f"{what}: id contains a NUL character (\\x00), which the store cannot keep")
        try:
            with self._engine.begin() as conn:
                if not new and self._exists(conn, doc.id, chash):
                    log.info("document %s is already stored; skipped", doc.id)
                    return False
                # Checked here, not earlier: a document already stored is a no-op whatever it holds.
                doc_values = _document_values(doc, chash)
                _checked(_DOCUMENTS, doc_values, what)
                report_values = [report_row(report) for report in reports]
                for values in report_values:
                    _checked(
                        _REPORTS, values, f"{self.url}: cannot store report {values['id']}", lenient=True
                    )
                span_values = []
                for report in reports:
                    for field, span in iter_spans(report):
                        values = {
                            "report_id": report.id,
                            "field": field,
                            "doc_id": span.doc_id,
                            "start": span.start,
                            "end": span.end,
                            "text": span.text,
                        }
                        _checked(_SPANS, values, f"{self.url}: cannot store a span of report {report.id}")
                        span_values.append(values)
                # Core inserts, one statement a table: the ORM's unit of work cost more than the
                # database on a bulk ingest
                conn.execute(insert(_DOCUMENTS), [doc_values])
                if report_values:
                    conn.execute(insert(_REPORTS), report_values)
                if span_values:
                    conn.execute(insert(_SPANS), span_values)
        except IntegrityError as exc:
            # Another writer may have stored the same document between our check and our insert.
            if self._exists_now(doc.id, chash):
                log.info("document %s was stored concurrently; skipped", doc.id)
                return False
            raise StoreError(f"{self.url}: cannot store document {doc.id}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot store document {doc.id}: {exc}") from exc
        log.debug("stored document %s with %d reports and %d spans", doc.id, len(reports), len(span_values))
        return True

    @staticmethod
    def _exists(session: Session | Connection, doc_id: str, chash: str) -> bool:
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


def make_engine(url: str | os.PathLike[str] | None = None) -> Engine:
    """A SQLAlchemy engine for ``url`` (see :func:`resolve_url`) set up as the store uses it.

    SQLite gets foreign keys, the WAL journal and a 30 s busy timeout; other databases get
    ``pool_pre_ping``; JSON refuses NaN on both. Nothing is checked or created in the database:
    :func:`open_store` does that. Raises :class:`StoreError` naming the URL (password hidden).
    """
    sa_url = resolve_url(url)
    shown = sa_url.render_as_string(hide_password=True)
    backend = sa_url.get_backend_name()
    kwargs: dict[str, Any] = {"json_serializer": _json_dumps}
    if backend == "sqlite":
        if "timeout" not in sa_url.query:
            kwargs["connect_args"] = {"timeout": _SQLITE_BUSY_TIMEOUT_S}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(sa_url, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        hint = ""
        if backend == "postgresql" and isinstance(exc, ImportError):
            hint = " (PostgreSQL needs psycopg: pip install 'conflictlens[postgres]')"
        raise StoreError(f"cannot open store {shown}: {exc}{hint}") from exc
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """Open (and create if needed) the store at ``url``.

    ``None`` is :data:`settings.default_db_url`; a bare path such as ``events.db`` is an SQLite file;
    ``postgresql://user@host/db`` is PostgreSQL. The database is brought to the newest schema
    (see :mod:`conflictlens.store.migrate`): created when new, adopted when made by a conflictlens
    from before migrations, upgraded when older. Raises :class:`StoreError` naming the URL (password
    hidden) when the database cannot be opened or migrated.
    """
    from conflictlens.store.migrate import upgrade_engine  # here: `python -m ...migrate` runs cleanly

    engine = make_engine(url)
    try:
        upgrade_engine(engine)
    except StoreError as exc:
        engine.dispose()
        raise StoreError(f"cannot open store {exc}") from exc
    log.debug("opened store %s", engine.url.render_as_string(hide_password=True))
    return Store(engine)
