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


# `diplodb url --driver`: what each kind of client takes (README, "Connecting a BI tool").
DRIVERS = {
    "libpq": "postgresql:// for psql, pgcli, libpq and most tools",
    "jdbc": "jdbc:postgresql:// for JDBC tools (Metabase, DBeaver, Power BI's connector)",
    "sqlalchemy": "postgresql+psycopg:// for SQLAlchemy 2 with psycopg 3 (pandas, Jupyter)",
    "psycopg2": "postgresql+psycopg2:// for SQLAlchemy 1.4 with psycopg2 (Superset 6.1)",
}


def url_for_driver(libpq: str, driver: str, *, show_password: bool = True) -> str:
    """The libpq URL ``libpq`` in the form ``driver`` (a key of DRIVERS) takes."""
    from urllib.parse import quote, urlencode

    from psycopg.conninfo import conninfo_to_dict

    from diplodb.config import mask_password

    if driver == "jdbc":
        params = conninfo_to_dict(libpq)
        host, port, dbname = params.pop("host", "localhost"), params.pop("port", None), \
            params.pop("dbname", "")
        query = {k: v for k, v in params.items()}
        if not show_password and "password" in query:
            query["password"] = "***"
        address = f"{host}:{port}" if port else host
        rendered = f"jdbc:postgresql://{address}/{quote(dbname)}"
        return rendered + (f"?{urlencode(query, safe='*')}" if query else "")
    scheme = {"libpq": "postgresql://", "sqlalchemy": "postgresql+psycopg://",
              "psycopg2": "postgresql+psycopg2://"}[driver]
    url = libpq.replace("postgresql://", scheme, 1)
    return url if show_password else mask_password(url)
