"""diplodb_reader reads the analytics views and changes nothing anywhere; the analyst
login connects over TCP with its password, as a BI tool does."""

import uuid

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from diplodb.docs import read_catalog


@pytest.fixture
def reader(engine):
    with engine.connect() as conn:
        conn.execute(text("set role diplodb_reader"))
        yield conn
        conn.rollback()


def test_reader_reads_every_view(reader):
    views = [r[0] for r in reader.execute(text(
        "select table_name from information_schema.views where table_schema = 'analytics'"))]
    assert len(views) >= 12
    for view in views:
        reader.execute(text(f"select * from analytics.{view} limit 1")).all()


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
            assert conn.execute(text("select count(*) from analytics.visits")).scalar() == 6
            assert conn.execute(text("select current_user")).scalar() == analyst_url.username
    finally:
        engine.dispose()
