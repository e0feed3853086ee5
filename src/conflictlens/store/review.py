"""Analysts' reviews of incidents, user accounts and the append-only audit log.

Tables (in the metadata of :mod:`conflictlens.store.schema`, so ``Base.metadata.create_all``
creates them with the others):

- ``users``: name, Argon2 password hash, role (viewer, analyst or admin) and the time before which
  its sessions are no longer accepted (set when the user logs out);
- ``incident_reviews``: an incident's review status (accepted, edited or rejected; no row is
  pending) and the analyst's edits of its coding, kept apart from the resolved incident so they
  survive re-resolution when a new source joins the incident;
- ``audit_log``: every change an analyst or admin made: who, when, what, before, after and why.
  There is no function to change or delete an entry, and triggers on SQLite and PostgreSQL
  refuse UPDATE and DELETE;
- ``login_attempts``: failed and successful logins by user and client address (rate limiting).

Incident reads (:func:`conflictlens.store.incidents.incidents`, ``get_incident``) apply the
reviews, so every consumer (CLI, exports, API, web pages) sees the reviewed values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    JSON,
    Boolean,
    Engine,
    Index,
    Integer,
    String,
    Text,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from conflictlens import taxonomy
from conflictlens.errors import ConflictlensError, StoreError
from conflictlens.store.schema import Base, UTCDateTime

if TYPE_CHECKING:
    from conflictlens.resolve.model import Incident
    from conflictlens.store.store import Store

log = logging.getLogger(__name__)

#: The roles, from least to most powerful: viewers read, analysts also review and ingest,
#: admins also manage accounts.
ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")

#: Review actions and the status each leaves the incident in.
REVIEW_ACTIONS: dict[str, str] = {"accept": "accepted", "edit": "edited", "reject": "rejected"}

#: Review statuses; an incident nobody reviewed is pending.
REVIEW_STATUSES: tuple[str, ...] = ("pending", "accepted", "edited", "rejected")

#: The coding fields an analyst may edit, in display order.
EDITABLE_FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "inter1",
    "inter2",
    "event_date",
    "time_precision",
    "location",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
)

MIN_PASSWORD_CHARS = 8
RESERVED_NAMES = frozenset({"public", "anonymous", "system"})  # names the app uses for non-accounts
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher()


class ReviewInputError(ConflictlensError):
    """A review, account or login request that cannot be done: unknown field, bad value, ..."""


class UnknownIncident(ReviewInputError):
    """No incident with that id."""


class UserExists(ReviewInputError):
    """An account with that name already exists."""


@dataclass(frozen=True)
class User:
    """A logged-in account: its name and role (one of :data:`ROLES`)."""

    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a more powerful one."""
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True)
class AuditEntry:
    """One change in the audit log."""

    id: int
    at: dt.datetime  # UTC
    user: str
    action: str
    incident_id: str | None
    before: dict[str, Any]
    after: dict[str, Any]
    why: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "user": self.user,
            "action": self.action,
            "incident_id": self.incident_id,
            "before": dict(self.before),
            "after": dict(self.after),
            "why": self.why,
        }


# -- tables ---------------------------------------------------------------------------------------


class UserRow(Base):
    """An account (``users``)."""

    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    # Sessions issued before this (UTC) are refused: logging out ends every session of the account.
    sessions_valid_after: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class IncidentReviewRow(Base):
    """An incident's review status and the analyst's edits of its coding (``incident_reviews``)."""

    __tablename__ = "incident_reviews"

    incident_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    reviewer: Mapped[str] = mapped_column(String(64), nullable=False)
    reviewed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class AuditRow(Base):
    """One change (``audit_log``); rows are only ever inserted."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    user: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    incident_id: Mapped[str | None] = mapped_column(String(64), index=True)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    why: Mapped[str | None] = mapped_column(Text)


class LoginAttemptRow(Base):
    """One login attempt (``login_attempts``), for rate limiting."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_name_ip_at", "name", "ip", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    ip: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    ok: Mapped[bool] = mapped_column(Boolean, nullable=False)


#: SQL that makes ``audit_log`` append-only, per dialect (also used by the migration).
APPEND_ONLY_SQL: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION conflictlens_audit_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION conflictlens_audit_append_only()",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION conflictlens_audit_append_only()",
    ),
}

_REVIEW_TABLES = [
    UserRow.__table__,
    IncidentReviewRow.__table__,
    AuditRow.__table__,
    LoginAttemptRow.__table__,
]
_ready: weakref.WeakSet[Engine] = weakref.WeakSet()


def ensure_tables(store: Store) -> None:
    """Create this module's tables in ``store`` if they are missing (once per engine).

    :func:`conflictlens.store.open_store` creates them when this module was imported before the
    store was opened; this covers stores opened earlier.
    """
    engine = store.engine
    if engine in _ready:
        return
    try:
        Base.metadata.create_all(engine, tables=_REVIEW_TABLES)  # type: ignore[arg-type]
        make_audit_append_only(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.url}: cannot create the review tables: {exc}") from exc
    _ready.add(engine)


def make_audit_append_only(engine: Engine) -> None:
    """Add the triggers that refuse UPDATE and DELETE on ``audit_log`` if they are missing
    (SQLite and PostgreSQL; other databases rely on the code having no such function)."""
    statements = APPEND_ONLY_SQL.get(engine.dialect.name)
    if not statements:
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            found = conn.execute(
                text("SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_no_change' AND NOT tgisinternal")
            ).first()
            if found is not None:
                return
        for sql in statements:
            conn.exec_driver_sql(sql)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; they were stored as UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# -- accounts -------------------------------------------------------------------------------------


def check_name(name: str) -> str:
    """``name`` if it is a valid account name (letters, digits, ``.``, ``_``, ``@``, ``-``; 1-64)."""
    if isinstance(name, str) and name.lower() in RESERVED_NAMES:
        raise ReviewInputError(f"the user name {name!r} is reserved")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ReviewInputError(
            f"invalid user name {name!r}: 1 to 64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ReviewInputError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    return role


def add_user(store: Store, name: str, password: str, role: str, *, by: str | None = None) -> User:
    """Create an account with an Argon2 hash of ``password``; recorded in the audit log.

    Raises :class:`UserExists` for a taken name and :class:`ReviewInputError` for an invalid name,
    role or a password shorter than :data:`MIN_PASSWORD_CHARS`.
    """
    ensure_tables(store)
    check_name(name)
    check_role(role)
    if len(password) < MIN_PASSWORD_CHARS:
        raise ReviewInputError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    now = _now()
    try:
        with store._sessions.begin() as session:
            if session.get(UserRow, name) is not None:
                raise UserExists(f"user {name!r} already exists")
            session.add(UserRow(name=name, password_hash=_hasher.hash(password), role=role, created_at=now))
            session.add(
                AuditRow(
                    at=now,
                    user=by or name,
                    action="add_user",
                    incident_id=None,
                    before={},
                    after={"name": name, "role": role},
                    why=None,
                )
            )
    except IntegrityError as exc:
        raise UserExists(f"user {name!r} already exists") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.url}: cannot add user {name!r}: {exc}") from exc
    log.info("added user %s (%s)", name, role)
    return User(name, role)


def get_user(store: Store, name: str) -> User | None:
    """The account called ``name``, or None."""
    ensure_tables(store)
    with store._sessions() as session:
        row = session.get(UserRow, name)
        return User(row.name, row.role) if row is not None else None


def session_user(store: Store, name: str, issued: float) -> User | None:
    """The account called ``name`` if a session of it issued at ``issued`` (a Unix time) is still
    valid, i.e. the account exists and has not logged out since; else None."""
    ensure_tables(store)
    with store._sessions() as session:
        row = session.get(UserRow, name)
        if row is None:
            return None
        cutoff = row.sessions_valid_after
        if cutoff is not None and issued < _utc(cutoff).timestamp():
            return None
        return User(row.name, row.role)


def end_sessions(store: Store, name: str) -> None:
    """Refuse from now on every session of ``name`` issued until now (on logout)."""
    ensure_tables(store)
    with store._sessions.begin() as session:
        row = session.get(UserRow, name)
        if row is not None:
            row.sessions_valid_after = _now()


def list_users(store: Store) -> list[User]:
    """Every account, by name."""
    ensure_tables(store)
    with store._sessions() as session:
        return [User(r.name, r.role) for r in session.scalars(select(UserRow).order_by(UserRow.name))]


# A hash to verify against when the user does not exist, so that answering takes as long.
_DUMMY_HASH = _hasher.hash("conflictlens-no-such-user")


def verify_user(store: Store, name: str, password: str) -> User | None:
    """The account if ``password`` is its password, else None (unknown users take as long)."""
    ensure_tables(store)
    with store._sessions() as session:
        row = session.get(UserRow, name) if isinstance(name, str) and len(name) <= 64 else None
        stored = row.password_hash if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(stored):
        with store._sessions.begin() as session:
            fresh = session.get(UserRow, name)
            if fresh is not None:
                fresh.password_hash = _hasher.hash(password)
    return User(row.name, row.role)


def record_login(store: Store, name: str, ip: str, ok: bool) -> int:
    """Remember a login attempt (drops attempts older than a day); return its id.

    Record an attempt as failed *before* checking the password and flip it with
    :func:`login_succeeded` afterwards, so that parallel attempts all count against the limit.
    """
    ensure_tables(store)
    now = _now()
    with store._sessions.begin() as session:
        row = LoginAttemptRow(name=name[:64], ip=ip[:64], at=now, ok=ok)
        session.add(row)
        session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < now - dt.timedelta(days=1)))
        session.flush()
        return int(row.id)


def login_succeeded(store: Store, attempt_id: int) -> None:
    """Mark the attempt :func:`record_login` recorded as failed as successful."""
    ensure_tables(store)
    with store._sessions.begin() as session:
        row = session.get(LoginAttemptRow, attempt_id)
        if row is not None:
            row.ok = True


def recent_failures(store: Store, name: str, ip: str, window: dt.timedelta) -> int:
    """Failed logins of ``name`` from ``ip`` within ``window``, since the last successful one."""
    ensure_tables(store)
    since = _now() - window
    with store._sessions() as session:
        last_ok = session.scalar(
            select(func.max(LoginAttemptRow.at)).where(
                LoginAttemptRow.name == name[:64],
                LoginAttemptRow.ip == ip[:64],
                LoginAttemptRow.ok.is_(True),
            )
        )
        if last_ok is not None and _utc(last_ok) > since:
            since = _utc(last_ok)
        stmt = (
            select(func.count())
            .select_from(LoginAttemptRow)
            .where(
                LoginAttemptRow.name == name[:64],
                LoginAttemptRow.ip == ip[:64],
                LoginAttemptRow.ok.is_(False),
                LoginAttemptRow.at > since,
            )
        )
        return int(session.scalar(stmt) or 0)


# -- the audit log --------------------------------------------------------------------------------


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=_utc(row.at),
        user=row.user,
        action=row.action,
        incident_id=row.incident_id,
        before=dict(row.before or {}),
        after=dict(row.after or {}),
        why=row.why,
    )


def append_audit(
    store: Store,
    *,
    user: str,
    action: str,
    incident_id: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    why: str | None = None,
) -> int:
    """Add an entry to the audit log; return its id."""
    ensure_tables(store)
    try:
        with store._sessions.begin() as session:
            row = AuditRow(
                at=_now(),
                user=user,
                action=action,
                incident_id=incident_id,
                before=dict(before or {}),
                after=dict(after or {}),
                why=why,
            )
            session.add(row)
            session.flush()
            return int(row.id)
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.url}: cannot write the audit log: {exc}") from exc


#: Audit actions about accounts (names and roles), shown to admins only.
ACCOUNT_ACTIONS: tuple[str, ...] = ("add_user",)


def audit_log(
    store: Store,
    incident_id: str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    exclude_actions: Sequence[str] = (),
) -> list[AuditEntry]:
    """The audit log, oldest first; only the entries about ``incident_id`` if given, without the
    entries whose action is in ``exclude_actions``."""
    ensure_tables(store)
    with store._sessions() as session:
        stmt = select(AuditRow).order_by(AuditRow.id)
        if incident_id is not None:
            stmt = stmt.where(AuditRow.incident_id == incident_id)
        if exclude_actions:
            stmt = stmt.where(AuditRow.action.not_in(list(exclude_actions)))
        if offset:
            stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_entry(r) for r in session.scalars(stmt)]


def audit_count(store: Store, incident_id: str | None = None, *, exclude_actions: Sequence[str] = ()) -> int:
    """How many entries :func:`audit_log` would return without a limit."""
    ensure_tables(store)
    with store._sessions() as session:
        stmt = select(func.count()).select_from(AuditRow)
        if incident_id is not None:
            stmt = stmt.where(AuditRow.incident_id == incident_id)
        if exclude_actions:
            stmt = stmt.where(AuditRow.action.not_in(list(exclude_actions)))
        return int(session.scalar(stmt) or 0)


# -- coding edits ---------------------------------------------------------------------------------


def coding(incident: Incident) -> dict[str, Any]:
    """The editable coding of an incident (:data:`EDITABLE_FIELDS`) as JSON values."""
    place = incident.place or {}
    return {
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "inter1": incident.inter1,
        "inter2": incident.inter2,
        "event_date": incident.date.isoformat() if incident.date else None,
        "time_precision": incident.time_precision,
        "location": place.get("name"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision"),
        "fatalities": int(incident.fatalities.get("acled") or 0),
        "notes": incident.notes,
    }


def _text(field: str, value: Any, limit: int, *, optional: bool = True) -> str | None:
    if value is None:
        if optional:
            return None
        raise ReviewInputError(f"{field} cannot be empty")
    if not isinstance(value, str):
        raise ReviewInputError(f"{field} must be a string")
    _storable(field, value)
    value = " ".join(value.split()) if field != "notes" else value.strip()
    if not value:
        if optional:
            return None
        raise ReviewInputError(f"{field} cannot be empty")
    if len(value) > limit:
        raise ReviewInputError(f"{field} is longer than {limit} characters")
    return value


def _storable(field: str, value: str) -> None:
    if "\x00" in value:
        raise ReviewInputError(f"{field} must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ReviewInputError(f"{field} must be valid Unicode") from exc


def _int(field: str, value: Any, low: int, high: int, *, optional: bool = True) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReviewInputError(f"{field} must be a whole number")
    if not low <= value <= high:
        raise ReviewInputError(f"{field} must be between {low} and {high}")
    return value


def _float(field: str, value: Any, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReviewInputError(f"{field} must be a number")
    if not low <= float(value) <= high:
        raise ReviewInputError(f"{field} must be between {low} and {high}")
    return float(value)


def _check_value(field: str, value: Any) -> Any:
    if field == "event_type":
        if not isinstance(value, str) or value not in taxonomy.EVENT_TYPES:
            raise ReviewInputError(f"unknown event_type {value!r}; one of {', '.join(taxonomy.EVENT_TYPES)}")
        return value
    if field == "sub_event_type":
        if not isinstance(value, str) or value not in taxonomy.SUB_EVENT_TYPES:
            raise ReviewInputError(f"unknown sub_event_type {value!r}")
        return value
    if field in ("actor1", "actor2", "location", "admin1", "admin2"):
        return _text(field, value, 512)
    if field == "notes":
        return _text(field, value, 20_000) or ""
    if field in ("inter1", "inter2"):
        return _int(field, value, 0, 8)
    if field in ("time_precision", "geo_precision"):
        return _int(field, value, 1, 3)
    if field == "fatalities":
        return _int(field, value, 0, 1_000_000, optional=False)
    if field == "latitude":
        return _float(field, value, -90.0, 90.0)
    if field == "longitude":
        return _float(field, value, -180.0, 180.0)
    if field == "event_date":
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str):
            raise ReviewInputError(f"event_date must be a date like 2024-03-10, not {value!r}")
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise ReviewInputError(f"event_date must be a date like 2024-03-10, not {value!r}") from exc
    raise ReviewInputError(f"cannot edit {field!r}; editable: {', '.join(EDITABLE_FIELDS)}")


def check_changes(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` validated against the incident's ``current`` coding, as JSON values.

    A new sub-event type of another event type brings its event type along; an explicit event type
    that does not fit the sub-event type is refused.
    """
    if not isinstance(changes, Mapping):
        raise ReviewInputError("changes must map field names to values")
    checked = {field: _check_value(field, value) for field, value in changes.items()}
    if "sub_event_type" in checked and "event_type" not in checked:
        checked["event_type"] = taxonomy.SUB_EVENT_TYPES[checked["sub_event_type"]]
    event_type = checked.get("event_type", current.get("event_type"))
    sub = checked.get("sub_event_type", current.get("sub_event_type"))
    typed = "event_type" in checked or "sub_event_type" in checked
    if typed and taxonomy.SUB_EVENT_TYPES.get(str(sub)) != event_type:
        raise ReviewInputError(f"sub_event_type {sub!r} is not a kind of {event_type!r}")
    return checked


def apply_review(incident: Incident, status: str | None, changes: Mapping[str, Any] | None) -> Incident:
    """``incident`` with an analyst's edits applied (a new object; ``incident`` is unchanged)."""
    if not status and not changes:
        return incident
    changes = changes or {}
    place = dict(incident.place)
    fatalities = dict(incident.fatalities)
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field in ("event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2", "notes"):
            values[field] = value
        elif field == "event_date":
            values["date"] = dt.date.fromisoformat(value) if value else None
        elif field == "time_precision":
            values["time_precision"] = value
        elif field == "location":
            place["name"] = value
        elif field in ("admin1", "admin2", "latitude", "longitude", "geo_precision"):
            place[field] = value
        elif field == "fatalities":
            fatalities["acled"] = value
    if "date" in values and incident.date_end is not None and values["date"] is not None:
        values["date_end"] = max(incident.date_end, values["date"])
    reviewed = incident.reviewed or status in ("accepted", "edited", "rejected")
    return dataclasses.replace(incident, place=place, fatalities=fatalities, reviewed=reviewed, **values)


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in EDITABLE_FIELDS if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def review_status(store: Store, incident_id: str) -> str:
    """``pending``, ``accepted``, ``edited`` or ``rejected``."""
    ensure_tables(store)
    with store._sessions() as session:
        row = session.get(IncidentReviewRow, incident_id)
        return row.status if row is not None else "pending"


def review_of(store: Store, incident_id: str) -> tuple[str, dict[str, Any]]:
    """The review status and the edited fields (field -> new value) of an incident."""
    ensure_tables(store)
    with store._sessions() as session:
        row = session.get(IncidentReviewRow, incident_id)
        if row is None:
            return "pending", {}
        return row.status, dict(row.changes or {})


def record_review(
    store: Store,
    *,
    user: str,
    incident_id: str,
    action: str,
    changes: Mapping[str, Any] | None = None,
    why: str | None = None,
) -> int:
    """Accept, edit or reject an incident's coding; write the audit entry; return its id.

    ``changes`` (only with ``edit``) maps :data:`EDITABLE_FIELDS` to new values; a value equal to
    the resolved one drops the earlier edit of that field. Edits stay when the incident is later
    accepted or rejected. Raises :class:`UnknownIncident` or :class:`ReviewInputError`.
    """
    from conflictlens.store.incidents import get_incident

    if action not in REVIEW_ACTIONS:
        raise ReviewInputError(f"unknown review action {action!r}; one of {', '.join(REVIEW_ACTIONS)}")
    if action == "edit" and not changes:
        raise ReviewInputError("an edit needs at least one changed field")
    if action != "edit" and changes:
        raise ReviewInputError(f"{action} takes no changes; use edit")
    if why is not None:
        if len(why) > 5000:
            raise ReviewInputError("why is longer than 5000 characters")
        _storable("why", why)
    ensure_tables(store)
    raw = get_incident(store, incident_id, reviewed=False)
    if raw is None:
        raise UnknownIncident(f"no incident {incident_id}")
    resolved = coding(raw)
    now = _now()
    try:
        with store._sessions.begin() as session:
            row = session.get(IncidentReviewRow, incident_id, with_for_update=True)
            old_status = row.status if row is not None else "pending"
            old_changes = dict(row.changes or {}) if row is not None else {}
            checked = check_changes({**resolved, **old_changes}, changes or {})
            new_changes = {**old_changes, **checked}
            new_changes = {k: v for k, v in new_changes.items() if v != resolved.get(k)}
            if action == "edit" and new_changes == old_changes:
                raise ReviewInputError("the edit changes nothing")
            new_status = REVIEW_ACTIONS[action]
            before, after = _diff(
                coding(apply_review(raw, old_status, old_changes)),
                coding(apply_review(raw, None, new_changes)),
            )
            before["review"], after["review"] = old_status, new_status
            if row is None:
                row = IncidentReviewRow(incident_id=incident_id)
                session.add(row)
            row.status = new_status
            row.changes = new_changes
            row.reviewer = user
            row.reviewed_at = now
            audit = AuditRow(
                at=now, user=user, action=action, incident_id=incident_id, before=before, after=after, why=why
            )
            session.add(audit)
            session.flush()
            audit_id = int(audit.id)
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.url}: cannot record the review of {incident_id}: {exc}") from exc
    log.info("%s %s incident %s", user, REVIEW_ACTIONS[action], incident_id)
    return audit_id


def review_queue(
    store: Store, status: str = "pending", limit: int | None = 50, offset: int = 0
) -> list[Incident]:
    """Incidents with review ``status`` (pending: nobody reviewed them yet), by date then id."""
    from conflictlens.store.incidents import reviewed_incidents

    if status not in REVIEW_STATUSES:
        raise ReviewInputError(f"unknown review status {status!r}; one of {', '.join(REVIEW_STATUSES)}")
    found = reviewed_incidents(store, review=status, limit=limit, offset=offset)
    return [incident for incident, _ in found]


# -- merge and split ------------------------------------------------------------------------------


def merge_incidents(store: Store, keep: str, other: str, *, user: str, why: str | None = None) -> str:
    """Merge incident ``other`` into ``keep`` (as ``conflictlens merge`` does) and log it for both."""
    from conflictlens.resolve import Resolver, ReviewError

    ensure_tables(store)
    resolver = Resolver(store)
    keep_before, other_before = resolver.members(keep), resolver.members(other)
    try:
        resolver.merge(keep, other, analyst=user, note=why)
    except ReviewError as exc:
        raise (UnknownIncident if "no incident" in str(exc) else ReviewInputError)(str(exc)) from exc
    after = resolver.members(keep)
    append_audit(
        store,
        user=user,
        action="merge",
        incident_id=keep,
        before={"report_ids": keep_before},
        after={"report_ids": after, "merged_from": other},
        why=why,
    )
    append_audit(
        store,
        user=user,
        action="merge",
        incident_id=other,
        before={"report_ids": other_before},
        after={"report_ids": [], "merged_into": keep},
        why=why,
    )
    return keep


def split_incident(
    store: Store, incident_id: str, report_ids: Sequence[str], *, user: str, why: str | None = None
) -> str:
    """Move ``report_ids`` out of an incident into a new one (as ``conflictlens split`` does); log it
    for both incidents; return the new incident's id."""
    from conflictlens.resolve import Resolver, ReviewError

    ensure_tables(store)
    resolver = Resolver(store)
    before = resolver.members(incident_id)
    try:
        new_id = resolver.split(incident_id, list(report_ids), analyst=user, note=why)
    except ReviewError as exc:
        raise (UnknownIncident if "no incident" in str(exc) else ReviewInputError)(str(exc)) from exc
    append_audit(
        store,
        user=user,
        action="split",
        incident_id=incident_id,
        before={"report_ids": before},
        after={"report_ids": resolver.members(incident_id), "split_into": new_id},
        why=why,
    )
    append_audit(
        store,
        user=user,
        action="split",
        incident_id=new_id,
        before={"report_ids": []},
        after={"report_ids": resolver.members(new_id), "split_from": incident_id},
        why=why,
    )
    return new_id
