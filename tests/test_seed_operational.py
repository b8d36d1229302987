"""The server's own trouble during a seed (a full disk, a dropped connection) is said as
itself in one line, never blamed on a seed file, never answered by reading the corpus a
second time, and leaves the database as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psycopg
import pytest
from sqlalchemy import create_engine, text

from diplodb.errors import DiplodbError
from diplodb.migrate import upgrade
from diplodb.paths import SEEDS_DIR
from diplodb.seed import loader
from diplodb.seed.write import copying, incremental, pipeline
from diplodb.seed.loader import seed
from diplodb.urls import libpq_url
from tests.seed_mutations import A003, physical_state, replace

DISK_FULL = ('could not extend file "base/16384/16523": No space left on device\n'
             "HINT:  Check free disk space.")


def _fail(error):
    def raise_it(*args, **kwargs):
        raise error
    return raise_it


@pytest.fixture
def no_second_read(monkeypatch):
    monkeypatch.setattr(loader, "read_corpus", _fail(AssertionError("the corpus was re-read")))


@pytest.mark.parametrize("first_seed", [True, False])
def test_a_full_disk_is_said_as_itself_and_nothing_is_written(
        make_database, seeds_copy, monkeypatch, no_second_read, first_seed):
    url = make_database()
    upgrade(url)
    if not first_seed:
        seed(url, SEEDS_DIR)
        replace(A003, "status: ongoing", "status: completed")(seeds_copy)
    before = physical_state(url)
    # The first seed COPYs straight into the tables; a re-seed stages and upserts.
    fail = _fail(psycopg.errors.DiskFull(DISK_FULL))
    if first_seed:
        monkeypatch.setattr(copying, "_copy_batch", fail)
    else:
        for module in (pipeline, incremental):
            monkeypatch.setattr(module, "upsert", fail)
    with pytest.raises(DiplodbError) as raised:
        seed(url, seeds_copy)
    message = str(raised.value)
    assert message.startswith("no space left on the database's disk: could not extend file")
    assert "\n" not in message and ".yaml" not in message and "seed file" not in message
    assert physical_state(url) == before


def test_a_lost_connection_is_said_as_itself(make_database, monkeypatch, no_second_read):
    url = make_database()
    upgrade(url)
    before = physical_state(url)
    monkeypatch.setattr(copying, "_copy_batch", _fail(psycopg.OperationalError(
        "consuming input failed: server closed the connection unexpectedly")))
    with pytest.raises(DiplodbError, match="^the server closed the connection .*consuming input"):
        seed(url, SEEDS_DIR)
    assert physical_state(url) == before


def test_a_seed_whose_session_the_server_ends_exits_in_one_line(make_database):
    url = make_database()
    upgrade(url)
    engine = create_engine(url)
    env = {**os.environ, "DATABASE_URL": libpq_url(url)}
    with engine.connect() as blocker:
        # The seed writes every table, then waits on its last statement (core.seed_state).
        blocker.execute(text("lock table core.seed_state in share mode"))
        proc = subprocess.Popen([sys.executable, "-m", "diplodb.cli", "seed"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        pid = None
        while pid is None and time.monotonic() < deadline:
            pid = blocker.execute(text(
                "select l.pid from pg_locks l join pg_class c on c.oid = l.relation "
                "where c.relname = 'seed_state' and not l.granted")).scalar()
            time.sleep(0.05)
        assert pid is not None, "the seed never reached its last statement"
        blocker.execute(text("select pg_terminate_backend(:pid)"), {"pid": pid})
        _, stderr = proc.communicate(timeout=60)
        blocker.rollback()
    engine.dispose()
    assert proc.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplodb: the server closed the connection"), \
        stderr
    with psycopg.connect(libpq_url(url)) as conn:
        assert conn.execute("select count(*) from core.visit").fetchone()[0] == 0


@pytest.mark.parametrize("case", ["duplicate-reference-id", "cites-undefined-fact"])
def test_a_broken_first_seed_is_explained_from_one_read(make_database, seeds_copy,
                                                        no_second_read, case):
    from diplodb.seed.problems import SeedValidationError
    from tests.seed_format_examples import matching_line
    from tests.test_seed_errors import ALL_CASES

    _, mutate, expected = next(c for c in ALL_CASES if c[0] == case)
    url = make_database()
    upgrade(url)
    mutate(seeds_copy)
    with pytest.raises(SeedValidationError) as raised:
        seed(url, seeds_copy)  # into empty tables: rows go straight in, by COPY
    assert matching_line([str(p) for p in raised.value.problems], expected)
    assert physical_state(url) == []
