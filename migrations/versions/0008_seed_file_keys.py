"""What each annotation file's summary refers to, as an indexed array of keys
(core.seed_file.keys), so that an incremental re-seed checks the rules that span files
against only the files that share an id with the changed ones, not against every stored
summary.

The rows kept before this revision have no keys: they are deleted, and the next seed
after a change of the seed files reads every file once (a full rebuild) and fills them.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("delete from core.seed_file")
    op.add_column("seed_file", sa.Column(
        "keys", postgresql.ARRAY(sa.Text()), nullable=True,
        comment="For an annotation file: the ids its summary refers to, one key each "
                "('source:', 'fact:', 'name:' or 'statement:' and the id); NULL for other "
                "files."), schema="core")
    op.create_index(op.f("ix_seed_file_keys"), "seed_file", ["keys"], unique=False,
                    schema="core", postgresql_using="gin")


def downgrade() -> None:
    op.drop_index(op.f("ix_seed_file_keys"), table_name="seed_file", schema="core",
                  postgresql_using="gin")
    op.drop_column("seed_file", "keys", schema="core")
