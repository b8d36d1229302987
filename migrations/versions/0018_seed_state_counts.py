"""What the last load holds, kept beside its digest: core.seed_state.source_count,
fact_count and evidence_count.

The seed's report line ("N sources, N facts, N pieces of evidence") counted every row of
the fact tables and of core.evidence after each load: at x1000, a tenth of a one-file
re-seed. A full read now stores the counts it takes once; an incremental re-seed adds
the rows it inserted and takes away those it deleted. A database already loaded gets
the counts of what it holds now, as a fresh load would store them.

The comment of core.seed_state.digest says what it has been since revision 0017.
analytics.about, whose "select * from core.seed_state" PostgreSQL expanded when the view
was made, is made again from migrations/sql/0018/about.sql (the same file as 0011's), as
a fresh database builds it; the downgrade drops it before the columns and makes it again
from 0011's copy.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables of the fact types an annotation file defines (as of this revision).
ANNOTATED_FACT_TABLES = ("visit", "visit_participant", "meeting", "statement", "agreement",
                         "figure", "activity")
COLUMNS = {
    "source_count": "Sources (core.source) the last load left in the database.",
    "fact_count": "Facts of the types annotation files define (visits, participants, "
                  "meetings, statements, agreements, figures, activities) the last load "
                  "left in the database.",
    "evidence_count": "Pieces of evidence (core.evidence) the last load left in the "
                      "database.",
}


SQL = Path(__file__).resolve().parent.parent / "sql"
DIGEST_BEFORE = "SHA-256 over every seed file, in path order."
DIGEST_NOW = ("SHA-256 over each seed file's relative path and SHA-256, in path order "
              "(revision 0017).")


def upgrade() -> None:
    op.alter_column("seed_state", "digest", schema="core", comment=DIGEST_NOW,
                    existing_comment=DIGEST_BEFORE, existing_type=sa.Text())
    for name, comment in COLUMNS.items():
        op.add_column("seed_state", sa.Column(name, sa.BigInteger(), nullable=True,
                                              comment=comment), schema="core")
    facts = " + ".join(f"(select count(*) from core.{t})" for t in ANNOTATED_FACT_TABLES)
    op.execute((SQL / revision / "about.sql").read_text())
    op.execute("update core.seed_state set source_count = (select count(*) from core.source), "
               f"fact_count = {facts}, evidence_count = (select count(*) from core.evidence)")


def _reader() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def downgrade() -> None:
    op.execute("drop view analytics.about")
    for name in reversed(list(COLUMNS)):
        op.drop_column("seed_state", name, schema="core")
    op.execute((SQL / "0011" / "about.sql").read_text())
    op.execute(f"grant select on analytics.about to {_reader()}")
    op.alter_column("seed_state", "digest", schema="core", comment=DIGEST_BEFORE,
                    existing_comment=DIGEST_NOW, existing_type=sa.Text())
