"""Analytics contract v1.3 (second part): PLOVER events, their contexts and dyad-years.

- analytics.events (new): one row per event of every kind (visit, meeting, activity,
  statement, agreement), coded by joining core.plover_rule (docs/coding.md, "Phase 2"),
  with actor and recipient, their countries and Wikidata items, and the place with its
  GeoNames id and coordinates.
- analytics.event_contexts (new): one row per (event, PLOVER context).
- analytics.dyad_years (new): directed country-pair-years, zeros included, counted from
  analytics.events.
- analytics.visits, meetings and activities gain place_id (appended, so they are
  replaced in place; timeline, which reads them, stays).

The view SQL is read from migrations/sql/0014/ (frozen copies). The downgrade drops the
new views, then timeline and the three changed views, and rebuilds them from 0011's
copies (a column cannot be removed in place). No core table changes.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import context, op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
SNAPSHOT = SQL / revision
CHANGED = ("visits", "meetings", "activities")
# in dependency order: events reads visits, the other two read events
ADDED = ("events", "event_contexts", "dyad_years")
# the views dropped to take place_id away again, rebuilt from these copies in this order
PREVIOUS = {"visits": "0011", "meetings": "0011", "activities": "0011", "timeline": "0011"}


def _group() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def upgrade() -> None:
    group = _group()
    for view in (*CHANGED, *ADDED):
        op.execute((SNAPSHOT / f"{view}.sql").read_text())
    for view in ADDED:
        op.execute(f"grant select on analytics.{view} to {group}")


def downgrade() -> None:
    group = _group()
    for view in reversed(ADDED):
        op.execute(f"drop view analytics.{view}")
    op.execute("drop view analytics.timeline")
    for view in CHANGED:
        op.execute(f"drop view analytics.{view}")
    for view, folder in PREVIOUS.items():
        op.execute((SQL / folder / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {group}")
