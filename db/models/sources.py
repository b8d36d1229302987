"""Source articles and the evidence that ties every fact to a verbatim quote."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR, UUID
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.facts import FACTS
from diplodb.models.base import Base, slug_check, vocabulary


class Source(Base):
    __tablename__ = "source"
    __table_args__ = (
        slug_check("source_id"),
        vocabulary("published_on_basis", vocab.BASIS),
        vocabulary("published_on_precision", vocab.PRECISION),
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_is_hex"),
        Index(None, "search", postgresql_using="gin"),
        {"comment": "One row per source article, its body stored exactly as received."},
    )

    source_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                           comment="Stable slug fixed in the seed files.")
    file_name: Mapped[str] = mapped_column(Text, unique=True,
                                           comment="The article's file under seeds/articles/.")
    title: Mapped[str] = mapped_column(
        Text, comment="Descriptive title given by the curators (the texts carry no headline).")
    publisher: Mapped[str | None] = mapped_column(
        Text, comment="Outlet that published the text, where the text shows it.")
    agency: Mapped[str | None] = mapped_column(
        Text, comment="News agency credited in the text, where the text shows it.")
    published_on: Mapped[dt.date | None] = mapped_column(Date, comment="Publication date.")
    published_on_precision: Mapped[str] = mapped_column(Text, comment="Precision of published_on.")
    published_on_basis: Mapped[str] = mapped_column(
        Text, comment="'stated' when the text gives the date, 'inferred' when derived.")
    published_on_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred publication date was derived.")
    language: Mapped[str] = mapped_column(Text, comment="ISO 639-1 language of the text.")
    is_translation: Mapped[bool] = mapped_column(comment="True when the text reads as a translation.")
    url: Mapped[str | None] = mapped_column(Text, comment="Where the article was published, if known.")
    body: Mapped[str] = mapped_column(Text, comment="Full text, exactly as in the article file.")
    sha256: Mapped[str] = mapped_column(Text, comment="Hex SHA-256 of the UTF-8 body.")
    search: Mapped[str] = mapped_column(
        TSVECTOR, Computed("to_tsvector('english'::regconfig, body)", persisted=True),
        comment="English full-text vector of the body (GIN-indexed).")


# The facts evidence may support; exactly one of these columns is set per row.
EVIDENCE_TARGETS = {fact.name: (fact.key, f"{fact.table}.{fact.key}") for fact in FACTS}
_TARGET_COLUMNS = ", ".join(column for column, _ in EVIDENCE_TARGETS.values())


class Evidence(Base):
    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(f"num_nonnulls({_TARGET_COLUMNS}) = 1", name="supports_one_fact"),
        CheckConstraint("char_start >= 0 and char_end > char_start", name="span_is_valid"),
        CheckConstraint("char_length(quote) = char_end - char_start", name="span_fits_quote"),
        CheckConstraint("(aspect is null) = (claim is null)", name="claim_with_aspect"),
        vocabulary("stance", vocab.EVIDENCE_STANCE),
        vocabulary("quote_kind", vocab.QUOTE_KIND),
        CheckConstraint("(quote_kind is null) = (statement_id is null)",
                        name="quote_kind_exactly_for_statements"),
        CheckConstraint("(quoted_words is not null) = coalesce(quote_kind <> 'paraphrase', false)",
                        name="quoted_words_with_quotation_marks"),
        # analytics.citations exposes this expression as fact_id; analysts filter and
        # join on it, so it gets its own index.
        Index("ix_evidence_fact_id", text(f"coalesce({_TARGET_COLUMNS})")),
        {"comment": "One row per piece of evidence: a verbatim quote of one source that "
                    "supports one fact. Offsets are 0-based characters of source.body, end "
                    "exclusive; a trigger checks the quote against the body."},
    )

    evidence_id: Mapped[uuid.UUID] = mapped_column(
        UUID, primary_key=True,
        comment="Deterministic UUID (v5) of the fact, the source and the span.")
    source_id: Mapped[str] = mapped_column(ForeignKey("source.source_id", ondelete="CASCADE"),
                                           index=True, comment="The source quoted.")
    char_start: Mapped[int] = mapped_column(Integer, comment="0-based start offset in body.")
    char_end: Mapped[int] = mapped_column(Integer, comment="End offset in body, exclusive.")
    quote: Mapped[str] = mapped_column(Text, comment="The verbatim quote.")
    aspect: Mapped[str | None] = mapped_column(
        Text, comment="What this source says about one disputed aspect of the fact "
                      "(e.g. 'delegation', 'status'); NULL for plain support.")
    claim: Mapped[str | None] = mapped_column(
        Text, comment="This source's claim on that aspect, in the curators' words.")
    stance: Mapped[str] = mapped_column(
        Text, server_default="supports",
        comment="What the source says of the fact as stored: supports (states it), planned "
                "or expected (reports it only as a plan or an expectation), disputes (says "
                "otherwise). Only 'supports' counts toward source_count.")
    quote_kind: Mapped[str | None] = mapped_column(
        Text, comment="For a statement: how this source renders it: direct (the utterance in "
                      "quotation marks), partial (reported speech around quoted words) or "
                      "paraphrase; NULL for other facts.")
    quoted_words: Mapped[str | None] = mapped_column(
        Text, comment="For a direct or partial rendering: the words inside the quotation "
                      "marks within the quote (several runs joined by ' … '); NULL otherwise.")
    is_direct_quote: Mapped[bool | None] = mapped_column(
        Computed("quote_kind <> 'paraphrase'", persisted=True),
        comment="For a statement: true when this source puts the speaker's words in "
                "quotation marks (quote_kind direct or partial); NULL for other facts.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="CASCADE"), index=True, comment="Visit supported.")
    participant_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit_participant.participant_id", ondelete="CASCADE"), index=True,
        comment="Visit participant supported.")
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meeting.meeting_id", ondelete="CASCADE"), index=True,
        comment="Meeting supported.")
    statement_id: Mapped[str | None] = mapped_column(
        ForeignKey("statement.statement_id", ondelete="CASCADE"), index=True,
        comment="Statement supported.")
    agreement_id: Mapped[str | None] = mapped_column(
        ForeignKey("agreement.agreement_id", ondelete="CASCADE"), index=True,
        comment="Agreement supported.")
    figure_id: Mapped[str | None] = mapped_column(
        ForeignKey("figure.figure_id", ondelete="CASCADE"), index=True,
        comment="Reported figure supported.")
    term_id: Mapped[str | None] = mapped_column(
        ForeignKey("office_term.term_id", ondelete="CASCADE"), index=True,
        comment="Office term supported (a source naming the holder in office).")
    name_id: Mapped[str | None] = mapped_column(
        ForeignKey("person_name.name_id", ondelete="CASCADE"), index=True,
        comment="Name variant supported (where a source writes it).")
    activity_id: Mapped[str | None] = mapped_column(
        ForeignKey("activity.activity_id", ondelete="CASCADE"), index=True,
        comment="Activity supported.")


class SourceSentence(Base):
    __tablename__ = "source_sentence"
    __table_args__ = (
        CheckConstraint("sentence_no > 0", name="numbered_from_one"),
        CheckConstraint("char_start >= 0 and char_end > char_start", name="span_is_valid"),
        {"comment": "One row per sentence of a source body, as the seed loader splits it "
                    "(docs/seed-format.md), with the curators' reason when it holds no fact: "
                    "the sentence ledger that accounts for every sentence."},
    )

    source_id: Mapped[str] = mapped_column(
        ForeignKey("source.source_id", ondelete="CASCADE"), primary_key=True,
        comment="The source article.")
    sentence_no: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="1-based position of the sentence in the body.")
    char_start: Mapped[int] = mapped_column(Integer, comment="0-based start offset in body.")
    char_end: Mapped[int] = mapped_column(Integer, comment="End offset in body, exclusive.")
    skip_reason: Mapped[str | None] = mapped_column(
        Text, comment="Why the sentence holds nothing to record; NULL when a fact cites it.")


class SeedState(Base):
    __tablename__ = "seed_state"
    __table_args__ = (
        CheckConstraint("singleton", name="one_row"),
        {"comment": "One row: the digest of the seed files last loaded."},
    )

    singleton: Mapped[bool] = mapped_column(primary_key=True, default=True,
                                            comment="Always true; keeps the table to one row.")
    digest: Mapped[str] = mapped_column(Text, comment=(
        "SHA-256 over each seed file's relative path and SHA-256, in path order "
        "(revision 0017)."))
    data_version: Mapped[str] = mapped_column(
        Text, comment="The data set's version label (seeds/dataset.yaml), bumped by curators.")
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True),
                                                   comment="When that load committed.")
    source_count: Mapped[int | None] = mapped_column(
        BigInteger, comment="Sources (core.source) the last load left in the database.")
    fact_count: Mapped[int | None] = mapped_column(
        BigInteger, comment="Facts of the types annotation files define (visits, "
        "participants, meetings, statements, agreements, figures, activities) the last "
        "load left in the database.")
    evidence_count: Mapped[int | None] = mapped_column(
        BigInteger, comment="Pieces of evidence (core.evidence) the last load left in the "
        "database.")


class SeedFile(Base):
    __tablename__ = "seed_file"
    __table_args__ = (
        CheckConstraint("digest ~ '^[0-9a-f]{64}$'", name="digest_is_hex"),
        Index(None, "keys", postgresql_using="gin"),
        {"comment": "One row per seed file last loaded: its digest, so that a re-seed re-reads "
                    "only the files that changed, and for an annotation file what it claims "
                    "of the others (the facts it defines and cites), so that the rules that "
                    "span files are checked without re-reading the files that did not change."},
    )

    path: Mapped[str] = mapped_column(Text, primary_key=True,
                                      comment="Path relative to the seed directory.")
    digest: Mapped[str] = mapped_column(Text, comment="Hex SHA-256 of the file's bytes.")
    summary: Mapped[dict | None] = mapped_column(
        JSONB, comment="For an annotation file: its source, the facts it defines and cites, "
                       "the visits it refers to, its name variants and its statement "
                       "renderings (JSON); NULL for other files.")
    keys: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text), comment="For an annotation file: the ids its summary refers to, one key "
                             "each ('source:', 'fact:', 'name:' or 'statement:' and the id); "
                             "NULL for other files.")
    stat_key: Mapped[str | None] = mapped_column(
        Text, comment="The file's size, modification and change times and inode when it was "
                      "last hashed: while they are the same the file is not read again to "
                      "know its digest. NULL: hash it (a file changed within two seconds of "
                      "a scan is never trusted this way).")
