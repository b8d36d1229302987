"""Every expected failure of the CLI is one line on stderr and exit 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text

from diplodb.embedded import free_port
from diplodb.urls import libpq_url
from tests.test_production import CLEAN_ENV, cli, one_line_failure


@pytest.mark.parametrize(("env", "args", "expected"), [
    ({"DATABASE_URL": "not a url"}, ("migrate",), "must be a PostgreSQL URL"),
    ({"DATABASE_URL": "postgresql://me@127.0.0.1:notaport/db"}, ("up",), "invalid port"),
    ({"DATABASE_URL": "postgresql://me@127.0.0.1:5432"}, ("up",), "names no database"),
    ({"DIPLODB_PORT": "70000"}, ("up",), "from 1 to 65535"),
    ({"DIPLODB_LOCK_TIMEOUT": "soon"}, ("seed",), "DIPLODB_LOCK_TIMEOUT"),
    ({"DIPLODB_READER_GROUP": "Readers; drop"}, ("up",), "DIPLODB_READER_GROUP"),
    ({"DIPLODB_HOME": "/proc/diplodb-home"}, ("up",), "/proc/diplodb-home"),
    ({"DIPLODB_HOME": "/etc/hostname/home"}, ("up",), "Not a directory"),
    ({"DIPLODB_HOME": "/nonexistent-diplodb"}, ("seed",), "run 'diplodb up' first"),
    ({"DIPLODB_HOME": "/nonexistent-diplodb"}, ("migrate",), "run 'diplodb up' first"),
    ({"DIPLODB_HOME": "/nonexistent-diplodb"}, ("docs",), "run 'diplodb up' first"),
    ({"DIPLODB_HOME": "/nonexistent-diplodb"}, ("url",), "run 'diplodb up' first"),
], ids=["not-a-url", "port-not-a-number", "no-database-name", "port-out-of-range",
        "lock-timeout", "reader-group", "home-unwritable", "home-under-a-file",
        "seed-needs-up", "migrate-needs-up", "docs-needs-up", "url-needs-up"])
def test_configuration_errors(env, args, expected):
    assert expected in one_line_failure(cli(*args, env=env))


@pytest.fixture
def database_url(make_database):
    return libpq_url(make_database(), show_password=True)


def test_unknown_revision(database_url):
    assert "Can't locate revision" in one_line_failure(
        cli("migrate", "bogus", env={"DATABASE_URL": database_url}))


def test_downgrade_needs_yes(database_url):
    env = {"DATABASE_URL": database_url}
    assert cli("migrate", env=env).returncode == 0
    assert "--yes" in one_line_failure(cli("migrate", "0002", env=env))


def test_unreachable_missing_database_and_missing_password(server):
    port = free_port()
    assert "cannot reach the database" in one_line_failure(
        cli("migrate", env={"DATABASE_URL": f"postgresql://nobody@127.0.0.1:{port}/x"}))
    missing = f"postgresql://postgres@{server.tcp_host}:{server.tcp_port}/no_such_{uuid.uuid4().hex[:6]}"
    admin_has_password = server.admin_url.password
    line = one_line_failure(cli("migrate", env={"DATABASE_URL": missing}))
    if server.embedded is not None:  # TCP logins there need a password
        assert "no password given" in line
    elif not admin_has_password:  # a trust server: the database itself is missing
        assert "does not exist" in line


def test_missing_database_is_named(server):
    if server.embedded is None:
        name = f"no_such_{uuid.uuid4().hex[:6]}"
        url = server.admin_url.set(database=name)
        assert f"the database {name} does not exist" in one_line_failure(
            cli("migrate", env={"DATABASE_URL": libpq_url(url, show_password=True)}))
    else:
        # Over the superuser's private socket (trust), the embedded server names it too.
        name = f"no_such_{uuid.uuid4().hex[:6]}"
        url = server.embedded.superuser_url(name)
        assert f"the database {name} does not exist" in one_line_failure(
            cli("migrate", env={"DATABASE_URL": libpq_url(url)}))


def test_missing_createrole_is_one_line(server, make_database):
    suffix = uuid.uuid4().hex[:8]
    owner, password = f"nocr_{suffix}", uuid.uuid4().hex
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    database = make_database().database
    with admin.connect() as conn:
        conn.execute(text(f"create role {owner} login nocreaterole password '{password}'"))
        conn.execute(text(f'alter database "{database}" owner to {owner}'))
    try:
        url = f"postgresql://{owner}:{password}@{server.tcp_host}:{server.tcp_port}/{database}"
        line = one_line_failure(cli("migrate", env={"DATABASE_URL": url,
                                                    "DIPLODB_READER_GROUP": f"grp_{suffix}"}))
        assert "may not create roles" in line
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop database if exists "{database}" with (force)'))
            conn.execute(text(f"drop role {owner}"))
        admin.dispose()


def test_closed_output_pipe_is_one_line(database_url):
    assert cli("migrate", env={"DATABASE_URL": database_url}).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "diplodb.cli", "status"],
                            env={**CLEAN_ENV, "DATABASE_URL": database_url},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()  # as `diplodb status | head -0` would
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 2, stderr
    assert stderr.count("\n") == 1 and "output was closed" in stderr


def test_server_start_failure_quotes_the_log(tmp_path):
    home, port = tmp_path / "h", free_port()
    env = {"DIPLODB_HOME": str(home), "DIPLODB_PORT": str(port)}
    assert cli("up", env=env).returncode == 0
    assert cli("down", env=env).returncode == 0
    with open(home / "pgdata" / "postgresql.conf", "a") as conf:
        conf.write("shared_buffers = 'lots'\n")
    line = one_line_failure(cli("up", env=env))
    assert "FATAL" in line and str(home / "server.log") in line
