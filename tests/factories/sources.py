import hashlib

import factory

from diplodb import models
from tests.factories.base import ModelFactory


class SourceFactory(ModelFactory):
    class Meta:
        model = models.Source

    source_id = factory.Sequence(lambda n: f"test-source-{n}")
    file_name = factory.Sequence(lambda n: f"test-{n}.txt")
    title = factory.Sequence(lambda n: f"Test article {n}")
    published_on_precision = "day"
    published_on_basis = "stated"
    language = "en"
    is_translation = False
    body = "Leaders met in Baghdad on Monday."
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.body.encode()).hexdigest())
