"""Statements (quotes and paraphrases) and their topics."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Computed, Date, ForeignKey, Index, Text, text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.models.base import (
    Base,
    bounds_checks,
    period_precision,
    period_start,
    slug_check,
    source_count,
    vocabulary,
)


class Topic(Base):
    __tablename__ = "topic"
    __table_args__ = (slug_check("topic_id"), {"comment": "One row per statement topic."})

    topic_id: Mapped[str] = mapped_column(Text, primary_key=True, comment="Topic slug.")
    label: Mapped[str] = mapped_column(Text, comment="Display label.")


class Statement(Base):
    __tablename__ = "statement"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("statement_id"),
        vocabulary("date_precision", vocab.PRECISION),
        vocabulary("date_basis", vocab.BASIS),
        vocabulary("quote_kind", vocab.QUOTE_KIND),
        vocabulary("kind", vocab.STATEMENT_KIND),
        *bounds_checks("said", "said_earliest", "said_latest", "date_basis", "date_note",
                       "date_reference_id"),
        CheckConstraint("num_nonnulls(speaker_person_id, speaker_organization_id) = 1",
                        name="one_speaker"),
        Index(None, "search", postgresql_using="gin"),
        # analytics.statements exposes this expression as speaker_id.
        Index("ix_statement_speaker_id",
              text("coalesce(speaker_person_id, speaker_organization_id)")),
        {"comment": "One row per statement: one utterance or position, however many "
                    "sources report it (each report is a row of evidence)."},
    )

    statement_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                              comment="Stable slug fixed in the seed files.")
    kind: Mapped[str | None] = mapped_column(
        Text, comment="What the statement does, in the CAMEO/PLOVER sense (docs/coding.md): "
                      "comment, empathy, praise, intent_to_cooperate, intent_to_meet, "
                      "invitation, intent_to_aid, criticism, accusation, appeal, demand, "
                      "rejection or threat; it selects the statement's core.plover_rule. "
                      "NULL only on rows loaded before revision 0015, until the next seed.")
    target_country_code: Mapped[str | None] = mapped_column(
        ForeignKey("country.code"),
        comment="Country the statement is directed at or about, when curated (ISO "
                "alpha-3); NULL when it is the other side of the visit it was made during, "
                "or there is none.")
    speaker_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), index=True, comment="Speaker, when a person.")
    speaker_organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organization.organization_id"),
        comment="Speaker, when an organisation (a leader's office, state media).")
    said_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day the statement can have been made (inclusive).")
    said_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day the statement can have been made (inclusive).")
    said_edtf: Mapped[str | None] = mapped_column(Text, comment="EDTF of those bounds.")
    said_on: Mapped[dt.date | None] = mapped_column(
        Date, period_start("said_earliest", "said_latest"), index=True,
        comment="v1 date of the statement, generated from the bounds.")
    date_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("said_earliest", "said_latest"),
        comment="Precision of said_on, generated from the bounds.")
    date_basis: Mapped[str | None] = mapped_column(Text, comment="How the date is known.")
    date_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred or referenced date was derived.")
    date_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="The named reference of the date, exactly when date_basis is 'reference'.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit during which it was said, if any.")
    text: Mapped[str] = mapped_column(
        Text, comment="The statement verbatim from its first source: the quoted words for a "
                      "direct quote, the reporting sentence for a paraphrase.")
    quote_kind: Mapped[str] = mapped_column(
        Text, comment="The most direct rendering any supporting source gives: direct (the "
                      "utterance in quotation marks), partial (reported speech around quoted "
                      "words) or paraphrase.")
    is_direct_quote: Mapped[bool] = mapped_column(
        Computed("quote_kind <> 'paraphrase'", persisted=True),
        comment="True when some source puts the speaker's words in quotation marks "
                "(quote_kind direct or partial); generated from quote_kind.")
    search: Mapped[str] = mapped_column(
        TSVECTOR, Computed("to_tsvector('english'::regconfig, text)", persisted=True),
        comment="English full-text vector of text (GIN-indexed).")


class StatementTopic(Base):
    __tablename__ = "statement_topic"
    __table_args__ = ({"comment": "One row per (statement, topic)."},)

    statement_id: Mapped[str] = mapped_column(
        ForeignKey("statement.statement_id", ondelete="CASCADE"), primary_key=True,
        comment="The statement.")
    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.topic_id"), primary_key=True,
                                          index=True, comment="A topic it touches.")
