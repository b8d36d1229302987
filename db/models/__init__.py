"""All models, imported so that ``Base.metadata`` knows every table."""

from db.models.base import Base
from db.models.geography import Country, Organization, Place
from db.models.outcomes import Agreement, AgreementParty, AgreementSubject, Figure, SubjectArea
from db.models.people import Office, OfficeTerm, Person, PersonName, Reference
from db.models.sources import Evidence, SeedState, Source
from db.models.statements import Statement, StatementTopic, Topic
from db.models.visits import Meeting, MeetingParticipant, Visit, VisitParticipant

__all__ = [
    "Agreement", "AgreementParty", "AgreementSubject", "Base", "Country", "Evidence", "Figure",
    "Meeting", "MeetingParticipant", "Office", "OfficeTerm", "Organization", "Person",
    "PersonName", "Place", "Reference", "SeedState", "Source", "Statement", "StatementTopic",
    "SubjectArea", "Topic", "Visit", "VisitParticipant",
]
