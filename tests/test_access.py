"""diplodb_reader reads the analytics views and changes nothing anywhere; the analyst
login connects over TCP with its password, as a BI tool does."""

import re
import uuid

import pytest
from sqlalchemy import create_engine, inspect, text, types
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from diplodb.docs import read_catalog
from tests.expected import ANALYTICS_VIEWS, LIST_ANALYTICS_VIEWS


@pytest.fixture
def reader(engine):
    with engine.connect() as conn:
        conn.execute(text("set role diplodb_reader"))
        yield conn
        conn.rollback()


def test_reader_reads_every_view(engine, reader):
    views = reader.execute(text(LIST_ANALYTICS_VIEWS)).scalars().all()
    assert tuple(views) == ANALYTICS_VIEWS
    with engine.connect() as owner:
        for view in views:
            # The reader sees every row the owner sees, and every view has rows.
            count = owner.execute(text(f"select count(*) from analytics.{view}")).scalar()
            assert count > 0, view
            assert reader.execute(text(f"select count(*) from analytics.{view}")).scalar() \
                == count, view


@pytest.mark.parametrize("statement", [
    "insert into {t} select * from {t} limit 0",
    "update {t} set {c} = {c}",
    "delete from {t}",
    "truncate {t}",
])
def test_reader_changes_nothing(engine, statement):
    with engine.connect() as conn:
        relations = [(f"{r.schema}.{r.name}", r.columns[0].name) for r in read_catalog(conn)[0]]
    assert len(relations) > 30
    for relation, column in relations:
        with engine.connect() as conn:
            conn.execute(text("set role diplodb_reader"))
            with pytest.raises(DBAPIError, match="permission denied|cannot|not allowed|is not a table"):
                conn.execute(text(statement.format(t=relation, c=column)))
            conn.rollback()


@pytest.mark.parametrize("ddl", [
    "create table public.x (i int)", "create table analytics.x (i int)",
    "create table core.x (i int)", "create temporary table x (i int)",
    "create view analytics.y as select 1"])
def test_reader_creates_nothing(reader, ddl):
    with pytest.raises(DBAPIError, match="permission denied"):
        reader.execute(text(ddl))


@pytest.fixture
def analyst_url(server, seeded_url):
    """An analyst login with a password, over TCP."""
    if server.embedded is not None:
        from diplodb.embedded import Credentials

        creds = Credentials.load(server.embedded.settings.credentials_file)
        yield URL.create("postgresql+psycopg", username="analyst", password=creds.analyst_password,
                         host="127.0.0.1", port=server.tcp_port, database=seeded_url.database)
        return
    role, password = f"diplodb_test_analyst_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"create role {role} login password '{password}' in role diplodb_reader"))
    yield URL.create("postgresql+psycopg", username=role, password=password,
                     host=server.tcp_host, port=server.tcp_port, database=seeded_url.database)
    with admin.connect() as conn:
        conn.execute(text(f"drop role {role}"))
    admin.dispose()


def test_bi_tool_lists_views_and_comments_and_reads_them(analyst_url):
    engine = create_engine(analyst_url)
    try:
        inspector = inspect(engine)
        views = inspector.get_view_names(schema="analytics")
        assert {"visits", "statements", "citations", "timeline"} <= set(views)
        for view in views:
            columns = inspector.get_columns(view, schema="analytics")
            assert all(c.get("comment") for c in columns), view
        with engine.connect() as conn:
            # The six trips of the articles: Zarif to Baghdad, Kadhimi to Tehran, to Riyadh
            # (postponed) and to Washington (planned), Rashid to Tehran, Pezeshkian to Baghdad.
            assert conn.execute(text("select count(*) from analytics.visits")).scalar() == 6
            assert conn.execute(text("select current_user")).scalar() == analyst_url.username
    finally:
        engine.dispose()


def _sql_only_columns() -> set[tuple[str, str]]:
    """The SQL-only columns the README's BI section lists, as (view, column)."""
    from diplodb.paths import CHECKOUT_ROOT

    readme = (CHECKOUT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("SQL-only columns.", 1)[1].split("Every other column", 1)[0]
    return set(re.findall(r"`(\w+)\.(\w+)`", section)) - {("analytics", v) for v in
                                                          re.findall(r"`analytics\.(\w+)`", section)}


# What a BI tool can filter with `==`/`IN`, group by and chart (SQLAlchemy's types, as
# Superset and Metabase's Python-side tools see them through the inspector).
BI_SAFE = (types.String, types.Integer, types.Numeric, types.Boolean, types.Date,
           types.DateTime, types.Uuid)


def test_bi_hygiene_every_column_commented_and_bi_safe_or_documented_sql_only(analyst_url):
    sql_only = _sql_only_columns()
    assert ("office_terms", "term") in sql_only and ("statements", "search") in sql_only
    engine = create_engine(analyst_url)
    try:
        inspector = inspect(engine)
        unsafe = set()
        for view in inspector.get_view_names(schema="analytics"):
            assert (inspector.get_table_comment(view, schema="analytics")["text"] or "") \
                .lower().startswith("one row per"), view
            for column in inspector.get_columns(view, schema="analytics"):
                assert column.get("comment"), (view, column["name"])
                if not isinstance(column["type"], BI_SAFE):
                    unsafe.add((view, column["name"]))
    finally:
        engine.dispose()
    # Every column a BI tool cannot use is named in the README, and nothing else is.
    assert unsafe == sql_only
