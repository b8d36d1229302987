"""The factories share one session, set per test by the db_session fixture."""

import factory
from sqlalchemy.orm import scoped_session, sessionmaker

Session = scoped_session(sessionmaker(), scopefunc=lambda: 0)


def bind(session) -> None:
    Session.remove()
    if session is not None:
        Session.registry.set(session)


class ModelFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session = Session
        sqlalchemy_session_persistence = "flush"
