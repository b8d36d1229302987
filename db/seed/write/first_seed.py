"""A first seed, into empty core tables: COPY straight into them, and the secondary
indexes dropped before and built once at the end of the same transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql

from diplodb.facts import FACTS
from diplodb.seed.spill import Spill, SpilledSet
from diplodb.seed.validate.units import NameVariants, Origin
from diplodb.seed.write.copying import FLUSH_ROWS, Copier
from diplodb.seed.write.refusals import foreign_key_problem
from diplodb.seed.write.staging import FACT_KEYS, Stager, table_columns


# fact table → its key, also its column in core.evidence: the tables with a source_count
COUNTED = {fact.table: fact.key for fact in FACTS}


class DirectCopy:
    """A first seed, into core tables known to be empty: rows go straight into them by
    COPY (no staging, no upsert). A row that refers to a fact not yet written (a visit or
    a cited fact defined in a later file) waits in its staging table (``deferred``), and
    so do the rows that refer to it; they are inserted once every file is read.

    A fact's source_count goes in with its row, counted from the evidence of its own
    file: updating a row inserted in the same transaction would check its foreign keys
    again (where they are kept: a small corpus's first seed), and writes a second
    version of the row. The facts this count may miss (evidence in another file, a deferred row, a
    name variant met again) are kept in ``recount`` and counted by the database at the
    end (``recount_cited``)."""

    def __init__(self, tables, run, deferred: Stager, defined: Callable[[str, str], bool],
                 spill: Spill):
        self.order = [t.name for t in tables]
        self.copier = Copier([(t.name, t.fullname, table_columns(t)
                               + (["source_count"] if t.name in COUNTED else []), t)
                              for t in tables]
                              + [("seed_file", "core.seed_file",
                                  ["path", "digest", "summary", "keys", "stat_key"], None)],
                              run)
        self.deferred = deferred
        self.variants = NameVariants(SpilledSet(spill))
        # Whether a fact (type, id) is defined by the files read so far: the cross-file
        # rules' record (``cross_file.Definitions.has``). A defined fact is written unless
        # its row had to wait (``waiting``).
        self.defined = defined
        self.waiting: dict[str, set[str]] = {fact_type: set() for fact_type in FACT_KEYS}
        # table → (column, fact table) of its references to facts
        self.refs = {t.name: [(fk.parent.name, fk.column.table.name) for fk in t.foreign_keys
                              if fk.column.table.name in FACT_KEYS] for t in tables}
        self.recount = {table: SpilledSet(spill) for table in COUNTED}

    def _own_counts(self, rows: dict[str, list[dict[str, Any]]]
                    ) -> dict[tuple[str, str], set[str]]:
        """(fact table, id) → the sources of the supporting evidence in these rows, for
        the facts defined in them; evidence of any other fact marks it for recount."""
        defined = {table: {row[key] for row in rows.get(table, ())}
                   for table, key in COUNTED.items()}
        own: dict[tuple[str, str], set[str]] = defaultdict(set)
        for evidence in rows.get("evidence", ()):
            for table, key in COUNTED.items():
                fact_id = evidence[key]
                if fact_id is None:
                    continue
                if fact_id not in defined[table]:
                    self.recount[table].add(fact_id)
                elif evidence["stance"] == "supports":
                    own[table, fact_id].add(evidence["source_id"])
        return own

    def add(self, rows: dict[str, list[dict[str, Any]]],
            origins: dict[str, list[Origin | None]]) -> None:
        put, defined, waiting, deferred = (self.copier.put, self.defined, self.waiting,
                                           self.deferred)
        own = self._own_counts(rows)
        for table in self.order:
            table_rows = rows.get(table)
            if not table_rows:
                continue
            refs = self.refs[table]
            key = FACT_KEYS.get(table)
            counted = COUNTED.get(table)
            recount = self.recount.get(table)
            for row, origin in zip(table_rows, origins[table], strict=True):
                if table == "person_name" and not self.variants.first(row["name_id"]):
                    recount.add(row["name_id"])  # its evidence here is not in the count
                    continue
                if refs and any(row[column] is not None
                                and (not defined(fact, row[column])
                                     or row[column] in waiting[fact])
                                for column, fact in refs):
                    deferred.add_rows(table, [row], [origin])  # staged with a count of 0
                    if counted is not None:
                        recount.add(row[counted])
                    if key is not None:
                        waiting[table].add(row[key])
                    continue
                if counted is not None:
                    row["source_count"] = len(own.get((table, row[counted]), ()))
                put(table, row, origin)
        if self.copier.pending + deferred.copier.pending >= FLUSH_ROWS:
            self.flush()

    def add_seed_file(self, path: str, digest: str, summary: str | None,
                      keys: list[str] | None, stat_key: str | None) -> None:
        self.copier.put_values("seed_file", (path, digest, summary, keys, stat_key))

    def flush(self) -> None:
        self.copier.flush()
        self.deferred.flush()

    def recount_cited(self, cur) -> None:
        """Count the sources of the facts in ``recount`` by the database's own definition
        (core.count_supporting_sources_of), one statement per fact table."""
        cur.execute("set local diplodb.defer_source_count = 'off'")
        cur.execute("create temp table seed_recount (fact_table text, fact_id text, "
                    "position bigint) on commit drop")
        with cur.copy("copy seed_recount from stdin") as copy:
            for table, ids in self.recount.items():
                for position, fact_id in enumerate(ids.sorted()):
                    copy.write_row((table, fact_id, position))
        for table, ids in self.recount.items():
            if ids:
                cur.execute("select core.count_supporting_sources_of(%s, array(select "
                            "fact_id from seed_recount where fact_table = %s "
                            "order by position))", (table, table))

    @property
    def count(self) -> int:
        return sum(n for name, n in self.copier.counts.items() if name != "seed_file")


def all_empty(cur, tables) -> bool:
    cur.execute("select " + " and ".join(f"not exists (select from {t.fullname})"
                                         for t in tables))
    return cur.fetchone()[0]


def drop_secondary_indexes(cur, tables) -> list[tuple[str, str, str | None]]:
    """Drop the indexes of ``tables`` that back no constraint and enforce nothing (not
    unique, not an exclusion), which the seed may own; returns how to re-create each
    (``create_indexes``, in the same transaction). Building an index once over the
    loaded rows is much cheaper than maintaining it row by row."""
    cur.execute(
        "select format('%%I.%%I', n.nspname, x.relname), pg_get_indexdef(i.indexrelid), "
        "obj_description(i.indexrelid, 'pg_class') "
        "from pg_index i join pg_class x on x.oid = i.indexrelid "
        "join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = 'core' and c.relname = any(%s) and not i.indisunique "
        "and not i.indisprimary and not i.indisexclusion "
        "and not exists (select from pg_constraint k where k.conindid = i.indexrelid) "
        "and pg_has_role(c.relowner, 'USAGE') order by 1", ([t.name for t in tables],))
    indexes = cur.fetchall()
    for name, _, _ in indexes:
        cur.execute(f"drop index {name}")
    return indexes


def create_indexes(cur, indexes: list[tuple[str, str, str | None]]) -> None:
    for name, definition, comment in indexes:
        cur.execute(definition)
        if comment is not None:
            cur.execute(sql.SQL("comment on index {} is {}").format(
                sql.SQL(name), sql.Literal(comment)))


# (table's qualified name, table's name, constraint's name, definition, comment)
ForeignKey = tuple[str, str, str, str, "str | None"]


def drop_foreign_keys(cur, tables) -> list[ForeignKey]:
    """Drop the foreign keys of ``tables`` (the seed's own), to be added again by
    ``add_foreign_keys`` in the same transaction, as pg_restore does: each is then checked
    once, by one join over the loaded rows, instead of by a lookup (and a row lock on the
    referenced row) per row COPYed, and per row the recount updates. The validator has
    checked every reference already; what the database still refuses is reported by
    ``refusals.foreign_key_problem``."""
    cur.execute(
        "select format('%%I.%%I', n.nspname, c.relname), c.relname, k.conname, "
        "pg_get_constraintdef(k.oid), obj_description(k.oid, 'pg_constraint') "
        "from pg_constraint k join pg_class c on c.oid = k.conrelid "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where k.contype = 'f' and n.nspname = 'core' and c.relname = any(%s) "
        "and pg_has_role(c.relowner, 'USAGE') order by 1, 3", ([t.name for t in tables],))
    keys = cur.fetchall()
    for qualified, _, name, _, _ in keys:
        cur.execute(sql.SQL("alter table {} drop constraint {}").format(
            sql.SQL(qualified), sql.Identifier(name)))
    return keys


def add_foreign_keys(cur, keys: list[ForeignKey], tables) -> None:
    by_name = {t.name: t for t in tables}
    cur.execute("savepoint seed_foreign_keys")  # to name a refused row after the refusal
    for qualified, table, name, definition, comment in keys:
        try:
            cur.execute(sql.SQL("alter table {} add constraint {} {}").format(
                sql.SQL(qualified), sql.Identifier(name), sql.SQL(definition)))
        except psycopg.errors.ForeignKeyViolation as error:
            cur.execute("rollback to savepoint seed_foreign_keys")
            raise foreign_key_problem(cur, by_name[table], error) from None
        if comment is not None:
            cur.execute(sql.SQL("comment on constraint {} on {} is {}").format(
                sql.Identifier(name), sql.SQL(qualified), sql.Literal(comment)))
    cur.execute("release savepoint seed_foreign_keys")
