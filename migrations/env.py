"""Alembic environment: online migrations only, against a handed-over connection or the
URL in DATABASE_URL (for the `alembic` command run from a checkout).

``config.attributes["reader_group"]`` names the NOLOGIN role granted read access to the
analytics views (DIPLODB_READER_GROUP; default diplodb_reader)."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, text

from diplodb.config import DEFAULT_READER_GROUP
from diplodb.drift import include_name
from diplodb.models import Base

config = context.config
target_metadata = Base.metadata
config.attributes.setdefault("reader_group",
                             os.environ.get("DIPLODB_READER_GROUP") or DEFAULT_READER_GROUP)


def forget_loaded_seed(ctx, step, heads, run_args) -> None:
    """After each downgrade step: the database no longer holds what the seed files say
    (a downgrade drops columns, tables and their data), so forget the recorded load.
    The next ``up`` or ``seed`` then loads everything again instead of taking the
    unchanged digest for a complete database."""
    if step.is_upgrade:
        return
    for table in ("seed_file", "seed_state"):
        if ctx.connection.execute(text(f"select to_regclass('core.{table}')")).scalar():
            ctx.connection.execute(text(f"delete from core.{table}"))


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        on_version_apply=forget_loaded_seed,
        target_metadata=target_metadata,
        include_schemas=True,
        include_name=include_name,
        version_table_schema="public",
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if context.is_offline_mode():
    # The script of a whole upgrade, rendered without a database (diplodb.migrate
    # renders base -> head while a new cluster is being made, then runs it in one go).
    context.configure(dialect_name="postgresql", literal_binds=True, transactional_ddl=False,
                      dialect_opts={"paramstyle": "named"},
                      version_table_schema="public", target_metadata=target_metadata,
                      include_schemas=True, include_name=include_name)
    context.run_migrations()
elif connection is not None:
    run_migrations(connection)
else:
    from diplodb.config import resolve
    from diplodb.urls import sqlalchemy_url

    url = resolve().database_url
    if url is None:
        raise SystemExit("set DATABASE_URL (e.g. from 'diplodb url --role owner') to run alembic")
    engine = create_engine(sqlalchemy_url(url))
    with engine.connect() as conn:
        run_migrations(conn)
    engine.dispose()
