"""mutmut hooks for `make mutate` (benchmarks/mutate.py puts this folder on PYTHONPATH so
that mutmut imports it): mutate only the code of the target named by MUTATE_TARGET.

A target is a file and the top-level names (functions, classes, constants) of it that are
mutated; every other line of the file is skipped, so a run over db/seed/corpus.py tests
the cross-file rules and not the whole reader.
"""

from __future__ import annotations

import ast
import os
from functools import cache
from pathlib import Path

# target → {file: the top-level names mutated there (None: the whole file)}, and the
# tests that must kill its mutants (fast ones, no database).
TARGETS: dict[str, tuple[dict[str, tuple[str, ...] | None], tuple[str, ...]]] = {
    "quote-locator": ({"db/seed/text.py": ("find_all", "locate")},
                      ("tests/test_text.py",)),
    "sentence-splitter": ({"db/seed/sentences.py": None},
                          ("tests/test_sentences.py",)),
    "date-rules": ({"db/seed/text.py": ("_PARTIAL_DATE", "parse_partial_date"),
                    "db/seed/rules.py": ("EARLIEST_DATE", "LATEST_DATE", "PLAN_STATUSES",
                                         "PLAN_QUALIFIERS", "check_date_window",
                                         "check_fact_date")},
                   ("tests/test_text.py", "tests/test_seed_date_rules.py")),
    "cross-file-rules": ({"db/seed/corpus.py": ("cross_check", "CrossCheck",
                                                "_resolve_direct_quotes")},
                         ("tests/test_seed_cross_file.py",)),
}


@cache
def _lines(filename: str, names: tuple[str, ...]) -> frozenset[int]:
    """1-based line numbers of the top-level definitions ``names`` in ``filename``."""
    tree = ast.parse(Path(filename).read_text())
    lines: set[int] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined = {node.name}
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined = {t.id for t in targets if isinstance(t, ast.Name)}
        else:
            continue
        if defined & set(names):
            lines.update(range(node.lineno, node.end_lineno + 1))
    return frozenset(lines)


def pre_mutation(context) -> None:
    target = os.environ.get("MUTATE_TARGET")
    if target is None:
        return
    files, _ = TARGETS[target]
    relative = Path(context.filename).resolve().relative_to(Path.cwd().resolve()).as_posix()
    if relative not in files:
        context.skip = True
        return
    names = files[relative]
    if names is not None and context.current_line_index + 1 not in _lines(relative, names):
        context.skip = True
