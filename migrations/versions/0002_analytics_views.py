"""Analytics views, contract version 1.

The view SQL is read from migrations/sql/0002/, one file per view: the definitions as
they stood for this revision, frozen. Later edits to queries/views/ do not change what
this revision builds; a later change to a view is a new revision that carries a frozen
copy of exactly the views it changes (see migrations/README.md).

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
# In creation order: a view comes after the views it reads.
VIEWS = ("citations", "sources", "persons", "person_names", "office_terms", "visits",
         "visit_participants", "meetings", "statements", "agreements", "reported_figures",
         "timeline", "disagreements")


def upgrade() -> None:
    for view in VIEWS:
        op.execute((SNAPSHOT / f"{view}.sql").read_text())
    group = op.get_bind().dialect.identifier_preparer.quote(context.config.attributes["reader_group"])
    op.execute(f"grant select on all tables in schema analytics to {group}")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"drop view analytics.{view}")
