"""Seeding as a process: atomic under SIGKILL, serial under concurrency, idempotent,
order-independent, and precise when one annotation changes."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from diplodb.migrate import upgrade
from diplodb.seed.write import pipeline, staging
from diplodb.seed.digest import file_digests
from diplodb.seed.loader import core_tables, seed
from diplodb.paths import SEEDS_DIR
from diplodb.urls import libpq_url
from tests.test_seed_errors import fingerprint


def _seed_process(url, extra_env=None):
    env = {**os.environ, "DATABASE_URL": libpq_url(url), **(extra_env or {})}
    return subprocess.Popen([sys.executable, "-m", "diplodb.cli", "seed"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_killed_seed_leaves_database_as_before(make_database):
    url = make_database()
    upgrade(url)
    before = fingerprint(url)
    engine = create_engine(url)
    with engine.connect() as blocker:
        # SHARE lets the seed read core.seed_state but not write it: the seed writes every
        # other table, then waits on its last statement, before COMMIT.
        blocker.execute(text("lock table core.seed_state in share mode"))
        proc = _seed_process(url)
        waited = 0.0
        while waited < 60 and not blocker.execute(text(
                "select exists (select from pg_locks l join pg_class c on c.oid = l.relation "
                "where c.relname = 'seed_state' and not l.granted)")).scalar():
            time.sleep(0.1)
            waited += 0.1
        # It has written core.visit (uncommitted): it holds a row-exclusive lock on it.
        written = blocker.execute(text(
            "select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
            "where c.relname = 'visit' and l.mode = 'RowExclusiveLock' "
            "and l.pid <> pg_backend_pid()")).scalar()
        assert waited < 60, "the seed never reached its last statement"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        blocker.rollback()
    engine.dispose()
    assert written == 1
    assert fingerprint(url) == before


def test_concurrent_seeds_end_as_one(make_database, seeded_url):
    url = make_database()
    upgrade(url)
    procs = [_seed_process(url) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert sum("nothing written" in out for out, _ in outputs) == 1
    assert fingerprint(url) == fingerprint(seeded_url)


def test_reverse_file_order_gives_identical_tables(make_database, seeded_url):
    url = make_database()
    upgrade(url)
    seed(url, SEEDS_DIR, file_order=lambda files: list(reversed(files)))
    assert fingerprint(url) == fingerprint(seeded_url)


def test_reseed_changes_nothing(seeded_url):
    engine = create_engine(seeded_url)
    query = " union all ".join(f"select '{t.name}', xmin::text from {t.fullname}"
                               for t in core_tables())
    with engine.connect() as conn:
        before = sorted(conn.execute(text(query)).all())
    report = seed(seeded_url, SEEDS_DIR, force=True)
    assert (report.inserted_or_updated, report.deleted) == (0, 0)
    with engine.connect() as conn:
        assert sorted(conn.execute(text(query)).all()) == before
    engine.dispose()


def test_edit_to_one_annotation_updates_exactly_that(make_database, seeds_copy):
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    path = seeds_copy / "annotations/003_ae28c5a3bf26486c.yaml"
    content = path.read_text()
    start = content.index("  - id: us-troops-in-iraq-2024-09")
    after = re.search(r"^(  - |\S)", content[start + 1:], re.MULTILINE)
    end = start + 1 + after.start() if after else len(content)
    path.write_text(content[:start] + content[end:])  # remove that one entry
    report = seed(url, seeds_copy)
    assert report.deleted == 2  # the figure and its one piece of evidence
    assert report.inserted_or_updated == 0
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from analytics.citations "
                                 "where fact_id = 'us-troops-in-iraq-2024-09'")).scalar() == 0
        # The articles report eight figures (000: the $20 billion target and four coronavirus
        # counts; 001: the $3 billion debt; 003: 2,500 US troops; 004: over $10 billion of
        # trade); one is removed.
        assert conn.execute(text("select count(*) from analytics.reported_figures")).scalar() == 7
    engine.dispose()


def _catalog(url, query: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(text(query)).all())
    finally:
        engine.dispose()


def _index_definitions(url) -> list[tuple]:
    return _catalog(url, "select c.relname, pg_get_indexdef(c.oid), "
                         "obj_description(c.oid, 'pg_class') from pg_class c "
                         "join pg_namespace n on n.oid = c.relnamespace "
                         "where n.nspname = 'core' and c.relkind = 'i'")


def _foreign_keys(url) -> list[tuple]:
    return _catalog(url, "select k.conrelid::regclass::text, k.conname, "
                         "pg_get_constraintdef(k.oid), k.convalidated, "
                         "obj_description(k.oid, 'pg_constraint') from pg_constraint k "
                         "join pg_namespace n on n.oid = k.connamespace "
                         "where n.nspname = 'core' and k.contype = 'f'")


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_first_seed_copies_straight_into_the_empty_tables(make_database, seeded_url,
                                                           monkeypatch, order):
    """Into empty tables, rows go straight to them (secondary indexes built once at the
    end, in the same transaction); a row citing a fact of a later file waits. The stream
    path is called directly."""
    url = make_database()
    upgrade(url)
    indexes, foreign_keys = _index_definitions(url), _foreign_keys(url)
    monkeypatch.setattr(pipeline, "REBUILD_INDEXES_FROM_FILES", 1)  # a large corpus's path
    dropped, dropped_keys = [], []
    drop, drop_keys = pipeline.drop_secondary_indexes, pipeline.drop_foreign_keys
    monkeypatch.setattr(pipeline, "drop_secondary_indexes",
                        lambda cur, tables: dropped.extend(drop(cur, tables)) or dropped)
    monkeypatch.setattr(pipeline, "drop_foreign_keys", lambda cur, tables: dropped_keys.extend(
        drop_keys(cur, tables)) or dropped_keys)
    deferred: list[str] = []
    add_rows = staging.Stager.add_rows
    monkeypatch.setattr(staging.Stager, "add_rows", lambda self, table, rows, origins: (
        deferred.append(table), add_rows(self, table, rows, origins))[1])
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            file_order = sorted if order == "sorted" else (lambda paths: sorted(paths)[::-1])
            load = pipeline.load(conn, SEEDS_DIR, file_digests(SEEDS_DIR), {}, file_order,
                                 force=False)
    finally:
        engine.dispose()
    assert load.mode == "full" and load.deleted == 0
    assert fingerprint(url) == fingerprint(seeded_url)
    assert dropped and _index_definitions(url) == indexes
    assert len(dropped_keys) > 40 and _foreign_keys(url) == foreign_keys
    assert deferred or order == "sorted"  # files cite facts of files after them


def _source_counts(conn) -> dict[str, list[tuple]]:
    from diplodb.seed.write.first_seed import COUNTED

    return {table: conn.execute(text(f"select {key}, source_count from core.{table} "
                                     f"order by 1")).all()
            for table, key in COUNTED.items()}


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_a_first_seed_writes_the_source_counts_the_database_would_count(make_database, order):
    """A first seed writes each fact's source_count with its row and lets the trigger
    count only the facts with evidence elsewhere: counting every fact again afterwards
    (core.recount_supporting_sources) changes nothing, whichever file comes first."""
    url = make_database()
    upgrade(url)
    file_order = sorted if order == "sorted" else (lambda paths: sorted(paths)[::-1])
    seed(url, SEEDS_DIR, file_order=file_order)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            written = _source_counts(conn)
            assert any(n > 1 for rows in written.values() for _, n in rows)  # cross-file
            conn.execute(text("select core.recount_supporting_sources()"))
            assert _source_counts(conn) == written
            conn.execute(text("update core.statement set source_count = 0"))
            conn.execute(text("select core.recount_supporting_sources()"))
            assert _source_counts(conn) == written
    finally:
        engine.dispose()


def test_counting_the_sources_of_some_facts_writes_only_the_counts_that_differ(fresh_seeded_url):
    """core.count_supporting_sources_of (the one definition the trigger, the full recount
    and a first seed use) writes a count only where it differs, and refuses a table that
    is not a fact table."""
    engine = create_engine(fresh_seeded_url)
    try:
        with engine.begin() as conn:
            statements = [row[0] for row in conn.execute(text(
                "select statement_id from core.statement where source_count > 0 "
                "order by 1 limit 3"))]
            count = text("select core.count_supporting_sources_of('statement', :ids)")
            assert conn.execute(count, {"ids": statements}).scalar() == 0
            conn.execute(text("update core.statement set source_count = 0 "
                              "where statement_id = :id"), {"id": statements[0]})
            assert conn.execute(count, {"ids": statements}).scalar() == 1
            assert conn.execute(text("select source_count from core.statement where "
                                     "statement_id = :id"), {"id": statements[0]}).scalar() > 0
        with pytest.raises(Exception, match="not a fact table: person"), engine.begin() as conn:
            conn.execute(text("select core.count_supporting_sources_of('person', array['x'])"))
    finally:
        engine.dispose()


def test_a_first_seed_leaves_the_planner_the_statistics_of_what_it_wrote(make_database):
    """Tables filled from empty are analyzed in the seed's own transaction: an analyst's
    first query after `up` is planned from the rows there (without statistics until
    autovacuum's next round, a x10000 query took 35 s instead of 0.4 s)."""
    url = make_database()
    upgrade(url)
    seed(url, SEEDS_DIR)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for table in core_tables():
                rows = conn.execute(text(f"select count(*) from {table.fullname}")).scalar()
                estimated = conn.execute(text(
                    "select reltuples from pg_class where oid = cast(:t as regclass)"),
                    {"t": table.fullname}).scalar()
                assert estimated == rows, (table.fullname, rows, estimated)
            assert conn.execute(text("select count(*) from pg_stats where schemaname = 'core' "
                                     "and tablename = 'evidence'")).scalar() > 0
    finally:
        engine.dispose()
