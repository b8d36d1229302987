"""URL resolution shared by the CLI, Alembic and scripts."""

from __future__ import annotations

from sqlalchemy.engine import URL

from diplodb.errors import DiplodbError
from diplodb.settings import ANALYST_ROLE, OWNER_ROLE, embedded_settings, external_url


def owner_url() -> URL:
    """The URL that runs migrations and seeds: DATABASE_URL, else the embedded owner."""
    url = external_url()
    if url is not None:
        return url
    return embedded_url(OWNER_ROLE)


def embedded_url(role: str) -> URL:
    from diplodb.embedded import Credentials, EmbeddedServer

    settings = embedded_settings()
    if not settings.credentials_file.exists():
        raise DiplodbError(f"no embedded database in {settings.home}; run 'diplodb up' first")
    creds = Credentials.load(settings.credentials_file)
    return EmbeddedServer(settings).url(role, creds)


def role_url(role: str) -> URL:
    """A URL for ``role`` ('owner' or 'analyst')."""
    if role == "owner":
        return owner_url()
    if external_url() is not None:
        raise DiplodbError(
            "DATABASE_URL is set, so the analyst login is yours to create: "
            f"create role {ANALYST_ROLE} login password '…' in role diplodb_reader")
    return embedded_url(ANALYST_ROLE)
