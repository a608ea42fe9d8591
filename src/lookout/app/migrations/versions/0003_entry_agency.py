"""Casework entries keep the agency of the user who wrote them, so their text is shown to
that agency and the hub only.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_entries", sa.Column("by_agency", sa.String(200), nullable=True))
    op.execute("UPDATE case_entries SET by_agency = (SELECT users.agency FROM users "
               "WHERE users.username = case_entries.by_username)")


def downgrade() -> None:
    with op.batch_alter_table("case_entries") as batch:
        batch.drop_column("by_agency")
