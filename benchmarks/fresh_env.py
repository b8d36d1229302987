"""Timings of a fresh environment (medians of several runs); not a test.

`diplodb up` as a user runs it (a new process each time, embedded server): cold (no data
directory: initdb, start, migrate, seed), warm (server stopped, data kept) and when
already running (the no-op path), side by side with the reference for a cold start:
initdb + start + `psql` restoring a plain `pg_dump` of the database `up` made."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from diplodb.embedded import EmbeddedServer, free_port, install_dir
from diplodb.config import DATABASE_NAME, EmbeddedSettings

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def diplodb(home, port, *args):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DIPLODB_HOME=str(home), DIPLODB_PORT=str(port))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "diplodb.cli", *args], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - started


def psql_env(server: EmbeddedServer) -> dict[str, str]:
    return {**os.environ, "PGHOST": str(server.socket_dir), "PGPORT": str(server.settings.port),
            "PGUSER": "postgres"}


def dump_of_up(home: Path, port: int, dump: Path) -> None:
    server = EmbeddedServer(EmbeddedSettings(home, port))
    subprocess.run([str(install_dir() / "bin" / "pg_dump"), "--no-owner", "--no-privileges",
                    "-d", DATABASE_NAME, "-f", str(dump)], env=psql_env(server), check=True)


def restore_reference(dump: Path) -> float:
    """initdb + start + createdb + psql -f dump, timed; the server is stopped after."""
    home = Path(tempfile.mkdtemp()) / "ref"
    server = EmbeddedServer(EmbeddedSettings(home, free_port()))
    bin_dir = install_dir() / "bin"
    started = time.perf_counter()
    server.start()
    env = psql_env(server)
    subprocess.run([str(bin_dir / "createdb"), DATABASE_NAME], env=env, check=True)
    subprocess.run([str(bin_dir / "psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-d",
                    DATABASE_NAME, "-f", str(dump)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    server.stop()
    shutil.rmtree(home.parent, ignore_errors=True)
    return elapsed


def main():
    cold, warm, running, reference = [], [], [], []
    for _ in range(RUNS):
        home, port = Path(tempfile.mkdtemp()) / "home", free_port()
        cold.append(diplodb(home, port, "up"))
        running.append(diplodb(home, port, "up"))
        dump = home.parent / "dump.sql"
        dump_of_up(home, port, dump)
        diplodb(home, port, "down")
        warm.append(diplodb(home, port, "up"))
        diplodb(home, port, "down")
        reference.append(restore_reference(dump))
        shutil.rmtree(home.parent)
    ref = statistics.median(reference)
    print(f"{'reference: initdb + start + psql restore':42s} median {ref:6.2f} s  runs: "
          + ", ".join(f"{v:.2f}" for v in reference))
    for name, values in (("cold up", cold), ("warm up (stopped, data kept)", warm),
                         ("up, already running (no-op)", running)):
        median = statistics.median(values)
        print(f"{name:42s} median {median:6.2f} s  ({median / ref:4.2f}x reference)  runs: "
              + ", ".join(f"{v:.2f}" for v in values))


if __name__ == "__main__":
    main()
