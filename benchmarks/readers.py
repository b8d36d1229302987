"""Readers during re-seeds: analyst sessions keep querying the analytics views while the
corpus is re-seeded back and forth, and every answer must be the old state or the new
one, never a mix, and never an error. Not a test.

    .venv/bin/python -m benchmarks.readers [--scale 100] [--clients 8] [--seeds 6]

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
from diplodb.migrate import upgrade
from diplodb.paths import SEEDS_DIR
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
    order = ["b", "a", "c", "a"]
    timings = []
    for index in range(args.seeds):
        name = order[index % len(order)]
        begun = time.perf_counter()
        report = seed(url, scratch / name)
        timings.append((name, report.mode, time.perf_counter() - begun))
        modes[name] = report.mode
    stop.set()
    for thread in threads:
        thread.join()
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


if __name__ == "__main__":
    main()
