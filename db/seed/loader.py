"""Write a validated corpus into the core tables: one transaction, under a lock of
core.seed_file that only the owner can take, with COPY into temporary tables and set-based upserts and deletes.

The database ends up holding exactly the corpus: rows no longer in the seed files are
deleted (their evidence goes with them by ON DELETE CASCADE), changed rows are updated,
and unchanged rows are not touched at all, so a second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import Table, create_engine, text
from sqlalchemy.engine import URL, Connection

from diplodb.config import DEFAULT_LOCK_TIMEOUT
from diplodb.errors import DiplodbError, database_error, explain, is_operational
from diplodb.locks import SEED_LOCK_TABLE, table_lock
from diplodb.models import Base
from diplodb.seed import dberrors, stream
from diplodb.seed.corpus import Corpus, read_corpus
from diplodb.seed.digest import file_digests
from diplodb.seed.problems import SeedValidationError

BOOKKEEPING = frozenset({"seed_state", "seed_file"})
"""Tables of the loader's own state, not filled from the seed files."""


@dataclass
class SeedReport:
    skipped: bool
    inserted_or_updated: int
    deleted: int
    corpus: Corpus | None
    seconds: float
    described: str = ""  # "N sources, N facts, N pieces of evidence"
    mode: str = ""  # "full" (every file read) or "incremental" (changed annotation files)

    def summary(self) -> str:
        if self.skipped:
            return "seed data unchanged, nothing written"
        described = self.described or (self.corpus.summary() if self.corpus else "")
        return (f"{described}; {self.inserted_or_updated} rows written, "
                f"{self.deleted} removed, {self.seconds:.2f} s ({self.mode} read)")


def check(seeds_dir: Path) -> Corpus:
    """Validate the seed files only (``diplodb seed --check``), and hold the sentence
    ledger at 100 %: every sentence of every article cited by a fact or skipped."""
    corpus = read_corpus(seeds_dir)
    if corpus.ledger_gaps:
        from diplodb.seed.problems import SeedValidationError

        raise SeedValidationError(corpus.ledger_gaps)
    return corpus


def core_tables() -> list[Table]:
    """Tables the seed files fill, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in BOOKKEEPING]


def seed(url: URL, seeds_dir: Path, *, force: bool = False,
         file_order: Callable[[list[Path]], list[Path]] = sorted,
         lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> SeedReport:
    """Make the core tables hold exactly the seed files. Only the annotation files whose
    digest changed since the last load are re-read (any other change, or ``force``, reads
    everything); rows stream to the database file by file. A problem in the seed files
    is reported from that one read. Only when the database refuses a row the validator
    accepted (a schema rule the validator does not know yet) is the corpus read again,
    the in-memory way, to name the refused entries (``dberrors``); the server's own
    failures (a full disk, a lost connection) are said as themselves, never retried."""
    started = time.perf_counter()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _loaded_digest(conn)  # refuses a database that is not migrated
            table_lock(conn, SEED_LOCK_TABLE, "seed", lock_timeout)
            digest, files = file_digests(seeds_dir)
            if not force and _loaded_digest(conn) == digest:
                return SeedReport(True, 0, 0, None, time.perf_counter() - started)
            try:
                with conn.begin_nested():
                    load = stream.load(conn, seeds_dir, files, file_order, force=force)
            except Exception as error:
                if is_operational(error):  # the server's trouble, not the seed files'
                    raise DiplodbError(explain(database_error(error))) from None
                if not isinstance(error, psycopg.Error | ValueError | UnicodeError):
                    raise
                # The database refused a row the validator let through: the in-memory
                # path maps the refusal back to its file, entry and field.
                corpus = read_corpus(seeds_dir, file_order, digest=digest)
                written, deleted = write_corpus(conn, corpus)
                conn.execute(text("delete from core.seed_file"))  # next seed: a full read
                load = stream.Load(written, deleted, corpus.data_version, corpus.summary(),
                                   "full")
            conn.execute(text(
                "insert into core.seed_state (singleton, digest, data_version, loaded_at) "
                "values (true, :digest, :version, now()) on conflict (singleton) do update "
                "set digest = excluded.digest, data_version = excluded.data_version, "
                "loaded_at = excluded.loaded_at "
                "where (seed_state.digest, seed_state.data_version) "
                "is distinct from (excluded.digest, excluded.data_version)"),
                {"digest": digest, "version": load.data_version})
        return SeedReport(False, load.written, load.deleted, None,
                          time.perf_counter() - started, load.described, load.mode)
    finally:
        engine.dispose()


def _loaded_digest(conn: Connection) -> str | None:
    if conn.execute(text("select to_regclass('core.seed_state')")).scalar() is None:
        from diplodb.errors import DiplodbError

        raise DiplodbError("the database is not migrated; run 'diplodb migrate' first")
    return conn.execute(text("select digest from core.seed_state")).scalar()


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.computed is None]


def write_corpus(conn: Connection, corpus: Corpus) -> tuple[int, int]:
    """Make the core tables equal to ``corpus``; returns (rows written, rows deleted)."""
    raw = conn.connection.driver_connection
    tables = core_tables()
    with raw.cursor() as cur:
        for table in tables:
            columns = _columns(table)
            staging = f"seed_{table.name}"
            cur.execute(f"create temp table {staging} on commit drop as "
                        f"select {', '.join(columns)} from {table.fullname} with no data")
            row = None
            try:
                with cur.copy(f"copy {staging} ({', '.join(columns)}) from stdin") as copy:
                    for row in corpus.rows.get(table.name, []):
                        copy.write_row([_copy_value(row[c]) for c in columns])
            except (psycopg.Error, ValueError, UnicodeError) as error:
                raise dberrors.copy_problem(corpus, table, error, row) from None
        deleted = 0
        for table in reversed(tables):
            keys = [c.name for c in table.primary_key.columns]
            match = " and ".join(f"s.{k} = t.{k}" for k in keys)
            cur.execute(f"delete from {table.fullname} t where not exists "
                        f"(select from seed_{table.name} s where {match})")
            deleted += cur.rowcount
        written = 0
        for table in tables:
            insert = upsert_sql(table)
            cur.execute("savepoint seed_table")
            try:
                cur.execute(insert)
            except psycopg.Error as error:
                if is_operational(error):
                    raise DiplodbError(explain(error)) from None
                # A rule the validator missed: name the seed entries the database refuses.
                cur.execute("rollback to savepoint seed_table")
                raise dberrors.insert_problems(cur, corpus, table, insert, error) from None
            written += cur.rowcount
            cur.execute("release savepoint seed_table")
    return written, deleted


def upsert_sql(table: Table) -> str:
    """Insert the staged rows of ``table``: new rows inserted, changed rows updated,
    unchanged rows not touched (so a row version changes only when its data does)."""
    columns = _columns(table)
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


def _copy_value(value):
    if isinstance(value, dt.date | bool | int) or value is None:
        return value
    return str(value)
