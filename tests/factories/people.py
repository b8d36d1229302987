import datetime as dt

import factory

from diplodb import models
from diplodb.models.people import name_id
from tests.factories.base import ModelFactory


class ReferenceFactory(ModelFactory):
    class Meta:
        model = models.Reference

    reference_id = factory.Sequence(lambda n: f"test-ref-{n}")
    title = factory.Sequence(lambda n: f"Reference {n}")
    publisher = "Test Encyclopedia"
    url = factory.Sequence(lambda n: f"https://example.org/ref/{n}")


class PersonFactory(ModelFactory):
    class Meta:
        model = models.Person

    person_id = factory.Sequence(lambda n: f"test-person-{n}")
    canonical_name = factory.Sequence(lambda n: f"Test Person {n}")
    country_code = "IRQ"
    reference_id = factory.LazyFunction(lambda: ReferenceFactory().reference_id)
    identifier_note = "Test person: no Wikidata item."


class PersonNameFactory(ModelFactory):
    class Meta:
        model = models.PersonName

    person_id = factory.LazyFunction(lambda: PersonFactory().person_id)
    name = factory.Sequence(lambda n: f"Variant {n}")
    name_id = factory.LazyAttribute(lambda o: name_id(o.person_id, o.name))
    is_canonical = False


class OfficeFactory(ModelFactory):
    class Meta:
        model = models.Office

    office_id = factory.Sequence(lambda n: f"test-office-{n}")
    title = factory.Sequence(lambda n: f"Test Office {n}")
    country_code = "IRQ"
    identifier_note = "Test office: no Wikidata item."


class OfficeTermFactory(ModelFactory):
    class Meta:
        model = models.OfficeTerm

    term_id = factory.Sequence(lambda n: f"test-term-{n}")
    office_id = factory.LazyFunction(lambda: OfficeFactory().office_id)
    person_id = factory.LazyFunction(lambda: PersonFactory().person_id)
    start_date = dt.date(2020, 1, 1)
    start_precision = "day"
    end_date = dt.date(2021, 1, 1)
    end_precision = factory.LazyAttribute(lambda o: "day" if o.end_date else None)
    basis = "reference"
    reference_id = factory.LazyFunction(lambda: ReferenceFactory().reference_id)
