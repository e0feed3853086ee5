"""Shared fixtures: paths to the project's demo articles and to the shared data in ../shared.

Tests that need ../shared are skipped when it is absent (e.g. a checkout without the shared data).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed-mali-executions.txt"
ACLED_BURKINA = SHARED / "data" / "acled-burkina-faso" / "acled-burkina-faso-1997-2020.csv"
DEMO = REPO / "src" / "conflictlens" / "data" / "demo"
CONSOLE_SCRIPT = REPO / ".venv" / "bin" / "conflictlens"

#: ACLED's 31 columns, in ACLED's order (written out here on purpose, not imported).
ACLED_31 = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The founding news article (../shared/corpus/seed-mali-executions.txt)."""
    return _require(SEED)


@pytest.fixture(scope="session")
def acled_burkina_csv() -> Path:
    """ACLED's Burkina Faso export, 1997-2020 (3,010 rows), the development set."""
    return _require(ACLED_BURKINA)


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The fictional demo articles shipped with the package."""
    assert DEMO.is_dir(), f"demo folder missing: {DEMO}"
    return DEMO


@pytest.fixture(scope="session")
def acled_31() -> list[str]:
    """ACLED's 31 column names in ACLED's order, as a literal list."""
    return list(ACLED_31)


@pytest.fixture(scope="session")
def console_script() -> Path:
    """The installed ``conflictlens`` console script of the project's virtual environment."""
    if not CONSOLE_SCRIPT.exists():
        pytest.skip(f"console script not installed: {CONSOLE_SCRIPT}")
    return CONSOLE_SCRIPT


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    """A CliRunner; with click >= 8.2 ``result.stdout`` and ``result.stderr`` are kept apart."""
    return CliRunner()


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An autocommit engine on the PostgreSQL test server (``CONFLICTLENS_TEST_PG_URL``, set by
    ``scripts/with-postgres.sh``, which ``make test`` runs). Skips without it, except in CI (env
    ``CI`` set), where it fails: CI must not silently skip PostgreSQL."""
    base = os.environ.get("CONFLICTLENS_TEST_PG_URL")
    if not base:
        if os.environ.get("CI"):
            pytest.fail("CONFLICTLENS_TEST_PG_URL is not set: run the tests with `make test`")
        pytest.skip("no PostgreSQL test server (`make test` starts one)")
    from sqlalchemy import create_engine

    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store URL: an SQLite file, then an empty schema on the PostgreSQL test server.

    The PostgreSQL URL selects its own new schema (``options=-csearch_path=...``; a schema costs
    about a millisecond where a database costs half a second), named also as the connections'
    ``application_name`` so that the schema's connections can be ended before it is dropped.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin: Engine = request.getfixturevalue("pg_admin")
    from sqlalchemy import text

    name = f"cl_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    url = admin.url.update_query_dict({"options": f"-csearch_path={name}", "application_name": name})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": name},
            )
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
