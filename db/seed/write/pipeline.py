"""The loader's write path: seed files → validated units → rows per table, streamed to
the database with COPY into temporary tables, then set-based deletes and upserts.

Two modes, one result (the core tables equal a seed from scratch):

* **full**: every file is read. Used for the first seed, with ``--force``, and whenever
  anything but an annotation file changed (reference data, articles, sources.yaml,
  dataset.yaml): reference data is small, and a full read keeps that case simple.
* **incremental**: only annotation files were added, changed or removed. Only those are
  read; the reference context comes from the database, and the rules that span files
  (citations, visits, duplicate ids, name spellings, direct quotes, one annotation file
  per article) are checked over the summaries kept in core.seed_file: those of the
  touched files and, found through the indexed ``keys`` (``summary_keys``), the entries
  of the unchanged files that share an id with them. Only the rows those files own are
  deleted or upserted, and the statements whose direct-quote resolution they touch are
  updated.

A full read into empty core tables (the first seed) writes rows straight into them
(``first_seed.DirectCopy``): no staging, no upsert, COPY on a thread of its own
(``copying.Worker``) while the next files are read; for a large corpus, secondary
indexes built and foreign keys checked once at the end of the same transaction. The
incremental mode is ``incremental.load_incremental``.

Memory holds one file's rows and summary (a growing reference file's in batches), a few
batches of at most ``FLUSH_ROWS`` rows waiting for COPY, and what does not grow with the
corpus. What grows with it and is kept to the end of the run (the entries and ids of the
growing reference files, what the cross-file rules still need of each file's summary,
the facts the first seed counts again) is in the run's ``spill.Spill``, on disk."""

from __future__ import annotations

import gc
from pathlib import Path

from sqlalchemy.engine import Connection

from diplodb.errors import DiplodbError
from diplodb.progress import progress
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.spill import Spill, SpilledMap
from diplodb.seed.validate.annotation import read_annotation
from diplodb.seed.digest import Changes, Digests, Known
from diplodb.seed.validate.corpus import FileOrder, annotation_files
from diplodb.seed.validate.cross_file import CrossCheck, Definitions
from diplodb.seed.validate.direct_quotes import fix_direct, provisional_direct, stage_direct
from diplodb.seed.validate.reference import SYNTHETIC_PREFIX, read_reference
from diplodb.seed.write.bookkeeping import Load, counted, is_annotation, summary_keys
from diplodb.seed.write.copying import Worker
from diplodb.seed.write.first_seed import (
    DirectCopy,
    add_foreign_keys,
    all_empty,
    create_indexes,
    drop_foreign_keys,
    drop_secondary_indexes,
)
from diplodb.seed.write.incremental import load_incremental
from diplodb.seed.write.staging import Stager, core_tables, delete_unstaged, insert_staged, upsert


def load(conn: Connection, seeds_dir: Path, digests: Digests, known: Known,
         file_order: FileOrder, *, force: bool) -> Load:
    """``digests``: each seed file's digest, in path order, and its stat key (which a
    full read records beside it; an incremental one leaves them to the caller);
    ``known``: core.seed_file's digests and stat keys (``digest.read_known``), the ones
    ``digests`` was computed with (``Digests.changes`` compares only the files hashed)."""
    files = digests.files
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        # A seed's statements each touch what one load changed; JIT compiling them cost
        # about 0.25 s apiece at x1000 (the planner's guess for an id array is far off),
        # 2 s of a first seed's recount alone.
        cur.execute("set local jit = off")
        cur.execute("select exists (select from core.seed_file "
                    "where summary is not null and keys is null)")
        unkeyed = cur.fetchone()[0]
        changes = None if force or not known or unkeyed else digests.changes(known)
        if changes is None or not _only_annotations(changes):
            return _full(cur, raw, seeds_dir, files, file_order, core_tables(),
                         digests.stat_keys)
        return load_incremental(cur, seeds_dir, files, changes, file_order, core_tables())


def _only_annotations(changes: Changes) -> bool:
    """Whether every file but the annotation files is as core.seed_file last held it."""
    return all(is_annotation(path) for path in (*changes.changed, *changes.removed))


def _corpus_kinds(cur) -> tuple[bool, bool]:
    """(the database holds synthetic sources, it holds real ones)."""
    cur.execute("select coalesce(bool_or(source_id like %s), false), "
                "coalesce(bool_or(source_id not like %s), false) from core.source",
                (SYNTHETIC_PREFIX + "%", SYNTHETIC_PREFIX + "%"))
    return cur.fetchone()


def _refuse_mixing(kinds: tuple[bool, bool], synthetic: bool) -> None:
    has_synthetic, has_real = kinds
    if synthetic and has_real:
        raise DiplodbError("the database holds the real corpus and these seed files are a "
                           "synthetic one (source ids 'synthetic-…'); refusing to mix them: "
                           "seed synthetic data into a database of its own")
    if not synthetic and has_synthetic:
        raise DiplodbError("the database holds a synthetic corpus (source ids 'synthetic-…') "
                           "and these seed files are real data; refusing to mix them: seed "
                           "the real corpus into a database of its own")


# A first seed of this many annotation files or more drops the secondary indexes and
# builds them once at the end; below it, maintaining them row by row costs less than the
# DDL (dropping and rebuilding lost about 40 ms on the five real files).
REBUILD_INDEXES_FROM_FILES = 50


def _settled() -> None:
    """What is alive once a file (or a batch of a reference file) has been handed on is
    the state that spans files, kept to the end: out of the garbage collector's reach
    (``gc.freeze``, which ``loader.seed`` undoes), so that a full collection does not walk
    it all again. Without this, full collections took 1.6 s of a x1000 first seed and
    35 s of a x10000 one (62 of them). Rows and summaries are freed by their reference
    counts all the same; only a cycle of objects would wait for the end of the seed."""
    gc.freeze()


def _full(cur, raw, seeds_dir, files, file_order, tables, stat_keys) -> Load:
    with Spill() as spill:  # what the run keeps of the corpus to its end, on disk
        return _full_read(cur, raw, seeds_dir, files, file_order, tables, stat_keys, spill)


def _full_read(cur, raw, seeds_dir, files, file_order, tables, stat_keys, spill) -> Load:
    kinds = _corpus_kinds(cur)
    empty = all_empty(cur, tables)
    cur.execute("delete from core.seed_file")
    names = annotation_files(seeds_dir, file_order, files)
    rebuild = empty and len(names) >= REBUILD_INDEXES_FROM_FILES
    indexes = drop_secondary_indexes(cur, tables) if rebuild else []
    foreign_keys = drop_foreign_keys(cur, tables) if rebuild else []
    if empty:  # count each fact's sources once at the end (core.recount_supporting_sources)
        cur.execute("set local diplodb.defer_source_count = 'on'")
    worker = Worker(raw)  # once the staging tables exist, only it uses the connection
    try:
        stager = Stager(cur, tables, worker.submit, spill=spill)
        definitions = Definitions(spill)  # the cross-file rules', which the first seed asks
        direct_writer = (DirectCopy(tables, worker.submit, stager, definitions.has, spill)
                         if empty else None)
        writer = direct_writer or stager
        def hand_on(rows, origins) -> None:
            writer.add(rows, origins)
            _settled()

        builder, ref, dataset = read_reference(seeds_dir, sink=hand_on,
                                                listed=files.listing.names, spill=spill)
        # With problems, the files are still all read, to report every problem (as
        # read_corpus would), but nothing more is written.
        if not builder.problems:
            _refuse_mixing(kinds, any(s.startswith(SYNTHETIC_PREFIX)
                                      for s in ref.source_entries))
        context = ref.context()
        del ref
        check = CrossCheck(builder, context, spill=spill, definitions=definitions)
        # path → (JSON summary, keys), without direct_writer
        summaries = SpilledMap(spill)
        for path, digest in files.items():
            if not is_annotation(path) and direct_writer is not None:
                direct_writer.add_seed_file(path, digest, None, None, stat_keys.get(path))
        if not names:
            builder.problem("annotations/", "", "", "no annotation files")
        for relative in progress(names, total=len(names), desc="seed", unit="file"):
            unit = read_annotation(builder, context, relative)
            check.add(unit)
            if builder.problems:
                continue
            summary, keys = unit.summary.to_json(), summary_keys(unit.summary)
            if direct_writer is not None:
                provisional_direct(unit.rows, check.statements)
                direct_writer.add_seed_file(relative, files[relative], summary, keys,
                                            stat_keys.get(relative))
            else:
                summaries[relative] = (summary, keys)
            writer.add(unit.rows, unit.origins)
            del unit
            _settled()
        direct = check.finish(bool(names))
        if builder.problems:
            raise SeedValidationError(builder.problems)
        writer.flush()
        worker.finish()
    finally:
        worker.stop()
    stage_direct(cur, direct)
    del direct, check, context
    deleted = 0
    if direct_writer is not None:
        written = direct_writer.count
        for table in tables:  # rows that referred to facts defined in later files
            if stager.counts[table.name]:
                columns = ", ".join(stager.columns[table.name])
                written += insert_staged(cur, table, f"insert into {table.fullname} "
                                          f"({columns}) select {columns} from seed_{table.name}")
        fix_direct(cur)  # provisional values the later files changed
        create_indexes(cur, indexes)
        # Tables filled from empty have no statistics until autovacuum comes by (a minute
        # or more after the commit): until then the planner guesses, and at x10000 an
        # analyst's first query after `up` took 35 s instead of 0.4 s (example 06). With
        # them in the same transaction, the data and its statistics arrive together, and
        # the recount is planned from them too.
        cur.execute("analyze " + ", ".join(table.fullname for table in tables))
        direct_writer.recount_cited(cur)
        add_foreign_keys(cur, foreign_keys, tables)
    else:
        for table in reversed(tables):
            deleted += delete_unstaged(cur, table)
        written = upsert(cur, tables)
        written += fix_direct(cur)
        with cur.copy("copy core.seed_file (path, digest, summary, keys, stat_key) "
                      "from stdin") as copy:
            for path, digest in files.items():
                summary, keys = summaries.get(path, (None, None))
                copy.write_row([path, digest, summary, keys, stat_keys.get(path)])
    # An incremental re-seed finds the summaries it needs through keys: give the planner
    # the table's statistics and the GIN index its pending entries (fastupdate), or it
    # scans every summary.
    cur.execute("select gin_clean_pending_list('core.ix_seed_file_keys'::regclass)")
    cur.execute("analyze core.seed_file")
    return Load(written, deleted, dataset.version, counted(cur), "full")
