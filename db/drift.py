"""Schema drift: the live core tables against what the models (and so the head
revision) promise, compared by Alembic's own ``compare_metadata`` (what ``alembic
check`` runs). A database whose ``alembic_version`` says head but whose tables differ,
e.g. one migrated by a revision that was later renumbered, is named in one line."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.engine import URL

from diplodb.models.base import CORE_SCHEMA


def include_name(name, type_, parent_names) -> bool:
    # Only the core schema is modelled; the analytics views are kept as SQL.
    if type_ == "schema":
        return name == CORE_SCHEMA
    return True


COMPARE_OPTIONS = dict(include_schemas=True, include_name=include_name, compare_type=True)


def _name(schema, table, column=None) -> str:
    return ".".join(part for part in (schema, table, column) if part)


def describe(diff) -> str:
    """One Alembic diff entry in words (what the database lacks or has beyond the models)."""
    if isinstance(diff, list):  # modify_* entries come as a list of one tuple
        kind, schema, table, column = diff[0][:4]
        what = kind.removeprefix("modify_").replace("_", " ")
        return f"{_name(schema, table, column)} has another {what}"
    kind, subject = diff[0], diff[1]
    if kind in ("add_column", "remove_column"):
        schema, table, column = diff[1], diff[2], diff[3]
        state = "missing" if kind == "add_column" else "not in the models"
        return f"column {_name(schema, table, column.name)} {state}"
    state = "missing" if kind.startswith("add_") else "not in the models"
    noun = kind.split("_", 1)[1].replace("fk", "foreign key")
    table = getattr(subject, "table", None)
    name = getattr(subject, "name", None) or subject
    where = f" on {_name(table.schema, table.name)}" if table is not None and noun != "table" \
        else ""
    if noun == "table":
        name = _name(subject.schema, subject.name)
    elif "comment" in noun:
        return f"{_name(subject.schema, subject.name)} has another comment"
    return f"{noun} {name}{where} {state}"


def schema_drift(url: URL | str) -> list[str]:
    """What differs between the database at ``url`` and the models; [] when nothing."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from diplodb.models import Base
    from diplodb.urls import sqlalchemy_url

    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts=COMPARE_OPTIONS)
            return [describe(d) for d in compare_metadata(context, Base.metadata)]
    finally:
        engine.dispose()


def drift_line(differences: list[str]) -> str:
    return ("the core tables differ from what the head revision promises: "
            + "; ".join(differences) + " (see migrations/README.md, 'Drift')")
