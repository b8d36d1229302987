import datetime as dt

import factory

from diplodb import models
from tests.factories.base import ModelFactory
from tests.factories.people import PersonFactory


class TopicFactory(ModelFactory):
    class Meta:
        model = models.Topic

    topic_id = factory.Sequence(lambda n: f"test-topic-{n}")
    label = factory.Sequence(lambda n: f"Topic {n}")


class StatementFactory(ModelFactory):
    class Meta:
        model = models.Statement

    statement_id = factory.Sequence(lambda n: f"test-statement-{n}")
    speaker_person_id = factory.LazyFunction(lambda: PersonFactory().person_id)
    said_earliest = dt.date(2021, 3, 1)
    said_latest = dt.date(2021, 3, 1)
    date_basis = "stated"
    text = "The railway link will be completed."
    quote_kind = "direct"
