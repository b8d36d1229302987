"""A downgrade drops columns, tables and their data; whatever revision it goes to, the
next `up` (upgrade to head, then seed) must give exactly a fresh database's views, and
never take the unchanged seed digest for a complete database."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import create_engine, text

from diplodb.config import resolve
from diplodb.fastpath import current_state
from diplodb.migrate import upgrade
from diplodb.paths import SEEDS_DIR
from diplodb.seed.loader import seed
from diplodb.urls import libpq_url
from diplodb.state import ancestors, head_revision, read_state
from tests.conftest import new_seeded_database
from tests.test_wheel import view_contents


@pytest.fixture(scope="module")
def fresh(seeded_url):
    return view_contents(libpq_url(seeded_url, show_password=True))


@pytest.fixture(scope="module")
def database(make_database):
    """One database for every revision: each test leaves it at head, seeded."""
    return new_seeded_database(make_database)


@pytest.mark.parametrize("revision", sorted(ancestors(head_revision()))[:-1] + ["base"])
def test_downgrade_then_up_gives_a_fresh_databases_views(revision, database, fresh):
    url = database
    conninfo = libpq_url(url, show_password=True)
    upgrade(url, revision, allow_downgrade=True)
    with psycopg.connect(conninfo) as conn:
        state = read_state(conn)
    assert state.seed_digest is None, "a downgraded database still claims its seed load"
    # What `up` does: the no-op path must not apply, then migrate and seed.
    config = resolve({"DATABASE_URL": conninfo}, environ={})
    assert current_state(config, need_head=True) is None
    upgrade(url)
    report = seed(url, SEEDS_DIR)
    assert not report.skipped and report.mode == "full"
    assert view_contents(conninfo) == fresh
    engine = create_engine(url)
    with engine.connect() as conn:
        version = conn.execute(text("select data_version from analytics.about")).scalar()
    engine.dispose()
    assert version not in (None, "unversioned")
    assert current_state(config, need_head=True) is not None  # and now it is current


def test_forced_seed_after_a_downgrade_below_0004_sets_the_data_version(fresh_seeded_url):
    url = fresh_seeded_url
    engine = create_engine(url)
    with engine.begin() as conn:  # as a database seeded before 0004 would be
        conn.execute(text("update core.seed_state set data_version = 'unversioned'"))
    seed(url, SEEDS_DIR, force=True)
    with engine.connect() as conn:
        assert conn.execute(text("select data_version from analytics.about")).scalar() \
            != "unversioned"
    engine.dispose()
