"""Analytics views, contract version 1.

The view SQL is read from migrations/sql/0002/, a frozen copy of queries/views/ taken
for this revision: later edits to queries/views/ do not change what this revision
builds. A later change to a view is a new revision with its own snapshot.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import context, op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SNAPSHOT = Path(__file__).resolve().parent.parent / "sql" / revision
VIEWS = ("citations", "sources", "persons", "person_names", "office_terms", "visits",
         "visit_participants", "meetings", "statements", "agreements", "reported_figures",
         "timeline", "disagreements")


def upgrade() -> None:
    for path in sorted(SNAPSHOT.glob("*.sql")):
        op.execute(path.read_text())
    group = op.get_bind().dialect.identifier_preparer.quote(context.config.attributes["reader_group"])
    op.execute(f"grant select on all tables in schema analytics to {group}")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"drop view analytics.{view}")
