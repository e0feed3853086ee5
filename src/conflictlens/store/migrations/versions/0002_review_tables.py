"""review tables: users, incident_reviews, audit_log (append-only), login_attempts

The tables of ``conflictlens.store.review``: accounts, analysts' reviews of incidents, the audit log
and login attempts. Triggers make ``audit_log`` append-only on SQLite and PostgreSQL (UPDATE,
DELETE and, on PostgreSQL, TRUNCATE are refused). A table that already exists is left alone (stores
made while these tables were created by ``create_all``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION conflictlens_audit_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION conflictlens_audit_append_only()",
        "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION conflictlens_audit_append_only()",
    ),
}


def _missing(table: str) -> bool:
    if context.is_offline_mode():
        return True
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if _missing("users"):
        op.create_table(
            "users",
            sa.Column("name", sa.String(length=64), nullable=False),
            sa.Column("password_hash", sa.Text(), nullable=False),
            sa.Column("role", sa.String(length=16), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("name"),
        )

    if _missing("incident_reviews"):
        op.create_table(
            "incident_reviews",
            sa.Column("incident_id", sa.String(length=64), nullable=False),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("changes", sa.JSON(), nullable=False),
            sa.Column("reviewer", sa.String(length=64), nullable=False),
            sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("incident_id"),
        )
        op.create_index("ix_incident_reviews_status", "incident_reviews", ["status"])

    if _missing("audit_log"):
        op.create_table(
            "audit_log",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("user", sa.String(length=64), nullable=False),
            sa.Column("action", sa.String(length=32), nullable=False),
            sa.Column("incident_id", sa.String(length=64), nullable=True),
            sa.Column("before", sa.JSON(), nullable=False),
            sa.Column("after", sa.JSON(), nullable=False),
            sa.Column("why", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_audit_log_incident_id", "audit_log", ["incident_id"])

    if _missing("login_attempts"):
        op.create_table(
            "login_attempts",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("name", sa.String(length=64), nullable=False),
            sa.Column("ip", sa.String(length=64), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("ok", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_login_attempts_name_ip_at", "login_attempts", ["name", "ip", "at"])

    for sql in APPEND_ONLY.get(op.get_bind().dialect.name if not context.is_offline_mode() else "", ()):
        op.execute(sql)


def downgrade() -> None:
    for table in ("login_attempts", "audit_log", "incident_reviews", "users"):
        op.drop_table(table)
    if not context.is_offline_mode() and op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS conflictlens_audit_append_only()")
