"""The suite's PostgreSQL: an embedded server in a temporary directory, or the server
named by TEST_DATABASE_URL. Each run makes fresh databases and drops them at the end;
schemas are built by `alembic upgrade head`, never by create_all."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from diplodb.migrate import upgrade
from diplodb.seed.loader import seed
from diplodb.paths import SEEDS_DIR
from diplodb.urls import sqlalchemy_url
from tests import factories

# Hypothesis: no per-example deadline anywhere (a loaded machine is not a failure), and in
# CI (the CI environment variable set, as CI services do) the same examples on every run:
# derandomised, so a red build is reproducible and a green one is not luck. Locally the
# examples vary from run to run and find new cases; HYPOTHESIS_PROFILE=ci gives the CI run.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


class TestServer:
    """A superuser URL plus what the BI-style tests need to log in as an analyst."""

    def __init__(self, admin_url: URL, tcp_host: str, tcp_port: int, embedded=None):
        self.admin_url = admin_url
        self.tcp_host = tcp_host
        self.tcp_port = tcp_port
        self.embedded = embedded


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        url = sqlalchemy_url(external)
        yield TestServer(url, url.host or "127.0.0.1", url.port or 5432)
        return
    import shutil

    from diplodb.embedded import throwaway_server

    home = tmp_path_factory.mktemp("pg")
    with throwaway_server(home) as embedded:
        yield TestServer(embedded.superuser_url(), "127.0.0.1", embedded.settings.port, embedded)
    shutil.rmtree(home / "pgdata", ignore_errors=True)  # its databases are not dropped one by one


@pytest.fixture(scope="session")
def make_database(server):
    created: list[str] = []
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")

    def make() -> URL:
        name = f"diplodb_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'create database "{name}"'))
        created.append(name)
        return server.admin_url.set(database=name)

    yield make
    if server.embedded is not None:  # the throwaway cluster goes away whole, and at once
        admin.dispose()
        return
    with admin.connect() as conn:
        for name in created:
            conn.execute(text(f'drop database if exists "{name}" with (force)'))
    admin.dispose()


@pytest.fixture(scope="session")
def seeded_url(make_database) -> URL:
    url = make_database()
    upgrade(url)
    seed(url, SEEDS_DIR)
    return url


@pytest.fixture(scope="session")
def engine(seeded_url):
    engine = create_engine(seeded_url)
    yield engine
    engine.dispose()


@pytest.fixture
def q(engine):
    """Run a query against the seeded database; rows as mappings."""
    def run(sql, **params):
        with engine.connect() as conn:
            return conn.execute(text(sql), params).mappings().all()
    return run


@pytest.fixture
def db_session(engine):
    """One transaction per test, rolled back; the code under test may commit savepoints."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    factories.bind(session)
    try:
        yield session
    finally:
        factories.bind(None)
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the seed files, for tests that break or edit them."""
    import shutil

    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def new_seeded_database(make_database) -> URL:
    """A new database at head holding the seed files."""
    url = make_database()
    upgrade(url)
    seed(url, SEEDS_DIR)
    return url


@pytest.fixture
def fresh_seeded_url(make_database) -> URL:
    """A new database at head holding the seed files, for a test that changes it."""
    return new_seeded_database(make_database)
