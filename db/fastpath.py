"""The no-op path of ``diplodb up`` and ``diplodb seed``.

When the database already stands at the head revision and holds exactly the current seed
files, there is nothing to do, and saying so should not cost the second or more that
importing SQLAlchemy, Alembic and the seed validator takes. This path reads the database
state with psycopg alone and compares it with what this diplodb ships. Anything
unexpected (server not running, no credentials, a connection error, another revision or
digest) returns None, and the caller takes the full path, which does the work or reports
the problem properly.
"""

from __future__ import annotations

from diplodb.config import ANALYST_ROLE, OWNER_ROLE, Config
from diplodb.seed.digest import read_known, seed_digest
from diplodb.state import (DatabaseState, core_fingerprint, expected_core_fingerprint,
                           head_revision, read_state)


def _owner_and_analyst(config: Config) -> tuple[str, str | None, str] | None:
    """(owner URL, analyst URL, where) without starting anything, or None."""
    if config.database_url is not None:
        return config.database_url, None, "DATABASE_URL"
    from diplodb.target import embedded_server

    server = embedded_server(config)
    if server.running_pid() is None or server.running_port() != server.settings.port:
        return None
    try:
        creds = server.credentials()
        from diplodb.roles import analyst_drift

        # The analyst may have changed its own password or settings: the full path
        # restores them (EmbeddedServer.bootstrap).
        with server.superuser_connect() as conn:
            if analyst_drift(conn, creds.analyst_password):
                return None
    except Exception:
        return None
    return (server.conninfo(OWNER_ROLE, creds), server.conninfo(ANALYST_ROLE, creds),
            f"data in {server.settings.home}")


def _state(conninfo: str) -> tuple[DatabaseState, dict] | None:
    """The database's state and its seed files' digests and stat keys (``read_known``),
    or None when it cannot be read or its core tables are not what the head revision
    makes (the full path then names the drift)."""
    import psycopg

    try:
        with psycopg.connect(conninfo, connect_timeout=5) as conn:
            state = read_state(conn)
            if state.revision == head_revision() and \
                    core_fingerprint(conn) != expected_core_fingerprint():
                return None
            with conn.cursor() as cur:
                return state, read_known(cur)
    except psycopg.Error:
        return None


def current_state(config: Config, *, need_head: bool):
    """(owner URL, analyst URL, where, state) when the target holds ``config.seeds``
    exactly (and is at head, if asked); else None."""
    found = _owner_and_analyst(config)
    if found is None:
        return None
    read = _state(found[0])
    if read is None or read[0].seed_digest is None:
        return None
    state, known = read
    if need_head and state.revision != head_revision():
        return None
    if state.seed_digest != seed_digest(config.seeds, known):
        return None
    return (*found, state)
