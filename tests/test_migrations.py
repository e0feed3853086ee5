"""Tests of the store's migrations (Alembic) on SQLite and PostgreSQL: head matches the models, stores
made before migrations are adopted with their data, upgrades are idempotent and race-safe, and
databases the code cannot handle are refused with a clear error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from conflictlens.errors import StoreError
from conflictlens.store import make_engine, migrate, open_store
from conflictlens.store import store as store_module
from conflictlens.store.schema import Base
from test_store import mali_document, mali_reports, other_document


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """An engine on the empty test database, without any migration run."""
    e = make_engine(store_url)
    try:
        yield e
    finally:
        e.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _schema(engine: Engine) -> dict[str, Any]:
    """Tables with their columns, indexes and foreign keys, comparable between two databases."""
    insp = inspect(engine)
    out: dict[str, Any] = {}
    for table in sorted(insp.get_table_names()):
        out[table] = (
            [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)],
            sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table)),
            sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], f.get("options", {}).get("ondelete"))
                for f in insp.get_foreign_keys(table)
            ),
        )
    return out


def _version_rows(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def _make_pre_alembic_store(engine: Engine, tables: list[str]) -> None:
    """What conflictlens made before migrations: ``create_all`` of the baseline tables, no
    alembic_version, then a document ingested with the code of the time (Store without migrations)."""
    Base.metadata.create_all(engine, tables=[Base.metadata.tables[name] for name in tables])
    assert "alembic_version" not in _tables(engine)
    if "documents" in tables:
        old = store_module.Store(engine)
        doc = mali_document()
        assert old.ingest(doc, mali_reports(doc))


def test_migrations_ship_inside_the_package() -> None:
    assert (migrate.MIGRATIONS / "env.py").is_file()
    assert (migrate.MIGRATIONS / "script.py.mako").is_file()
    versions = sorted(p.name for p in (migrate.MIGRATIONS / "versions").glob("*.py"))
    assert versions[0] == "0001_initial_schema.py"
    # Revisions are numbered 0001, 0002... and form one line.
    history = migrate.history()
    assert [r.revision for r in history] == [f"{n:04d}" for n in range(1, len(history) + 1)]
    assert [r.down_revision for r in history] == [None, *[r.revision for r in history[:-1]]]
    assert migrate.head() == history[-1].revision
    assert migrate.BASELINE == "0001"


def test_head_matches_the_models(store_url: str) -> None:
    """After upgrading to head, autogenerate finds nothing to do: every table of Base.metadata
    (review.py's included) has a migration, and the migrations create nothing the models lack."""
    with open_store(store_url) as s, s.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], (
        "the models and the migrations differ; write a revision with "
        "`.venv/bin/python -m conflictlens.store.migrate revision -m 'what changed'` (see docs/storage.md)"
    )


def test_new_database_is_upgraded_to_head(engine: Engine, store_url: str) -> None:
    assert migrate.current(store_url) is None
    with open_store(store_url) as s:
        assert s.counts()["documents"] == 0
    assert migrate.current(store_url) == migrate.head()
    assert _version_rows(engine) == [migrate.head()]
    assert set(migrate.BASELINE_TABLES) <= _tables(engine)


def test_upgrade_is_idempotent(engine: Engine, store_url: str) -> None:
    assert migrate.upgrade(store_url) == migrate.head()
    before = _schema(engine)
    assert migrate.upgrade(store_url) == migrate.head()
    with open_store(store_url) as s:
        doc = mali_document()
        assert s.ingest(doc, mali_reports(doc))
    with open_store(store_url) as s:
        assert s.counts()["reports"] == 2
    assert migrate.upgrade(store_url) == migrate.head()
    assert _schema(engine) == before
    assert _version_rows(engine) == [migrate.head()]


def test_pre_alembic_store_is_stamped_and_opened_with_data_intact(engine: Engine, store_url: str) -> None:
    _make_pre_alembic_store(engine, list(migrate.BASELINE_TABLES))
    doc = mali_document()
    with open_store(store_url) as s:
        assert s.get_document(doc.id) == doc
        assert s.reports_of(doc.id) == mali_reports(doc)
        assert s.counts() == {"documents": 1, "reports": 2, "events": 1, "background": 1, "spans": 8}
        second = other_document(1)
        assert s.ingest(second, mali_reports(second))
        assert s.ingest(doc, mali_reports(doc)) is False
    assert _version_rows(engine) == [migrate.head()]
    assert migrate.current(store_url) == migrate.head()


def test_pre_alembic_store_gets_the_stamp_of_the_baseline(
    engine: Engine, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adoption stamps the baseline, then upgrades from there (not from nothing)."""
    _make_pre_alembic_store(engine, list(migrate.BASELINE_TABLES))
    stamped: list[str] = []
    real_stamp = command.stamp

    def spy(config: Any, revision: str, **kwargs: Any) -> None:
        stamped.append(revision)
        real_stamp(config, revision, **kwargs)

    monkeypatch.setattr(migrate.command, "stamp", spy)
    migrate.upgrade_engine(engine)
    assert stamped == [migrate.BASELINE]
    assert _version_rows(engine) == [migrate.head()]


def test_store_of_an_older_release_gets_its_missing_tables(engine: Engine, store_url: str) -> None:
    """A store from before the incident tables existed: they are created, the rest is kept."""
    _make_pre_alembic_store(engine, ["documents", "reports", "spans"])
    with open_store(store_url) as s:
        assert s.counts()["reports"] == 2
        assert list(s.incidents()) == []
        assert s.duplicates() == []
    assert set(migrate.BASELINE_TABLES) <= _tables(engine)
    assert migrate.current(store_url) == migrate.head()


def test_pre_alembic_store_and_a_fresh_one_end_up_with_the_same_schema(
    engine: Engine, store_url: str, tmp_path: Path
) -> None:
    _make_pre_alembic_store(engine, list(migrate.BASELINE_TABLES))
    migrate.upgrade_engine(engine)
    if engine.dialect.name == "sqlite":
        fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}"
        with open_store(fresh_url) as fresh:
            assert _schema(fresh.engine) == _schema(engine)
    else:
        # PostgreSQL names its unique constraints and indexes the same way either way: compare the
        # adopted database with the models instead (as test_head_matches_the_models does).
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_back(engine: Engine, store_url: str) -> None:
    migrate.upgrade(store_url)
    with engine.connect() as conn:
        command.downgrade(migrate.config(conn), "base")
        conn.commit()
    assert _tables(engine) <= {"alembic_version"}
    assert migrate.current(store_url) is None
    assert migrate.upgrade(store_url) == migrate.head()


def test_database_from_a_newer_conflictlens_is_refused(engine: Engine, store_url: str) -> None:
    migrate.upgrade(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(
        StoreError, match=r"cannot open store .*revision '9999', which this conflictlens does not"
    ):
        open_store(store_url)


def test_foreign_documents_table_is_refused(engine: Engine, store_url: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)"))
    with pytest.raises(
        StoreError, match="table documents has no column content_hash.*not a conflictlens store"
    ):
        open_store(store_url)
    assert "reports" not in _tables(engine)  # nothing was created
    assert migrate.current(store_url) is None


def test_other_applications_tables_are_left_alone(engine: Engine, store_url: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(text("INSERT INTO notes (id, body) VALUES (1, 'keep me')"))
    with open_store(store_url) as s:
        assert s.counts()["documents"] == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT body FROM notes")).scalar() == "keep me"


def test_failed_migration_leaves_the_database_as_it_was(
    engine: Engine, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrations run in one transaction: a failure half-way rolls back every table it made."""
    real_upgrade = command.upgrade

    def upgrade_then_fail(config: Any, revision: str, **kwargs: Any) -> None:
        real_upgrade(config, revision, **kwargs)
        raise StoreError("simulated failure after the last migration step")

    monkeypatch.setattr(migrate.command, "upgrade", upgrade_then_fail)
    with pytest.raises(StoreError, match="simulated failure"):
        open_store(store_url)
    assert _tables(engine) == set()
    monkeypatch.setattr(migrate.command, "upgrade", real_upgrade)
    with open_store(store_url) as s:
        assert s.counts()["documents"] == 0


def test_cli_style_entry_point(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert migrate.main(["current", "--db", store_url]) == 0
    assert capsys.readouterr().out.strip() == "(none)"
    assert migrate.main(["upgrade", "--db", store_url]) == 0
    assert capsys.readouterr().out.strip() == migrate.head()
    assert migrate.main(["history"]) == 0
    assert "<base> -> 0001" in capsys.readouterr().out
