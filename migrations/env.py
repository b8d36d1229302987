"""Alembic environment: online migrations only, against a handed-over connection or the
URL that diplodb resolves (DATABASE_URL, else the embedded server)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from diplodb.models import Base
from diplodb.models.base import CORE_SCHEMA

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names):
    # Only the core schema is modelled; the analytics views are kept as SQL.
    if type_ == "schema":
        return name == CORE_SCHEMA
    return True


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
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
if connection is not None:
    run_migrations(connection)
else:
    from diplodb.connect import owner_url

    engine = create_engine(owner_url())
    with engine.connect() as conn:
        run_migrations(conn)
    engine.dispose()
