"""The Python targets of `make mutate` (benchmarks/mutate.py): for each, the code mutmut
mutates and the tests that must kill its mutants (fast ones, no database).

A target is a file and the top-level names (functions, classes, constants) in it that are
mutated; mutmut is given a patch that marks exactly those lines as added
(`--use-patch-file`), so a run over db/seed/validate/ tests the cross-file rules and not
the whole reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

# target → ({file: the top-level names mutated there, None for the whole file}, tests)
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
    "cross-file-rules": ({"db/seed/validate/cross_file.py": ("cross_check", "CrossCheck"),
                          "db/seed/validate/direct_quotes.py": ("resolve_direct_quotes",)},
                         ("tests/test_seed_cross_file.py",)),
}


def target_lines(source: str, names: tuple[str, ...] | None) -> set[int]:
    """1-based numbers of the lines of the top-level definitions ``names`` (all lines of
    code when ``names`` is None; mutmut leaves docstrings and comments alone anyway)."""
    if names is None:
        return set(range(1, source.count("\n") + 2))
    lines: set[int] = set()
    found: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined = {node.name}
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined = {t.id for t in targets if isinstance(t, ast.Name)}
        else:
            continue
        if defined & set(names):
            found |= defined & set(names)
            lines.update(range(node.lineno, node.end_lineno + 1))
    missing = set(names) - found
    if missing:
        raise SystemExit(f"mutation targets not found: {sorted(missing)}")
    return lines


def patch(root: Path, target: str) -> str:
    """A unified diff that shows the target's lines as added and every other line as
    context: what `mutmut run --use-patch-file` mutates."""
    files, _ = TARGETS[target]
    parts = []
    for relative, names in files.items():
        lines = (root / relative).read_text().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        added = target_lines((root / relative).read_text(), names)
        body = [("+" if number in added else " ") + line
                for number, line in enumerate(lines, 1)]
        old = sum(1 for line in body if line.startswith(" "))
        parts.append(f"diff --git {relative} {relative}\n--- {relative}\n+++ {relative}\n"
                     f"@@ -{1 if old else 0},{old} +1,{len(lines)} @@\n"
                     + "\n".join(body) + "\n")
    return "".join(parts)
