"""Timings of a fresh environment (medians of several runs); not a test.

`diplodb up` as a user runs it (a new process each time, embedded server): cold (no data
directory: initdb, start, migrate, seed), warm (server stopped, data kept) and when
already running (the no-op path)."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PORT = os.environ.get("BENCH_PORT", "54391")


def diplodb(home, *args):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DIPLODB_HOME=str(home), DIPLODB_PORT=PORT)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "diplodb.cli", *args], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - started


def main():
    cold, warm, running = [], [], []
    for _ in range(RUNS):
        home = Path(tempfile.mkdtemp()) / "home"
        cold.append(diplodb(home, "up"))
        running.append(diplodb(home, "up"))
        diplodb(home, "down")
        warm.append(diplodb(home, "up"))
        diplodb(home, "down")
        shutil.rmtree(home.parent)
    for name, values, target in (("cold up", cold, 4.0), ("warm up", warm, 1.5),
                                 ("up, already running", running, 0.5)):
        median = statistics.median(values)
        print(f"{name:22s} median {median:6.2f} s  (target {target} s)  runs: "
              + ", ".join(f"{v:.2f}" for v in values))


if __name__ == "__main__":
    main()
