"""Where the shipped data lives: inside the installed package, or beside ``db/`` in a
checkout. Nothing here depends on the working directory."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

# A wheel carries migrations/, queries/ and seeds/ inside the package; a checkout keeps
# them at its root, next to db/.
_CANDIDATE_CHECKOUT = PACKAGE_DIR.parent
CHECKOUT_ROOT: Path | None = (
    _CANDIDATE_CHECKOUT
    if (_CANDIDATE_CHECKOUT / "pyproject.toml").is_file()
    and (_CANDIDATE_CHECKOUT / "migrations" / "env.py").is_file()
    and not (PACKAGE_DIR / "migrations").is_dir()
    else None
)
DATA_ROOT = CHECKOUT_ROOT or PACKAGE_DIR

SEEDS_DIR = DATA_ROOT / "seeds"
MIGRATIONS_DIR = DATA_ROOT / "migrations"
QUERIES_DIR = DATA_ROOT / "queries"
VIEWS_DIR = QUERIES_DIR / "views"
EXAMPLES_DIR = QUERIES_DIR / "examples"
