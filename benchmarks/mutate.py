"""Mutation testing (`make mutate`; not part of CI: it takes several minutes): plant small
bugs one at a time and check that the tests fail on each. Prints every surviving mutant
and a count per target; exits 1 when a mutant survives.

1. Python, with mutmut: the quote locator, the sentence splitter, the date rules and the
   cross-file rules (benchmarks/mutation_targets.py names the code and the tests of each).
2. SQL, scripted here: each view's filters and join conditions (a dropped WHERE, a flipped
   stance filter, a join condition replaced by true, ...). A mutant is written to
   queries/views/<view>.sql AND to the migration copy that head builds the view from
   (the newest migrations/sql/<rev>/<view>.sql), so the test databases, built by
   `alembic upgrade head`, really hold the mutant; then the view tests run.

Every file is restored byte for byte afterwards, on failure and on Ctrl-C too.

    python -m benchmarks.mutate                 # everything
    python -m benchmarks.mutate sql             # the SQL mutants only
    python -m benchmarks.mutate quote-locator   # one mutmut target (mutation_targets.py)
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.mutation_targets import TARGETS, patch

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ROOT / "queries" / "views"
MIGRATION_SQL = ROOT / "migrations" / "sql"
SQL_TESTS = ("tests/test_views.py", "tests/test_examples.py", "tests/test_curation.py")

# Run the tests as CI does: Hypothesis derandomised; no bytecode written, so no run ever
# reads a mutant's (or the original's) .pyc in place of the file as it is.
TEST_ENV = {**os.environ, "HYPOTHESIS_PROFILE": "ci", "PYTHONDONTWRITEBYTECODE": "1"}


# Each test run gets a private base temporary directory: pytest keeps only the three
# newest of its shared per-user directories (/tmp/pytest-of-<user>/pytest-N), so a run per
# mutant would otherwise delete the directories (and embedded servers) of other pytest
# sessions of the same user that are still running.
BASETEMP = Path(tempfile.gettempdir()) / f"diplodb-mutate-{os.getpid()}"


def pytest_command(tests) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
            f"--basetemp={BASETEMP}", *tests]


# -- SQL ----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SqlMutant:
    view: str
    operator: str
    line: int     # 1-based, in queries/views/<view>.sql
    before: str
    after: str
    pattern: re.Pattern
    index: int    # which match of the operator's pattern in the file (0-based)

    def __str__(self) -> str:
        return (f"{self.view}.sql:{self.line} {self.operator}: {self.before.strip()!r} -> "
                f"{self.after.strip()!r}")


# (operator, pattern, replacement of the whole match). Conditions are matched up to the
# end of their line, a closing bracket, an ORDER BY or the end of the statement.
CONDITION = r"[^\n;()]+?(?=\s+order by|\s*\)|\s*;|\s*\n)"
OPERATORS: list[tuple[str, re.Pattern, str | None]] = [
    ("flip stance filter", re.compile(r"stance = 'supports'"), "stance <> 'supports'"),
    ("flip stance filter", re.compile(r"stance <> 'supports'"), "stance = 'supports'"),
    ("drop stance filter", re.compile(r"\s+and e\.stance = 'supports'"), ""),
    ("drop where", re.compile(r"\n\s*where " + CONDITION), ""),
    # A WHERE on the line of its FROM (a correlated subquery): its condition made true.
    ("where true", re.compile(r"(?<=\S )where " + CONDITION), "where true"),
    ("join condition true", re.compile(r"\bon (?!true\b)" + CONDITION), "on true"),
    ("drop disjunct", re.compile(r"(?<!create) or [^\n;]+?(?= or |;|\n)"), ""),
    ("drop conjunct", re.compile(r"\s+and [^\n;()]+?(?=\s+order by|\s*\)|;|\n)"), ""),
    ("negate null test", re.compile(r"\bis not null\b"), "is null"),
    ("negate comparison", re.compile(r" <> (?!'supports')"), " = "),
]


def _sql_part(text_: str) -> int:
    """Where the view's statement ends (the COMMENT ON statements are not mutated)."""
    found = text_.find("\ncomment on ")
    return len(text_) if found == -1 else found


def _in_comment(text_: str, offset: int) -> bool:
    line_start = text_.rfind("\n", 0, offset) + 1
    return "--" in text_[line_start:offset]


def _matches(text_: str, pattern: re.Pattern) -> list[re.Match]:
    end = _sql_part(text_)
    return [m for m in pattern.finditer(text_, 0, end) if not _in_comment(text_, m.start())]


def sql_mutants(view_file: Path) -> list[SqlMutant]:
    text_ = view_file.read_text(encoding="utf-8")
    mutants, planted = [], set()
    for operator, pattern, replacement in OPERATORS:
        for index, match in enumerate(_matches(text_, pattern)):
            after = replacement or ""
            mutated = text_[:match.start()] + after + text_[match.end():]
            if mutated in planted:  # two operators, one mutant
                continue
            planted.add(mutated)
            mutants.append(SqlMutant(view_file.stem, operator,
                                     text_.count("\n", 0, match.start()) + 1, match.group(0),
                                     after, pattern, index))
    return mutants


def migration_copy(view: str) -> Path:
    """The frozen copy head builds the view from: the newest revision folder holding it."""
    copies = sorted(MIGRATION_SQL.glob(f"*/{view}.sql"))
    if not copies:
        raise SystemExit(f"no migration copy of {view}.sql under {MIGRATION_SQL}")
    return copies[-1]


def apply(path: Path, original: str, mutant: SqlMutant) -> None:
    matches = _matches(original, mutant.pattern)
    match = matches[mutant.index]
    if match.group(0) != mutant.before:
        raise SystemExit(f"{path} does not hold the same SQL as queries/views/{mutant.view}.sql "
                         f"at {mutant}; the mutant cannot be planted in both")
    path.write_text(original[:match.start()] + mutant.after + original[match.end():],
                    encoding="utf-8")


class Restorer:
    """Remembers files byte for byte and writes them back, whatever ends the run."""

    def __init__(self):
        self.saved: dict[Path, bytes] = {}

    def save(self, path: Path) -> None:
        self.saved.setdefault(path, path.read_bytes())

    def restore(self) -> None:
        for path, content in self.saved.items():
            if path.read_bytes() != content:
                path.write_bytes(content)

    def __enter__(self):
        def interrupted(signum, frame):
            raise KeyboardInterrupt(f"signal {signum}")
        self.previous = signal.signal(signal.SIGTERM, interrupted)
        return self

    def __exit__(self, *exc):
        self.restore()
        signal.signal(signal.SIGTERM, self.previous)
        return False


def run_sql(restorer: Restorer) -> tuple[int, list[str]]:
    mutants = [m for f in sorted(VIEWS.glob("*.sql")) for m in sql_mutants(f)]
    print(f"SQL: {len(mutants)} mutants of {len(list(VIEWS.glob('*.sql')))} views; "
          f"tests: {' '.join(SQL_TESTS)}", flush=True)
    survived = []
    for number, mutant in enumerate(mutants, 1):
        view_file, copy = VIEWS / f"{mutant.view}.sql", migration_copy(mutant.view)
        originals = {}
        for path in (view_file, copy):
            restorer.save(path)
            originals[path] = restorer.saved[path].decode("utf-8")
        try:
            for path in (view_file, copy):
                apply(path, originals[path], mutant)
            started = time.monotonic()
            result = subprocess.run(pytest_command(SQL_TESTS), cwd=ROOT, env=TEST_ENV,
                                    capture_output=True, text=True)
        finally:
            restorer.restore()
        verdict = "killed" if result.returncode != 0 else "SURVIVED"
        print(f"  [{number}/{len(mutants)}] {verdict:8} {mutant} "
              f"({time.monotonic() - started:.0f} s)", flush=True)
        if result.returncode == 0:
            survived.append(str(mutant))
        elif result.returncode not in (1,):  # 1: tests failed; anything else is an error
            print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
            raise SystemExit(f"the tests could not run on {mutant} (exit {result.returncode})")
    return len(mutants), survived


# -- Python (mutmut) ----------------------------------------------------------------------
def run_mutmut(target: str, restorer: Restorer) -> tuple[dict[str, int], list[str]]:
    files, tests = TARGETS[target]
    for relative in files:
        restorer.save(ROOT / relative)
    cache = ROOT / ".mutmut-cache"
    cache.unlink(missing_ok=True)  # one target at a time: its own results only
    patch_file = ROOT / ".mutmut-target.patch"
    patch_file.write_text(patch(ROOT, target))
    mutmut = [sys.executable, "-m", "mutmut"]
    # A mutant that loops forever appending to a list would take the machine's memory
    # before mutmut's timeout: each test run gets at most MUTATE_MEMORY bytes.
    # mutmut counts only exit code 1 as failed tests; a mutant that breaks the import (pytest
    # exits 2) is caught too, so every failure is made 1.
    limited = " ".join(["prlimit", f"--as={os.environ.get('MUTATE_MEMORY', 2 * 1024**3)}",
                        *pytest_command(tests)])
    runner = shlex.join(["sh", "-c", f"{limited} || exit 1"])
    print(f"{target}: mutmut on {', '.join(files)}; tests: {' '.join(tests)}", flush=True)
    try:
        subprocess.run([*mutmut, "run", "--paths-to-mutate", ",".join(files), "--runner", runner,
                        "--tests-dir", "tests/", "--use-patch-file", str(patch_file),
                        "--no-progress", "--simple-output"],
                       cwd=ROOT, env=TEST_ENV, stdout=subprocess.DEVNULL)
    finally:
        restorer.restore()
        patch_file.unlink(missing_ok=True)
        for relative in files:  # mutmut's own backup of the file it mutated
            (ROOT / f"{relative}.bak").unlink(missing_ok=True)
    counts, survivors = {}, []
    for status in ("killed", "survived", "timeout", "suspicious", "skipped", "untested"):
        ids = subprocess.run([*mutmut, "result-ids", status], cwd=ROOT, env=TEST_ENV,
                             capture_output=True, text=True).stdout.split()
        counts[status] = len(ids)
        if status in ("survived", "untested"):
            for ident in ids:
                diff = subprocess.run([*mutmut, "show", ident], cwd=ROOT, env=TEST_ENV,
                                      capture_output=True, text=True).stdout
                survivors.append(f"{target} mutant {ident} ({status}):\n{diff.strip()}")
    cache.unlink(missing_ok=True)
    return counts, survivors


def main(argv: list[str]) -> int:
    wanted = argv or [*TARGETS, "sql"]
    unknown = set(wanted) - {*TARGETS, "sql"}
    if unknown:
        raise SystemExit(f"unknown target(s) {sorted(unknown)}; known: {[*TARGETS, 'sql']}")
    summary, survivors = [], []
    with Restorer() as restorer:
        for target in wanted:
            if target == "sql":
                total, survived = run_sql(restorer)
                summary.append(f"  sql: {total} mutants, {total - len(survived)} killed, "
                               f"{len(survived)} survived")
                survivors.extend(f"sql mutant survived: {s}" for s in survived)
            else:
                counts, found = run_mutmut(target, restorer)
                tested = counts["killed"] + counts["survived"] + counts["timeout"] + counts[
                    "suspicious"]
                summary.append(f"  {target}: {tested} mutants, {counts['killed']} killed, "
                               f"{counts['survived']} survived, {counts['timeout']} timed out, "
                               f"{counts['suspicious']} suspicious")
                print(summary[-1], *found, sep="\n", flush=True)
                survivors.extend(found)
    shutil.rmtree(BASETEMP, ignore_errors=True)
    print("\nSurviving mutants:" if survivors else "\nNo mutant survived.")
    for survivor in survivors:
        print(survivor)
    print("\nPer target:", *summary, sep="\n")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
