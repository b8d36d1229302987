"""diplodb up / status / url / down, run as a user would, against a private home."""

import os
import socket
import subprocess
import sys

import psycopg
import pytest

from diplodb.embedded import free_port


def run(home, port, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_URL")}
    env.update(DIPLODB_HOME=str(home), DIPLODB_PORT=str(port))
    return subprocess.run([sys.executable, "-m", "diplodb.cli", *args], env=env, capture_output=True,
                          text=True, timeout=180)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    home, port = tmp_path_factory.mktemp("home") / "diplodb", free_port()
    up = run(home, port, "up")
    yield home, port, up
    run(home, port, "down")


def test_up_prints_ready_line_with_masked_password(running):
    home, port, up = running
    assert up.returncode == 0, up.stderr
    assert up.stdout.startswith("diplodb ready: postgresql://analyst:***@127.0.0.1:")
    assert oct((home / "credentials.json").stat().st_mode & 0o777) == "0o600"


def test_second_up_changes_nothing(running):
    home, port, _ = running
    again = run(home, port, "up")
    assert again.returncode == 0 and "unchanged" in again.stdout


def test_analyst_connects_over_tcp_and_wrong_password_is_refused(running):
    home, port, _ = running
    url = run(home, port, "url").stdout.strip()
    assert "@127.0.0.1:" in url and "***" not in url
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from analytics.sources").fetchone()[0] == 5
    wrong = url.replace("analyst:", "analyst:x", 1)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong)


def test_status_reports_revision_and_rows(running):
    home, port, _ = running
    status = run(home, port, "status")
    # Six visits in the articles: Zarif to Baghdad and Kadhimi to Tehran (000-002), the
    # postponed Saudi and the planned Washington legs (000, 001), Rashid to Tehran (004)
    # and Pezeshkian to Baghdad (003).
    assert "running" in status.stdout and "at head" in status.stdout and "visit=6" in status.stdout


def test_up_after_a_downgrade_migrates_back_to_head(running):
    from diplodb.migrate import head_revision

    home, port, _ = running
    refused = run(home, port, "migrate", "0002")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert run(home, port, "migrate", "0002", "--yes").returncode == 0
    again = run(home, port, "up")
    assert again.returncode == 0, again.stderr
    assert f"revision {head_revision()};" in again.stdout


def test_edited_seed_files_are_never_taken_for_unchanged(running, seeds_copy):
    home, port, _ = running
    annotation = sorted((seeds_copy / "annotations").glob("*.yaml"))[0]
    annotation.write_text(annotation.read_text() + "# reviewed\n")
    edited = run(home, port, "seed", "--seeds", str(seeds_copy))
    assert edited.returncode == 0, edited.stderr
    assert "unchanged" not in edited.stdout and "rows written" in edited.stdout
    assert "unchanged" in run(home, port, "seed", "--seeds", str(seeds_copy)).stdout
    # Back to the project's own seed files: up notices the difference, then settles.
    back = run(home, port, "up")
    assert "unchanged" not in back.stdout and "rows written" in back.stdout
    assert "unchanged" in run(home, port, "up").stdout


def test_no_op_up_and_seed_against_database_url(seeded_url):
    from diplodb.migrate import head_revision
    from diplodb.urls import libpq_url

    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env["DATABASE_URL"] = libpq_url(seeded_url, show_password=True)

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "diplodb.cli", *args], env=env,
                              capture_output=True, text=True, timeout=120)

    seeded = cli("seed")
    assert seeded.returncode == 0 and "unchanged" in seeded.stdout, seeded.stderr
    up = cli("up")
    assert up.returncode == 0, up.stderr
    assert up.stdout.startswith("diplodb ready: ") and "DATABASE_URL" in up.stdout
    assert f"revision {head_revision()};" in up.stdout and "unchanged" in up.stdout


def test_port_in_use_is_one_clear_line(tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        result = run(tmp_path / "h", blocker.getsockname()[1], "up")
    assert result.returncode != 0
    assert "in use" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_database_url_is_one_clear_line():
    env = {**os.environ, "DATABASE_URL": f"postgresql://nobody@127.0.0.1:{free_port()}/x"}
    result = subprocess.run([sys.executable, "-m", "diplodb.cli", "migrate"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "cannot reach the database" in result.stderr and "Traceback" not in result.stderr


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_down_leaves_no_postgres_behind(tmp_path):
    home, port = tmp_path / "d", free_port()
    assert run(home, port, "up").returncode == 0
    pid = int((home / "pgdata" / "postmaster.pid").read_text().split()[0])
    assert run(home, port, "down").returncode == 0
    assert not _alive(pid)
    # A crash leaves a stale pid file; up recovers.
    (home / "pgdata" / "postmaster.pid").write_text(f"{pid}\n{home}\n0\n{port}\n\n\n\n")
    again = run(home, port, "up")
    assert again.returncode == 0, again.stderr
    assert run(home, port, "down").returncode == 0


def test_database_newer_than_the_code_is_refused(make_database):
    from sqlalchemy import create_engine, text

    from diplodb.migrate import upgrade
    from diplodb.urls import libpq_url

    url = make_database()
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '9999'"))
    env = {**os.environ, "DATABASE_URL": libpq_url(url, show_password=True)}
    for command in ("migrate", "up"):
        result = subprocess.run([sys.executable, "-m", "diplodb.cli", command], env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "revision 9999, which this code does not know" in result.stderr
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "9999"
        assert conn.execute(text("select count(*) from core.visit")).scalar() == 0
    engine.dispose()


def test_listen_addresses_setting_is_where_the_server_listens(tmp_path, monkeypatch):
    """DIPLODB_LISTEN_ADDRESSES (for a BI tool in Docker) reaches PostgreSQL's
    listen_addresses, and password logins are admitted from the host's subnets."""
    from diplodb.config import resolve
    from diplodb.embedded import EmbeddedServer

    monkeypatch.setenv("DIPLODB_HOME", str(tmp_path / "diplodb"))
    monkeypatch.setenv("DIPLODB_PORT", str(free_port()))
    monkeypatch.setenv("DIPLODB_LISTEN_ADDRESSES", "127.0.0.1,::1")
    server = EmbeddedServer(resolve().embedded())
    server.start()
    try:
        creds = server.bootstrap()
        with psycopg.connect(host="::1", port=server.settings.port, dbname="diplodb",
                             user="analyst", password=creds.analyst_password) as conn:
            assert conn.execute("show listen_addresses").fetchone()[0] == "127.0.0.1,::1"
        rules = (server.settings.pgdata / "pg_hba.conf").read_text().splitlines()
        assert EmbeddedServer.SAMENET_RULE in rules
    finally:
        server.stop()
