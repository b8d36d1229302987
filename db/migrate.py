"""Run Alembic from code, against a URL, under a lock of ``public.alembic_version``
that only the database owner can take: concurrent deploys serialise, and each finds the
database at head when its turn comes. On an empty database the version table is made
first (by whichever deploy gets there first), so that even the first migration has
something to lock."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection

from diplodb.config import DEFAULT_LOCK_TIMEOUT, DEFAULT_READER_GROUP
from diplodb.errors import DiplodbError
from diplodb.locks import MIGRATION_LOCK_TABLE, table_lock
from diplodb.paths import MIGRATIONS_DIR
from diplodb.roles import repair_reader_logins
from diplodb.state import ancestors, head_revision, read_state, revision_graph


def alembic_config(connection: Connection | None = None,
                   reader_group: str = DEFAULT_READER_GROUP):
    from alembic.config import Config

    # Built in code, not read from alembic.ini, so that an installed package needs no file
    # outside itself; alembic.ini at the checkout root serves the `alembic` command.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["reader_group"] = reader_group
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    return read_state(connection.connection.driver_connection).revision


def is_downgrade(current: str | None, target: str) -> bool:
    """True when reaching ``target`` from ``current`` goes down."""
    if current is None or target in ("head", "heads"):
        return False
    if target == "base" or target.startswith("-"):
        return True
    return target != current and target in ancestors(current)


_PRIVILEGES = text("""
    select pg_has_role(current_user, d.datdba, 'member') as owns_database,
           has_schema_privilege('public', 'create') as creates_in_public,
           exists (select from pg_roles where rolname = :group) as group_exists,
           r.rolcreaterole or r.rolsuper as creates_roles,
           current_user, current_database()
    from pg_database d, pg_roles r
    where d.datname = current_database() and r.rolname = current_user
""")


def check_privileges(conn: Connection, reader_group: str) -> None:
    """The minimum the migrations need, checked first so that a missing one is a clear
    line rather than a failure halfway (README: Using an existing server)."""
    owns, creates, group_exists, creates_roles, user, database = conn.execute(
        _PRIVILEGES, {"group": reader_group}).one()
    if not owns:
        raise DiplodbError(f"role {user} does not own database {database}; diplodb migrates "
                           "as the database owner (an analyst login cannot)")
    if not creates:
        raise DiplodbError(f"role {user} has no CREATE on schema public of {database}, where "
                           "the migrations keep alembic_version; grant it or own the schema")
    if not group_exists and not creates_roles:
        raise DiplodbError(f"the reader group {reader_group} does not exist and role {user} may "
                           f"not create roles; an administrator runs: create role {reader_group} "
                           "nologin")


def render_new_database_script(reader_group: str = DEFAULT_READER_GROUP) -> str:
    """The SQL of every migration from base to head, rendered by Alembic's offline mode
    (no database needed): what ``upgrade`` runs in one round trip on an empty database
    when it is handed this script. ``diplodb up`` renders it while initdb makes a new
    cluster; Alembic's Python work then costs nothing, and the result is the same schema
    (tests/test_migrations.py compares the two)."""
    import io

    from alembic import command

    config = alembic_config(reader_group=reader_group)
    config.output_buffer = io.StringIO()
    command.upgrade(config, "head", sql=True)
    # upgrade() has made the version table already, to lock it.
    return config.output_buffer.getvalue().replace(
        "CREATE TABLE public.alembic_version (", "CREATE TABLE IF NOT EXISTS public.alembic_version (", 1)


_VERSION_TABLE = """create table if not exists public.alembic_version (
    version_num varchar(32) not null,
    constraint alembic_version_pkc primary key (version_num))"""


def ensure_version_table(engine, reader_group: str) -> None:
    """The table the migration lock is taken on, made (as Alembic makes it) when missing.
    Two deploys may race to create it: the loser's error means it exists now."""
    import sqlalchemy.exc

    with engine.begin() as conn:
        check_privileges(conn, reader_group)
        if conn.execute(text("select to_regclass('public.alembic_version')")).scalar():
            return
    try:
        with engine.begin() as conn:
            conn.execute(text(_VERSION_TABLE))
    except (sqlalchemy.exc.IntegrityError, sqlalchemy.exc.ProgrammingError) as error:
        if getattr(error.orig, "sqlstate", None) not in ("23505", "42P07"):
            raise


def upgrade(url: URL, revision: str = "head", *, reader_group: str = DEFAULT_READER_GROUP,
            lock_timeout: float = DEFAULT_LOCK_TIMEOUT, allow_downgrade: bool = True,
            new_database_script: str | None = None) -> str | None:
    """Migrate to ``revision`` (up or down); refuse a database this code does not know,
    and a downgrade unless allowed. An empty database going to head runs
    ``new_database_script`` when given (``render_new_database_script`` with the same
    reader group) instead of the migrations one by one."""
    from alembic import command
    from alembic.util import CommandError

    engine = create_engine(url)
    try:
        ensure_version_table(engine, reader_group)
        with engine.begin() as conn:
            table_lock(conn, MIGRATION_LOCK_TABLE, "migration", lock_timeout)
            check_privileges(conn, reader_group)
            repair_reader_logins(conn.connection.driver_connection, reader_group)
            current = current_revision(conn)
            if current is not None and current not in revision_graph():
                raise DiplodbError(
                    f"the database is at revision {current}, which this code does not know "
                    "(it is newer than this diplodb); update diplodb")
            target = head_revision() if revision in ("head", "heads") else revision
            if target == current:
                return current
            if current is None and target == head_revision() and new_database_script:
                conn.connection.driver_connection.execute(new_database_script)
                return current_revision(conn)
            config = alembic_config(conn, reader_group)
            downgrade = is_downgrade(current, target)
            if downgrade and not allow_downgrade:
                raise DiplodbError(f"migrating from {current} to {revision} is a downgrade: it "
                                   "drops views, tables and their data; add --yes to do it")
            try:
                if downgrade:
                    command.downgrade(config, target)
                else:
                    command.upgrade(config, target)
            except CommandError as error:
                raise DiplodbError(f"cannot migrate to {revision!r}: {error}") from None
            return current_revision(conn)
    finally:
        engine.dispose()
