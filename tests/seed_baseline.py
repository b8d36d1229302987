"""Record what `diplodb seed --check` says for every broken input of the bad-input suite:

    .venv/bin/python -m tests.seed_baseline OUTDIR

Each case of tests/test_seed_errors.py (ALL_CASES) is applied to a fresh copy of the seed
files; the exit code and the full stderr of `diplodb --seeds COPY seed --check` are written
to OUTDIR/<case>.txt. Run it before and after a change to the loader and compare the two
directories with `diff -r`: a change that should leave the messages alone leaves them
byte-identical. With SEED_BASELINE_URL (a database holding the shipped seeds), each case
is also seeded into it (`diplodb --database-url URL --seeds COPY seed`, refused, so the
database stays as it was) and that stderr written to OUTDIR/<case>.seed.txt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from diplodb.paths import SEEDS_DIR


_LOCK_WAIT = re.compile(r"diplodb: waiting up to .* for the seed lock, held by ")


def _file_name(case: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", case) + ".txt"


def run_case(case: str, mutate, outdir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(SEEDS_DIR, seeds)
        mutate(seeds)
        env = {"PATH": "/usr/bin:/bin", "DIPLODB_HOME": str(Path(tmp) / "home"),
               "LANG": os.environ.get("LANG", "C.UTF-8")}
        if "PYTHONPATH" in os.environ:  # e.g. another checkout's code, to compare with
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        result = subprocess.run([sys.executable, "-m", "diplodb.cli", "--seeds", str(seeds),
                                 "seed", "--check"], capture_output=True, text=True, env=env)
        stderr = result.stderr.replace(str(seeds), "<SEEDS>").replace(tmp, "<TMP>")
        (outdir / _file_name(case)).write_text(f"exit {result.returncode}\n{stderr}")
        url = os.environ.get("SEED_BASELINE_URL")
        if url:  # the same files seeded into a database holding the shipped seeds
            result = subprocess.run([sys.executable, "-m", "diplodb.cli", "--database-url", url,
                                     "--seeds", str(seeds), "seed"],
                                    capture_output=True, text=True, env=env)
            stderr = result.stderr.replace(str(seeds), "<SEEDS>").replace(tmp, "<TMP>")
            # Two cases run at once, so one may wait for the other's seed lock: not kept.
            stderr = "".join(line for line in stderr.splitlines(keepends=True)
                             if not _LOCK_WAIT.match(line))
            (outdir / _file_name(case).replace(".txt", ".seed.txt")).write_text(
                f"exit {result.returncode}\n{stderr}")


def main() -> None:
    from tests.test_seed_errors import ALL_CASES

    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda c: run_case(c[0], c[1], outdir), ALL_CASES))
    print(f"{outdir}: {len(ALL_CASES)} cases")


if __name__ == "__main__":
    main()
