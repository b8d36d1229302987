"""analytics.disagreements in linear time: a window over each (fact, aspect) instead of a
correlated subquery on a materialised CTE, which grew with the square of the citations
(82 s at 1,000x the corpus). Same columns, same rows.

The view SQL is read from migrations/sql/0009/ (frozen copy); the downgrade restores the
copy revision 0006 froze.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"


def upgrade() -> None:
    # create or replace: same columns, so grants and comments stay in place.
    op.execute((SQL / revision / "disagreements.sql").read_text())


def downgrade() -> None:
    op.execute((SQL / "0006" / "disagreements.sql").read_text())
