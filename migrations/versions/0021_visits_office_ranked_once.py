"""analytics.visits: the office held on the first day ranked once.

Revision 0020 took the visitor's title and level from two aggregates that each sorted the
offices held that day by the same seniority, start day and term id, so the ranking was
written (and computed) twice and had to be kept equal by hand. The lateral subquery now
keeps the whole row of the first office in that order, and the view reads its title and
level from it. Same columns (same types), same rows; the join is still an aggregate under
``left join lateral ... on true``, so a query that reads neither column (the timeline)
still leaves it out.

The view SQL is read from migrations/sql/0021/ (a frozen copy); the view is replaced in
place. The downgrade puts back revision 0020's copy.

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
CHANGED = ("visits",)
PREVIOUS = "0020"  # the revision that last replaced it


def upgrade() -> None:
    for view in CHANGED:
        op.execute((SQL / revision / f"{view}.sql").read_text())


def downgrade() -> None:
    for view in CHANGED:
        op.execute((SQL / PREVIOUS / f"{view}.sql").read_text())
