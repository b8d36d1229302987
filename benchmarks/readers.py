"""Readers during re-seeds: analyst sessions keep querying the analytics views while the
corpus is re-seeded back and forth, and every answer must be the old state or the new
one, never a mix, and never an error. Not a test.

    .venv/bin/python -m benchmarks.readers [--scale 100] [--clients 8] [--seeds 6]

Then the example queries (queries/examples/, with the ids of one synthetic copy): each
run alone by one reader with nothing else running (the single-client time), then by every
client in a loop during the same re-seeds again; printed per query: the single-client
median, and the p50 and p99 under load with their ratio to it (target p99 <= 3x), and
the errors (target 0).

Three versions of a synthetic corpus: A; B (A with a new data-set version and 50 edited
annotation files: a full re-seed); C (A with 10 edited annotation files: an incremental
re-seed). The seeds go A → B → A → C → A → …; each reader samples, in one statement,
the data version, the number of edited meeting summaries and the row counts of three
views, and every sample must be one of the three states' own samples.

BENCH_DATABASE_URL: a server to use instead of a temporary embedded one.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import yaml

from benchmarks._server import bench_server
from benchmarks.scale import synthetic_sql, template_ids
from diplodb.migrate import upgrade
from diplodb.paths import EXAMPLES_DIR, SEEDS_DIR
from diplodb.seed import yaml_reader
from diplodb.seed.loader import seed
from diplodb.seed.synthetic import synthesize
from diplodb.urls import libpq_url

SAMPLE = """
select (select data_version from analytics.about),
       (select count(*) from analytics.meetings where summary like '%%(edited)'),
       (select count(*) from analytics.citations),
       (select count(*) from analytics.visits),
       (select count(*) from analytics.statements)
"""


def edited(source: Path, target: Path, files: int, version: str | None) -> None:
    shutil.copytree(source, target)
    for path in sorted((target / "annotations").glob("*.yaml"))[:files]:
        data, _ = yaml_reader.load_yaml(path.name, path.read_text())
        meetings = [m for m in data.get("meetings") or [] if m.get("summary")]
        if not meetings:
            continue
        meetings[0]["summary"] += " (edited)"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096))
    if version:
        dataset = target / "dataset.yaml"
        text = dataset.read_text()
        old = yaml.safe_load(text)["version"]
        dataset.write_text(text.replace(f'"{old}"', f'"{version}"').replace(
            f"version: {old}", f"version: {version}"))


def sample(conn) -> tuple:
    return tuple(conn.execute(SAMPLE).fetchone())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seeds", type=int, default=6)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="diplodb-readers-"))
    try:
        with bench_server() as server:
            run(server, scratch, args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(server, scratch: Path, args) -> None:
    a = scratch / "a"
    described = synthesize(SEEDS_DIR, a, args.scale)
    edited(a, scratch / "b", 50, "2099.1.1")
    edited(a, scratch / "c", 10, None)
    url = server.create_database()
    upgrade(url)
    conninfo = libpq_url(url)
    states, modes = {}, {}
    started = time.perf_counter()
    seed(url, a)
    first_s = time.perf_counter() - started
    with psycopg.connect(conninfo) as conn:
        for name in ("b", "c", "a"):  # each state's own sample, seeded without readers
            seed(url, scratch / name)
            states[sample(conn)] = name
    assert len(states) == 3, states

    stop = threading.Event()
    samples: list[tuple[float, tuple]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def reader() -> None:
        try:
            conn = psycopg.connect(conninfo, autocommit=True)
            conn.execute("set role diplodb_reader")
        except psycopg.Error as error:
            with lock:
                errors.append(f"connect: {error}")
            return
        with conn:
            while not stop.is_set():
                begun = time.perf_counter()
                try:
                    found = sample(conn)
                except psycopg.Error as error:
                    with lock:
                        errors.append(str(error).splitlines()[0])
                    continue
                with lock:
                    samples.append((time.perf_counter() - begun, found))

    threads = [threading.Thread(target=reader) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    timings = reseeds(url, scratch, args.seeds, modes)
    stop.set()
    for thread in threads:
        thread.join()
    examples = examples_under_load(url, scratch, args)
    server.drop_database(url)

    mixed = [found for _, found in samples if found not in states]
    seen = {states[found] for _, found in samples if found in states}
    latencies = sorted(seconds * 1000 for seconds, _ in samples)
    print(f"corpus: {described}; first seed {first_s:.1f} s")
    print(f"re-seeds during reads: {len(timings)} ("
          + ", ".join(f"→{name} {mode} {seconds:.1f} s" for name, mode, seconds in timings)
          + ")")
    print(f"readers: {args.clients} clients, {len(samples)} samples, states seen: "
          f"{', '.join(sorted(seen))}; mixed: {len(mixed)}; errors: {len(errors)}")
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1] if len(latencies) > 20 else latencies[-1]
        print(f"sample latency: median {statistics.median(latencies):.0f} ms, "
              f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")
    for line in (mixed[:5] + errors[:5]):
        print(f"  {line}")
    report_examples(args, *examples)


SEED_ORDER = ["b", "a", "c", "a"]


def reseeds(url, scratch: Path, count: int, modes: dict | None = None) -> list[tuple]:
    """Re-seed A → B → A → C → A …; (state, mode, seconds) of each."""
    timings = []
    for index in range(count):
        name = SEED_ORDER[index % len(SEED_ORDER)]
        begun = time.perf_counter()
        report = seed(url, scratch / name)
        timings.append((name, report.mode, time.perf_counter() - begun))
        if modes is not None:
            modes[name] = report.mode
    return timings


def examples_under_load(url, scratch: Path, args):
    """(single-client median ms per example, latencies ms per example under load,
    errors, the re-seeds meanwhile)."""
    copy = max(1, args.scale // 2)
    ids = template_ids()
    queries = {path.stem: synthetic_sql(path.read_text(), ids, copy)
               for path in sorted(EXAMPLES_DIR.glob("*.sql"))}
    conninfo = libpq_url(url)
    seed(url, scratch / "a")
    single: dict[str, float] = {}
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("set role diplodb_reader")
        for name, sql in queries.items():
            runs = []
            for _ in range(3):
                begun = time.perf_counter()
                conn.execute(sql).fetchall()
                runs.append((time.perf_counter() - begun) * 1000)
            single[name] = statistics.median(runs)
    stop = threading.Event()
    latencies: dict[str, list[float]] = {name: [] for name in queries}
    errors: list[str] = []
    lock = threading.Lock()

    def analyst(offset: int) -> None:
        names = list(queries)
        names = names[offset % len(names):] + names[:offset % len(names)]
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("set role diplodb_reader")
            while not stop.is_set():
                for name in names:
                    begun = time.perf_counter()
                    try:
                        conn.execute(queries[name]).fetchall()
                    except psycopg.Error as error:
                        with lock:
                            errors.append(f"{name}: {str(error).splitlines()[0]}")
                        continue
                    with lock:
                        latencies[name].append((time.perf_counter() - begun) * 1000)

    threads = [threading.Thread(target=analyst, args=(k,)) for k in range(args.clients)]
    for thread in threads:
        thread.start()
    timings = reseeds(url, scratch, args.seeds)
    stop.set()
    for thread in threads:
        thread.join()
    return single, latencies, errors, timings


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def report_examples(args, single, latencies, errors, timings) -> None:
    print(f"\nexample queries, {args.clients} analysts in a loop during {len(timings)} re-seeds ("
          + ", ".join(f"→{name} {mode} {seconds:.1f} s" for name, mode, seconds in timings)
          + f"); errors: {len(errors)}")
    print(f"  {'example':34s} {'alone':>9s} {'p50':>9s} {'p99':>9s} {'p99/alone':>10s} runs")
    worst = 0.0
    for name, alone in single.items():
        found = latencies[name]
        if not found:
            print(f"  {name:34s} {alone:7.1f} ms  (no run completed)")
            continue
        p50, p99 = _percentile(found, 0.5), _percentile(found, 0.99)
        worst = max(worst, p99 / alone)
        print(f"  {name:34s} {alone:7.1f} ms {p50:7.1f} ms {p99:7.1f} ms {p99 / alone:9.1f}x "
              f"{len(found)}")
    print(f"  worst p99 / single-client time: {worst:.1f}x (target <= 3x); "
          f"{args.clients} clients share {_cores()} cores with the seed")
    for line in errors[:5]:
        print(f"  {line}")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
