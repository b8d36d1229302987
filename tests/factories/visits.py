import datetime as dt

import factory

from diplodb import models
from tests.factories.base import ModelFactory
from tests.factories.people import PersonFactory


class VisitFactory(ModelFactory):
    class Meta:
        model = models.Visit

    visit_id = factory.Sequence(lambda n: f"test-visit-{n}")
    visitor_id = factory.LazyFunction(lambda: PersonFactory().person_id)
    visitor_country_code = "IRQ"
    host_country_code = "IRN"
    start_earliest = dt.date(2021, 3, 1)
    start_latest = dt.date(2021, 3, 1)
    date_basis = "stated"
    status = "completed"
    visit_type = "official"


class VisitParticipantFactory(ModelFactory):
    class Meta:
        model = models.VisitParticipant

    participant_id = factory.Sequence(lambda n: f"test-participant-{n}")
    visit_id = factory.LazyFunction(lambda: VisitFactory().visit_id)
    person_id = factory.LazyFunction(lambda: PersonFactory().person_id)
    country_code = "IRQ"
    role = "delegation"


class MeetingFactory(ModelFactory):
    class Meta:
        model = models.Meeting

    meeting_id = factory.Sequence(lambda n: f"test-meeting-{n}")
    held_earliest = dt.date(2021, 3, 1)
    held_latest = dt.date(2021, 3, 1)
    date_basis = "stated"
    status = "held"
    summary = "A test meeting."
