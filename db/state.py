"""What a database holds, read with psycopg alone (no SQLAlchemy, no Alembic): the one
reader of ``alembic_version`` and ``core.seed_state``, used by ``status``, the no-op
``up``/``seed`` and the migrator. Also the head revision of the shipped migrations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from diplodb.paths import MIGRATIONS_DIR

_REVISION = re.compile(r"^revision(?:: str)? = ['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:: [^=]+)? = ['\"]([^'\"]+)['\"]", re.MULTILINE)


@cache
def revision_graph(versions_dir: Path = MIGRATIONS_DIR / "versions") -> dict[str, str | None]:
    """revision -> its parent, read from the revision files without importing Alembic
    (a test holds it equal to Alembic's own reading)."""
    graph: dict[str, str | None] = {}
    for path in versions_dir.glob("*.py"):
        source = path.read_text()
        found = _REVISION.search(source)
        if found:
            parent = _DOWN_REVISION.search(source)
            graph[found.group(1)] = parent.group(1) if parent else None
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {parent for parent in graph.values() if parent}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def ancestors(revision: str) -> list[str]:
    """``revision`` and every revision below it, newest first."""
    graph, chain = revision_graph(), []
    current: str | None = revision
    while current is not None:
        chain.append(current)
        current = graph.get(current)
    return chain


@dataclass(frozen=True)
class DatabaseState:
    revision: str | None
    seed_digest: str | None = None
    data_version: str | None = None
    loaded_at: dt.datetime | None = None

    def as_json(self) -> dict:
        data = asdict(self)
        data["loaded_at"] = self.loaded_at.isoformat() if self.loaded_at else None
        return data


def read_state(conn) -> DatabaseState:
    """The state of the database behind a psycopg connection."""
    has_version, has_seed, has_label = conn.execute(
        "select to_regclass('public.alembic_version') is not null, "
        "to_regclass('core.seed_state') is not null, "
        "exists (select from information_schema.columns where table_schema = 'core' "
        "and table_name = 'seed_state' and column_name = 'data_version')").fetchone()
    if not has_version:
        return DatabaseState(None)
    row = conn.execute("select version_num from public.alembic_version").fetchone()
    revision = row[0] if row else None
    if not has_seed:
        return DatabaseState(revision)
    label = "data_version" if has_label else "null"
    row = conn.execute(f"select digest, {label}, loaded_at from core.seed_state").fetchone()
    if row is None:
        return DatabaseState(revision)
    return DatabaseState(revision, row[0], row[1], row[2])
