"""The core tables the seed fills, their staging tables seed_<table> (filled by COPY) and
the set-based deletes and upserts from them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import psycopg
from sqlalchemy import Table

from diplodb.errors import DiplodbError, database_error, explain, is_operational
from diplodb.facts import ANNOTATED
from diplodb.models import Base
from diplodb.seed.spill import Spill, SpilledSet
from diplodb.seed.validate.units import NameVariants, Origin
from diplodb.seed.write import refusals
from diplodb.seed.write.copying import FLUSH_ROWS, Copier, run_now

BOOKKEEPING = frozenset({"seed_state", "seed_file"})
"""Tables of the loader's own state, not filled from the seed files."""
# annotation-defined fact type (its table) → its key (its column in core.evidence too)
FACT_KEYS = {fact.table: fact.key for fact in ANNOTATED}


def core_tables() -> list[Table]:
    """Tables the seed files fill, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in BOOKKEEPING]


def table_columns(table: Table) -> list[str]:
    """The columns the seed writes: not those the database generates or maintains (a
    fact's source_count, kept by a trigger on core.evidence)."""
    return [c.name for c in table.columns
            if c.computed is None and not c.info.get("maintained")]


def upsert_sql(table: Table) -> str:
    """Insert the staged rows of ``table``: new rows inserted, changed rows updated,
    unchanged rows not touched (so a row version changes only when its data does)."""
    columns = table_columns(table)
    keys = [c.name for c in table.primary_key.columns]
    others = [c for c in columns if c not in keys]
    listed = ", ".join(columns)
    if others:
        changed = (f"({', '.join(f't.{c}' for c in others)}) is distinct from "
                   f"({', '.join(f'excluded.{c}' for c in others)})")
        action = (f"do update set {', '.join(f'{c} = excluded.{c}' for c in others)} "
                  f"where {changed}")
    else:
        action = "do nothing"
    return (f"insert into {table.fullname} as t ({listed}) select {listed} from "
            f"seed_{table.name} on conflict ({', '.join(keys)}) {action}")


class Stager:
    """Temporary tables seed_<table>, filled by COPY in batches."""

    def __init__(self, cur, tables, run: Callable[[Callable[[Any], None]], None] | None = None,
                 spill: Spill | None = None):
        self.tables = tables
        self.columns = {t.name: table_columns(t) for t in tables}
        self.copier = Copier([(t.name, f"seed_{t.name}", self.columns[t.name], t)
                               for t in tables], run or run_now(cur), staged=True)
        self.counts = self.copier.counts
        # the name ids met, in ``spill`` when the whole corpus is read
        self.variants = NameVariants(None if spill is None else SpilledSet(spill))
        if tables:  # one round trip for all of them
            cur.execute("; ".join(
                f"create temp table seed_{table.name} on commit drop as "
                f"select {', '.join(self.columns[table.name])}, null::text as "
                f"seed_origin from {table.fullname} with no data" for table in tables))

    def add(self, rows: dict[str, list[dict[str, Any]]],
            origins: dict[str, list[Origin | None]]) -> None:
        for table, table_rows in rows.items():
            self.add_rows(table, table_rows, origins[table])
        if self.copier.pending >= FLUSH_ROWS:
            self.flush()

    def add_rows(self, table: str, table_rows: list[dict[str, Any]],
                 origins: list[Origin | None]) -> None:
        put = self.copier.put
        for row, origin in zip(table_rows, origins, strict=True):
            if table == "person_name" and not self.variants.first(row["name_id"]):
                continue  # a spelling may be named by several files
            put(table, row, origin)

    def flush(self) -> None:
        self.copier.flush()


def delete_unstaged(cur, table, column: str | None = None, values: Iterable | None = None) -> int:
    """Delete the rows of ``table`` missing from its staging table: all of them, or those
    whose ``column`` is one of ``values`` (the rows the re-read files owned)."""
    keys = [c.name for c in table.primary_key.columns]
    match = " and ".join(f"s.{k} = t.{k}" for k in keys)
    sql = (f"delete from {table.fullname} t where not exists "
           f"(select from seed_{table.name} s where {match})")
    if column is None:
        cur.execute(sql)
        return cur.rowcount
    values = list(values or [])
    if not values:
        return 0
    cur.execute(sql + f" and t.{column} = any(%s)", (values,))
    return cur.rowcount


def new_rows(cur, tables) -> dict[str, int]:
    """Per table, how many of its staged rows the core table does not hold yet (the rows
    an upsert inserts rather than updates), in one statement."""
    if not tables:
        return {}
    counts = []
    for table in tables:
        match = " and ".join(f"t.{c.name} = s.{c.name}" for c in table.primary_key.columns)
        counts.append(f"(select count(*) from seed_{table.name} s where not exists "
                      f"(select from {table.fullname} t where {match}))")
    cur.execute("select " + ", ".join(counts))
    return dict(zip((t.name for t in tables), cur.fetchone(), strict=True))


def upsert(cur, tables) -> int:
    return sum(insert_staged(cur, table, upsert_sql(table)) for table in tables)


def insert_staged(cur, table: Table, insert: str) -> int:
    """Run ``insert`` (of ``table``'s staged rows); a refusal is explained from the
    origins staged beside the rows (``refusals.insert_problems``)."""
    try:  # one round trip: savepoint, insert, release
        cur.execute(f"savepoint seed_table; {insert}; release savepoint seed_table")
    except psycopg.Error as error:
        if is_operational(error):
            raise DiplodbError(explain(database_error(error))) from None
        cur.execute("rollback to savepoint seed_table")
        raise refusals.insert_problems(cur, table, insert, error) from None
    cur.nextset()  # the insert's result
    return cur.rowcount
