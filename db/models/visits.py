"""Visits, who took part in them, and meetings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.models.base import Base, slug_check, vocabulary


def _dated(prefix: str = "") -> tuple:
    """Constraints shared by every fact dated with a precision and a basis."""
    return (
        vocabulary(f"{prefix}date_precision", vocab.PRECISION),
        vocabulary(f"{prefix}date_basis", vocab.BASIS),
    )


class Visit(Base):
    __tablename__ = "visit"
    __table_args__ = (
        slug_check("visit_id"),
        vocabulary("status", vocab.VISIT_STATUS),
        vocabulary("visit_type", vocab.VISIT_TYPE),
        *_dated(),
        CheckConstraint("end_date >= start_date", name="ends_after_start"),
        CheckConstraint("visitor_country_code <> host_country_code", name="abroad"),
        CheckConstraint("start_date is not null or status in ('planned', 'postponed', 'cancelled')",
                        name="dated_unless_not_made"),
        CheckConstraint("(start_date is null) = (date_precision is null) "
                        "and (start_date is null) = (date_basis is null)",
                        name="precision_only_with_date"),
        vocabulary("status_changed_precision", vocab.PRECISION),
        vocabulary("status_changed_basis", vocab.BASIS),
        CheckConstraint("(status_changed_on is null) = (status_changed_precision is null) "
                        "and (status_changed_on is null) = (status_changed_basis is null)",
                        name="status_change_precision_only_with_date"),
        CheckConstraint("status_changed_on is null or status in ('postponed', 'cancelled')",
                        name="status_change_dated_only_when_postponed_or_cancelled"),
        {"comment": "One row per visit: a trip of one visitor to one host country, made, "
                    "under way, planned, postponed or cancelled."},
    )

    visit_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                          comment="Stable slug fixed in the seed files.")
    visitor_id: Mapped[str] = mapped_column(ForeignKey("person.person_id"), index=True,
                                            comment="The person who travels.")
    visitor_country_code: Mapped[str] = mapped_column(ForeignKey("country.code"),
                                                      comment="Country the visitor represents.")
    host_country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True,
                                                   comment="Country visited.")
    place_id: Mapped[str | None] = mapped_column(ForeignKey("place.place_id"),
                                                 comment="Main place of the visit, if reported.")
    start_date: Mapped[dt.date | None] = mapped_column(
        Date, index=True, comment="First day (NULL when a planned trip has no date).")
    end_date: Mapped[dt.date | None] = mapped_column(Date, comment="Last day, if known.")
    date_precision: Mapped[str | None] = mapped_column(
        Text, comment="Precision of the dates; NULL exactly when start_date is NULL.")
    date_basis: Mapped[str | None] = mapped_column(
        Text, comment="'stated' when a source gives the date, 'inferred' when derived; NULL "
                      "exactly when start_date is NULL.")
    date_note: Mapped[str | None] = mapped_column(Text, comment="How an inferred date was derived.")
    status: Mapped[str] = mapped_column(Text, comment="Status as reported; closed vocabulary.")
    status_reason: Mapped[str | None] = mapped_column(
        Text, comment="Reported reason for a postponement or cancellation.")
    status_changed_on: Mapped[dt.date | None] = mapped_column(
        Date, index=True, comment="Day the visit was postponed or cancelled, when a source dates it.")
    status_changed_precision: Mapped[str | None] = mapped_column(
        Text, comment="Precision of status_changed_on; NULL exactly when it is NULL.")
    status_changed_basis: Mapped[str | None] = mapped_column(
        Text, comment="How status_changed_on is known (stated, inferred); NULL exactly when "
                      "it is NULL.")
    status_changed_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred status_changed_on was derived.")
    visit_type: Mapped[str] = mapped_column(Text, comment="Type of visit as reported.")
    first_trip_abroad: Mapped[bool | None] = mapped_column(
        comment="True when reported as the visitor's first trip abroad in office; NULL if "
                "not reported.")


class VisitParticipant(Base):
    __tablename__ = "visit_participant"
    __table_args__ = (
        slug_check("participant_id"),
        vocabulary("role", vocab.PARTICIPANT_ROLE),
        CheckConstraint("num_nonnulls(person_id, office_id) >= 1", name="person_or_office"),
        {"comment": "One row per (visit, participant): a named person, or an office where the "
                    "sources name no person, with their role in the visit."},
    )

    participant_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                                comment="Stable slug fixed in the seed files.")
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.visit_id", ondelete="CASCADE"),
                                          index=True, comment="The visit.")
    person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), index=True,
        comment="The participant; NULL when only the office is reported.")
    office_id: Mapped[str | None] = mapped_column(
        ForeignKey("office.office_id"), comment="Office in which the participant took part.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"),
                                              comment="Side the participant belongs to.")
    role: Mapped[str] = mapped_column(Text, comment="Role in the visit; closed vocabulary.")


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (
        slug_check("meeting_id"),
        vocabulary("status", vocab.MEETING_STATUS),
        *_dated(),
        {"comment": "One row per meeting between named persons, held or scheduled."},
    )

    meeting_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                            comment="Stable slug fixed in the seed files.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit the meeting belongs to; NULL if none.")
    held_on: Mapped[dt.date] = mapped_column(Date, index=True, comment="Date of the meeting.")
    date_precision: Mapped[str] = mapped_column(Text, comment="Precision of held_on.")
    date_basis: Mapped[str] = mapped_column(Text, comment="How held_on is known.")
    place_id: Mapped[str | None] = mapped_column(ForeignKey("place.place_id"),
                                                 comment="Where it took place, if reported.")
    status: Mapped[str] = mapped_column(Text, comment="Status; closed vocabulary.")
    summary: Mapped[str] = mapped_column(Text, comment="One-line description by the curators.")


class MeetingParticipant(Base):
    __tablename__ = "meeting_participant"
    __table_args__ = ({"comment": "One row per (meeting, person) taking part."},)

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meeting.meeting_id", ondelete="CASCADE"), primary_key=True,
        comment="The meeting.")
    person_id: Mapped[str] = mapped_column(ForeignKey("person.person_id"), primary_key=True,
                                           index=True, comment="A person taking part.")
