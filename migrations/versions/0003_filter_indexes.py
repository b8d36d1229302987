"""Indexes for date-range filters on agreements and figures, and for the computed ids
analysts filter on: citations by fact_id, statements by speaker_id.

analytics.timeline filters every branch by date: agreement.concluded_on and figure.as_of
had no index, so a date-range query scanned both tables. analytics.citations exposes
coalesce(<fact columns>) as fact_id; an expression index serves lookups and joins on it. Likewise analytics.statements exposes
coalesce(speaker_person_id, speaker_organization_id) as speaker_id.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported from the models: this revision must not change if they do.
FACT_ID = ("coalesce(visit_id, participant_id, meeting_id, statement_id, agreement_id, "
           "figure_id, term_id, name_id)")


def upgrade() -> None:
    op.create_index("ix_agreement_concluded_on", "agreement", ["concluded_on"], schema="core")
    op.create_index("ix_figure_as_of", "figure", ["as_of"], schema="core")
    op.execute(f"create index ix_evidence_fact_id on core.evidence ({FACT_ID})")
    op.execute("create index ix_statement_speaker_id on core.statement "
               "(coalesce(speaker_person_id, speaker_organization_id))")


def downgrade() -> None:
    op.drop_index("ix_statement_speaker_id", table_name="statement", schema="core")
    op.drop_index("ix_evidence_fact_id", table_name="evidence", schema="core")
    op.drop_index("ix_figure_as_of", table_name="figure", schema="core")
    op.drop_index("ix_agreement_concluded_on", table_name="agreement", schema="core")
