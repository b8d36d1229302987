"""Seeding timings (medians of several runs); not a test.

For each run, a fresh database is migrated to head and then:

* ``seed`` into it (the loader in-process, and ``diplodb seed`` as a command);
* ``seed`` again with nothing changed (in-process, and as a command);
* for reference, ``psql`` restoring a plain ``pg_dump`` of the seeded database into an
  empty database (schema and data), and a data-only dump into a migrated database.

Targets: a first seed within 2x of the full restore; a no-change re-seed under 0.5 s.
BENCH_RUNS sets the number of runs; BENCH_DATABASE_URL a server to use instead of a
temporary embedded one."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks._server import bench_server, run
from diplodb.migrate import upgrade
from diplodb.seed.loader import seed
from diplodb.paths import SEEDS_DIR
from diplodb.urls import libpq_url

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def cli_seed(url) -> None:
    env = dict(os.environ, DATABASE_URL=libpq_url(url, show_password=True))
    subprocess.run([sys.executable, "-m", "diplodb.cli", "seed"], env=env, check=True,
                   capture_output=True)


def row_count(url) -> int:
    from diplodb.seed.loader import core_tables

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sum(conn.execute(text(f"select count(*) from {table.fullname}")).scalar()
                       for table in core_tables())
    finally:
        engine.dispose()


def main() -> None:
    timings: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        timings.setdefault(name, []).append(seconds)

    with bench_server() as server, tempfile.TemporaryDirectory() as scratch:
        full_dump = Path(scratch) / "full.sql"
        data_dump = Path(scratch) / "data.sql"
        rows = 0
        for index in range(RUNS):
            seeded = server.create_database()
            upgrade(seeded)
            record("seed, in-process", timed(lambda: seed(seeded, SEEDS_DIR)))
            record("re-seed unchanged, in-process", timed(lambda: seed(seeded, SEEDS_DIR)))
            record("re-seed unchanged, diplodb seed", timed(lambda: cli_seed(seeded)))

            by_command = server.create_database()
            upgrade(by_command)
            record("seed, diplodb seed", timed(lambda: cli_seed(by_command)))

            if index == 0:
                rows = row_count(seeded)
                env = server.libpq_env(seeded)
                run([server.tool("pg_dump"), "--no-owner", "-f", str(full_dump)], env)
                run([server.tool("pg_dump"), "--data-only", "--schema=core",
                     "--exclude-table=core.seed_state", "-f", str(data_dump)], env)

            empty = server.create_database()
            record("restore full dump, psql", timed(lambda: run(
                [server.tool("psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f",
                 str(full_dump)], server.libpq_env(empty))))

            migrated = server.create_database()
            upgrade(migrated)
            record("restore data-only dump, psql", timed(lambda: run(
                [server.tool("psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f",
                 str(data_dump)], server.libpq_env(migrated))))

            for url in (seeded, by_command, empty, migrated):
                server.drop_database(url)

    median = {name: statistics.median(values) for name, values in timings.items()}
    print(f"seeding benchmark: {RUNS} runs, {rows} rows in core, medians")
    for name, values in timings.items():
        print(f"  {name:34s} {median[name]:6.3f} s   runs: "
              + ", ".join(f"{v:.3f}" for v in values))
    restore = median["restore full dump, psql"]
    data_only = median["restore data-only dump, psql"]
    for name in ("seed, in-process", "seed, diplodb seed"):
        print(f"  {name:34s} {median[name] / restore:5.2f}x full restore, "
              f"{median[name] / data_only:5.2f}x data-only restore  (target <= 2x full)")
    for name in ("re-seed unchanged, in-process", "re-seed unchanged, diplodb seed"):
        verdict = "met" if median[name] < 0.5 else "NOT met"
        print(f"  {name:34s} {median[name]:6.3f} s  (target < 0.5 s: {verdict})")


if __name__ == "__main__":
    main()
