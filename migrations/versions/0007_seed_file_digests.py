"""Per-file digests of the seed files last loaded (core.seed_file), so that a re-seed
re-reads only the files that changed and writes only the rows they change.

A database seeded before this revision has no rows here; its next seed reads every file
once (a full rebuild) and fills the table.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seed_file",
        sa.Column("path", sa.Text(), nullable=False,
                  comment="Path relative to the seed directory."),
        sa.Column("digest", sa.Text(), nullable=False,
                  comment="Hex SHA-256 of the file's bytes."),
        sa.Column("summary", postgresql.JSONB(astext_type=sa.Text()), nullable=True,
                  comment="For an annotation file: its source, the facts it defines and cites, "
                          "the visits it refers to, its name variants and its statement "
                          "renderings (JSON); NULL for other files."),
        sa.CheckConstraint("digest ~ '^[0-9a-f]{64}$'", name=op.f("ck_seed_file_digest_is_hex")),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_seed_file")),
        schema="core",
        comment="One row per seed file last loaded: its digest, so that a re-seed re-reads "
                "only the files that changed, and for an annotation file what it claims "
                "of the others (the facts it defines and cites), so that the rules that "
                "span files are checked without re-reading the files that did not change.",
    )


def downgrade() -> None:
    op.drop_table("seed_file", schema="core")
