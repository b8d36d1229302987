"""Visits, who took part in them, and meetings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text
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


def _dated(prefix: str = "") -> tuple:
    """Constraints shared by every fact dated with a precision and a basis."""
    return (
        vocabulary(f"{prefix}date_precision", vocab.PRECISION),
        vocabulary(f"{prefix}date_basis", vocab.BASIS),
    )


class Visit(Base):
    __tablename__ = "visit"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("visit_id"),
        vocabulary("status", vocab.VISIT_STATUS),
        vocabulary("visit_type", vocab.VISIT_TYPE),
        *_dated(),
        *bounds_checks("start", "start_earliest", "start_latest", "date_basis", "date_note",
                       "date_reference_id"),
        CheckConstraint("end_earliest <= end_latest", name="end_bounds_ordered"),
        CheckConstraint("num_nonnulls(end_earliest, end_latest) = 0 "
                        "or num_nonnulls(start_earliest, start_latest) > 0",
                        name="end_only_with_start"),
        CheckConstraint("end_latest >= start_earliest and end_earliest >= start_earliest",
                        name="ends_after_start"),
        CheckConstraint("visitor_country_code <> host_country_code", name="abroad"),
        CheckConstraint("num_nonnulls(start_earliest, start_latest) > 0 "
                        "or status in ('planned', 'postponed', 'cancelled')",
                        name="dated_unless_not_made"),
        vocabulary("status_changed_precision", vocab.PRECISION),
        vocabulary("status_changed_basis", vocab.BASIS),
        *bounds_checks("status_changed", "status_changed_earliest", "status_changed_latest",
                       "status_changed_basis", "status_changed_note",
                       "status_changed_reference_id"),
        CheckConstraint("num_nonnulls(status_changed_earliest, status_changed_latest) = 0 "
                        "or status in ('postponed', 'cancelled')",
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
    start_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day the visit can have begun (inclusive); NULL when nothing "
                      "bounds it from below.")
    start_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day the visit can have begun (inclusive); NULL when nothing "
                      "bounds it from above.")
    end_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day the visit can have ended (for a visit reported under way, "
                      "the last day it is reported so); NULL when not bounded.")
    end_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day the visit can have ended; NULL when not bounded.")
    start_edtf: Mapped[str | None] = mapped_column(
        Text, comment="EDTF of the first day's bounds (the loader renders it with the edtf "
                      "library).")
    end_edtf: Mapped[str | None] = mapped_column(Text, comment="EDTF of the last day's bounds.")
    dates_edtf: Mapped[str | None] = mapped_column(
        Text, comment="EDTF of the visit as a whole, from its first to its last day.")
    start_date: Mapped[dt.date | None] = mapped_column(
        Date, period_start("start_earliest", "start_latest"), index=True,
        comment="v1 first day, generated from the bounds: the first day of the finest period "
                "(day, month, year) holding both; NULL when none does.")
    end_date: Mapped[dt.date | None] = mapped_column(
        Date, period_start("end_earliest", "end_latest"),
        comment="v1 last day, generated from its bounds by the same rule.")
    date_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("start_earliest", "start_latest"),
        comment="Precision of start_date, generated from the bounds; NULL exactly when "
                "start_date is NULL.")
    date_basis: Mapped[str | None] = mapped_column(
        Text, comment="'stated' when a source gives the dates, 'inferred' when derived, "
                      "'reference' from a named reference; NULL exactly when no bound is known.")
    date_note: Mapped[str | None] = mapped_column(
        Text, comment="How inferred or referenced dates were derived.")
    date_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="The named reference of the dates, exactly when date_basis is 'reference'.")
    status: Mapped[str] = mapped_column(Text, comment="Status as reported; closed vocabulary.")
    status_reason: Mapped[str | None] = mapped_column(
        Text, comment="Reported reason for a postponement or cancellation.")
    status_changed_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day the visit can have been postponed or cancelled.")
    status_changed_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day the visit can have been postponed or cancelled.")
    status_changed_edtf: Mapped[str | None] = mapped_column(
        Text, comment="EDTF of those bounds.")
    status_changed_on: Mapped[dt.date | None] = mapped_column(
        Date, period_start("status_changed_earliest", "status_changed_latest"), index=True,
        comment="v1 day the visit was postponed or cancelled, generated from the bounds.")
    status_changed_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("status_changed_earliest", "status_changed_latest"),
        comment="Precision of status_changed_on; NULL exactly when it is NULL.")
    status_changed_basis: Mapped[str | None] = mapped_column(
        Text, comment="How the status change is dated (stated, inferred, reference); NULL "
                      "exactly when it is not.")
    status_changed_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred status change date was derived.")
    status_changed_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="Named reference of the status change date, when its basis is 'reference'.")
    visit_type: Mapped[str] = mapped_column(Text, comment="Type of visit as reported.")
    first_trip_abroad: Mapped[bool | None] = mapped_column(
        comment="True when reported as the visitor's first trip abroad in office; NULL if "
                "not reported.")


class VisitParticipant(Base):
    __tablename__ = "visit_participant"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("participant_id"),
        vocabulary("role", vocab.PARTICIPANT_ROLE),
        CheckConstraint("num_nonnulls(person_id, office_id, group_description) >= 1",
                        name="person_office_or_group"),
        CheckConstraint("led_by_person_id is null or group_description is not null",
                        name="led_by_only_for_groups"),
        {"comment": "One row per (visit, participant): a named person, an office where the "
                    "sources name no person, or a described group (members and size not "
                    "given), with their role in the visit."},
    )

    participant_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                                comment="Stable slug fixed in the seed files.")
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.visit_id", ondelete="CASCADE"),
                                          index=True, comment="The visit.")
    person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), index=True,
        comment="The participant; NULL when only the office or a group is reported.")
    office_id: Mapped[str | None] = mapped_column(
        ForeignKey("office.office_id"), comment="Office in which the participant took part.")
    group_description: Mapped[str | None] = mapped_column(
        Text, comment="For a group the text names no one in: the group as described, e.g. "
                      "'some members of the Iraqi delegation'; NULL for a person or an office.")
    led_by_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), comment="Who leads the group, when the text says.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"),
                                              comment="Side the participant belongs to.")
    role: Mapped[str] = mapped_column(Text, comment="Role in the visit; closed vocabulary.")


class Meeting(Base):
    __tablename__ = "meeting"
    source_count: Mapped[int] = source_count()
    __table_args__ = (
        slug_check("meeting_id"),
        vocabulary("status", vocab.MEETING_STATUS),
        *_dated(),
        *bounds_checks("held", "held_earliest", "held_latest", "date_basis", "date_note",
                       "date_reference_id"),
        {"comment": "One row per meeting between named persons or described groups, held or "
                    "scheduled."},
    )

    meeting_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                            comment="Stable slug fixed in the seed files.")
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visit.visit_id", ondelete="SET NULL"), index=True,
        comment="Visit the meeting belongs to; NULL if none.")
    held_earliest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Earliest day the meeting can have been held (inclusive).")
    held_latest: Mapped[dt.date | None] = mapped_column(
        Date, comment="Latest day the meeting can have been held (inclusive).")
    held_edtf: Mapped[str | None] = mapped_column(Text, comment="EDTF of those bounds.")
    held_on: Mapped[dt.date | None] = mapped_column(
        Date, period_start("held_earliest", "held_latest"), index=True,
        comment="v1 date of the meeting, generated from the bounds.")
    date_precision: Mapped[str | None] = mapped_column(
        Text, period_precision("held_earliest", "held_latest"),
        comment="Precision of held_on, generated from the bounds.")
    date_basis: Mapped[str | None] = mapped_column(Text, comment="How the date is known.")
    date_note: Mapped[str | None] = mapped_column(
        Text, comment="How an inferred or referenced date was derived.")
    date_reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("reference.reference_id"),
        comment="The named reference of the date, exactly when date_basis is 'reference'.")
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


class MeetingGroup(Base):
    __tablename__ = "meeting_group"
    __table_args__ = (
        CheckConstraint("group_no > 0", name="numbered_from_one"),
        {"comment": "One row per (meeting, described group) taking part where the text names "
                    "no one: 'their Iranian counterparts', 'other senior officials'."},
    )

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meeting.meeting_id", ondelete="CASCADE"), primary_key=True,
        comment="The meeting.")
    group_no: Mapped[int] = mapped_column(
        Integer, primary_key=True,
        comment="1-based position of the group among the meeting's groups in its entry.")
    description: Mapped[str] = mapped_column(Text, comment="The group as the text describes it.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"),
                                              comment="Side the group belongs to.")
    led_by_person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.person_id"), comment="Who leads the group, when the text says.")
    office_id: Mapped[str | None] = mapped_column(
        ForeignKey("office.office_id"),
        comment="The office its members hold, when the text gives one.")
