"""The data set's version label in core.seed_state, shown to analysts by analytics.about.

A database seeded before this revision gets 'unversioned' until its next seed.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("seed_state", sa.Column(
        "data_version", sa.Text(), nullable=False, server_default="unversioned",
        comment="The data set's version label (seeds/dataset.yaml), bumped by curators."),
        schema="core")
    op.alter_column("seed_state", "data_version", server_default=None, schema="core")


def downgrade() -> None:
    op.drop_column("seed_state", "data_version", schema="core")
