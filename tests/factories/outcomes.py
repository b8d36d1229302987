import datetime as dt

import factory

from diplodb import models
from tests.factories.base import ModelFactory


class SubjectAreaFactory(ModelFactory):
    class Meta:
        model = models.SubjectArea

    subject_area_id = factory.Sequence(lambda n: f"test-area-{n}")
    label = factory.Sequence(lambda n: f"Area {n}")


class AgreementFactory(ModelFactory):
    class Meta:
        model = models.Agreement

    agreement_id = factory.Sequence(lambda n: f"test-agreement-{n}")
    title = "Test memorandum"
    kind = "mou"
    status = "signed"
    concluded_earliest = dt.date(2021, 3, 1)
    concluded_latest = dt.date(2021, 3, 1)
    date_basis = "stated"
    instrument_count = 1


class FigureFactory(ModelFactory):
    class Meta:
        model = models.Figure

    figure_id = factory.Sequence(lambda n: f"test-figure-{n}")
    metric = "bilateral-trade"
    country_code = "IRN"
    counterpart_country_code = "IRQ"
    value = 1
    unit = "USD"
    qualifier = "exact"
    as_of_earliest = dt.date(2021, 3, 1)
    as_of_latest = dt.date(2021, 3, 1)
    as_of_basis = "stated"
