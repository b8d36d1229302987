"""The command line's paths beside the main one, in-process (click's CliRunner): help,
usage errors, refusals, a stopped server, an unmigrated database, the URL forms. What
needs a real process (signals) runs as a subprocess."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from click.testing import CliRunner

from diplodb.cli import cli
from diplodb.config import SETTINGS
from diplodb.embedded import free_port
from diplodb.urls import libpq_url

CLEARED = {s.env: None for s in SETTINGS} | {"TEST_DATABASE_URL": None}


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={**CLEARED, **(env or {})})


def one_line(result, code=2) -> str:
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplodb: "), result.stderr
    return lines[0]


@pytest.fixture
def database_url(make_database):
    return libpq_url(make_database(), show_password=True)


@pytest.fixture
def seeded(seeded_url):
    return {"DATABASE_URL": libpq_url(seeded_url, show_password=True)}


# -- help and usage -----------------------------------------------------------------------
def test_help_lists_every_setting_with_its_environment_variable_and_the_exit_codes():
    result = invoke("--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for setting in SETTINGS:
        assert setting.option in text and f"[env var: {setting.env}]" in text, setting.env
    assert "Exit codes:" in result.output and "130" in result.output
    assert "``" not in result.output


@pytest.mark.parametrize("command", ["up", "down", "status", "migrate", "seed", "synthesize",
                                     "docs", "export", "url"])
def test_every_command_explains_each_option_and_its_exit_codes(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Exit codes:" in result.output and "diplodb --help" in result.output
    options = result.output.split("Options:", 1)[1].split("The settings", 1)[0]
    for setting in SETTINGS:  # listed once, by diplodb --help
        assert setting.option not in options
    import click

    for param in cli.commands[command].params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help and param.help.endswith((".", ")")), (command, param.name)
        elif isinstance(param, click.Argument):  # named in the command's sentence
            assert param.human_readable_name in cli.commands[command].help, (command, param.name)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and re.fullmatch(r"diplodb \d+\.\d+\.\d+\S*\n", result.output)


@pytest.mark.parametrize(("args", "expected"), [
    (("bogus",), "No such command 'bogus'"),
    (("status", "--jsn"), "No such option '--jsn'"),
    (("--port", "70000", "up"), "from 1 to 65535"),
    (("up", "--port", "http"), "DIPLODB_PORT must be a port number"),
    (("migrate", "bogus"), "Can't locate revision 'bogus'"),
    (("url", "--role", "admin"), "'admin' is not one of"),
    (("url", "--driver", "odbc"), "'odbc' is not one of"),
    (("synthesize", "x", "--scale", "0"), "0 is not in the range x>=1"),
    (("seed", "--seeds", "/nonexistent-seeds"), "does not exist"),
    (("export",), "Missing argument 'DIRECTORY'"),
], ids=["unknown-command", "unknown-option", "port-range", "port-type", "revision", "role",
        "driver", "scale", "seeds", "export-needs-directory"])
def test_usage_errors_are_one_line_and_exit_2(args, expected):
    assert expected in one_line(invoke(*args))


def test_no_arguments_prints_the_help():
    result = invoke()
    assert result.exit_code == 0 and "Commands:" in result.output


def test_an_option_after_the_command_wins_over_the_environment(tmp_path):
    result = invoke("status", "--home", str(tmp_path / "b"), env={"DIPLODB_HOME": str(tmp_path / "a")})
    assert result.exit_code == 3 and f"data in {tmp_path / 'b'}" in result.output


# -- refusals and missing pieces ----------------------------------------------------------
def test_down_is_refused_under_database_url(database_url):
    assert "does not stop a server it did not start" in one_line(
        invoke("down", env={"DATABASE_URL": database_url}))


def test_synthesize_refuses_a_non_empty_target(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep").write_text("mine")
    assert "is not empty" in one_line(invoke("synthesize", str(tmp_path / "x")))
    assert "empty name" in one_line(invoke("synthesize", ""))
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["keep"]


def _stopped_home(tmp_path):
    """A data home with credentials and a recorded port, but no server running."""
    home = tmp_path / "stopped"
    home.mkdir()
    (home / "credentials.json").write_text(json.dumps(
        {"owner_password": "o" * 32, "analyst_password": "a" * 32}))
    port = free_port()
    (home / "server.json").write_text(json.dumps({"port": port}))
    return {"DIPLODB_HOME": str(home)}, port


def test_commands_against_a_stopped_home(tmp_path):
    env, port = _stopped_home(tmp_path)
    status = invoke("status", env=env)
    assert status.exit_code == 3 and "stopped" in status.output and f"port {port}" in status.output
    for args in (("seed",), ("migrate",), ("docs",), ("export", str(tmp_path / "out"))):
        assert "is not running; run 'diplodb up' first" in one_line(invoke(*args, env=env)), args
    assert not (tmp_path / "out").exists()
    down = invoke("down", env=env)
    assert down.exit_code == 0 and "was not running" in down.output
    url = invoke("url", env=env)  # the stored login, whether or not the server runs
    assert url.exit_code == 0 and url.output == f"postgresql://analyst:{'a' * 32}@127.0.0.1:{port}/diplodb\n"


def test_url_role_password_flags_and_drivers(tmp_path):
    env, port = _stopped_home(tmp_path)
    owner = f"diplodb_owner:{'o' * 32}@127.0.0.1:{port}/diplodb"
    expected = {
        ("--role", "owner"): f"postgresql://{owner}",
        ("--role", "owner", "--hide-password"): f"postgresql://diplodb_owner:***@127.0.0.1:{port}/diplodb",
        ("--show-password",): f"postgresql://analyst:{'a' * 32}@127.0.0.1:{port}/diplodb",
        ("--hide-password", "--driver", "sqlalchemy"):
            f"postgresql+psycopg://analyst:***@127.0.0.1:{port}/diplodb",
        ("--role", "owner", "--driver", "psycopg2"): f"postgresql+psycopg2://{owner}",
        ("--driver", "jdbc", "--hide-password"):
            f"jdbc:postgresql://127.0.0.1:{port}/diplodb?user=analyst&password=***",
    }
    for args, line in expected.items():
        result = invoke("url", *args, env=env)
        assert result.exit_code == 0 and result.output == line + "\n", (args, result.output)


def test_url_under_database_url(database_url):
    env = {"DATABASE_URL": database_url}
    line = one_line(invoke("url", env=env))
    assert "create role analyst login password '…' connection limit 20 in role diplodb_reader" in line
    # Every documented limit (README, "Using an existing server"), temp_file_limit included.
    for setting in ("statement_timeout = '60s'", "idle_in_transaction_session_timeout = '5min'",
                    "search_path = 'analytics'", "work_mem = '16MB'",
                    "temp_file_limit = '256MB'"):
        assert f"alter role analyst set {setting}" in line, (setting, line)
    from diplodb.config import mask_password

    owner = invoke("url", "--role", "owner", "--hide-password", env=env)
    assert owner.exit_code == 0 and owner.output == mask_password(database_url) + "\n"
    shown = invoke("url", "--role", "owner", env=env)
    assert shown.output == database_url + "\n"


def test_ready_line_under_database_url_says_how_to_make_the_analyst_login(seeded):
    result = invoke("up", "--reader-group", "diplodb_reader", env=seeded)
    assert result.exit_code == 0, result.stderr
    assert "--show-password" not in result.output
    assert "analyst login, made by an administrator: create role analyst login" in result.output


def test_seed_and_export_on_an_unmigrated_database(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    assert "not migrated" in one_line(invoke("seed", env=env))
    assert "not migrated" in one_line(invoke("export", str(tmp_path / "out"), env=env))
    assert "not migrated" in one_line(invoke("docs", "--output", str(tmp_path / "d.md"), env=env))
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_export_error_paths(seeded, tmp_path):
    assert "empty name" in one_line(invoke("export", "", env=seeded))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "old.csv").write_text("x")
    assert "add --overwrite" in one_line(invoke("export", str(tmp_path / "full"), env=seeded))
    (tmp_path / "file").write_text("x")
    assert "is a file" in one_line(invoke("export", str(tmp_path / "file"), env=seeded))
    replaced = invoke("export", str(tmp_path / "full"), "--overwrite", env=seeded)
    assert replaced.exit_code == 0, replaced.stderr
    assert not (tmp_path / "full" / "old.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "full"]


# -- drivers: each URL form connects with the client that takes it -----------------------
@pytest.fixture
def analyst_libpq(server, seeded_url):
    """An analyst login in the reader group, over TCP with a password, on the seeded
    database (what `diplodb url` prints for the embedded server)."""
    import uuid

    from sqlalchemy import create_engine, text

    name, password = f"analyst_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"create role {name} login password '{password}' in role diplodb_reader"))
    yield (f"postgresql://{name}:{password}@{server.tcp_host}:{server.tcp_port}/"
           f"{seeded_url.database}")
    with admin.connect() as conn:
        conn.execute(text(f"drop role {name}"))
    admin.dispose()


def test_each_driver_url_connects_as_the_analyst(analyst_libpq):
    import psycopg2
    from sqlalchemy import create_engine, text

    from diplodb.urls import url_for_driver

    with psycopg.connect(url_for_driver(analyst_libpq, "libpq")) as conn:
        assert conn.execute("select count(*) from analytics.sources").fetchone()[0] == 5
    with psycopg2.connect(url_for_driver(analyst_libpq, "libpq")) as conn, conn.cursor() as cur:
        cur.execute("select count(*) from analytics.visits")
        assert cur.fetchone()[0] > 0
    for driver, dialect in (("sqlalchemy", "psycopg"), ("psycopg2", "psycopg2")):
        engine = create_engine(url_for_driver(analyst_libpq, driver))
        assert engine.dialect.driver == dialect
        with engine.connect() as conn:
            assert conn.execute(text("select count(*) from analytics.about")).scalar() == 1
        engine.dispose()
    jdbc = url_for_driver(analyst_libpq, "jdbc")
    found = re.fullmatch(r"jdbc:postgresql://([^:/]+):(\d+)/(\w+)\?user=(\w+)&password=(\w+)", jdbc)
    assert found, jdbc
    host, port, dbname, user, password = found.groups()
    with psycopg.connect(host=host, port=port, dbname=dbname, user=user, password=password):
        pass


def _process_env(extra):
    from tests.test_production import CLEAN_ENV

    return {**CLEAN_ENV, **extra}


# -- Ctrl-C ---------------------------------------------------------------------------------
def test_ctrl_c_during_a_seed_is_one_line_exit_130_and_writes_nothing(make_database, tmp_path):
    from sqlalchemy import create_engine, text

    from diplodb.migrate import upgrade
    from diplodb.paths import SEEDS_DIR
    from diplodb.seed.synthetic import synthesize

    url = make_database()
    upgrade(url)
    # large enough that the seed still runs when interrupted (x20 took 2.5 s)
    synthesize(SEEDS_DIR, tmp_path / "corpus", 40)
    proc = subprocess.Popen([sys.executable, "-m", "diplodb.cli", "seed", "--seeds",
                             str(tmp_path / "corpus")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env=_process_env({"DATABASE_URL": libpq_url(url, show_password=True)}),
                            # as from a terminal: a suite started in the background (make
                            # test &) passes on SIGINT ignored, and Python then keeps it so
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    engine = create_engine(url)
    deadline = time.monotonic() + 60
    with engine.connect() as conn:  # wait until the seed holds its lock, then interrupt it
        while time.monotonic() < deadline and proc.poll() is None and not conn.execute(text(
                "select exists (select from pg_locks l join pg_class c on c.oid = l.relation "
                "where c.relname = 'seed_file' and l.mode = 'ExclusiveLock' and l.granted "
                "and l.pid <> pg_backend_pid() and l.database = "
                "(select oid from pg_database where datname = current_database()))")).scalar():
            conn.rollback()
            time.sleep(0.01)
    time.sleep(0.1)
    assert proc.poll() is None, "the seed finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (stdout, stderr)
    assert stderr == "diplodb: interrupted; nothing was written\n" and stdout == ""
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from core.source")).scalar() == 0
        assert conn.execute(text("select count(*) from core.seed_state")).scalar() == 0
    engine.dispose()


# -- progress: on a terminal only ---------------------------------------------------------
class _Terminal:
    """A stand-in for a terminal's stderr."""

    def __init__(self):
        import io

        self.buffer = io.StringIO()

    def isatty(self):
        return True

    def write(self, text):
        return self.buffer.write(text)

    def flush(self):
        pass


def test_progress_is_shown_on_a_terminal_and_not_elsewhere(monkeypatch, seeded_url, tmp_path):
    from diplodb import progress
    from diplodb.export import export

    monkeypatch.setattr(progress, "DELAY", 0)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    export(seeded_url, tmp_path / "shown")
    shown = terminal.buffer.getvalue()
    assert "export" in shown and "view" in shown and "/s" in shown, shown
    monkeypatch.undo()
    quiet = invoke("export", str(tmp_path / "quiet"), env={
        "DATABASE_URL": libpq_url(seeded_url, show_password=True)})
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert list(progress.progress(range(3), total=3, desc="x")) == [0, 1, 2]


def test_the_no_op_up_imports_neither_click_nor_sqlalchemy(seeded):
    """The most frequent call stays cheap: a current database is answered with psycopg
    alone, before the click application (or SQLAlchemy, Alembic) is imported."""
    probe = ("import sys, runpy; sys.argv = ['diplodb', 'up']\n"
             "try:\n    runpy.run_module('diplodb.cli', run_name='__main__')\n"
             "except SystemExit as done:\n"
             "    print(done.code, sorted({m.split('.')[0] for m in sys.modules} & "
             "{'click', 'sqlalchemy', 'alembic'}), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, env=_process_env(seeded))
    assert result.stdout.startswith("diplodb ready: ") and "unchanged" in result.stdout
    assert result.stderr.strip() == "0 []", result.stderr


# -- a full WAL disk ------------------------------------------------------------------------
def test_a_connection_the_embedded_server_dropped_on_a_full_disk_says_so(tmp_path, monkeypatch):
    # A full WAL disk is a PANIC: the client only sees its connection close. The server's
    # log says why, and so must the one line.
    import psycopg

    from diplodb import commands

    home = tmp_path / "home"
    home.mkdir()
    panic = ("2026-12-01 10:00:00 UTC [123] PANIC:  could not write to file "
             '"pg_wal/xlogtemp.123": No space left on device')
    (home / "server.log").write_text(f"an earlier line\n{panic}\n")

    def dropped(config, **params):
        raise psycopg.OperationalError("the connection is closed")

    monkeypatch.setattr(commands, "cmd_seed", dropped)
    line = one_line(invoke("seed", env={"DIPLODB_HOME": str(home)}))
    assert line == (f"diplodb: no space left on the database's disk: {panic} "
                    f"(log: {home / 'server.log'})")
    # Without such a line in the log, the connection's end is said as it is.
    (home / "server.log").write_text("an earlier line\n")
    assert one_line(invoke("seed", env={"DIPLODB_HOME": str(home)})).startswith(
        "diplodb: the server closed the connection")
