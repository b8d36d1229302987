"""Activities: what the sources report that is neither a visit, a meeting, a statement,
an agreement nor a figure (ceremonies, receptions, commemorations and site visits,
hospitalisations, elections, strikes and attacks)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Text
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


class Activity(Base):
    __tablename__ = "activity"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("activity_id"),
        vocabulary("kind", vocab.ACTIVITY_KIND),
        vocabulary("status", vocab.ACTIVITY_STATUS),
        vocabulary("date_basis", vocab.BASIS),
        *bounds_checks("activity", "earliest", "latest", "date_basis", "date_note",
                       "date_reference_id"),
        CheckConstraint("num_nonnulls(actor_person_id, actor_organization_id) <= 1",
                        name="one_actor_at_most"),
        {"comment": "One row per activity a source reports that is neither a visit, a "
                    "meeting, a statement, an agreement nor a figure: a ceremony, reception, "
                    "commemoration, site visit, hospitalisation, election, strike or attack."},
    )

    activity_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                             comment="Stable slug fixed in the seed files.")
    kind: Mapped[str] = mapped_column(Text, comment="Kind of activity; closed vocabulary.")
    summary: Mapped[str] = mapped_column(Text, comment="One-line description by the curators.")
    actor_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), index=True,
        comment="Who acts (or is elected, hospitalised), when a person.")
    actor_organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organization.organization_id"),
        comment="Who acts, when an organisation or a state's government.")
    country_code: Mapped[str | None] = mapped_column(
        ForeignKey("country.code"), comment="Country where it happened, if reported.")
    place_id: Mapped[str | None] = mapped_column(ForeignKey("place.place_id"),
                                                 comment="Where it happened, if reported.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit it was part of; NULL if none.")
    earliest: Mapped[dt.date | None] = mapped_column(
        Date, index=True, comment="Earliest day it can have happened (inclusive).")
    latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day it can have happened (inclusive).")
    date_edtf: Mapped[str | None] = mapped_column(Text, comment="EDTF of those bounds.")
    happened_on: Mapped[dt.date | None] = mapped_column(
        Date, period_start("earliest", "latest"), index=True,
        comment="v1-style date, generated from the bounds (the timeline's happened_on).")
    date_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("earliest", "latest"),
        comment="Precision of happened_on, generated from the bounds.")
    date_basis: Mapped[str | None] = mapped_column(Text, comment="How the date is known.")
    date_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred or referenced date was derived.")
    date_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="The named reference of the date, exactly when date_basis is 'reference'.")
    status: Mapped[str] = mapped_column(Text, comment="held, planned or cancelled, as reported.")
