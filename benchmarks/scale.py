"""Seeding at scale: the table of issue 17, each figure against its reference measured in
the same run, on a synthetic corpus (``diplodb synthesize``) of x1 and, with
BENCH_X1000=1 (or ``--x1000``), x1000 the real one, and with BENCH_X10000=1 (or
``--x10000``) x10000 (tens of minutes; its growing list files are written in parts, as
reference/office_terms.yaml alone would be 107 MB, over the loader's 16 MiB limit for a
seed file). Not a test.

For each scale, in fresh databases migrated to head:

* first seed (in a child process, which also reports its peak RSS) vs ``psql`` restoring
  a data-only dump of the same rows into a migrated database with
  ``session_replication_role = replica`` (COPY speed; target <= 1.5x);
* re-seed after one annotation file changed, for the first, a middle and the last file,
  vs a no-change re-seed (the worst; target <= 2x);
* peak memory of the first seed (target <= 200 MB, flat as the corpus grows);
* no-change re-seed (target <= 0.5 s at x1000, <= 2 s at x10000);
* first seed x10000 / x1000 (target <= 10.5x, linear);
* selective analyst queries: tests.plans.TYPICAL_FILTERS and the example queries, with
  the index each plan uses (target <= 20 ms; views stay index-backed).

BENCH_DATABASE_URL: a server to use instead of a temporary embedded one. BENCH_CORPORA: a
directory keeping the synthesized corpora between runs (``made_corpus``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text

from benchmarks._server import bench_server, run
from diplodb.errors import DiplodbError
from diplodb.migrate import upgrade
from diplodb.paths import EXAMPLES_DIR, SEEDS_DIR
from diplodb.seed import yaml_reader
from diplodb.seed.validate.corpus import read_corpus
from diplodb.seed.loader import seed
from diplodb.seed.synthetic import synthesize
from tests.plans import TYPICAL_FILTERS, plan_use

QUERY_RUNS = 11
QUERY_BUDGET_S = 2.0
# The child's peak is its own memory's high-water mark (VmHWM, Linux). Not ru_maxrss:
# Linux carries a process's maxrss across fork and exec, so a child of this process
# (which holds the synthesized corpus, 250 MB at x1000) reported this process's size.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from sqlalchemy.engine import make_url
from diplodb.seed.loader import seed

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

started = time.perf_counter()
report = seed(make_url(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_mb(),
                  "summary": report.summary()}))
"""


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


class SeedFailed(Exception):
    """The first seed of a scale failed; its message is the seed's own last line."""


def child_seed(url, seeds: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD,
                          url.render_as_string(hide_password=False), str(seeds)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or [f"exit {out.returncode}"]
        raise SeedFailed(lines[-1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def template_ids() -> set[str]:
    corpus = read_corpus(SEEDS_DIR)
    ids = set()
    for table, key in (("person", "person_id"), ("office", "office_id"), ("visit", "visit_id"),
                       ("meeting", "meeting_id"), ("statement", "statement_id"),
                       ("agreement", "agreement_id"), ("figure", "figure_id"),
                       ("office_term", "term_id")):
        ids |= {row[key] for row in corpus.rows[table]}
    return ids


def synthetic_sql(sql: str, ids: set[str], copy: int) -> str:
    """The query for one copy of the synthetic corpus: its ids carry -xKKKKK."""
    return re.sub(r"'([a-z0-9-]+)'",
                  lambda m: f"'{m[1]}-x{copy:05d}'" if m[1] in ids else m[0], sql)


def median_ms(conn, sql: str) -> tuple[float, int]:
    """Median of QUERY_RUNS runs, or of as many as fit in QUERY_BUDGET_S (at least one):
    a whole-corpus example query may take seconds at x1000."""
    timings, rows = [], 0
    started_all = time.perf_counter()
    for _ in range(QUERY_RUNS):
        started = time.perf_counter()
        rows = len(conn.execute(text(sql)).all())
        timings.append((time.perf_counter() - started) * 1000)
        if time.perf_counter() - started_all > QUERY_BUDGET_S:
            break
    return statistics.median(timings), rows


def edit_one_annotation(seeds: Path, position: float = 0.0) -> str:
    """Change one meeting summary in the annotation file at ``position`` (0: the first,
    1: the last), or the next one that defines a meeting. Returns the file's name."""
    paths = sorted((seeds / "annotations").glob("*.yaml"))
    start = min(len(paths) - 1, int(position * len(paths)))
    for path in paths[start:] + paths[:start]:
        data, _ = yaml_reader.load_yaml(path.name, path.read_text())
        meetings = [m for m in data.get("meetings") or [] if "summary" in m]
        if meetings:
            meetings[0]["summary"] += " (edited)"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                           width=4096))
            return path.name
    raise RuntimeError("no annotation file defines a meeting with a summary")


ONE_CHANGE_POSITIONS = (0.0, 0.5, 1.0)  # the first, a middle and the last annotation file


def made_corpus(scale: int, seeds: Path) -> float:
    """Synthesize the corpus into ``seeds``; seconds it took. With BENCH_CORPORA=DIR, a
    corpus kept there (DIR/xN, made by an earlier run: synthesize is deterministic) is
    copied instead, and one made is kept there: x10000 takes about 20 minutes to make.
    The copy is what the run edits."""
    kept = os.environ.get("BENCH_CORPORA")
    if not kept:
        return timed(lambda: synthesize(SEEDS_DIR, seeds, scale))
    stored = Path(kept) / f"x{scale}"
    generated = 0.0
    if not (stored / "dataset.yaml").is_file():
        shutil.rmtree(stored, ignore_errors=True)
        generated = timed(lambda: synthesize(SEEDS_DIR, stored, scale))
    shutil.copytree(stored, seeds)
    return generated


def measure(server, scale: int, ids: set[str], scratch: Path) -> dict:
    seeds = scratch / f"x{scale}"
    generated = made_corpus(scale, seeds)
    result: dict = {"scale": scale, "generate_s": generated}
    url = server.create_database()
    upgrade(url)
    try:
        first = child_seed(url, seeds)
    except SeedFailed:
        server.drop_database(url)
        raise
    result.update(first_s=first["seconds"], peak_mb=first["peak_mb"], summary=first["summary"])
    result["nochange_s"] = statistics.median(timed(lambda: seed(url, seeds)) for _ in range(3))
    changes = []
    for position in ONE_CHANGE_POSITIONS:  # several files: the worst is reported
        name = edit_one_annotation(seeds, position)
        started = time.perf_counter()
        report = seed(url, seeds)
        changes.append((time.perf_counter() - started, report.mode, name))
    result["onechange_s"], result["onechange_mode"], result["onechange_file"] = max(changes)
    result["onechange_all"] = changes

    dump = scratch / f"data-x{scale}.sql"
    env = server.libpq_env(url)
    run([server.tool("pg_dump"), "--data-only", "--schema=core",
         "--exclude-table=core.seed_state", "--exclude-table=core.seed_file",
         "-f", str(dump)], env)
    migrated = server.create_database()
    upgrade(migrated)
    # COPY speed: no trigger or foreign-key checks while restoring.
    restore_env = {**server.libpq_env(migrated), "PGOPTIONS": "-c session_replication_role=replica"}
    result["restore_s"] = timed(lambda: run(
        [server.tool("psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", str(dump)],
        restore_env))
    server.drop_database(migrated)

    engine = create_engine(url)
    queries = []
    copy = max(1, scale // 2)
    with engine.connect() as conn:
        conn.execute(text("analyze"))
        conn.commit()
        for view, kind, sql, index in TYPICAL_FILTERS:
            sql = synthetic_sql(sql, ids, copy)
            ms, rows = median_ms(conn, sql)
            chosen = plan_use(conn, sql)
            conn.rollback()
            queries.append((f"{view} {kind}", ms, rows, index, index in chosen.indexes,
                            sorted(chosen.indexes), sorted(chosen.seq_scans)))
        for path in sorted(EXAMPLES_DIR.glob("*.sql")):
            sql = synthetic_sql(path.read_text(), ids, copy)
            ms, rows = median_ms(conn, sql)
            chosen = plan_use(conn, sql)
            conn.rollback()
            queries.append((f"example {path.stem}", ms, rows, None, None,
                            sorted(chosen.indexes), sorted(chosen.seq_scans)))
    engine.dispose()
    server.drop_database(url)
    result["queries"] = queries
    return result


def report(results: list[dict]) -> None:
    print("seeding at scale (synthetic corpus; each figure against its reference, same run)")
    header = f"  {'':44s}" + "".join(f"{'x' + str(r['scale']):>22s}" for r in results)
    print(header)

    def line(label, values):
        print(f"  {label:44s}" + "".join(f"{v:>22s}" for v in values))

    line("corpus", [r["summary"].split(";")[0].replace(" pieces of", "") for r in results])
    line("first seed (in-process, child)", [f"{r['first_s']:.2f} s" for r in results])
    line("  reference: psql restore, replication role", [f"{r['restore_s']:.2f} s"
                                                          for r in results])
    line("  ratio (target <= 1.5x)", [f"{r['first_s'] / r['restore_s']:.2f}x" for r in results])
    line(f"re-seed, one annotation changed (worst of {len(ONE_CHANGE_POSITIONS)})",
         [f"{r['onechange_s']:.2f} s ({r['onechange_mode']})" for r in results])
    line("  reference: no-change re-seed", [f"{r['nochange_s']:.3f} s" for r in results])
    line("  ratio (target <= 2x for every file)", [f"{r['onechange_s'] / r['nochange_s']:.2f}x"
                                                   for r in results])
    line("peak RSS of the first seed (<= 200 MB)", [f"{r['peak_mb']:.0f} MB" for r in results])
    line("no-change re-seed (<= 0.5 s at x1000)", [f"{r['nochange_s']:.3f} s" for r in results])
    by_scale = {r["scale"]: r for r in results}
    if 1000 in by_scale and 10000 in by_scale:
        print(f"  {'first seed x10000 / x1000 (<= 10.5x)':44s}"
              f"{by_scale[10000]['first_s'] / by_scale[1000]['first_s']:>22.1f}x")
    line("slowest typical filter (target <= 20 ms)",
         [f"{max(q[1] for q in r['queries'] if q[3]):.2f} ms" for r in results])
    line("typical filters using their index", [
        f"{sum(1 for q in r['queries'] if q[3] and q[4])}/"
        f"{sum(1 for q in r['queries'] if q[3])}" for r in results])
    line("synthesize the corpus (0: kept, BENCH_CORPORA)",
         [f"{r['generate_s']:.1f} s" for r in results])
    for r in results:
        print(f"\nqueries and plans at x{r['scale']} (median of {QUERY_RUNS} runs, fewer "
              f"past {QUERY_BUDGET_S:.0f} s; ids of copy "
              f"{max(1, r['scale'] // 2)})")
        for name, ms, rows, index, used, indexes, seqs in r["queries"]:
            expected = f"  {index}: {'yes' if used else 'NO'}" if index else ""
            print(f"  {name:42s} {ms:8.2f} ms {rows:6d} rows{expected}")
            print(f"      indexes {', '.join(indexes) or '-'}; seq scans {', '.join(seqs) or '-'}")


def main() -> None:
    scales = [1]
    if os.environ.get("BENCH_X1000") == "1" or "--x1000" in sys.argv:
        scales.append(1000)
    if os.environ.get("BENCH_X10000") == "1" or "--x10000" in sys.argv:
        scales.append(10000)  # tens of minutes
    ids = template_ids()
    results = []
    failed: list[str] = []
    with bench_server() as server, tempfile.TemporaryDirectory() as scratch:
        for scale in scales:
            try:
                results.append(measure(server, scale, ids, Path(scratch)))
            except SeedFailed as error:  # the other scales' figures are still printed
                failed.append(f"x{scale}: the first seed failed: {error}")
            except DiplodbError as error:  # synthesize refused the scale
                failed.append(f"x{scale}: {error}")
            shutil.rmtree(Path(scratch) / f"x{scale}", ignore_errors=True)
    report(results)
    for line in failed:
        print(line)
    if len(scales) == 1:
        print("\n(x1000: BENCH_X1000=1 make bench, or python -m benchmarks.scale --x1000; "
              "several minutes)")


if __name__ == "__main__":
    main()
