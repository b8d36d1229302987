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
from diplodb.urls import libpq_url
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


def owner_url(home_path) -> str:
    return cli("url", "--role", "owner", env={"DIPLODB_HOME": str(home_path)}).stdout.strip()


@pytest.mark.parametrize("command, table", [(("seed", "--force"), "core.seed_file"),
                                            (("migrate", "base", "--yes"), "alembic_version")])
def test_lock_wait_says_who_holds_it_at_once_then_gives_up_in_one_line(home, command, table):
    path, _ = home
    with psycopg.connect(owner_url(path)) as holder:
        holder.execute(f"lock table {table} in exclusive mode")
        pid = holder.info.backend_pid
        result = cli(*command, "--lock-timeout", "1", env={"DIPLODB_HOME": str(path)})
        holder.rollback()
    assert result.returncode == 2, result.stderr
    waiting, failure = result.stderr.strip().splitlines()
    assert waiting.startswith("diplodb: waiting up to 1 s for the ") and f"pid {pid}" in waiting
    assert "user diplodb_owner" in waiting and " since 20" in waiting and "UTC" in waiting
    assert failure.startswith("diplodb: waited 1 s for the ") and f"pid {pid}" in failure


def test_the_analyst_cannot_block_a_seed_or_a_migration(home):
    from diplodb.locks import MIGRATION_LOCK_TABLE, SEED_LOCK_TABLE

    path, _ = home
    env = {"DIPLODB_HOME": str(path)}
    with psycopg.connect(analyst_url(path), autocommit=True) as analyst:
        # The advisory keys seeding and migrating used to take: anyone may take them.
        analyst.execute("select pg_advisory_lock(1592644017), pg_advisory_lock(3518038017)")
        for table in (SEED_LOCK_TABLE, MIGRATION_LOCK_TABLE):
            for mode in ("exclusive", "access share", "row share"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    with analyst.transaction():
                        analyst.execute(f"lock table {table} in {mode} mode")
        with analyst.transaction():
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                analyst.execute(f"select * from {MIGRATION_LOCK_TABLE} for update")
        seeded = cli("seed", "--force", "--lock-timeout", "2", env=env)
        assert seeded.returncode == 0 and seeded.stderr == "", seeded.stderr
        migrated = cli("migrate", "--lock-timeout", "2", env=env)
        assert migrated.returncode == 0 and migrated.stderr == "", migrated.stderr


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


def test_the_analyst_cannot_keep_what_it_changed_about_itself(home):
    path, _ = home
    env = {"DIPLODB_HOME": str(path)}
    with psycopg.connect(analyst_url(path), autocommit=True) as analyst:
        analyst.execute("alter role analyst in database diplodb set statement_timeout = '1h'")
        analyst.execute("alter role analyst in database diplodb "
                        "set idle_in_transaction_session_timeout = 0")
        analyst.execute("alter role analyst set work_mem = '1GB'")
        analyst.execute("alter role analyst reset all")  # keeps what only a superuser sets
        analyst.execute("alter role analyst password 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute("alter role analyst connection limit 1000")
    for command in (("up",), ("down",), ("up",)):  # up on the running server, then a restart
        result = cli(*command, env=env)
        assert result.returncode == 0, result.stderr
    # The first up repaired it and said so in one line; the restart found nothing to say.
    with psycopg.connect(analyst_url(path)) as conn:
        shown = {name: conn.execute(f"show {name}").fetchone()[0] for name in
                 ("statement_timeout", "idle_in_transaction_session_timeout", "work_mem",
                  "temp_file_limit", "search_path")}
    assert shown == {"statement_timeout": "1min", "idle_in_transaction_session_timeout": "5min",
                     "work_mem": "16MB", "temp_file_limit": "256MB", "search_path": "analytics"}


def test_up_says_in_one_line_that_it_restored_the_analyst_login(home):
    path, _ = home
    with psycopg.connect(analyst_url(path), autocommit=True) as analyst:
        analyst.execute("alter role analyst in database diplodb set statement_timeout = '1h'")
        analyst.execute("alter role analyst password 'x'")
    result = cli("up", env={"DIPLODB_HOME": str(path)})
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "diplodb: the analyst login had been changed (password, statement_timeout in database "
        "diplodb); restored its password and settings from credentials.json"]
    again = cli("up", env={"DIPLODB_HOME": str(path)})
    assert again.returncode == 0 and again.stderr == "", again.stderr


@pytest.mark.parametrize("statement", [
    "select lo_from_bytea(0, 'x')", "select lo_create(0)", "select lo_creat(-1)",
    "select pg_logical_emit_message(false, 'p', 'm')", "select pg_notify('c', 'm')",
    "set temp_file_limit = -1", "create temporary table t (i int)",
    "alter role analyst reset temp_file_limit"])
def test_the_analyst_writes_nothing_that_outlives_its_session(home, statement):
    with psycopg.connect(analyst_url(home[0])) as analyst:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute(statement)


@pytest.mark.parametrize("database", ["postgres", "template1"])
def test_the_analyst_connects_to_diplodb_only(home, database):
    url = analyst_url(home[0]).rsplit("/", 1)[0] + f"/{database}"
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(url)


def test_server_log_is_private_across_restarts(home):
    path, _ = home
    log = path / "server.log"
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    os.chmod(log, 0o644)  # as an older diplodb left it
    env = {"DIPLODB_HOME": str(path)}
    assert cli("down", env=env).returncode == 0 and cli("up", env=env).returncode == 0
    assert oct(log.stat().st_mode & 0o777) == "0o600"


@pytest.fixture
def long_home(tmp_path):
    """A data home deep enough that the socket goes to /tmp/diplodb-<hash>."""
    from diplodb.config import EmbeddedSettings
    from diplodb.embedded import EmbeddedServer

    home = tmp_path / ("d" * 60) / ("e" * 60)
    port = free_port()
    socket_dir = EmbeddedServer(EmbeddedSettings(home, port)).socket_dir
    assert str(socket_dir).startswith("/tmp/diplodb-")
    yield home, port, socket_dir
    if socket_dir.is_symlink() or socket_dir.is_file():
        socket_dir.unlink()
    elif socket_dir.is_dir():
        import shutil

        shutil.rmtree(socket_dir)


@pytest.mark.parametrize("planted", ["symlink", "wide open", "file"])
def test_a_planted_socket_directory_is_refused(long_home, tmp_path, planted):
    home, port, socket_dir = long_home
    target = tmp_path / "target"
    target.mkdir(mode=0o755)
    if planted == "symlink":
        socket_dir.symlink_to(target)
    elif planted == "file":
        socket_dir.write_text("")
    else:
        socket_dir.mkdir()
        socket_dir.chmod(0o777)
    result = cli("up", env={"DIPLODB_HOME": str(home), "DIPLODB_PORT": str(port)})
    line = one_line_failure(result)
    assert str(socket_dir) in line and "socket directory" in line
    assert oct(target.stat().st_mode & 0o777) == "0o755" and target.stat().st_uid == os.getuid()
    assert list(target.iterdir()) == []


def test_the_socket_fallback_directory_is_private(long_home):
    home, port, socket_dir = long_home
    env = {"DIPLODB_HOME": str(home), "DIPLODB_PORT": str(port)}
    try:
        first = cli("up", env=env)
        assert first.returncode == 0, first.stderr
        found = os.lstat(socket_dir)
        assert oct(found.st_mode & 0o777) == "0o700"
        import pwd

        expected = pwd.getpwnam("embedded_postgres").pw_uid if os.geteuid() == 0 else os.getuid()
        assert found.st_uid == expected
        assert cli("down", env=env).returncode == 0
        again = cli("up", env=env)  # its own directory from the last start is accepted
        assert again.returncode == 0, again.stderr
    finally:
        cli("down", env=env)


def test_up_after_a_killed_postmaster_recovers_at_once_and_says_so(home):
    import signal

    import psutil

    path, _ = home
    env = {"DIPLODB_HOME": str(path)}
    pid_file = path / "pgdata" / "postmaster.pid"
    pid = int(pid_file.read_text().split()[0])
    os.kill(pid, signal.SIGKILL)
    # Unless an init reaps it, it stays a zombie, which PostgreSQL takes for a live server.
    up = cli("up", env=env)
    assert up.returncode == 0, up.stderr
    assert up.stderr.splitlines() == [
        f"diplodb: the server had crashed (postmaster pid {pid} ended without a shutdown); "
        "it recovered at this start and lost no committed data"]
    new_pid = int(pid_file.read_text().split()[0])
    assert new_pid != pid and psutil.Process(new_pid).name() == "postgres"
    with psycopg.connect(analyst_url(path)) as conn:
        assert conn.execute("select count(*) from analytics.visits").fetchone()[0] > 0


def test_migrate_resets_settings_a_reader_login_gave_itself(server, make_database):
    from diplodb.migrate import upgrade

    url = make_database()  # as a superuser
    upgrade(url)
    role = f"reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"create role {role} login in role diplodb_reader"))
        conn.execute(text(f'alter role {role} in database "{url.database}" '
                          "set statement_timeout = 0"))
    try:
        result = cli("migrate", env={"DATABASE_URL": libpq_url(url)})
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines() == [
            "diplodb: reset the settings that reader logins had given themselves in this "
            f"database: {role} (statement_timeout)"]
        with admin.connect() as conn:
            assert conn.execute(text("select count(*) from pg_db_role_setting s join pg_roles r "
                                     "on r.oid = s.setrole where r.rolname = :r"),
                                {"r": role}).scalar() == 0
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"drop role {role}"))
        admin.dispose()


def test_on_a_managed_server_migrate_says_what_the_administrator_resets(managed):
    url, group, make_group, admin = managed
    make_group()
    reader = f"reader_{group.removeprefix('readers_')}"  # dropped by the fixture
    database = url.rsplit("/", 1)[1]
    with admin.connect() as conn:
        conn.execute(text(f"create role {reader} login in role {group}"))
        conn.execute(text(f'alter role {reader} in database "{database}" '
                          "set statement_timeout = 0"))
    result = cli("migrate", env={"DATABASE_URL": url, "DIPLODB_READER_GROUP": group})
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"diplodb: reader logins {reader} have settings of their own in this database, which "
        f"override their limits; an administrator runs: alter role \"{reader}\" in database "
        f"\"{database}\" reset all"]


def test_a_wait_for_the_home_lock_names_the_holder_at_once(home):
    import fcntl

    path, _ = home
    # Another `up` (this test) holds the home's lock, as it would while starting.
    with open(path / "lock", "r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.truncate(0)
        held.write(f"pid {os.getpid()}, since 2026-01-01 00:00:00 UTC\n")
        held.flush()
        result = cli("down", "--lock-timeout", "1", env={"DIPLODB_HOME": str(path)})
    assert result.returncode == 2, result.stderr
    waiting, failure = result.stderr.strip().splitlines()
    assert waiting == (f"diplodb: waiting up to 1 s for another diplodb process (pid "
                       f"{os.getpid()}, since 2026-01-01 00:00:00 UTC) that holds {path / 'lock'}")
    assert failure.startswith(f"diplodb: another diplodb process (pid {os.getpid()}, ")
