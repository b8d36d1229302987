"""Backup and restore as the README describes it: `pg_dump -Fc` of a seeded database,
`pg_restore` into a new database owned by another role; then `status`, `seed` (nothing
to write) and the analyst login work there."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from diplodb.embedded import install_dir
from diplodb.urls import libpq_url
from tests.test_cli_paths import invoke


def _tools_for(server_major: int) -> Path:
    """pg_dump and pg_restore of the server's major version: the embedded ones, or (for
    an older external server) the system's, which a newer pg_restore does not replace
    (it sets parameters the older server does not know)."""
    candidates = [install_dir() / "bin", Path(f"/usr/lib/postgresql/{server_major}/bin")]
    if shutil.which("pg_restore"):
        candidates.append(Path(shutil.which("pg_restore")).parent)
    for folder in candidates:
        tool = folder / "pg_restore"
        if tool.exists():
            version = subprocess.run([str(tool), "--version"], capture_output=True,
                                     text=True).stdout
            found = re.search(r"(\d+)\.", version)
            if found and int(found.group(1)) == server_major:
                return folder
    pytest.skip(f"no pg_dump/pg_restore of PostgreSQL {server_major} on this machine")


def test_dump_and_restore_into_a_database_owned_by_another_role(server, seeded_url, tmp_path):
    suffix = uuid.uuid4().hex[:8]
    owner, owner_password = f"restored_{suffix}", uuid.uuid4().hex
    analyst, analyst_password = f"analyst_{suffix}", uuid.uuid4().hex
    database = f"diplodb_restored_{suffix}"
    dump = tmp_path / "diplodb.dump"
    with psycopg.connect(libpq_url(seeded_url, show_password=True)) as conn:
        major = conn.info.server_version // 10000
    bin_dir = _tools_for(major)
    subprocess.run([str(bin_dir / "pg_dump"), "-Fc", "-f", str(dump),
                    "--dbname", libpq_url(seeded_url, show_password=True)],
                   check=True, capture_output=True, text=True)
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"create role {owner} login password '{owner_password}'"))
        conn.execute(text(f'create database "{database}" owner {owner}'))
        conn.execute(text(f"create role {analyst} login password '{analyst_password}' "
                          "connection limit 20 in role diplodb_reader"))
    try:
        owner_url = (f"postgresql://{owner}:{owner_password}@{server.tcp_host}:"
                     f"{server.tcp_port}/{database}")
        # The default privileges are the old owner's to set, and the privileges of
        # pg_catalog functions (the embedded cluster revokes large-object writes from
        # PUBLIC) a superuser's: leave both out (README).
        listing = subprocess.run([str(bin_dir / "pg_restore"), "-l", str(dump)], check=True,
                                 capture_output=True, text=True).stdout
        (tmp_path / "restore.list").write_text("\n".join(
            line for line in listing.splitlines()
            if "DEFAULT ACL" not in line and "ACL pg_catalog" not in line) + "\n")
        restore = subprocess.run([str(bin_dir / "pg_restore"), "--no-owner", "--exit-on-error",
                                  "-L", str(tmp_path / "restore.list"), "--dbname", owner_url,
                                  str(dump)], capture_output=True, text=True)
        assert restore.returncode == 0, restore.stderr
        env = {"DATABASE_URL": owner_url}
        status = invoke("status", env=env)
        assert status.exit_code == 0 and "at head" in status.output, status.stderr
        assert "drift: none" in status.output
        seeded = invoke("seed", env=env)
        assert seeded.exit_code == 0 and "unchanged, nothing written" in seeded.output, seeded.stderr
        up = invoke("up", env=env)
        assert up.exit_code == 0 and "unchanged" in up.output, up.stderr
        with psycopg.connect(host=server.tcp_host, port=server.tcp_port, dbname=database,
                             user=analyst, password=analyst_password) as conn:
            assert conn.execute("select count(*) from analytics.sources").fetchone()[0] == 5
            assert conn.execute("select count(*) from analytics.visits").fetchone()[0] > 0
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop database if exists "{database}" with (force)'))
            conn.execute(text(f"drop role if exists {analyst}"))
            conn.execute(text(f"drop role if exists {owner}"))
        admin.dispose()
