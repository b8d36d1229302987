"""Statement kinds: every statement is coded in PLOVER and CAMEO (contract v1.3).

- core.statement gains ``kind`` (what the statement does, in the CAMEO/PLOVER sense; the
  vocabulary of core.plover_rule's statement rules) and ``target_country_code`` (whom it
  is directed at or about, when curated). The seed requires a kind for every statement;
  rows loaded before this revision have none until the re-seed that follows an upgrade.
- analytics.statements appends ``kind`` and ``target_country_code`` (replaced in place).
- analytics.events codes statements by their kind's rule, takes a curated target as the
  recipient, and reads each visit's lead recipient from one CTE (same columns, so it is
  replaced in place and event_contexts and dyad_years, which read it, stay).

The view SQL is read from migrations/sql/0015/ (frozen copies). The downgrade restores
events from 0014's copy, drops timeline and statements (a column cannot be removed in
place) and rebuilds them from 0011's copies, then drops the columns.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
SNAPSHOT = SQL / revision
# the statement kinds as of this revision (diplodb.vocab.STATEMENT_KIND then)
KINDS = ("comment", "empathy", "praise", "intent_to_cooperate", "intent_to_meet",
         "invitation", "intent_to_aid", "criticism", "accusation", "appeal", "demand",
         "rejection", "threat")
KIND_COMMENT = (
    "What the statement does, in the CAMEO/PLOVER sense (docs/coding.md): comment, empathy, "
    "praise, intent_to_cooperate, intent_to_meet, invitation, intent_to_aid, criticism, "
    "accusation, appeal, demand, rejection or threat; it selects the statement's "
    "core.plover_rule. NULL only on rows loaded before revision 0015, until the next seed.")
TARGET_COMMENT = (
    "Country the statement is directed at or about, when curated (ISO alpha-3); NULL when "
    "it is the other side of the visit it was made during, or there is none.")


def _group() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def upgrade() -> None:
    op.add_column("statement", sa.Column("kind", sa.Text(), nullable=True,
                                         comment=KIND_COMMENT), schema="core")
    op.add_column("statement", sa.Column("target_country_code", sa.Text(), nullable=True,
                                         comment=TARGET_COMMENT), schema="core")
    listed = ", ".join(f"'{kind}'" for kind in KINDS)
    op.create_check_constraint(op.f("ck_statement_kind_vocabulary"), "statement",
                               f"kind in ({listed})", schema="core")
    op.create_foreign_key(op.f("fk_statement_target_country_code_country"), "statement",
                          "country", ["target_country_code"], ["code"],
                          source_schema="core", referent_schema="core")
    for view in ("statements", "events"):
        op.execute((SNAPSHOT / f"{view}.sql").read_text())


def downgrade() -> None:
    group = _group()
    op.execute((SQL / "0014" / "events.sql").read_text())
    op.execute("drop view analytics.timeline")
    op.execute("drop view analytics.statements")
    op.drop_constraint("fk_statement_target_country_code_country", "statement", schema="core")
    op.drop_constraint("ck_statement_kind_vocabulary", "statement", schema="core")
    op.drop_column("statement", "target_country_code", schema="core")
    op.drop_column("statement", "kind", schema="core")
    # Rebuilt after the columns go: statements' "select *" reads every column of the table.
    for view in ("statements", "timeline"):
        op.execute((SQL / "0011" / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {group}")
