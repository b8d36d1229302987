"""A stat key per seed file (core.seed_file.stat_key), so that a re-seed, and the no-op
check of ``diplodb up`` and ``diplodb seed``, hash only the files whose size, times or
inode changed since they were last hashed, as git's index does.

The seed digest (core.seed_state.digest) becomes the SHA-256 over each file's path and
SHA-256, so that every file is hashed once per command. A database loaded before this
revision still holds the former digest: its next seed finds every file unchanged
(core.seed_file), writes nothing but the new digest and the stat keys.

A first seed now writes each fact's source_count with its row and has the trigger count
only the facts whose evidence is in other files: core.recount_supporting_sources() stays,
for counting everything again by hand, and its comment says so.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("seed_file", sa.Column(
        "stat_key", sa.Text(), nullable=True,
        comment="The file's size, modification and change times and inode when it was "
                "last hashed: while they are the same the file is not read again to know "
                "its digest. NULL: hash it (a file changed within two seconds of a scan "
                "is never trusted this way)."), schema="core")
    _comment("Counts the supporting sources (source_count) of every fact again, for "
             "repairs by hand; the seed and the trigger core.count_supporting_sources keep "
             "the counts.")


def _comment(text: str) -> None:
    op.execute(f"comment on function core.recount_supporting_sources() is '{text}'")


def downgrade() -> None:
    _comment("Counts the supporting sources (source_count) of every fact again: after a "
             "first seed, which defers the trigger (diplodb.defer_source_count), and in "
             "this revision.")
    op.drop_column("seed_file", "stat_key", schema="core")
