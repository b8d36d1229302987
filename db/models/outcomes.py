"""What visits produce and what sources count: agreements and reported figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, Text
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


class SubjectArea(Base):
    __tablename__ = "subject_area"
    __table_args__ = (slug_check("subject_area_id"),
                      {"comment": "One row per subject area an agreement may cover."})

    subject_area_id: Mapped[str] = mapped_column(Text, primary_key=True, comment="Area slug.")
    label: Mapped[str] = mapped_column(Text, comment="Display label.")


class Agreement(Base):
    __tablename__ = "agreement"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("agreement_id"),
        vocabulary("kind", vocab.AGREEMENT_KIND),
        vocabulary("status", vocab.AGREEMENT_STATUS),
        vocabulary("date_precision", vocab.PRECISION),
        vocabulary("date_basis", vocab.BASIS),
        *bounds_checks("concluded", "concluded_earliest", "concluded_latest", "date_basis",
                       "date_note", "date_reference_id"),
        CheckConstraint("instrument_count > 0", name="instrument_count_positive"),
        CheckConstraint("value_usd >= 0", name="value_not_negative"),
        {"comment": "One row per agreement, memorandum, pact, pledge or bundle of "
                    "instruments signed together."},
    )

    agreement_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                              comment="Stable slug fixed in the seed files.")
    title: Mapped[str] = mapped_column(Text, comment="Descriptive title by the curators.")
    kind: Mapped[str] = mapped_column(Text, comment="Kind; closed vocabulary.")
    status: Mapped[str] = mapped_column(Text, comment="Status as reported; closed vocabulary.")
    concluded_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day it can have been concluded or announced (inclusive).")
    concluded_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day it can have been concluded or announced (inclusive).")
    concluded_edtf: Mapped[str | None] = mapped_column(Text, comment="EDTF of those bounds.")
    concluded_on: Mapped[dt.date | None] = mapped_column(
        Date, period_start("concluded_earliest", "concluded_latest"), index=True,
        comment="v1 date concluded or announced, generated from the bounds.")
    date_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("concluded_earliest", "concluded_latest"),
        comment="Precision of concluded_on, generated; NULL exactly when it is NULL.")
    date_basis: Mapped[str | None] = mapped_column(
        Text, comment="How the date is known; NULL exactly when no bound is known.")
    date_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred or referenced date was derived.")
    date_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="The named reference of the date, exactly when date_basis is 'reference'.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit it came out of, if any.")
    instrument_count: Mapped[int] = mapped_column(Integer, comment="Number of instruments.")
    value_usd: Mapped[Decimal | None] = mapped_column(
        Numeric, comment="Stated value in US dollars, if any.")


class AgreementParty(Base):
    __tablename__ = "agreement_party"
    __table_args__ = ({"comment": "One row per (agreement, party country)."},)

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreement.agreement_id", ondelete="CASCADE"), primary_key=True,
        comment="The agreement.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True,
                                              index=True, comment="A party.")


class AgreementSubject(Base):
    __tablename__ = "agreement_subject"
    __table_args__ = ({"comment": "One row per (agreement, subject area)."},)

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreement.agreement_id", ondelete="CASCADE"), primary_key=True,
        comment="The agreement.")
    subject_area_id: Mapped[str] = mapped_column(
        ForeignKey("subject_area.subject_area_id"), primary_key=True, index=True,
        comment="A subject area.")


class Figure(Base):
    __tablename__ = "figure"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("figure_id"),
        vocabulary("qualifier", vocab.FIGURE_QUALIFIER),
        vocabulary("as_of_precision", vocab.PRECISION),
        vocabulary("as_of_basis", vocab.BASIS),
        *bounds_checks("as_of", "as_of_earliest", "as_of_latest", "as_of_basis",
                       "as_of_note", "as_of_reference_id"),
        {"comment": "One row per number a source reports (trade, debt, cases, deaths, troops)."},
    )

    figure_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                           comment="Stable slug fixed in the seed files.")
    metric: Mapped[str] = mapped_column(
        Text, index=True, comment="What is counted, e.g. 'bilateral_trade', 'covid_deaths'.")
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"),
                                                     comment="Country the figure is about.")
    counterpart_country_code: Mapped[str | None] = mapped_column(
        ForeignKey("country.code"), comment="Other country, for bilateral figures.")
    value: Mapped[Decimal] = mapped_column(Numeric, comment="The number, in unit.")
    unit: Mapped[str] = mapped_column(Text, comment="Unit: 'USD', 'USD/year', 'persons', ...")
    qualifier: Mapped[str] = mapped_column(
        Text, comment="How the source qualifies the number; 'target' for goals.")
    as_of_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day the figure can refer to (inclusive).")
    as_of_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day the figure can refer to (inclusive).")
    as_of_edtf: Mapped[str | None] = mapped_column(Text, comment="EDTF of those bounds.")
    as_of: Mapped[dt.date | None] = mapped_column(
        Date, period_start("as_of_earliest", "as_of_latest"), index=True,
        comment="v1 date the figure refers to, generated from the bounds.")
    as_of_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("as_of_earliest", "as_of_latest"),
        comment="Precision of as_of, generated from the bounds.")
    as_of_basis: Mapped[str | None] = mapped_column(Text, comment="How as_of is known.")
    as_of_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred or referenced as-of date was derived.")
    as_of_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="The named reference of the as-of date, exactly when its basis is 'reference'.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit in whose reporting the figure appears, if any.")
    note: Mapped[str | None] = mapped_column(Text, comment="Curator's note, if any.")
