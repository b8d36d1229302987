"""A pushed revision never changes: every revision file (migrations/versions/*.py) and
frozen view copy (migrations/sql/<rev>/*.sql) has its sha256 in tests/revisions.sha256
(`sha256sum` format, paths relative to migrations/). A new revision adds its lines; no
line is ever edited or removed (migrations/README.md, "Revisions are history")."""

from __future__ import annotations

import hashlib
from pathlib import Path

from diplodb.paths import MIGRATIONS_DIR

MANIFEST = Path(__file__).with_name("revisions.sha256")


def _manifest() -> dict[str, str]:
    entries = {}
    for line in MANIFEST.read_text().splitlines():
        digest, path = line.split(maxsplit=1)
        entries[path.lstrip("*")] = digest
    return entries


def _files() -> dict[str, str]:
    paths = [*sorted((MIGRATIONS_DIR / "versions").glob("*.py")),
             *sorted((MIGRATIONS_DIR / "sql").glob("*/*.sql"))]
    return {str(p.relative_to(MIGRATIONS_DIR)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths}


def test_no_revision_file_changed_or_disappeared():
    files, manifest = _files(), _manifest()
    changed = sorted(p for p, d in manifest.items() if p in files and files[p] != d)
    missing = sorted(p for p in manifest if p not in files)
    assert changed == [], (f"revision files changed after they were recorded: {changed}; "
                           "revisions are history: restore them and fix forward in a new one")
    assert missing == [], f"revision files removed or renamed: {missing}"


def test_every_revision_file_is_recorded():
    unrecorded = sorted(set(_files()) - set(_manifest()))
    assert unrecorded == [], (
        f"new revision files not in {MANIFEST.name}: {unrecorded}; add them with "
        "`(cd migrations && sha256sum FILE...) >> tests/revisions.sha256`")
