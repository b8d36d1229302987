"""URL forms: SQLAlchemy's (for the engine) and libpq's (for psql and BI tools)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported where a URL is built: the no-op path avoids it
    from sqlalchemy.engine import URL


def sqlalchemy_url(raw: str | URL) -> URL:
    """Accept ``postgres://``, ``postgresql://`` or ``postgresql+psycopg://`` alike."""
    from sqlalchemy.engine import make_url

    url = make_url(raw) if isinstance(raw, str) else raw
    if url.drivername in ("postgres", "postgresql", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg")
    from diplodb.errors import DiplodbError

    raise DiplodbError(f"only PostgreSQL URLs are supported, got driver {url.drivername!r}")


def libpq_url(url: URL, *, show_password: bool = True) -> str:
    """The URL as psql and BI tools want it (no SQLAlchemy driver suffix)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=not show_password)
