"""The seniority of an office level, defined once: core.office_seniority(level).

analytics.visits and analytics.meeting_participants each ranked the offices a person held
on a day by writing out the order of the levels (head_of_state, head_of_government,
foreign_minister, other), two copies that had to be kept equal by hand. Both now rank by
``core.office_seniority(level)``, an immutable SQL function (inlined by the planner, so
the plans are those of the literal it replaces). analytics.meeting_participants also
breaks a tie between two terms of the same level that began on the same day by the term
id, as analytics.visits does, so that its office_title no longer depends on the order in
which PostgreSQL finds the terms. Same columns (same types); same rows wherever no such
tie exists (all the shipped data).

The view SQL is read from migrations/sql/0022/ (frozen copies); the views are replaced in
place. The downgrade puts back the copies of revisions 0021 and 0012 and drops the
function.

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
# view → the revision that last replaced it before this one
PREVIOUS = {"visits": "0021", "meeting_participants": "0012"}

SENIORITY = """
create function core.office_seniority(level text) returns integer
language sql immutable parallel safe strict as $function$
    select array_position(array['head_of_state', 'head_of_government', 'foreign_minister',
                                'other'], level)
$function$
"""


def upgrade() -> None:
    op.execute(SENIORITY)
    op.execute("comment on function core.office_seniority(text) is 'Rank of an office level "
               "by seniority, 1 the most senior: head_of_state 1, head_of_government 2, "
               "foreign_minister 3, other 4; NULL for NULL. The one order in which the "
               "analytics views rank the offices a person held on a day.'")
    for view in PREVIOUS:
        op.execute((SQL / revision / f"{view}.sql").read_text())


def downgrade() -> None:
    for view, previous in PREVIOUS.items():
        op.execute((SQL / previous / f"{view}.sql").read_text())
    op.execute("drop function core.office_seniority(text)")
