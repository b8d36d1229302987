"""Every third-party module the package imports is a declared dependency, so a plain
`pip install diplodb` (no extras) runs every command. Static: no import is executed."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from diplodb.paths import CHECKOUT_ROOT

# What the installed package holds: db/ is `diplodb`, migrations/ is `diplodb.migrations`.
PACKAGE_DIRS = ("db", "migrations")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions() -> set[str]:
    project = tomllib.loads((CHECKOUT_ROOT / "pyproject.toml").read_text())["project"]
    return {_normalise(re.match(r"[A-Za-z0-9._-]+", spec).group(0))
            for spec in project["dependencies"]}


def imported_modules(root=CHECKOUT_ROOT, folders=PACKAGE_DIRS) -> dict[str, set[str]]:
    """Top-level module -> the files importing it (absolute imports only)."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], set()).add(
                        str(path.relative_to(root)))
    return found


def undeclared_imports(found: dict[str, set[str]]) -> dict[str, list[str]]:
    declared = declared_distributions()
    providers = packages_distributions()
    undeclared = {}
    for module, files in found.items():
        if module in sys.stdlib_module_names or module in ("diplodb", "__future__"):
            continue
        distributions = {_normalise(d) for d in providers.get(module, [])}
        if not distributions & declared:
            undeclared[module] = sorted(files)
    return undeclared


def test_every_third_party_import_is_a_declared_dependency():
    undeclared = undeclared_imports(imported_modules())
    assert undeclared == {}, (
        "imported by the package but not in [project] dependencies of pyproject.toml "
        f"(a plain install would fail): {undeclared}")


def test_every_dependency_is_pinned_by_a_range():
    project = tomllib.loads((CHECKOUT_ROOT / "pyproject.toml").read_text())["project"]
    for spec in project["dependencies"]:
        assert re.search(r"(>=.*,\s*<|==)", spec), f"{spec}: pin a range (>=low,<high)"


def test_the_check_notices_an_undeclared_import(tmp_path):
    """frictionless is a test-only tool: a module of the package importing it, even
    lazily inside a function, is reported."""
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "x.py").write_text("def f():\n    from frictionless import Package\n")
    assert undeclared_imports(imported_modules(tmp_path, ("db",))) == {"frictionless": ["db/x.py"]}
