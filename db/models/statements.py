"""Statements (quotes and paraphrases) and their topics."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Computed, Date, ForeignKey, Index, Text, text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.models.base import Base, slug_check, vocabulary


class Topic(Base):
    __tablename__ = "topic"
    __table_args__ = (slug_check("topic_id"), {"comment": "One row per statement topic."})

    topic_id: Mapped[str] = mapped_column(Text, primary_key=True, comment="Topic slug.")
    label: Mapped[str] = mapped_column(Text, comment="Display label.")


class Statement(Base):
    __tablename__ = "statement"
    __table_args__ = (
        slug_check("statement_id"),
        vocabulary("date_precision", vocab.PRECISION),
        vocabulary("date_basis", vocab.BASIS),
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
    speaker_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), index=True, comment="Speaker, when a person.")
    speaker_organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organization.organization_id"),
        comment="Speaker, when an organisation (a leader's office, state media).")
    said_on: Mapped[dt.date] = mapped_column(Date, index=True, comment="Date of the statement.")
    date_precision: Mapped[str] = mapped_column(Text, comment="Precision of said_on.")
    date_basis: Mapped[str] = mapped_column(Text, comment="How said_on is known.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit during which it was said, if any.")
    text: Mapped[str] = mapped_column(
        Text, comment="The statement verbatim from its first source: the quoted words for a "
                      "direct quote, the reporting sentence for a paraphrase.")
    is_direct_quote: Mapped[bool] = mapped_column(
        comment="True when text is the speaker's own words in quotation marks.")
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
