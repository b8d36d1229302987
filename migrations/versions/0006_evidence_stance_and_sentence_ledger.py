"""Analytics contract v1.1 for curation: what each source says, and the sentence ledger.

- core.evidence.stance: what a source says of the fact as stored (supports, planned,
  expected, disputes); only 'supports' counts toward source_count, the others appear in
  analytics.disagreements.
- core.evidence.is_direct_quote: per source, whether it quotes a statement directly;
  analytics.statement_renderings shows each source's rendering.
- core.source_sentence and analytics.source_sentences: every sentence of every source,
  cited by a fact or skipped with a reason.
- No date, no precision: visit and agreement date_precision/date_basis are NULL exactly
  when the date is NULL.
- core.visit.status_changed_on (with precision, basis and note): the day a visit was
  postponed or cancelled, shown in analytics.visits and, as 'visit_status', in
  analytics.timeline.

The view SQL is read from migrations/sql/0006/ (frozen copies of the views this revision
creates or changes).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SNAPSHOT = Path(__file__).resolve().parent.parent / "sql" / revision
PREVIOUS = Path(__file__).resolve().parent.parent / "sql" / "0002"
# In creation order: a view comes after the views it reads.
CHANGED = ("citations", "disagreements", "visits", "visit_participants", "meetings",
           "statements", "agreements", "reported_figures", "office_terms", "person_names",
           "timeline")
# Views whose columns change (or that read one whose columns change): the downgrade drops
# and rebuilds them; the others are replaced in place.
REBUILT = ("timeline", "disagreements", "citations", "visits")
ADDED = ("statement_renderings", "source_sentences")
DATED = (("visit", "start_date"), ("agreement", "concluded_on"))
STATUS_CHANGE_CHECKS = {
    "status_changed_precision_vocabulary": "status_changed_precision in ('day', 'month', 'year')",
    "status_changed_basis_vocabulary":
        "status_changed_basis in ('stated', 'inferred', 'reference')",
    "status_change_precision_only_with_date":
        "(status_changed_on is null) = (status_changed_precision is null) "
        "and (status_changed_on is null) = (status_changed_basis is null)",
    "status_change_dated_only_when_postponed_or_cancelled":
        "status_changed_on is null or status in ('postponed', 'cancelled')",
}
COMMENTS = {
    ("visit", "date_precision"): "Precision of the dates; NULL exactly when start_date is NULL.",
    ("visit", "date_basis"): "'stated' when a source gives the date, 'inferred' when derived; "
                             "NULL exactly when start_date is NULL.",
    ("agreement", "date_precision"): "Precision of concluded_on; NULL exactly when it is NULL.",
    ("agreement", "date_basis"): "How concluded_on is known; NULL exactly when it is NULL.",
}


def upgrade() -> None:
    for table, date in DATED:
        for column in ("date_precision", "date_basis"):
            op.alter_column(table, column, nullable=True, comment=COMMENTS[table, column],
                            schema="core")
        op.execute(f"update core.{table} set date_precision = null, date_basis = null "
                   f"where {date} is null")
        op.create_check_constraint(
            op.f(f"ck_{table}_precision_only_with_date"), table,
            f"({date} is null) = (date_precision is null) "
            f"and ({date} is null) = (date_basis is null)", schema="core")
    op.add_column("visit", sa.Column(
        "status_changed_on", sa.Date(), nullable=True,
        comment="Day the visit was postponed or cancelled, when a source dates it."),
        schema="core")
    op.add_column("visit", sa.Column(
        "status_changed_precision", sa.Text(), nullable=True,
        comment="Precision of status_changed_on; NULL exactly when it is NULL."), schema="core")
    op.add_column("visit", sa.Column(
        "status_changed_basis", sa.Text(), nullable=True,
        comment="How status_changed_on is known (stated, inferred); NULL exactly when it is "
                "NULL."), schema="core")
    op.add_column("visit", sa.Column(
        "status_changed_note", sa.Text(), nullable=True,
        comment="How an inferred status_changed_on was derived."), schema="core")
    for name, condition in STATUS_CHANGE_CHECKS.items():
        op.create_check_constraint(op.f(f"ck_visit_{name}"), "visit", condition, schema="core")
    # analytics.timeline filters postponements by this date.
    op.create_index(op.f("ix_visit_status_changed_on"), "visit", ["status_changed_on"],
                    schema="core")
    op.add_column("evidence", sa.Column(
        "stance", sa.Text(), server_default="supports", nullable=False,
        comment="What the source says of the fact as stored: supports (states it), planned "
                "or expected (reports it only as a plan or an expectation), disputes (says "
                "otherwise). Only 'supports' counts toward source_count."), schema="core")
    op.add_column("evidence", sa.Column(
        "is_direct_quote", sa.Boolean(), nullable=True,
        comment="For a statement: true when this source quotes the speaker's words directly "
                "(in quotation marks), false when it paraphrases; NULL for other facts."),
        schema="core")
    op.create_check_constraint(
        op.f("ck_evidence_stance_vocabulary"), "evidence",
        "stance in ('supports', 'planned', 'expected', 'disputes')", schema="core")
    op.create_check_constraint(
        op.f("ck_evidence_direct_quote_only_for_statements"), "evidence",
        "is_direct_quote is null or statement_id is not null", schema="core")
    op.create_table(
        "source_sentence",
        sa.Column("source_id", sa.Text(), nullable=False, comment="The source article."),
        sa.Column("sentence_no", sa.Integer(), nullable=False,
                  comment="1-based position of the sentence in the body."),
        sa.Column("char_start", sa.Integer(), nullable=False,
                  comment="0-based start offset in body."),
        sa.Column("char_end", sa.Integer(), nullable=False,
                  comment="End offset in body, exclusive."),
        sa.Column("skip_reason", sa.Text(), nullable=True,
                  comment="Why the sentence holds nothing to record; NULL when a fact cites it."),
        sa.CheckConstraint("sentence_no > 0", name=op.f("ck_source_sentence_numbered_from_one")),
        sa.CheckConstraint("char_start >= 0 and char_end > char_start",
                           name=op.f("ck_source_sentence_span_is_valid")),
        sa.ForeignKeyConstraint(["source_id"], ["core.source.source_id"],
                                name=op.f("fk_source_sentence_source_id_source"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("source_id", "sentence_no", name=op.f("pk_source_sentence")),
        schema="core",
        comment="One row per sentence of a source body, as the seed loader splits it "
                "(docs/seed-format.md), with the curators' reason when it holds no fact: "
                "the sentence ledger that accounts for every sentence.")
    group = op.get_bind().dialect.identifier_preparer.quote(context.config.attributes["reader_group"])
    for view in (*CHANGED, *ADDED):
        op.execute((SNAPSHOT / f"{view}.sql").read_text())
    for view in ADDED:
        op.execute(f"grant select on analytics.{view} to {group}")


def downgrade() -> None:
    for view in reversed(ADDED):
        op.execute(f"drop view analytics.{view}")
    # Views that lose columns (and 0002's citations, which reads every column of
    # core.evidence) are dropped first and rebuilt last, as 0002 made them; the others are
    # replaced in place before the columns they read go.
    for view in REBUILT:
        op.execute(f"drop view analytics.{view}")
    for view in CHANGED:
        if view not in REBUILT:
            # 0002's copies say "create view": these views are replaced in place.
            op.execute((PREVIOUS / f"{view}.sql").read_text()
                       .replace("create view", "create or replace view", 1))
    op.drop_table("source_sentence", schema="core")
    op.drop_constraint("ck_evidence_direct_quote_only_for_statements", "evidence", schema="core")
    op.drop_constraint("ck_evidence_stance_vocabulary", "evidence", schema="core")
    op.drop_column("evidence", "is_direct_quote", schema="core")
    op.drop_column("evidence", "stance", schema="core")
    op.drop_index("ix_visit_status_changed_on", table_name="visit", schema="core")
    for name in STATUS_CHANGE_CHECKS:
        op.drop_constraint(f"ck_visit_{name}", "visit", schema="core")
    for column in ("status_changed_note", "status_changed_basis", "status_changed_precision",
                   "status_changed_on"):
        op.drop_column("visit", column, schema="core")
    for table, _ in DATED:
        op.drop_constraint(f"ck_{table}_precision_only_with_date", table, schema="core")
        # The older schema cannot say "no date": mark such rows as the loader once did.
        op.execute(f"update core.{table} set date_precision = 'day', date_basis = 'inferred' "
                   "where date_precision is null")
        for column in ("date_precision", "date_basis"):
            op.alter_column(table, column, nullable=False, schema="core")
    group = op.get_bind().dialect.identifier_preparer.quote(context.config.attributes["reader_group"])
    for view in reversed(REBUILT):  # visits, citations, disagreements, timeline
        op.execute((PREVIOUS / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {group}")
