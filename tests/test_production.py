"""diplodb as deployed software: restarts with clients connected, a remembered port,
concurrent deploys, a managed server's minimum privileges, and an analyst who cannot
stall the owner. Each test drives the CLI as a user would, in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy import create_engine, text

from diplodb.embedded import free_port
from diplodb.settings import libpq_url
from diplodb.state import head_revision
from tests.expected import ANALYTICS_VIEWS, LIST_ANALYTICS_VIEWS

CLEAN_ENV = {k: v for k, v in os.environ.items()
             if not k.startswith("DIPLODB_") and k not in ("DATABASE_URL", "TEST_DATABASE_URL")}


def cli(*args, env=None, cwd=None, timeout=180):
    return subprocess.run([sys.executable, "-m", "diplodb.cli", *args],
                          env={**CLEAN_ENV, **(env or {})}, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def one_line_failure(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplodb: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A private embedded home, started on an explicit port once; stopped at the end."""
    path = tmp_path_factory.mktemp("prod") / "home"
    port = free_port()
    up = cli("up", env={"DIPLODB_HOME": str(path), "DIPLODB_PORT": str(port)})
    assert up.returncode == 0, up.stderr
    yield path, port
    cli("down", env={"DIPLODB_HOME": str(path)})


def analyst_url(home_path) -> str:
    return cli("url", env={"DIPLODB_HOME": str(home_path)}).stdout.strip()


def test_port_is_remembered_by_url_status_and_up(home):
    path, port = home
    env = {"DIPLODB_HOME": str(path)}  # no DIPLODB_PORT from here on
    assert f"@127.0.0.1:{port}/" in analyst_url(path)
    status = cli("status", env=env)
    assert status.returncode == 0 and f"port {port}" in status.stdout, status.stderr
    again = cli("up", env=env)
    assert again.returncode == 0 and f":{port}/" in again.stdout, again.stderr
    other = cli("up", env={**env, "DIPLODB_PORT": str(free_port())})
    assert f"runs on port {port}" in one_line_failure(other)


def test_restart_succeeds_at_once_with_a_client_connected_across_down(home):
    path, port = home
    env = {"DIPLODB_HOME": str(path)}
    conn = psycopg.connect(analyst_url(path))
    conn.execute("select count(*) from analytics.visits").fetchone()
    assert cli("down", env=env).returncode == 0
    with pytest.raises(psycopg.OperationalError):
        conn.execute("select 1")  # the server closed it: its side is now in TIME_WAIT
    conn.close()
    up = cli("up", env=env)
    assert up.returncode == 0, up.stderr
    with psycopg.connect(analyst_url(path)) as again:
        assert again.execute("select count(*) from analytics.visits").fetchone()[0] > 0


def test_status_shows_the_data_version_and_speaks_json(home):
    path, _ = home
    report = json.loads(cli("status", "--json", env={"DIPLODB_HOME": str(path)}).stdout)
    assert report["revision"] == head_revision() and report["at_head"]
    assert report["data_version"] and len(report["seed_digest"]) == 64
    assert report["server"]["running"] and report["rows"]["visit"] > 0


def test_analyst_has_limits_and_cannot_stall_the_owner(home):
    path, _ = home
    url = analyst_url(path)
    with psycopg.connect(url) as conn:
        assert conn.execute("show search_path").fetchone()[0] == "analytics"
        assert conn.execute("select count(*) from visits").fetchone()[0] > 0
        assert conn.execute("show statement_timeout").fetchone()[0] != "0"
        assert conn.execute("show idle_in_transaction_session_timeout").fetchone()[0] != "0"
    held = []
    try:
        with pytest.raises(psycopg.OperationalError, match="too many connections for role"):
            for _ in range(200):
                held.append(psycopg.connect(url))
        assert len(held) < 100
        status = cli("status", env={"DIPLODB_HOME": str(path)})
        assert status.returncode == 0, status.stderr
    finally:
        for conn in held:
            conn.close()


def test_seed_waits_a_bounded_time_for_its_lock_and_names_the_holder(home):
    from diplodb.locks import SEED_LOCK_KEY

    path, _ = home
    with psycopg.connect(analyst_url(path), autocommit=True) as analyst:
        analyst.execute("select pg_advisory_lock(%s)", (SEED_LOCK_KEY,))
        pid = analyst.info.backend_pid
        result = cli("seed", "--force", "--lock-timeout", "1", env={"DIPLODB_HOME": str(path)})
    line = one_line_failure(result)
    assert f"pid {pid}" in line and "user analyst" in line


def test_downgrade_to_base_and_back_leaves_the_analyst_reading_every_view(home, engine):
    path, _ = home
    env = {"DIPLODB_HOME": str(path)}
    base = cli("migrate", "base", "--yes", env=env)
    assert base.returncode == 0 and "revision base" in base.stdout, base.stderr
    up = cli("up", env=env)
    assert up.returncode == 0 and "diplodb ready" in up.stdout, up.stderr
    with engine.connect() as seeded:  # the suite's database, seeded from the same files
        expected = {view: seeded.execute(text(f"select count(*) from analytics.{view}")).scalar()
                    for view in ANALYTICS_VIEWS}
    with psycopg.connect(analyst_url(path)) as conn:
        views = [r[0] for r in conn.execute(LIST_ANALYTICS_VIEWS)]
        assert tuple(views) == ANALYTICS_VIEWS
        counts = {view: conn.execute(f"select count(*) from analytics.{view}").fetchone()[0]
                  for view in views}
    assert counts == expected and all(counts.values())


def test_concurrent_up_on_one_home_starts_one_server(tmp_path):
    env = {"DIPLODB_HOME": str(tmp_path / "h"), "DIPLODB_PORT": str(free_port())}
    try:
        with ThreadPoolExecutor(3) as pool:
            results = list(pool.map(lambda _: cli("up", env=env), range(3)))
        for result in results:
            assert result.returncode == 0, result.stderr
            assert result.stdout.startswith("diplodb ready: "), result.stdout
        pid_file = tmp_path / "h" / "pgdata" / "postmaster.pid"
        pid = int(pid_file.read_text().split()[0])
        import psutil

        assert psutil.Process(pid).name() == "postgres"
        assert cli("status", env=env).returncode == 0
    finally:
        cli("down", env=env)


def test_concurrent_migrations_all_succeed_and_leave_head(make_database):
    url = libpq_url(make_database(), show_password=True)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: cli("migrate", env={"DATABASE_URL": url}), range(4)))
    for result in results:
        assert result.returncode == 0, result.stderr
    with psycopg.connect(url) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone()[0] == \
            head_revision()


@pytest.fixture
def managed(server, make_database):
    """A managed-server setup: an owner that is neither superuser nor CREATEROLE, its own
    database, and (made by the administrator) a reader group with a configurable name."""
    suffix = uuid.uuid4().hex[:8]
    owner, group, password = f"app_{suffix}", f"readers_{suffix}", uuid.uuid4().hex
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"create role {owner} login nosuperuser nocreaterole "
                          f"password '{password}'"))
    database = make_database().database
    with admin.connect() as conn:
        conn.execute(text(f'alter database "{database}" owner to {owner}'))
    url = (f"postgresql://{owner}:{password}@{server.tcp_host}:{server.tcp_port}/{database}")

    def make_group():
        with admin.connect() as conn:
            conn.execute(text(f"create role {group} nologin"))

    yield url, group, make_group, admin
    with admin.connect() as conn:
        conn.execute(text(f'drop database if exists "{database}" with (force)'))
        for role in (f"reader_{suffix}", group, owner):
            conn.execute(text(f"drop role if exists {role}"))
    admin.dispose()


def test_managed_server_minimum_privileges(managed):
    url, group, make_group, admin = managed
    env = {"DATABASE_URL": url, "DIPLODB_READER_GROUP": group}
    missing = one_line_failure(cli("up", env=env))
    assert f"create role {group} nologin" in missing
    make_group()
    up = cli("up", env=env)
    assert up.returncode == 0 and "diplodb ready" in up.stdout, up.stderr
    reader, password = group.replace("readers_", "reader_"), uuid.uuid4().hex
    with admin.connect() as conn:
        conn.execute(text(f"create role {reader} login password '{password}' in role {group}"))
    reader_url = url.replace(url.split("://")[1].split("@")[0], f"{reader}:{password}")
    with psycopg.connect(reader_url) as conn:
        assert conn.execute("select count(*) from analytics.sources").fetchone()[0] == 5
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from core.source")
    # The analyst's login is no owner: as DATABASE_URL it is refused in one line.
    assert "does not own database" in one_line_failure(
        cli("migrate", env={**env, "DATABASE_URL": reader_url}))


def test_owner_without_create_on_public_is_one_line(managed, server):
    url, group, make_group, admin = managed
    make_group()
    database = url.rsplit("/", 1)[1]
    with create_engine(server.admin_url.set(database=database),
                       isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text("alter schema public owner to postgres"))
        conn.execute(text("revoke create on schema public from public"))
    line = one_line_failure(cli("up", env={"DATABASE_URL": url, "DIPLODB_READER_GROUP": group}))
    assert "no CREATE on schema public" in line


def test_data_home_does_not_depend_on_the_working_directory(monkeypatch, tmp_path):
    from diplodb.config import resolve
    from diplodb.paths import CHECKOUT_ROOT, QUERIES_DIR

    homes = set()
    for cwd in (tmp_path, QUERIES_DIR, CHECKOUT_ROOT):
        monkeypatch.chdir(cwd)
        homes.add(resolve({}, environ={}).home)
    assert homes == {CHECKOUT_ROOT / ".diplodb"}


def test_sqlalchemy_url_for_bi_tools_connects_with_psycopg_3(home):
    path, _ = home
    url = cli("url", "--driver", "sqlalchemy", env={"DIPLODB_HOME": str(path)}).stdout.strip()
    assert url.startswith("postgresql+psycopg://analyst:")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select count(*) from analytics.sources")).scalar() == 5
    finally:
        engine.dispose()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the server to another user")
def test_as_root_the_install_is_made_readable_once_per_build():
    """PostgreSQL refuses root, so the server runs as a system user that must read the
    install; the walk that opens it runs for a new build, not at every start."""
    from diplodb.embedded import _open_install_for_others, install_dir

    install = install_dir()
    stamp = install / ".diplodb-readable-by-others"
    victim = install / "share" / "postgres.bki"
    victim.chmod(0o600)
    stamp.unlink(missing_ok=True)
    try:
        _open_install_for_others()
        assert victim.stat().st_mode & 0o044 == 0o044, "a new build is walked and opened"
        assert stamp.exists()
        victim.chmod(0o600)
        _open_install_for_others()
        assert victim.stat().st_mode & 0o777 == 0o600, "a known build is not walked again"
    finally:
        victim.chmod(0o644)
