import factory

from diplodb import models
from tests.factories.base import ModelFactory


class CountryFactory(ModelFactory):
    class Meta:
        model = models.Country

    code = factory.Sequence(lambda n: f"Z{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Testland {n}")
    identifier_note = "Test country: no identifiers."


class PlaceFactory(ModelFactory):
    class Meta:
        model = models.Place

    place_id = factory.Sequence(lambda n: f"test-place-{n}")
    name = factory.Sequence(lambda n: f"Test Place {n}")
    kind = "city"
    country_code = "IRQ"
    identifier_note = "Test place: no identifiers."


class OrganizationFactory(ModelFactory):
    class Meta:
        model = models.Organization

    organization_id = factory.Sequence(lambda n: f"test-org-{n}")
    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = "government"
    country_code = "IRN"
