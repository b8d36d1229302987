"""Person names looked up per row where most rows name no person.

``analytics.visit_participants`` (half its rows name no person: an office, or a group)
and ``analytics.statements`` (an organization's statements have no speaker person) took
the person's canonical name from a left join with core.person. PostgreSQL may run that
join as a hash join that builds its table from the view's own rows (a right join, to
keep the rows without a match); every row without a person then has the same key, so no
number of batches can split them, and with the default work_mem (4 MB) the batches
multiplied to 32,768: at x10000, example 06 took 42-65 s and example 13 (the timeline)
51-84 s on PostgreSQL 18. The name is now a scalar subquery by the primary key, one
index lookup per row that names a person (0.37 and 0.57 s, counting the rows). With
16 MB (the analyst login's setting) the hash join had fitted: there the lookups cost
about as much for example 06 (0.47 to 0.52 s) and more for the timeline (1.4 to 2.0 s),
a price paid for never falling off that cliff. Same columns (same types), same rows; a
query that reads no name does not run the lookup.

The view SQL is read from migrations/sql/0024/ (frozen copies); the views are replaced in
place. The downgrade puts back the copies of revisions 0016 and 0020.

Revision ID: 0024
Revises: 0023
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
# view → the revision that last replaced it before this one
PREVIOUS = {"visit_participants": "0016", "statements": "0020"}


def upgrade() -> None:
    for view in PREVIOUS:
        op.execute((SQL / revision / f"{view}.sql").read_text())


def downgrade() -> None:
    for view, previous in PREVIOUS.items():
        op.execute((SQL / previous / f"{view}.sql").read_text())
