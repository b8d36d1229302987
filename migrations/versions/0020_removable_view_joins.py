"""analytics.visits, analytics.statements and analytics.meetings: the office held and the
participants joined so that a query which does not read them does not compute them.

Each of the three views joined a lateral subquery per row: the office the visitor or
speaker held on the day (``order by ... limit 1``) and the meeting's participants (an
inner ``cross join lateral``). PostgreSQL cannot leave a LIMIT subquery out of a plan, so
analytics.timeline, which reads none of those columns, looked up an office term for each
of its visits and statements and aggregated the participants of each meeting: at x1000,
two thirds of its time, and a cost estimate high enough to compile the query with JIT.
The subqueries are now aggregates, which give exactly one row whatever they find, under a
``left join lateral ... on true``: PostgreSQL removes such a join when no column of it is
read. Same columns, same rows. Of two offices held on the same day at the same rank and
from the same day, the one with the smaller term id is taken (the LIMIT took either).

The view SQL is read from migrations/sql/0020/ (frozen copies); the views are replaced in
place (same columns, so the views built on them stay). The downgrade puts back revision
0016's copies.

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
CHANGED = ("visits", "statements", "meetings")
PREVIOUS = "0016"  # the revision that last replaced each of them


def upgrade() -> None:
    for view in CHANGED:
        op.execute((SQL / revision / f"{view}.sql").read_text())


def downgrade() -> None:
    for view in CHANGED:
        op.execute((SQL / PREVIOUS / f"{view}.sql").read_text())
