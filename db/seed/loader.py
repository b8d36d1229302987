"""Write a validated corpus into the core tables: one transaction, under a lock of
core.seed_file that only the owner can take, with COPY into temporary tables and set-based upserts and deletes.

The database ends up holding exactly the corpus: rows no longer in the seed files are
deleted (their evidence goes with them by ON DELETE CASCADE), changed rows are updated,
and unchanged rows are not touched at all, so a second run writes nothing.
"""

from __future__ import annotations

import gc
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection

from diplodb.config import DEFAULT_LOCK_TIMEOUT
from diplodb.errors import DiplodbError, database_error, explain, is_operational
from diplodb.locks import SEED_LOCK_TABLE, table_lock
from diplodb.seed.digest import file_digests, read_known, store_stat_keys
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.spill import spill_error
from diplodb.seed.validate.corpus import Corpus, FileOrder, read_corpus
from diplodb.seed.write import pipeline
from diplodb.seed.write.staging import BOOKKEEPING, core_tables, upsert_sql  # noqa: F401  (callers)


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
    try:
        corpus = read_corpus(seeds_dir)
    except sqlite3.Error as error:  # the spill's temporary file
        raise spill_error(error) from None
    if corpus.ledger_gaps:
        raise SeedValidationError(corpus.ledger_gaps)
    return corpus


def seed(url: URL, seeds_dir: Path, *, force: bool = False,
         file_order: FileOrder = sorted,
         lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> SeedReport:
    """Make the core tables hold exactly the seed files. Only the annotation files whose
    digest changed since the last load are re-read (any other change, or ``force``, reads
    everything); rows stream to the database file by file. A problem in the seed files
    is reported from that one read; a row the database refuses although the validator
    accepted it (a schema rule the validator does not know yet) is named by the origin
    it carries (``write.refusals``). The server's own failures (a full disk, a lost
    connection) are said as themselves, never retried."""
    started = time.perf_counter()
    # What exists now (the imported modules' objects) is never garbage: a full collection
    # walking it all took 65-90 ms of every re-seed at x1000, more than half of a
    # no-change one.
    gc.freeze()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _loaded_digest(conn)  # refuses a database that is not migrated
            table_lock(conn, SEED_LOCK_TABLE, "seed", lock_timeout)
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                known = read_known(cur)
            digests = file_digests(seeds_dir, None if force else known)
            if not force and _loaded_digest(conn) == digests.seed:
                with raw.cursor() as cur:
                    store_stat_keys(cur, known, digests)
                return SeedReport(True, 0, 0, None, time.perf_counter() - started)
            try:
                load = pipeline.load(conn, seeds_dir, digests, known, file_order,
                                     force=force)
            except Exception as error:
                if is_operational(error):  # the server's trouble, not the seed files'
                    raise DiplodbError(explain(database_error(error))) from None
                if isinstance(error, sqlite3.Error):  # the spill's temporary file
                    raise spill_error(error) from None
                raise
            counts = load.counts
            conn.execute(text(
                "insert into core.seed_state (singleton, digest, data_version, loaded_at, "
                "source_count, fact_count, evidence_count) "
                "values (true, :digest, :version, now(), :sources, :facts, :evidence) "
                "on conflict (singleton) do update "
                "set digest = excluded.digest, data_version = excluded.data_version, "
                "loaded_at = excluded.loaded_at, source_count = excluded.source_count, "
                "fact_count = excluded.fact_count, evidence_count = excluded.evidence_count "
                "where (seed_state.digest, seed_state.data_version, seed_state.source_count, "
                "seed_state.fact_count, seed_state.evidence_count) "
                "is distinct from (excluded.digest, excluded.data_version, "
                "excluded.source_count, excluded.fact_count, excluded.evidence_count)"),
                {"digest": digests.seed, "version": load.data_version,
                 "sources": counts.sources, "facts": counts.facts,
                 "evidence": counts.evidence})
            if load.mode != "full":  # a full read wrote them with the digests
                with raw.cursor() as cur:
                    store_stat_keys(cur, known, digests)
        return SeedReport(False, load.written, load.deleted, None,
                          time.perf_counter() - started, load.counts.described(),
                          load.mode)
    finally:
        engine.dispose()
        gc.unfreeze()


def _loaded_digest(conn: Connection) -> str | None:
    if conn.execute(text("select to_regclass('core.seed_state')")).scalar() is None:
        from diplodb.errors import DiplodbError

        raise DiplodbError("the database is not migrated; run 'diplodb migrate' first")
    return conn.execute(text("select digest from core.seed_state")).scalar()
