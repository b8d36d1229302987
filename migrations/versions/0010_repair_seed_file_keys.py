"""Repair: core.seed_file.keys and its GIN index, for databases that lack them although
alembic_version says they are past 0008.

Revision 0008 was once (commit 3a58721) ``disagreements_linear``; it became 0009 when
``seed_file_keys`` took its number. A database migrated by that commit records 0008, so
the renumbered 0008 never ran there: it reached head without the column and its index,
and every incremental re-seed fell back to a full read. This revision brings such a
database to what head promises and changes nothing on any other (every step is
idempotent). Where the column was missing, the stored file summaries have no keys: they
are deleted, and the next seed reads every file once and fills them, as 0008 does.

The downgrade changes nothing: the column and index belong to revision 0008.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("""
        do $$
        begin
            if not exists (select from information_schema.columns where table_schema = 'core'
                           and table_name = 'seed_file' and column_name = 'keys') then
                delete from core.seed_file;
            end if;
        end
        $$""")
    op.execute("alter table core.seed_file add column if not exists keys text[]")
    op.execute("comment on column core.seed_file.keys is 'For an annotation file: the ids its "
               "summary refers to, one key each (''source:'', ''fact:'', ''name:'' or "
               "''statement:'' and the id); NULL for other files.'")
    op.execute("create index if not exists ix_seed_file_keys on core.seed_file using gin (keys)")


def downgrade() -> None:
    pass
