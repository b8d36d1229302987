"""Analytics contract v1.1: analytics.about and the bridge views statement_topics,
agreement_parties, agreement_subject_areas and meeting_participants.

The view SQL is read from migrations/sql/0005/, a frozen copy of exactly the views this
revision adds (queries/views/ holds the live definitions). about is a security-barrier
view: it runs with its owner's rights, so the reader group sees the schema revision
without being able to read public.alembic_version itself. Two indexes serve the bridge
views' typical filters, agreements by party and by subject area.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import context, op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SNAPSHOT = Path(__file__).resolve().parent.parent / "sql" / revision
# In creation order: a view comes after the views it reads.
VIEWS = ("about", "statement_topics", "agreement_parties", "agreement_subject_areas",
         "meeting_participants")


def upgrade() -> None:
    op.create_index("ix_agreement_party_country_code", "agreement_party", ["country_code"],
                    schema="core")
    op.create_index("ix_agreement_subject_subject_area_id", "agreement_subject",
                    ["subject_area_id"], schema="core")
    group = op.get_bind().dialect.identifier_preparer.quote(context.config.attributes["reader_group"])
    for view in VIEWS:
        op.execute((SNAPSHOT / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {group}")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"drop view analytics.{view}")
    op.drop_index("ix_agreement_subject_subject_area_id", table_name="agreement_subject",
                  schema="core")
    op.drop_index("ix_agreement_party_country_code", table_name="agreement_party",
                  schema="core")
