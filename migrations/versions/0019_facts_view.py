"""analytics.facts (new): one row per fact of every kind, with its stored source_count.

"Which facts are supported by one source, and which by several" counted the distinct
sources of every supporting citation (queries/examples/11): at x1000, 220,000 pieces of
evidence grouped and sorted on every run. Each fact's source_count is already stored with
its row (revision 0016) by the one definition, core.count_supporting_sources_of; this view
puts the nine fact tables' counts side by side under the fact_type and fact_id of
analytics.citations.

The view SQL is read from migrations/sql/0019/facts.sql (a frozen copy). No core table
changes. The downgrade drops the view.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import context, op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"


def _reader() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def upgrade() -> None:
    op.execute((SQL / revision / "facts.sql").read_text())
    op.execute(f"grant select on analytics.facts to {_reader()}")


def downgrade() -> None:
    op.execute("drop view analytics.facts")
