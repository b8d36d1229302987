"""diplodb's configuration, resolved once at the edge of the CLI and handed to every command.

Each setting has a command-line option and an environment variable; the option wins.
Nothing here depends on the working directory: the embedded server's home is the
checkout's ``.diplodb/`` when the code runs from a checkout, else the user's data
directory. Validation happens here, so a bad value is one line, before anything starts.

Kept free of SQLAlchemy and Alembic imports: the no-op ``up`` and ``seed`` use it too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from diplodb.errors import DiplodbError
from diplodb.paths import CHECKOUT_ROOT, SEEDS_DIR

DEFAULT_PORT = 54329
DATABASE_NAME = "diplodb"
OWNER_ROLE = "diplodb_owner"
ANALYST_ROLE = "analyst"
DEFAULT_READER_GROUP = "diplodb_reader"
DEFAULT_LOCK_TIMEOUT = 30.0
DEFAULT_LISTEN_ADDRESSES = "127.0.0.1"

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Setting:
    """One configurable value: its option, its environment variable and what it means."""

    option: str
    env: str
    help: str
    default: str | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("--database-url", "DATABASE_URL",
            "PostgreSQL URL of an existing database to use instead of the embedded server "
            "(its role must own the database)"),
    Setting("--home", "DIPLODB_HOME",
            "the embedded server's data directory (default: .diplodb/ in the checkout, "
            "else the user's data directory)"),
    Setting("--port", "DIPLODB_PORT",
            f"port of the embedded server (default: the port it last ran on, else {DEFAULT_PORT})"),
    Setting("--listen-addresses", "DIPLODB_LISTEN_ADDRESSES",
            "addresses the embedded server listens on, e.g. '*' for a BI tool in Docker",
            DEFAULT_LISTEN_ADDRESSES),
    Setting("--seeds", "DIPLODB_SEEDS", "the seed data directory (default: the shipped data set)"),
    Setting("--reader-group", "DIPLODB_READER_GROUP",
            "NOLOGIN role that is granted read access to the analytics views",
            DEFAULT_READER_GROUP),
    Setting("--lock-timeout", "DIPLODB_LOCK_TIMEOUT",
            "seconds to wait for another migration, seed or start to finish",
            str(int(DEFAULT_LOCK_TIMEOUT))),
)


@dataclass(frozen=True)
class EmbeddedSettings:
    home: Path
    port: int
    listen_addresses: str = DEFAULT_LISTEN_ADDRESSES

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"

    @property
    def socket_dir(self) -> Path:
        return self.home / "run"

    @property
    def log_file(self) -> Path:
        return self.home / "server.log"

    @property
    def credentials_file(self) -> Path:
        return self.home / "credentials.json"

    @property
    def server_file(self) -> Path:
        """Where the port of the last start is recorded, so url/status/down find it."""
        return self.home / "server.json"

    @property
    def lock_file(self) -> Path:
        return self.home / "lock"


@dataclass(frozen=True)
class Config:
    database_url: str | None  # libpq form (postgresql://…), validated; None = embedded
    home: Path
    port: int | None  # given explicitly; None = recorded, else the default
    listen_addresses: str
    seeds: Path
    reader_group: str
    lock_timeout: float
    explicit: frozenset[str] = field(default=frozenset())

    @property
    def external(self) -> bool:
        return self.database_url is not None

    def embedded(self) -> EmbeddedSettings:
        port = self.port or recorded_port(self.home) or DEFAULT_PORT
        return EmbeddedSettings(self.home, port, self.listen_addresses)


def default_home() -> Path:
    if CHECKOUT_ROOT is not None:
        return CHECKOUT_ROOT / ".diplodb"
    from platformdirs import user_data_dir

    return Path(user_data_dir("diplodb", appauthor=False))


def recorded_port(home: Path) -> int | None:
    try:
        return int(json.loads((home / "server.json").read_text())["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def resolve(options: Mapping[str, str | None] | None = None,
            environ: Mapping[str, str] | None = None) -> Config:
    """The configuration from command-line ``options`` (keyed by env name) and ``environ``."""
    env = os.environ if environ is None else environ
    options = options or {}

    def value(setting: Setting) -> str | None:
        given = options.get(setting.env)
        if given is None or given == "":
            given = env.get(setting.env) or None
        return given if given is not None else setting.default

    raw = {s.env: value(s) for s in SETTINGS}
    explicit = frozenset(s.env for s in SETTINGS if options.get(s.env) or env.get(s.env))
    home = Path(raw["DIPLODB_HOME"]).expanduser() if raw["DIPLODB_HOME"] else default_home()
    seeds = Path(raw["DIPLODB_SEEDS"]).expanduser() if raw["DIPLODB_SEEDS"] else SEEDS_DIR
    return Config(
        database_url=_database_url(raw["DATABASE_URL"]),
        home=home.resolve(),
        port=_port(raw["DIPLODB_PORT"]),
        listen_addresses=_listen_addresses(raw["DIPLODB_LISTEN_ADDRESSES"]),
        seeds=seeds.resolve(),
        reader_group=_reader_group(raw["DIPLODB_READER_GROUP"]),
        lock_timeout=_seconds(raw["DIPLODB_LOCK_TIMEOUT"]),
        explicit=explicit,
    )


def _port(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise DiplodbError(f"DIPLODB_PORT must be a port number from 1 to 65535, got {raw!r}")
    return int(raw)


def _listen_addresses(raw: str) -> str:
    if not re.fullmatch(r"\*|[0-9A-Za-z.:_-]+(,[0-9A-Za-z.:_-]+)*", raw):
        raise DiplodbError("DIPLODB_LISTEN_ADDRESSES must be '*' or a comma-separated list of "
                           f"host names or addresses, got {raw!r}")
    return raw


def _reader_group(raw: str) -> str:
    if not _IDENTIFIER.match(raw):
        raise DiplodbError("DIPLODB_READER_GROUP must be a lower-case role name "
                           f"(letters, digits, underscores), got {raw!r}")
    return raw


def _seconds(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1
    if not 0 < seconds <= 86400:
        raise DiplodbError(f"DIPLODB_LOCK_TIMEOUT must be a number of seconds, got {raw!r}")
    return seconds


_SCHEME = re.compile(r"^(postgres|postgresql)(\+psycopg)?://", re.IGNORECASE)


def _database_url(raw: str | None) -> str | None:
    """Validate DATABASE_URL and return it in libpq form; refuse what would surprise."""
    if raw is None:
        return None
    shape = "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
    if not _SCHEME.match(raw):
        raise DiplodbError(f"DATABASE_URL must be a PostgreSQL URL ({shape}), got {_mask(raw)!r}")
    libpq = _SCHEME.sub("postgresql://", raw, count=1)
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(libpq)
    except Exception as error:  # psycopg.ProgrammingError: libpq's own parse message
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "unparsable"
        raise DiplodbError(f"DATABASE_URL is not a valid URL ({shape}): {reason}") from None
    for port in str(params.get("port") or "").split(","):
        if port and not (port.isdigit() and 1 <= int(port) <= 65535):
            raise DiplodbError(f"DATABASE_URL has an invalid port {port!r} ({shape})")
    if not params.get("dbname"):
        raise DiplodbError(
            "DATABASE_URL names no database; add it (…/DATABASE) so that nothing is "
            "migrated into the role's default database by mistake")
    return libpq


# The analyst login's limits: `up` keeps the embedded login so (db/roles.py) and the
# README documents them for a login an administrator makes on an existing server. The
# settings are defaults a session can change with SET (statement_timeout … work_mem), but
# temp_file_limit, which only a superuser may set, bounds it hard.
ANALYST_CONNECTION_LIMIT = 20
ANALYST_SETTINGS = {
    "statement_timeout": "60s",
    "idle_in_transaction_session_timeout": "5min",
    "search_path": "analytics",
    "work_mem": "16MB",
    "temp_file_limit": "256MB",
}


def analyst_login_sql(reader_group: str) -> str:
    """What an administrator runs to make the analyst login on an existing server."""
    settings = "; ".join(f"alter role analyst set {name} = '{value}'"
                         for name, value in ANALYST_SETTINGS.items())
    return (f"create role analyst login password '…' connection limit "
            f"{ANALYST_CONNECTION_LIMIT} in role {reader_group}; {settings}")


def _mask(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def mask_password(url: str) -> str:
    """The URL with its password replaced by ***."""
    return _mask(url)
