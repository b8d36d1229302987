"""Example-query timings (median of several runs) and each plan's use of indexes; not a
test. Also times the typical filtered queries of tests.plans and shows, for each, the index
the plan uses as chosen by PostgreSQL and with whole-table scans discouraged (what a
larger corpus would get).

BENCH_RUNS sets the runs per query; BENCH_DATABASE_URL a server to use instead of a
temporary embedded one."""

from __future__ import annotations

import os
import statistics
import time

from sqlalchemy import create_engine, text

from benchmarks._server import bench_server
from diplodb.migrate import upgrade
from tests.plans import TYPICAL_FILTERS, plan_use
from diplodb.seed.loader import seed
from diplodb.paths import EXAMPLES_DIR, SEEDS_DIR

RUNS = int(os.environ.get("BENCH_RUNS", "21"))
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.sql"))


def median_ms(conn, sql: str) -> tuple[float, int]:
    rows = 0
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        rows = len(conn.execute(text(sql)).all())
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), rows


def describe(names: set[str]) -> str:
    return ", ".join(sorted(names)) or "-"


def main() -> None:
    with bench_server() as server:
        url = server.create_database()
        try:
            upgrade(url)
            seed(url, SEEDS_DIR)
            engine = create_engine(url)
            with engine.connect() as conn:
                conn.execute(text("analyze"))
                print(f"example queries: median of {RUNS} runs (client round trip); "
                      "indexes searched with a condition")
                total = 0.0
                for path in EXAMPLES:
                    sql = path.read_text()
                    ms, rows = median_ms(conn, sql)
                    total += ms
                    chosen = plan_use(conn, sql, analyze=True)
                    conn.rollback()
                    forced = plan_use(conn, sql, whole_scans=False)
                    conn.rollback()
                    print(f"  {path.stem:34s} {ms:7.2f} ms {rows:4d} rows  (executor "
                          f"{chosen.execution_ms:.2f} ms)")
                    print(f"      chosen plan: indexes {describe(chosen.indexes)}; "
                          f"seq scans {describe(chosen.seq_scans)}")
                    print(f"      whole scans off: indexes {describe(forced.indexes)}; "
                          f"seq scans {describe(forced.seq_scans)}")
                print(f"  all fifteen: {total:.1f} ms")
                print("typical filters: median, index used (chosen / with whole-table scans off)")
                for view, kind, sql, index in TYPICAL_FILTERS:
                    ms, rows = median_ms(conn, sql)
                    chosen = plan_use(conn, sql)
                    conn.rollback()
                    forced = plan_use(conn, sql, whole_scans=False)
                    conn.rollback()
                    print(f"  {view + ' ' + kind:38s} {ms:7.2f} ms {rows:4d} rows  {index}: "
                          f"{'yes' if index in chosen.indexes else 'no'} / "
                          f"{'yes' if index in forced.indexes else 'no'}")
            engine.dispose()
        finally:
            server.drop_database(url)


if __name__ == "__main__":
    main()
