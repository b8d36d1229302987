"""Persons, their names as written, offices and terms in office."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Computed, Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import DATERANGE, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.models.base import (
    Base,
    identifier_constraints,
    named_reference,
    slug_check,
    source_count,
    vocabulary,
)


class Reference(Base):
    __tablename__ = "reference"
    __table_args__ = (
        slug_check("reference_id"),
        {"comment": "One row per named reference work (an encyclopedia entry) that backs "
                    "reference data such as office terms and canonical names."},
    )

    reference_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                              comment="Stable slug fixed in the seed files.")
    title: Mapped[str] = mapped_column(Text, comment="Title of the reference entry.")
    publisher: Mapped[str] = mapped_column(Text, comment="Who publishes the reference.")
    url: Mapped[str] = mapped_column(Text, comment="Where the entry can be read.")


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (
        slug_check("person_id"),
        *identifier_constraints("person"),
        {"comment": "One row per person named in the corpus."},
    )

    person_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                           comment="Stable slug fixed in the seed files.")
    canonical_name: Mapped[str] = mapped_column(
        Text, comment="Canonical display name, as spelled by the person's reference entry.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True,
                                              comment="Country the person serves or belongs to.")
    reference_id: Mapped[str] = mapped_column(ForeignKey("reference.reference_id"),
                                              comment="Reference entry for the person.")
    wikidata_qid: Mapped[str | None] = mapped_column(
        Text, comment="Wikidata item of the person, e.g. Q57336; NULL when not confirmed.")
    wikidata_reference_id: Mapped[str | None] = named_reference("wikidata_qid")
    identifier_note: Mapped[str | None] = mapped_column(
        Text, comment="Why wikidata_qid is NULL (what was searched).")


def name_id(person_id: str, name: str) -> str:
    """The key of a person's name spelling (person_name.name_id): the person and the
    name, its whitespace runs as underscores."""
    return f"{person_id}:{'_'.join(name.split())}"


class PersonName(Base):
    __tablename__ = "person_name"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        UniqueConstraint("person_id", "name"),
        {"comment": "One row per (person, name variant): each spelling exactly as a source "
                    "or the reference writes it. Evidence rows show where each occurs."},
    )

    name_id: Mapped[str] = mapped_column(
        Text, primary_key=True,
        comment="Stable id derived from the person id and the variant: '<person_id>:<variant with _ for spaces>'.")
    person_id: Mapped[str] = mapped_column(ForeignKey("person.person_id", ondelete="CASCADE"),
                                           index=True, comment="The person so named.")
    name: Mapped[str] = mapped_column(Text, comment="The variant exactly as written.")
    is_canonical: Mapped[bool] = mapped_column(
        comment="True for the canonical name taken from the reference entry.")


class Office(Base):
    __tablename__ = "office"
    __table_args__ = (
        slug_check("office_id"),
        *identifier_constraints("office"),
        vocabulary("level", vocab.VISIT_LEVEL),
        {"comment": "One row per public office (a post one person holds at a time)."},
    )

    office_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                           comment="Stable slug fixed in the seed files.")
    title: Mapped[str] = mapped_column(Text, comment="Title, e.g. 'President of Iran'.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True,
                                              comment="Country whose office it is.")
    wikidata_qid: Mapped[str | None] = mapped_column(
        Text, comment="Wikidata item of the position (what Wikidata's 'position held', "
                      "P39, points to), e.g. Q838380; NULL when not confirmed.")
    wikidata_reference_id: Mapped[str | None] = named_reference("wikidata_qid")
    identifier_note: Mapped[str | None] = mapped_column(
        Text, comment="Why wikidata_qid is NULL (what was searched).")
    level: Mapped[str] = mapped_column(
        Text, server_default="other",
        comment="Seniority a holder travels in: head_of_state, head_of_government, "
                "foreign_minister or other (the visit level of the leader-travel data sets).")


class OfficeTerm(Base):
    __tablename__ = "office_term"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("term_id"),
        vocabulary("start_precision", vocab.PRECISION),
        vocabulary("end_precision", vocab.PRECISION),
        vocabulary("basis", vocab.BASIS),
        CheckConstraint("end_date is null or end_date > start_date", name="ends_after_start"),
        CheckConstraint("(end_date is null) = (end_precision is null)",
                        name="end_precision_with_end"),
        # One office, one holder at a time: terms of the same office may not overlap.
        ExcludeConstraint(("office_id", "="), ("term", "&&"), name="one_holder_at_a_time",
                          using="gist"),
        {"comment": "One row per term in office. term = [start_date, end_date): end_date is "
                    "the first day no longer in office; NULL means no end is recorded."},
    )

    term_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                         comment="Stable slug fixed in the seed files.")
    office_id: Mapped[str] = mapped_column(ForeignKey("office.office_id"),
                                           comment="The office held.")
    person_id: Mapped[str] = mapped_column(ForeignKey("person.person_id"), index=True,
                                           comment="The holder.")
    start_date: Mapped[dt.date] = mapped_column(
        Date, comment="First day in office (first day of the period at month/year precision).")
    start_precision: Mapped[str] = mapped_column(Text, comment="Precision of start_date.")
    end_date: Mapped[dt.date | None] = mapped_column(
        Date, comment="First day no longer in office; NULL while no end is recorded.")
    end_precision: Mapped[str | None] = mapped_column(Text, comment="Precision of end_date.")
    basis: Mapped[str] = mapped_column(Text, comment="How the dates are known; closed vocabulary.")
    reference_id: Mapped[str] = mapped_column(ForeignKey("reference.reference_id"),
                                              comment="The named reference for the dates.")
    note: Mapped[str | None] = mapped_column(Text, comment="Curator's note on the dates, if any.")
    term: Mapped[object] = mapped_column(
        DATERANGE, Computed("daterange(start_date, end_date, '[)')", persisted=True),
        comment="The term as a half-open daterange; indexed for 'who held X on D'.")
