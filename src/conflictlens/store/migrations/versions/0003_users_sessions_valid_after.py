"""users.sessions_valid_after: sessions issued before it are refused (set on logout)

Logging out sets it to the current time, so a copy of a session cookie made before the logout is
no longer accepted. Null (the default) refuses no session. The column is only added when it is
missing (stores whose ``users`` table was made by ``create_all`` from newer models).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _missing(table: str, column: str) -> bool:
    if context.is_offline_mode():
        return True
    return column not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    if _missing("users", "sessions_valid_after"):
        op.add_column("users", sa.Column("sessions_valid_after", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("sessions_valid_after")
