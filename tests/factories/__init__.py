"""factory_boy factories for every model, one module per domain (as db/models/)."""

from tests.factories.base import bind
from tests.factories.geography import CountryFactory, OrganizationFactory, PlaceFactory
from tests.factories.outcomes import AgreementFactory, FigureFactory, SubjectAreaFactory
from tests.factories.people import (
    OfficeFactory,
    OfficeTermFactory,
    PersonFactory,
    PersonNameFactory,
    ReferenceFactory,
)
from tests.factories.sources import SourceFactory
from tests.factories.statements import StatementFactory, TopicFactory
from tests.factories.visits import MeetingFactory, VisitFactory, VisitParticipantFactory

__all__ = [
    "AgreementFactory", "CountryFactory", "FigureFactory", "MeetingFactory", "OfficeFactory",
    "OfficeTermFactory", "OrganizationFactory", "PersonFactory", "PersonNameFactory",
    "PlaceFactory", "ReferenceFactory", "SourceFactory", "StatementFactory",
    "SubjectAreaFactory", "TopicFactory", "VisitFactory", "VisitParticipantFactory", "bind",
]
