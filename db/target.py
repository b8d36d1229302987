"""Which database a command works on, resolved once from the configuration: the server
named by DATABASE_URL, or the embedded server of the data home."""

from __future__ import annotations

from dataclasses import dataclass

from diplodb.config import ANALYST_ROLE, OWNER_ROLE, Config
from diplodb.embedded import EmbeddedServer
from diplodb.errors import DiplodbError


@dataclass(frozen=True)
class Target:
    config: Config
    owner: str  # libpq URL of the role that migrates and seeds
    analyst: str | None  # the analyst login, when diplodb made it (embedded)
    where: str
    server: EmbeddedServer | None = None

    def owner_sqlalchemy_url(self):
        from diplodb.urls import sqlalchemy_url

        return sqlalchemy_url(self.owner)


def embedded_server(config: Config) -> EmbeddedServer:
    return EmbeddedServer(config.embedded(), config.reader_group)


def _embedded_target(config: Config, server: EmbeddedServer, creds) -> Target:
    return Target(config, server.conninfo(OWNER_ROLE, creds), server.conninfo(ANALYST_ROLE, creds),
                  f"data in {server.settings.home}", server)


def running_target(config: Config) -> Target:
    """DATABASE_URL, or the embedded server if it runs; never starts one."""
    if config.database_url is not None:
        return Target(config, config.database_url, None, "DATABASE_URL")
    server = embedded_server(config)
    if server.running_pid() is None:
        raise DiplodbError(f"the embedded server in {server.settings.home} is not running; "
                           "run 'diplodb up' first (or set DATABASE_URL)")
    running_port = server.running_port()
    if running_port is not None and running_port != server.settings.port:
        raise DiplodbError(f"the server in {server.settings.home} runs on port {running_port}, "
                           f"not {server.settings.port}; leave DIPLODB_PORT unset")
    return _embedded_target(config, server, server.credentials())


def started_target(config: Config) -> Target:
    """For ``up``: DATABASE_URL, or the embedded server started and bootstrapped. The
    caller holds the home's lock."""
    if config.database_url is not None:
        return Target(config, config.database_url, None, "DATABASE_URL")
    server = embedded_server(config)
    server.start()
    return _embedded_target(config, server, server.bootstrap())
