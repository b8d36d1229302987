"""Drift: a database whose tables differ from what its revision promises is named, and
the database of commit 3a58721 (where 0008 was ``disagreements_linear``, so the
renumbered 0008's column and index never ran there) is repaired by revision 0010."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from diplodb.drift import schema_drift
from diplodb.migrate import alembic_config, upgrade
from diplodb.paths import CHECKOUT_ROOT
from diplodb.urls import libpq_url
from diplodb.state import head_revision
from tests.test_production import cli

OLD_COMMIT = "3a58721"


def _migrations_of(commit: str, target) -> None:
    """The migrations/ folder as it was at ``commit``."""
    if CHECKOUT_ROOT is None or shutil.which("git") is None or subprocess.run(
            ["git", "-C", str(CHECKOUT_ROOT), "cat-file", "-e", commit],
            capture_output=True).returncode != 0:
        pytest.skip(f"needs the git history (commit {commit})")
    archive = subprocess.run(["git", "-C", str(CHECKOUT_ROOT), "archive", commit, "migrations"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


@pytest.fixture
def old_database(make_database, tmp_path):
    """A database migrated and seeded by commit 3a58721's migrations."""
    _migrations_of(OLD_COMMIT, tmp_path)
    url = make_database()
    engine = create_engine(url)
    with engine.begin() as conn:
        config = alembic_config(conn)
        config.set_main_option("script_location", str(tmp_path / "migrations"))
        command.upgrade(config, "head")
    engine.dispose()
    return url


def test_the_renumbered_0008_database_is_named_then_repaired(old_database):
    url, env = old_database, {"DATABASE_URL": libpq_url(old_database, show_password=True)}
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0008"
    # What head's 0009 did to such a database: alembic_version says 0009, keys missing.
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0009")
        conn.execute(text("update alembic_version set version_num = :head"),
                     {"head": head_revision()})
    differences = schema_drift(url)
    assert "column core.seed_file.keys missing" in differences, differences
    assert any("ix_seed_file_keys" in d for d in differences), differences
    status = cli("status", env=env)
    assert status.returncode == 0 and "drift: " in status.stdout, status.stderr
    assert "core.seed_file.keys missing" in status.stdout
    import json

    report = json.loads(cli("status", "--json", env=env).stdout)
    assert "column core.seed_file.keys missing" in report["drift"]
    # Revision 0010 repairs such a database on its way to head: back to the old 0009 ...
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '0009'"))
    up = cli("up", env=env)
    assert up.returncode == 0 and "drift" not in up.stderr, up.stderr
    assert schema_drift(url) == []
    assert '"drift": []' in cli("status", "--json", env=env).stdout
    engine.dispose()


def test_up_names_a_drift_it_cannot_repair(fresh_seeded_url):
    url = fresh_seeded_url
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("drop index core.ix_seed_file_keys"))
    engine.dispose()
    # The data is current and at head, so only the catalog fingerprint of the no-op
    # path can send up down the full path, where the drift is named.
    up = cli("up", env={"DATABASE_URL": libpq_url(url, show_password=True)})
    assert up.returncode == 0, up.stderr
    assert up.stderr.count("\n") == 1 and "index ix_seed_file_keys" in up.stderr
    assert "seed data unchanged, nothing written" in up.stdout


def test_the_shipped_core_fingerprint_is_the_head_revisions(seeded_url):
    # A fresh database at head (built by the migrations) has exactly the catalog the no-op
    # up expects; when a revision changes the core tables, migrations/core_schema.md5
    # must be updated with it (the value below is what to write there).
    import psycopg

    from diplodb.state import core_fingerprint, expected_core_fingerprint

    with psycopg.connect(libpq_url(seeded_url, show_password=True)) as conn:
        assert core_fingerprint(conn) == expected_core_fingerprint()


def test_0010_is_idempotent_on_a_database_at_head(fresh_seeded_url):
    url = fresh_seeded_url
    engine = create_engine(url)
    with engine.begin() as conn:
        files = conn.execute(text("select count(*) from core.seed_file")).scalar()
        command.downgrade(alembic_config(conn), "0009")
    upgrade(url)
    assert schema_drift(url) == []
    with engine.connect() as conn:
        # A downgrade forgets the load (next seed reloads), the repair adds nothing twice.
        assert files > 0 and conn.execute(text(
            "select count(*) from pg_indexes where indexname = 'ix_seed_file_keys'")).scalar() == 1
    engine.dispose()
