"""Regenerate the error-message examples of docs/seed-format.md from real runs:

    .venv/bin/python -m tests.seed_format_examples

Each broken input of tests/test_seed_errors.py and tests/test_seed_rules.py is applied
to a fresh copy of the seed files and validated; the first message that the test expects
is written to the document, between the markers below. The test of each case checks that
its message is still there, word for word.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from diplodb.paths import DATA_ROOT, SEEDS_DIR
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.validate.corpus import read_corpus

DOC = DATA_ROOT / "docs" / "seed-format.md"
START, END = "<!-- examples:start -->", "<!-- examples:end -->"


def matching_line(lines: list[str], expected: list[str]) -> str | None:
    return next((line for line in lines if all(f in line for f in expected)), None)


def run(mutate, expected) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(SEEDS_DIR, seeds)
        mutate(seeds)
        try:
            read_corpus(seeds)
        except SeedValidationError as error:
            line = matching_line([str(p) for p in error.problems], expected)
            if line is not None:
                return line
        raise AssertionError(f"no message with {expected}")


def main() -> None:
    from tests.test_seed_errors import ALL_CASES

    rows = [f"- `{case}`: `{run(mutate, expected)}`" for case, mutate, expected in ALL_CASES]
    text = DOC.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n" + "\n".join(rows) + f"\n{END}{tail}")
    print(f"{DOC}: {len(rows)} examples")


if __name__ == "__main__":
    main()
