"""The PostgreSQL the benchmarks run against: the server named by BENCH_DATABASE_URL
(a role that may create databases), else a throw-away embedded server in a temporary
directory. Each benchmark makes its own databases and drops them."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from diplodb.urls import sqlalchemy_url


class BenchServer:
    def __init__(self, admin_url: URL, bin_dir: Path | None):
        self.admin_url = admin_url
        self.bin_dir = bin_dir
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def create_database(self, prefix: str = "diplodb_bench") -> URL:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self._admin.connect() as conn:
            conn.execute(text(f'create database "{name}"'))
        return self.admin_url.set(database=name)

    def drop_database(self, url: URL) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(f'drop database if exists "{url.database}" with (force)'))

    def libpq_env(self, url: URL) -> dict[str, str]:
        """Environment for pg_dump / psql pointing at ``url`` (no password on argv)."""
        env = dict(os.environ)
        query = dict(url.query)
        env.update(PGHOST=str(query.get("host", url.host or "127.0.0.1")),
                   PGPORT=str(query.get("port", url.port or 5432)),
                   PGUSER=url.username or "postgres", PGDATABASE=url.database or "postgres")
        if url.password:
            env["PGPASSWORD"] = url.password
        return env

    def tool(self, name: str) -> str:
        """A client binary whose major version matches the server's where one is at
        hand (pg_dump refuses newer servers; a newer dump may not restore on older)."""
        if self.bin_dir is not None:
            return str(self.bin_dir / name)
        return shutil.which(name) or name

    def close(self) -> None:
        self._admin.dispose()


@contextlib.contextmanager
def bench_server():
    external = os.environ.get("BENCH_DATABASE_URL")
    if external:
        server = BenchServer(sqlalchemy_url(external), None)
        try:
            yield server
        finally:
            server.close()
        return
    from diplodb.embedded import install_dir, throwaway_server

    home = Path(tempfile.mkdtemp(prefix="diplodb-bench-"))
    try:
        with throwaway_server(home / "pg") as embedded:
            server = BenchServer(embedded.superuser_url(), install_dir() / "bin")
            try:
                yield server
            finally:
                server.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(argv: list[str], env: dict[str, str]) -> None:
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)
