"""initial schema: documents, reports, spans, duplicates, incidents, review decisions

The tables conflictlens made with ``create_all`` before it used migrations, column for column and
index for index. A table that already exists is left alone: that is how a store made before
migrations is adopted when it lacks some of these tables (an older release); one that has them all is
stamped with this revision instead (see ``conflictlens.store.migrate``). Later revisions need no such
care: they only ever run on databases that are at their ``down_revision``.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _missing(table: str) -> bool:
    if context.is_offline_mode():
        return True
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    if _missing("documents"):
        op.create_table(
            "documents",
            sa.Column("id", sa.String(length=512), nullable=False),
            sa.Column("content_hash", sa.String(length=64), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("title", sa.Text(), nullable=True),
            sa.Column("url", sa.Text(), nullable=True),
            sa.Column("published", sa.Date(), nullable=True),
            sa.Column("source", sa.String(length=512), nullable=True),
            sa.Column("origin", sa.Text(), nullable=True),
            sa.Column("language", sa.String(length=16), nullable=False),
            sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("content_hash"),
        )

    if _missing("reports"):
        op.create_table(
            "reports",
            sa.Column("id", sa.String(length=600), nullable=False),
            sa.Column("doc_id", sa.String(length=512), nullable=False),
            sa.Column("idx", sa.Integer(), nullable=False),
            sa.Column("event_type", sa.String(length=64), nullable=False),
            sa.Column("sub_event_type", sa.String(length=64), nullable=False),
            sa.Column("actor1", sa.String(length=512), nullable=True),
            sa.Column("actor2", sa.String(length=512), nullable=True),
            sa.Column("fatalities", sa.Integer(), nullable=False),
            sa.Column("event_date", sa.Date(), nullable=True),
            sa.Column("country", sa.String(length=128), nullable=True),
            sa.Column("admin1", sa.String(length=256), nullable=True),
            sa.Column("location", sa.String(length=512), nullable=True),
            sa.Column("latitude", sa.Float(), nullable=True),
            sa.Column("longitude", sa.Float(), nullable=True),
            sa.Column("background", sa.Boolean(), nullable=False),
            sa.Column("data", sa.JSON(), nullable=False),
            sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_reports_country", "reports", ["country"])
        op.create_index("ix_reports_doc_id", "reports", ["doc_id"])
        op.create_index("ix_reports_event_date", "reports", ["event_date"])

    if _missing("spans"):
        op.create_table(
            "spans",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("report_id", sa.String(length=600), nullable=False),
            sa.Column("field", sa.String(length=32), nullable=False),
            sa.Column("doc_id", sa.String(length=512), nullable=False),
            sa.Column("start", sa.Integer(), nullable=False),
            sa.Column("end", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_spans_doc_id_start", "spans", ["doc_id", "start"])
        op.create_index("ix_spans_report_id", "spans", ["report_id"])

    if _missing("document_duplicates"):
        op.create_table(
            "document_duplicates",
            sa.Column("doc_id", sa.String(length=512), nullable=False),
            sa.Column("canonical_id", sa.String(length=512), nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("similarity", sa.Float(), nullable=False),
            sa.Column("url", sa.Text(), nullable=True),
            sa.Column("source", sa.String(length=512), nullable=True),
            sa.Column("published", sa.Date(), nullable=True),
            sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("doc_id"),
        )
        op.create_index("ix_document_duplicates_canonical_id", "document_duplicates", ["canonical_id"])

    if _missing("incidents"):
        op.create_table(
            "incidents",
            sa.Column("id", sa.String(length=64), nullable=False),
            sa.Column("iso2", sa.String(length=8), nullable=True),
            sa.Column("first_date", sa.Date(), nullable=True),
            sa.Column("last_date", sa.Date(), nullable=True),
            sa.Column("event_type", sa.String(length=64), nullable=True),
            sa.Column("grade", sa.String(length=16), nullable=True),
            sa.Column("n_reports", sa.Integer(), nullable=False),
            sa.Column("data", sa.JSON(), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_incidents_first_date", "incidents", ["first_date"])
        op.create_index("ix_incidents_iso2", "incidents", ["iso2"])

    if _missing("incident_members"):
        op.create_table(
            "incident_members",
            sa.Column("report_id", sa.String(length=600), nullable=False),
            sa.Column("incident_id", sa.String(length=64), nullable=False),
            sa.Column("doc_id", sa.String(length=512), nullable=False),
            sa.Column("how", sa.String(length=16), nullable=False),
            sa.Column("score", sa.Integer(), nullable=False),
            sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("report_id"),
        )
        op.create_index("ix_incident_members_incident_id", "incident_members", ["incident_id"])

    if _missing("review_decisions"):
        op.create_table(
            "review_decisions",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("report_ids", sa.JSON(), nullable=False),
            sa.Column("other_ids", sa.JSON(), nullable=False),
            sa.Column("analyst", sa.String(length=256), nullable=True),
            sa.Column("note", sa.Text(), nullable=True),
            sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )


def downgrade() -> None:
    for table in (
        "review_decisions",
        "incident_members",
        "incidents",
        "document_duplicates",
        "spans",
        "reports",
        "documents",
    ):
        op.drop_table(table)
