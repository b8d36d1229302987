"""The database itself refuses bad data, whatever client writes it."""

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.factories import (
    OfficeFactory,
    OfficeTermFactory,
    PersonFactory,
    SourceFactory,
    VisitFactory,
    VisitParticipantFactory,
)


def test_one_office_has_one_holder_at_a_time(db_session):
    office = OfficeFactory()
    OfficeTermFactory(office_id=office.office_id, start_date=dt.date(2020, 1, 1),
                      end_date=dt.date(2022, 1, 1))
    with pytest.raises(IntegrityError, match="one_holder_at_a_time"):
        OfficeTermFactory(office_id=office.office_id, start_date=dt.date(2021, 6, 1),
                          end_date=None)


def test_successive_terms_may_touch(db_session):
    office = OfficeFactory()
    OfficeTermFactory(office_id=office.office_id, start_date=dt.date(2020, 1, 1),
                      end_date=dt.date(2022, 1, 1))
    OfficeTermFactory(office_id=office.office_id, start_date=dt.date(2022, 1, 1), end_date=None)
    count = db_session.execute(text("select count(*) from core.office_term where office_id = :o"),
                               {"o": office.office_id}).scalar()
    assert count == 2


@pytest.mark.parametrize("field, value", [
    ("status", "rumoured"), ("visit_type", "secret"), ("date_basis", "guessed")])
def test_visit_vocabularies(db_session, field, value):
    with pytest.raises(IntegrityError, match="vocabulary"):
        VisitFactory(**{field: value})


@pytest.mark.parametrize("fields, rule", [
    # Bounds in the wrong order; a basis without any bound; a reference basis naming no
    # reference; an inferred date without a note.
    ({"start_earliest": dt.date(2021, 3, 2)}, "start_bounds_ordered"),
    ({"start_earliest": None, "start_latest": None, "status": "planned"},
     "start_basis_with_bounds"),
    ({"date_basis": "reference", "date_note": "from a reference"}, "start_reference_with_basis"),
    ({"date_basis": "inferred"}, "start_note_unless_stated"),
])
def test_visit_date_bounds_rules(db_session, fields, rule):
    with pytest.raises(IntegrityError, match=rule):
        VisitFactory(**fields)


def test_v1_date_and_precision_are_generated_from_the_bounds(db_session):
    visit = VisitFactory(start_earliest=dt.date(2020, 7, 18), start_latest=dt.date(2020, 7, 19),
                         end_earliest=dt.date(2020, 7, 19), end_latest=None)
    row = db_session.execute(text(
        "select start_date, date_precision, end_date from core.visit where visit_id = :v"),
        {"v": visit.visit_id}).one()
    # The finest period holding both start bounds is July 2020; the end has an open side.
    assert tuple(row) == (dt.date(2020, 7, 1), "month", None)


def test_participant_role_vocabulary(db_session):
    with pytest.raises(IntegrityError, match="role_vocabulary"):
        VisitParticipantFactory(role="tourist")


def test_dangling_reference_rejected(db_session):
    with pytest.raises(IntegrityError, match="foreign key"):
        VisitFactory(visitor_id=PersonFactory.build().person_id)


def test_missing_required_value_rejected(db_session):
    with pytest.raises(IntegrityError, match="not-null"):
        VisitFactory(host_country_code=None)


def test_participant_needs_person_or_office(db_session):
    with pytest.raises(IntegrityError, match="person_office_or_group"):
        with db_session.begin_nested():
            VisitParticipantFactory(person_id=None, office_id=None)
    # A described group is enough (the text names no one).
    VisitParticipantFactory(person_id=None, office_id=None,
                            group_description="some members of the delegation")


def test_evidence_quote_must_match_body(db_session):
    source = SourceFactory(body="Leaders met in Baghdad on Monday.")
    visit = VisitFactory()
    insert = text("insert into core.evidence (evidence_id, source_id, char_start, char_end, quote,"
                  " visit_id) values (gen_random_uuid(), :s, :a, :b, :q, :v)")
    db_session.execute(insert, {"s": source.source_id, "a": 15, "b": 22, "q": "Baghdad",
                                "v": visit.visit_id})
    with pytest.raises(IntegrityError, match="does not match"):
        with db_session.begin_nested():
            db_session.execute(insert, {"s": source.source_id, "a": 0, "b": 7, "q": "Tehran!",
                                        "v": visit.visit_id})
