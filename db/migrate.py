"""Run Alembic from code, against a URL or an open connection."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection

from diplodb.errors import DiplodbError
from diplodb.paths import MIGRATIONS_DIR


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    # Built in code, not read from alembic.ini, so that an installed package needs no file
    # outside itself; alembic.ini at the checkout root serves the `alembic` command.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    exists = connection.execute(text("select to_regclass('public.alembic_version')")).scalar()
    if exists is None:
        return None
    return connection.execute(text("select version_num from public.alembic_version")).scalar()


def upgrade(url: URL, revision: str = "head") -> str | None:
    """Migrate to ``revision``; refuse a database at a revision this code does not know."""
    from alembic import command

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            current = current_revision(conn)
            if current is not None and current not in known_revisions():
                raise DiplodbError(
                    f"the database is at revision {current}, which this code does not know "
                    "(it is newer than this checkout); update the code")
            if revision == "head" and current == head_revision():
                return current
            config = alembic_config(conn)
            if revision.startswith("-") or _is_older(current, revision):
                command.downgrade(config, revision)
            else:
                command.upgrade(config, revision)
            return current_revision(conn)
    finally:
        engine.dispose()


def _is_older(current: str | None, target: str) -> bool:
    """True when ``target`` is an ancestor of ``current`` (so reaching it is a downgrade)."""
    if current is None or target in ("head", "heads"):
        return False
    if target == "base":
        return True
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return any(s.revision == target for s in scripts.iterate_revisions(current, "base")) \
        and target != current
