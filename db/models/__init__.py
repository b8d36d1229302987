"""All models, imported so that ``Base.metadata`` knows every table."""

from diplodb.models.activities import Activity
from diplodb.models.base import Base
from diplodb.models.geography import Country, Organization, Place
from diplodb.models.outcomes import Agreement, AgreementParty, AgreementSubject, Figure, SubjectArea
from diplodb.models.people import Office, OfficeTerm, Person, PersonName, Reference
from diplodb.models.plover import CameoCode, PloverContextMap, PloverRule
from diplodb.models.sources import Evidence, SeedFile, SeedState, Source, SourceSentence
from diplodb.models.statements import Statement, StatementTopic, Topic
from diplodb.models.visits import (
    Meeting,
    MeetingGroup,
    MeetingParticipant,
    Visit,
    VisitParticipant,
)

__all__ = [
    "Activity", "Agreement", "AgreementParty", "AgreementSubject", "Base", "CameoCode", "Country",
    "Evidence", "Figure", "Meeting", "MeetingGroup", "MeetingParticipant", "Office", "OfficeTerm",
    "Organization", "Person", "PersonName", "Place", "PloverContextMap", "PloverRule", "Reference",
    "SeedFile", "SeedState", "Source", "SourceSentence", "Statement", "StatementTopic",
    "SubjectArea", "Topic", "Visit", "VisitParticipant",
]
