"""Schema migrations of the store (Alembic), driven from code: no alembic.ini is needed.

The migration scripts ship inside the package (``conflictlens/store/migrations/versions``), one file
per revision, numbered ``0001``, ``0002``... :func:`conflictlens.store.open_store` brings every
database it opens to the newest revision (``head``):

- a new, empty database is upgraded from nothing;
- a database made by conflictlens before it used Alembic (tables made by ``create_all``, no
  ``alembic_version`` table) is adopted: it is stamped with the baseline revision :data:`BASELINE`
  when it has every baseline table (revision ``0001`` creates only the missing ones when it lacks
  some), then upgraded;
- a database already at head costs one query.

Upgrades hold a lock, so several processes opening the same new database at once migrate it once:
``pg_advisory_xact_lock`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite. On SQLite they run with
foreign keys off (so that batch mode's copy-and-rename of a table cannot cascade deletes) and
``PRAGMA foreign_key_check`` must come out clean before they commit.

Developers: ``python -m conflictlens.store.migrate revision -m "what changed"`` writes the next
revision file from the difference between the models (:mod:`.schema`, :mod:`.review`) and head.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from conflictlens.errors import StoreError

log = logging.getLogger(__name__)

#: Where the migration environment and scripts are (inside the installed package).
MIGRATIONS = Path(__file__).resolve().with_name("migrations")

#: The revision that describes the schema of the stores made before migrations (``create_all``).
BASELINE = "0001"

#: The baseline tables and the columns a pre-Alembic store must have to be adopted.
BASELINE_TABLES: dict[str, frozenset[str]] = {
    "documents": frozenset({"id", "content_hash", "text", "title", "url", "published", "source", "origin",
                            "language", "ingested_at"}),
    "reports": frozenset({"id", "doc_id", "idx", "event_type", "sub_event_type", "actor1", "actor2",
                          "fatalities", "event_date", "country", "admin1", "location", "latitude",
                          "longitude", "background", "data"}),
    "spans": frozenset({"id", "report_id", "field", "doc_id", "start", "end", "text"}),
    "document_duplicates": frozenset({"doc_id", "canonical_id", "kind", "similarity", "url", "source",
                                      "published", "recorded_at"}),
    "incidents": frozenset({"id", "iso2", "first_date", "last_date", "event_type", "grade", "n_reports",
                            "data", "updated_at"}),
    "incident_members": frozenset({"report_id", "incident_id", "doc_id", "how", "score", "added_at"}),
    "review_decisions": frozenset({"id", "kind", "report_ids", "other_ids", "analyst", "note",
                                   "decided_at"}),
}  # fmt: skip

# pg_advisory_xact_lock key held while migrating (any constant; this is "clmigrat" in ASCII).
_PG_LOCK_KEY = 0x636C6D6967726174


@dataclass(frozen=True)
class Revision:
    """One migration script."""

    revision: str
    down_revision: str | None
    message: str


def config(connection: Connection | None = None) -> Config:
    """The Alembic configuration, made in code; ``connection`` is what ``env.py`` migrates."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision this conflictlens knows."""
    rev = _script().get_current_head()
    if rev is None:  # pragma: no cover - the package always ships revisions
        raise StoreError(f"no migration scripts in {MIGRATIONS}")
    return rev


def history() -> list[Revision]:
    """Every revision, oldest first."""
    out = []
    for script in _script().walk_revisions():
        down = script.down_revision
        out.append(
            Revision(
                script.revision,
                down if isinstance(down, str) or down is None else ",".join(down),
                (script.doc or "").strip(),
            )
        )
    return out[::-1]


def _heads(conn: Connection) -> tuple[str, ...]:
    """The revisions the database is at (empty for a new or pre-Alembic database)."""
    return tuple(MigrationContext.configure(conn).get_current_heads())


def _check_known(heads: Sequence[str]) -> None:
    script = _script()
    for rev in heads:
        try:
            known = script.get_revision(rev) is not None
        except CommandError:
            known = False
        if not known:
            raise StoreError(
                f"the database is at migration revision {rev!r}, which this conflictlens does not know "
                f"(its newest is {head()!r}): it was upgraded by a newer conflictlens, or another "
                "application's Alembic history shares the database"
            )


def _adopt_pre_alembic(conn: Connection, cfg: Config) -> None:
    """Stamp a store made by ``create_all`` (before migrations) with the baseline it matches.

    Tables are left as they are. A store that lacks some baseline tables (made by an older release)
    is not stamped: revision 0001 then creates just the missing ones. Raises :class:`StoreError` if a
    baseline table lacks columns (the database is not a conflictlens store).
    """
    inspector = inspect(conn)
    present = set(inspector.get_table_names()) & BASELINE_TABLES.keys()
    if not present:
        return  # a new database (or one holding only other applications' tables)
    for name in sorted(present):
        columns = {c["name"] for c in inspector.get_columns(name)}
        missing = BASELINE_TABLES[name] - columns
        if missing:
            raise StoreError(
                f"table {name} has no column {', '.join(sorted(missing))}: not a conflictlens store, "
                "or one too different to migrate"
            )
    if present == BASELINE_TABLES.keys():
        command.stamp(cfg, BASELINE)
        log.info("store made before migrations: stamped revision %s", BASELINE)
    else:
        log.info(
            "store made before migrations, without %s", ", ".join(sorted(BASELINE_TABLES.keys() - present))
        )


def _migrate_locked(conn: Connection, revision: str) -> None:
    """Upgrade under the migration lock, in one transaction; the caller has no transaction open."""
    dialect = conn.dialect.name
    sqlite = dialect == "sqlite"
    try:
        if sqlite:
            # Outside any transaction (PRAGMA foreign_keys is a no-op inside one); then take the
            # write lock first, so a concurrent opener waits here instead of failing mid-migration.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        heads = _heads(conn)  # again: another process may have migrated while we waited
        _check_known(heads)
        broken_before = len(conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()) if sqlite else 0
        cfg = config(conn)
        if not heads:
            _adopt_pre_alembic(conn, cfg)
        command.upgrade(cfg, revision)
        if sqlite:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if len(broken) > broken_before:
                raise StoreError(
                    f"migration to {revision} broke {len(broken) - broken_before} foreign key(s), "
                    f"e.g. {broken[0]}"
                )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Bring the database of ``engine`` to ``revision`` (default: head); see the module docstring.

    Raises :class:`StoreError` when it cannot (a revision it does not know, a failed migration).
    """
    shown = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            heads = _heads(conn)
            _check_known(heads)
            if revision == "head" and heads == (head(),):
                return
            conn.rollback()
            _migrate_locked(conn, revision)
    except StoreError as exc:
        raise StoreError(f"{shown}: {exc}") from exc
    except CommandError as exc:
        raise StoreError(f"{shown}: cannot migrate to {revision}: {exc}") from exc
    except SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        raise StoreError(f"{shown}: cannot migrate to {revision}: {detail}") from exc


def upgrade(url: str | os.PathLike[str] | None = None, revision: str = "head") -> str | None:
    """Upgrade the database at ``url`` (see :func:`conflictlens.store.resolve_url`); its revision after."""
    from conflictlens.store.store import make_engine

    engine = make_engine(url)
    try:
        upgrade_engine(engine, revision)
        return _current(engine)
    finally:
        engine.dispose()


def current(url: str | os.PathLike[str] | None = None) -> str | None:
    """The revision of the database at ``url``; None if it has none (new, or made before migrations)."""
    from conflictlens.store.store import make_engine

    engine = make_engine(url)
    try:
        return _current(engine)
    finally:
        engine.dispose()


def _current(engine: Engine) -> str | None:
    shown = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            heads = _heads(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"{shown}: {getattr(exc, 'orig', None) or exc}") from exc
    return ",".join(heads) if heads else None


def new_revision(message: str, autogenerate: bool = True) -> Path:
    """Write the next revision file (for developers) and return its path.

    With ``autogenerate`` it holds the difference between the models and head, computed on a scratch
    SQLite database: read it through and fix what autogenerate cannot see (renames, data moves).
    """
    from conflictlens.store.store import make_engine

    existing = [int(r.revision) for r in history() if r.revision.isdigit()]
    rev_id = f"{max(existing, default=0) + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/scratch.db")
        try:
            upgrade_engine(engine)
            with engine.connect() as conn:
                cfg = config(conn)
                ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
                if Path(ruff).exists():
                    cfg.set_section_option("post_write_hooks", "hooks", "ruff_fix, ruff_format")
                    for hook, args in (("ruff_fix", "check --fix"), ("ruff_format", "format")):
                        cfg.set_section_option("post_write_hooks", f"{hook}.type", "exec")
                        cfg.set_section_option("post_write_hooks", f"{hook}.executable", ruff)
                        cfg.set_section_option(
                            "post_write_hooks", f"{hook}.options", f"{args} REVISION_SCRIPT_FILENAME"
                        )
                script = command.revision(cfg, message=message, autogenerate=autogenerate, rev_id=rev_id)
        finally:
            engine.dispose()
    _script.cache_clear()
    if script is None or isinstance(script, list):  # pragma: no cover - one head, one script
        raise StoreError("alembic wrote no single revision")
    return Path(script.path)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m conflictlens.store.migrate upgrade|current|history|revision``."""
    parser = argparse.ArgumentParser(
        prog="python -m conflictlens.store.migrate", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="action", required=True)
    up = sub.add_parser("upgrade", help="bring a database to head (or --to REVISION)")
    up.add_argument("--db", default=None, help="database URL or SQLite path (default: the default store)")
    up.add_argument("--to", default="head", help="target revision")
    cur = sub.add_parser("current", help="the revision a database is at")
    cur.add_argument("--db", default=None)
    sub.add_parser("history", help="every revision, oldest first")
    rev = sub.add_parser("revision", help="write the next revision file (developers)")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--empty", action="store_true", help="do not autogenerate from the models")
    args = parser.parse_args(argv)
    try:
        if args.action == "upgrade":
            print(upgrade(args.db, args.to) or "(none)")
        elif args.action == "current":
            print(current(args.db) or "(none)")
        elif args.action == "history":
            for r in history():
                marker = " (head)" if r.revision == head() else ""
                print(f"{r.down_revision or '<base>'} -> {r.revision}{marker}: {r.message.splitlines()[0]}")
        else:
            print(new_revision(args.message, autogenerate=not args.empty))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
