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


# One line per column, index and constraint of the core schema, as the catalog renders
# them. Its md5 is compared, in the no-op ``up``, with the one shipped for the head
# revision (migrations/core_schema.md5): a cheap test that the tables are what the head
# revision makes. A mismatch only sends ``up`` down the full path, where Alembic's
# ``compare_metadata`` names any real drift (diplodb.drift), so a server that renders its
# catalog otherwise costs time, never a wrong answer.
_CORE_CATALOG = """
    select md5(coalesce(string_agg(line, E'\\n' order by line), '')) from (
        select format('column %s.%s %s %s %s', c.relname, a.attname,
                      format_type(a.atttypid, a.atttypmod), a.attnotnull,
                      coalesce(pg_get_expr(d.adbin, d.adrelid), ''))
        from pg_attribute a join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = 'core' and c.relkind in ('r', 'p') and a.attnum > 0
          and not a.attisdropped
        union all
        select format('index %s', pg_get_indexdef(i.indexrelid))
        from pg_index i join pg_class c on c.oid = i.indexrelid
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'core'
        union all
        select format('constraint %s.%s %s', t.relname, k.conname, pg_get_constraintdef(k.oid))
        from pg_constraint k join pg_class t on t.oid = k.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'core' and k.contype <> 'n'  -- PostgreSQL 18 lists NOT NULL too
    ) catalog(line)
"""
CORE_SCHEMA_FINGERPRINT = MIGRATIONS_DIR / "core_schema.md5"


def core_fingerprint(conn) -> str:
    """The md5 of the core schema's catalog behind a psycopg connection."""
    return conn.execute(_CORE_CATALOG).fetchone()[0]


def expected_core_fingerprint() -> str:
    """The fingerprint of the core schema that the head revision makes."""
    return CORE_SCHEMA_FINGERPRINT.read_text().split()[0]
