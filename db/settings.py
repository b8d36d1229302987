"""Where things are: the project root, the embedded server's home, and which URL to use.

One resolution serves the CLI, Alembic and the tests:
- ``DATABASE_URL`` set: every command targets that server; no embedded server is touched.
- otherwise: the embedded server under ``DIPLODB_HOME`` (default ``./.diplodb``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported where a URL is built: the no-op path avoids it
    from sqlalchemy.engine import URL


DEFAULT_PORT = 54329
DATABASE_NAME = "diplodb"
OWNER_ROLE = "diplodb_owner"
ANALYST_ROLE = "analyst"
READER_GROUP = "diplodb_reader"


DEFAULT_LISTEN_ADDRESSES = "127.0.0.1"


@dataclass(frozen=True)
class EmbeddedSettings:
    home: Path
    port: int
    # PostgreSQL's listen_addresses (DIPLODB_LISTEN_ADDRESSES), e.g. "127.0.0.1,172.17.0.1"
    # so that a BI tool in a Docker container reaches the server on the docker0 bridge.
    listen_addresses: str = DEFAULT_LISTEN_ADDRESSES

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"

    @property
    def socket_dir(self) -> Path:
        return self.home / "run"

    @property
    def log_file(self) -> Path:
        return self.home / "server.log"

    @property
    def credentials_file(self) -> Path:
        return self.home / "credentials.json"


def embedded_settings(environ: dict[str, str] | None = None) -> EmbeddedSettings:
    env = os.environ if environ is None else environ
    home = Path(env.get("DIPLODB_HOME") or ".diplodb").expanduser().resolve()
    raw_port = env.get("DIPLODB_PORT") or str(DEFAULT_PORT)
    try:
        port = int(raw_port)
    except ValueError:
        from diplodb.errors import DiplodbError

        raise DiplodbError(f"DIPLODB_PORT must be a port number, got {raw_port!r}") from None
    listen = env.get("DIPLODB_LISTEN_ADDRESSES") or DEFAULT_LISTEN_ADDRESSES
    return EmbeddedSettings(home=home, port=port, listen_addresses=listen)


def external_url(environ: dict[str, str] | None = None) -> URL | None:
    """The ``DATABASE_URL`` as a SQLAlchemy URL for psycopg 3, or None when unset."""
    env = os.environ if environ is None else environ
    raw = env.get("DATABASE_URL")
    if not raw:
        return None
    return sqlalchemy_url(raw)


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
