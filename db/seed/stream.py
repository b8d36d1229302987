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
(``_Direct``): no staging, no upsert, secondary indexes built once at the end of the same
transaction, COPY on a thread of its own (``_Worker``) while the next files are read.

Memory holds the ids of the reference data, what the cross-file rules still need of each
file's summary (``CrossCheck``) and a few batches of at most ``FLUSH_ROWS`` rows waiting
for COPY; never the whole corpus, never all article bodies, one reference file's entries
at a time.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Table
from sqlalchemy.engine import Connection

from diplodb.errors import DiplodbError, database_error, explain, is_operational
from diplodb.facts import ANNOTATED
from diplodb.models import Base
from diplodb.progress import progress
from diplodb.seed import dberrors, quotes, rules
from diplodb.seed.corpus import (
    FACT_TYPES,
    LINK_TABLES,
    NameVariants,
    REFERENCE_FILES,
    SOURCES_FILE,
    SYNTHETIC_PREFIX,
    Context,
    CrossCheck,
    Origin,
    DirectQuotes,
    Builder,
    annotation_files,
    cross_check,
    read_annotation,
    read_reference,
)
from diplodb.seed.problems import SeedValidationError

FLUSH_ROWS = 10_000
BOOKKEEPING = frozenset({"seed_state", "seed_file"})
"""Tables of the loader's own state, not filled from the seed files."""
# annotation-defined fact type (its table) → its key (its column in core.evidence too)
FACT_KEYS = {fact.table: fact.key for fact in ANNOTATED}


@dataclass
class Load:
    written: int
    deleted: int
    data_version: str
    described: str
    mode: str


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


def is_annotation(relative: str) -> bool:
    folder, _, base = relative.rpartition("/")
    return folder == "annotations" and rules.ANNOTATION_NAME.match(base) is not None


class _Worker:
    """Database jobs run in order on a thread of their own: the server writes one batch of
    rows while the next files are read, so a full seed takes about the longer of the two,
    not their sum. Until ``finish`` (or ``stop``) only this thread uses the connection."""

    def __init__(self, raw):
        self.raw = raw
        self.jobs: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name="diplodb-seed-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with self.raw.cursor() as cur:
            while True:
                job = self.jobs.get()
                if job is None:
                    return
                if self.error is None and not self.cancelled:  # else dropped
                    try:
                        job(cur)
                    except BaseException as error:  # re-raised in the reading thread
                        self.error = error

    def submit(self, job: Callable[[Any], None]) -> None:
        """Queue ``job``. After a failed job the rest are dropped; the failure is raised
        at once only when it is the server's (a full disk, a lost connection): a refused
        row waits for ``finish``, so that the validation of the files read meanwhile
        explains it first (a duplicate id, say, before the key it violates)."""
        if self.error is not None and is_operational(self.error):
            raise self.error
        self.jobs.put(job)

    def finish(self) -> None:
        """Wait for every job; re-raise the first error."""
        self._end()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Drop the jobs not started yet and wait for the one under way (on a problem)."""
        self.cancelled = True
        self._end()

    def _end(self) -> None:
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()


def _getter(columns: list[str]) -> Callable[[dict[str, Any]], tuple]:
    if len(columns) == 1:
        return lambda row: (row[columns[0]],)
    return itemgetter(*columns)


class _Copier:
    """Rows waiting for COPY, per target table, as tuples in column order, each with its
    origin (file, entry, field); ``flush`` hands them to ``run`` as one job (values go to
    psycopg as they are: str, int, bool, date, Decimal, UUID, None). A staging target
    (``staged``) also receives each row's origin, in its ``seed_origin`` column."""

    def __init__(self, targets: list[tuple[str, str, list[str], Table | None]],
                 run: Callable[[Callable[[Any], None]], None], *, staged: bool = False):
        # (name, table written, columns, the core table it stands for), in write order
        self.targets = targets
        self.run = run
        self.staged = staged
        self.values = {name: _getter(columns) for name, _, columns, _ in targets}
        self.buffer: dict[str, list[tuple]] = {name: [] for name, _, _, _ in targets}
        self.origins: dict[str, list[Origin | None]] = {name: [] for name in self.buffer}
        self.counts = dict.fromkeys(self.buffer, 0)
        self.pending = 0

    def put(self, name: str, row: dict[str, Any], origin: Origin | None) -> None:
        values = self.values[name](row)
        if self.staged:
            values = (*values, dberrors.encode_origin(origin))
        self.buffer[name].append(values)
        self.origins[name].append(origin)
        self.pending += 1

    def put_values(self, name: str, values: tuple) -> None:
        self.buffer[name].append(values)
        self.origins[name].append(None)
        self.pending += 1

    def flush(self) -> None:
        batch = []
        for name, table, columns, core in self.targets:
            rows = self.buffer[name]
            if rows:
                listed = [*columns, "seed_origin"] if self.staged else columns
                batch.append((f"copy {table} ({', '.join(listed)}) from stdin", rows,
                              self.origins[name], core))
                self.counts[name] += len(rows)
                self.buffer[name] = []
                self.origins[name] = []
        self.pending = 0
        if batch:
            self.run(partial(_copy_batch, batch))


def _copy_batch(batch: list[tuple[str, list[tuple], list[Origin | None], Table | None]],
                cur) -> None:
    """COPY each target's rows; a row refused is named by the origin beside it."""
    for statement, rows, origins, table in batch:
        index = None
        try:
            with cur.copy(statement) as copy:
                write = copy.write_row
                for index, row in enumerate(rows):
                    write(row)
        except (psycopg.Error, ValueError, UnicodeError) as error:
            if table is None:
                raise
            raise dberrors.copy_problem(table, error, origins, index) from None


def _run_now(cur) -> Callable[[Callable[[Any], None]], None]:
    return lambda job: job(cur)


class _Stager:
    """Temporary tables seed_<table>, filled by COPY in batches."""

    def __init__(self, cur, tables, run: Callable[[Callable[[Any], None]], None] | None = None):
        self.tables = tables
        self.columns = {t.name: table_columns(t) for t in tables}
        self.copier = _Copier([(t.name, f"seed_{t.name}", self.columns[t.name], t)
                               for t in tables], run or _run_now(cur), staged=True)
        self.counts = self.copier.counts
        self.variants = NameVariants()
        for table in tables:
            cur.execute(f"create temp table seed_{table.name} on commit drop as "
                        f"select {', '.join(self.columns[table.name])}, null::text as "
                        f"seed_origin from {table.fullname} with no data")

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


class _Direct:
    """A first seed, into core tables known to be empty: rows go straight into them by
    COPY (no staging, no upsert). A row that refers to a fact not yet written (a visit or
    a cited fact defined in a later file) waits in its staging table (``deferred``), and
    so do the rows that refer to it; they are inserted once every file is read."""

    def __init__(self, tables, run, deferred: _Stager):
        self.order = [t.name for t in tables]
        self.copier = _Copier([(t.name, t.fullname, table_columns(t), t) for t in tables]
                              + [("seed_file", "core.seed_file",
                                  ["path", "digest", "summary", "keys"], None)],
                              run)
        self.deferred = deferred
        self.variants = NameVariants()
        self.written: dict[str, set[str]] = {fact_type: set() for fact_type in FACT_KEYS}
        # table → (column, fact table) of its references to facts
        self.refs = {t.name: [(fk.parent.name, fk.column.table.name) for fk in t.foreign_keys
                              if fk.column.table.name in FACT_KEYS] for t in tables}

    def add(self, rows: dict[str, list[dict[str, Any]]],
            origins: dict[str, list[Origin | None]]) -> None:
        put, written, deferred = self.copier.put, self.written, self.deferred
        for table in self.order:
            table_rows = rows.get(table)
            if not table_rows:
                continue
            refs = self.refs[table]
            key = FACT_KEYS.get(table)
            for row, origin in zip(table_rows, origins[table], strict=True):
                if table == "person_name" and not self.variants.first(row["name_id"]):
                    continue
                if refs and any(row[column] is not None and row[column] not in written[fact]
                                for column, fact in refs):
                    deferred.add_rows(table, [row], [origin])
                    continue
                put(table, row, origin)
                if key is not None:
                    written[table].add(row[key])
        if self.copier.pending + deferred.copier.pending >= FLUSH_ROWS:
            self.flush()

    def add_seed_file(self, path: str, digest: str, summary: str | None,
                      keys: list[str] | None) -> None:
        self.copier.put_values("seed_file", (path, digest, summary, keys))

    def flush(self) -> None:
        self.copier.flush()
        self.deferred.flush()

    @property
    def count(self) -> int:
        return sum(n for name, n in self.copier.counts.items() if name != "seed_file")


def _provisional_direct(rows: dict[str, list[dict[str, Any]]], statements: dict[str, list]
                        ) -> None:
    """Quote kinds for one file's rows as far as the files read so far settle them
    (``cross_check`` gives the final ones, and only rows that differ are updated): a
    rendering without its own kind follows its statement's default; a statement takes the
    most direct kind of its supporting renderings in this file."""
    kinds: dict[str, list[str]] = {}
    for row in rows.get("evidence", ()):
        statement_id = row["statement_id"]
        if statement_id is None:
            continue
        if row["quote_kind"] is None:
            default = statements[statement_id][0] if statement_id in statements else None
            row["quote_kind"] = quotes.resolve(default, row["quoted_words"] is not None)
            if quotes.mismatch(row["quote_kind"], row["quoted_words"]):  # reported later
                row["quote_kind"] = quotes.resolve(None, row["quoted_words"] is not None)
        if row["stance"] == "supports":
            kinds.setdefault(statement_id, []).append(row["quote_kind"])
    for row in rows.get("statement", ()):
        row["quote_kind"] = quotes.most_direct(kinds.get(row["statement_id"], ()))


def load(conn: Connection, seeds_dir: Path, files: dict[str, str],
         file_order: Callable[[list[Path]], list[Path]], *, force: bool) -> Load:
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute("select path, digest, summary is not null and keys is null "
                    "from core.seed_file")
        stored, unkeyed = {}, False
        for path, digest, no_keys in cur.fetchall():
            stored[path] = digest
            unkeyed = unkeyed or no_keys
        others = {p: d for p, d in files.items() if not is_annotation(p)}
        stored_others = {p: d for p, d in stored.items() if not is_annotation(p)}
        if force or not stored or unkeyed or others != stored_others:
            return _full(cur, raw, seeds_dir, files, file_order, core_tables())
        return _incremental(cur, seeds_dir, files, stored, file_order, core_tables())


def summary_keys(summary: dict[str, Any]) -> list[str]:
    """What an annotation file's summary refers to, for core.seed_file.keys: its source,
    every fact id it defines, cites or refers to as a visit, its name ids and the
    statements it states or renders. Any two files that a rule spanning files relates
    share a key."""
    keys = {f"fact:{row[1]}" for row in summary["defines"]}
    keys.update(f"fact:{row[1]}" for row in summary["cites"])
    keys.update(f"fact:{row[0]}" for row in summary["visit_refs"])
    keys.update(f"name:{row[0]}" for row in summary["names"])
    keys.update(f"statement:{row[0]}" for row in summary["statements"])
    keys.update(f"statement:{row[0]}" for row in summary["renderings"])
    if summary["source"] is not None:
        keys.add(f"source:{summary['source']}")
    return sorted(keys)


def _related(summary: dict[str, Any], facts: set[str], names: set[str],
             statements: set[str]) -> dict[str, Any]:
    """An unchanged file's summary with only the entries that share an id with the
    touched files (any other entry was settled when the file was last loaded)."""
    return {
        "file": summary["file"], "source": summary["source"],
        "readable": summary["readable"],
        "defines": [row for row in summary["defines"] if row[1] in facts],
        "cites": [row for row in summary["cites"] if row[1] in facts],
        "visit_refs": [row for row in summary["visit_refs"] if row[0] in facts],
        "names": [row for row in summary["names"] if row[0] in names],
        "statements": [row for row in summary["statements"] if row[0] in statements],
        "renderings": [row for row in summary["renderings"] if row[0] in statements]}


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


def _full(cur, raw, seeds_dir, files, file_order, tables) -> Load:
    kinds = _corpus_kinds(cur)
    empty = _all_empty(cur, tables)
    cur.execute("delete from core.seed_file")
    names = annotation_files(seeds_dir, file_order)
    rebuild = empty and len(names) >= REBUILD_INDEXES_FROM_FILES
    indexes = _drop_secondary_indexes(cur, tables) if rebuild else []
    worker = _Worker(raw)  # once the staging tables exist, only it uses the connection
    try:
        stager = _Stager(cur, tables, worker.submit)
        direct_writer = _Direct(tables, worker.submit, stager) if empty else None
        writer = direct_writer or stager
        builder, ref, dataset = read_reference(seeds_dir, sink=writer.add)
        # With problems, the files are still all read, to report every problem (as
        # read_corpus would), but nothing more is written.
        if not builder.problems:
            _refuse_mixing(kinds, any(s.startswith(SYNTHETIC_PREFIX)
                                      for s in ref.source_entries))
        context = ref.context()
        del ref
        check = CrossCheck(builder, context)
        # path → (JSON summary, keys), without direct_writer
        summaries: dict[str, tuple[str, list[str]]] = {}
        for path, digest in files.items():
            if not is_annotation(path) and direct_writer is not None:
                direct_writer.add_seed_file(path, digest, None, None)
        if not names:
            builder.problem("annotations/", "", "", "no annotation files")
        for relative in progress(names, total=len(names), desc="seed", unit="file"):
            unit = read_annotation(builder, context, relative)
            check.add(unit)
            if builder.problems:
                continue
            summary, keys = json.dumps(unit.summary), summary_keys(unit.summary)
            if direct_writer is not None:
                _provisional_direct(unit.rows, check.statements)
                direct_writer.add_seed_file(relative, files[relative], summary, keys)
            else:
                summaries[relative] = (summary, keys)
            writer.add(unit.rows, unit.origins)
            del unit
        direct = check.finish(bool(names))
        if builder.problems:
            raise SeedValidationError(builder.problems)
        writer.flush()
        worker.finish()
    finally:
        worker.stop()
    _stage_direct(cur, direct)
    deleted = 0
    if direct_writer is not None:
        written = direct_writer.count
        for table in tables:  # rows that referred to facts defined in later files
            if stager.counts[table.name]:
                columns = ", ".join(stager.columns[table.name])
                written += _insert_staged(cur, table, f"insert into {table.fullname} "
                                          f"({columns}) select {columns} from seed_{table.name}")
        _fix_direct(cur)  # provisional values the later files changed
        _create_indexes(cur, indexes)
    else:
        for table in reversed(tables):
            deleted += _delete_unstaged(cur, table)
        written = _upsert(cur, tables)
        written += _fix_direct(cur)
        with cur.copy("copy core.seed_file (path, digest, summary, keys) from stdin") as copy:
            for path, digest in files.items():
                summary, keys = summaries.get(path, (None, None))
                copy.write_row([path, digest, summary, keys])
    return Load(written, deleted, dataset.version, _described(cur), "full")


def _all_empty(cur, tables) -> bool:
    cur.execute("select " + " and ".join(f"not exists (select from {t.fullname})"
                                         for t in tables))
    return cur.fetchone()[0]


def _drop_secondary_indexes(cur, tables) -> list[tuple[str, str, str | None]]:
    """Drop the indexes of ``tables`` that back no constraint and enforce nothing (not
    unique, not an exclusion), which the seed may own; returns how to re-create each
    (``_create_indexes``, in the same transaction). Building an index once over the
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


def _create_indexes(cur, indexes: list[tuple[str, str, str | None]]) -> None:
    for name, definition, comment in indexes:
        cur.execute(definition)
        if comment is not None:
            cur.execute(sql.SQL("comment on index {} is {}").format(
                sql.SQL(name), sql.Literal(comment)))


def _context_from_db(cur, seeds_dir: Path) -> Context:
    def ids(sql: str) -> set[str]:
        cur.execute(sql)
        return {row[0] for row in cur.fetchall()}

    cur.execute("select source_id, published_on, file_name from core.source")
    sources, articles = {}, {}
    for source_id, published, file_name in cur.fetchall():
        sources[source_id] = published
        articles[source_id] = file_name
    cur.execute("select name_id, name from core.person_name where is_canonical")
    canonical = dict(cur.fetchall())
    return Context(
        seeds_dir=seeds_dir, countries=ids("select code from core.country"),
        references=ids("select reference_id from core.reference"),
        places=ids("select place_id from core.place"),
        organizations=ids("select organization_id from core.organization"),
        persons=ids("select person_id from core.person"),
        offices=ids("select office_id from core.office"),
        terms=ids("select term_id from core.office_term"),
        topics=ids("select topic_id from core.topic"),
        subject_areas=ids("select subject_area_id from core.subject_area"),
        sources=sources, canonical=canonical, files=articles)


def _incremental(cur, seeds_dir, files, stored, file_order, tables) -> Load:
    builder = Builder(seeds_dir)
    layout = rules.check_layout(seeds_dir, REFERENCE_FILES)
    if layout:
        raise SeedValidationError(layout)
    changed = {p for p, d in files.items() if is_annotation(p) and stored.get(p) != d}
    removed = {p for p in stored if is_annotation(p) and p not in files}
    cur.execute("select path, summary from core.seed_file where summary is not null "
                "and path = any(%s)", (sorted(changed | removed),))
    old = {path: summary for path, summary in cur.fetchall()}
    context = _context_from_db(cur, seeds_dir)
    stager = _Stager(cur, tables)
    names = annotation_files(seeds_dir, file_order)
    new: dict[str, dict[str, Any]] = {}
    for relative in names:
        if relative in changed:
            unit = read_annotation(builder, context, relative)
            stager.add(unit.rows, unit.origins)
            new[relative] = unit.summary
    touched = list(old.values()) + list(new.values())
    statements = {row[0] for summary in touched for row in summary["statements"]}
    statements |= {row[0] for summary in touched for row in summary["renderings"]}
    facts = {row[1] for summary in touched for row in summary["defines"]}
    facts |= {row[1] for summary in touched for row in summary["cites"]}
    facts |= {row[0] for summary in touched for row in summary["visit_refs"]}
    name_ids = {row[0] for summary in touched for row in summary["names"]}
    sources = {s["source"] for s in touched if s["source"] is not None}
    # The stored files were consistent with each other when last loaded, so only the
    # files that share an id with the touched ones (old or new versions) can take part
    # in a problem, and of those only the entries with such an id: a citation of a fact
    # another unchanged file defines still holds. The same goes for the articles every
    # file must annotate: only the sources of the touched files may have lost theirs.
    keys = sorted({key for summary in touched for key in summary_keys(summary)})
    cur.execute("select path, summary from core.seed_file where keys && %s::text[] "
                "and path <> all(%s)", (keys, sorted(changed | removed)))
    others = {path: _related(summary, facts, name_ids, statements)
              for path, summary in cur.fetchall()}
    current = [new[p] if p in new else others[p] for p in names if p in new or p in others]
    scope = replace(context, sources={s: context.sources[s] for s in sources
                                      if s in context.sources})
    direct = cross_check(builder, scope, current, bool(names), only_statements=statements)
    if builder.problems:
        raise SeedValidationError(_with_source_labels(seeds_dir, builder.problems))
    stager.flush()
    written = _stage_direct(cur, direct)

    # Rows the touched files owned before, which the new versions may no longer hold.
    owned_before = [old[p] for p in changed | removed if p in old]
    deleted = 0
    fact_ids: dict[str, set[str]] = {fact_type: set() for fact_type in FACT_TYPES}
    for summary in touched:
        for fact_type, fact_id, _ in summary["defines"]:
            fact_ids[fact_type].add(fact_id)
    by_table = {t.name: t for t in tables}
    for table in reversed(tables):
        if table.name in ("evidence", "source_sentence"):
            deleted += _delete_unstaged(cur, table, "source_id", sorted(sources))
        elif table.name in LINK_TABLES:
            parent_type, column = LINK_TABLES[table.name]
            deleted += _delete_unstaged(cur, table, column, sorted(fact_ids[parent_type]))
        elif table.name in FACT_KEYS:
            deleted += _delete_unstaged(cur, table, FACT_KEYS[table.name],
                                        sorted(fact_ids[table.name]))
    used = {row[0] for summary in current for row in summary["names"]}
    unused = sorted({row[0] for s in owned_before for row in s["names"]} - used)
    if unused:
        cur.execute("delete from core.person_name where name_id = any(%s) and not is_canonical",
                    (unused,))
        deleted += cur.rowcount
    written += _upsert(cur, [by_table[name] for name in by_table if stager.counts[name]])
    written += _fix_direct(cur)
    if removed:
        cur.execute("delete from core.seed_file where path = any(%s)", (sorted(removed),))
    if changed:  # one pipelined batch, however many files changed
        cur.executemany("insert into core.seed_file (path, digest, summary, keys) "
                        "values (%s, %s, %s, %s) on conflict (path) do update set "
                        "digest = excluded.digest, summary = excluded.summary, "
                        "keys = excluded.keys",
                        [(path, files[path], json.dumps(new[path]), summary_keys(new[path]))
                         for path in sorted(changed)])
    cur.execute("select data_version from core.seed_state")
    version = cur.fetchone()
    dataset_version = version[0] if version else "unversioned"
    return Load(written, deleted, dataset_version, _described(cur), "incremental")


def _with_source_labels(seeds_dir: Path, problems: list) -> list:
    """A problem of an article's entry in sources.yaml, found without reading that file
    (the incremental path knows the sources from the database), named as a full read
    names it: by its position in the file (``entry[4] (id=...)``)."""
    if not any(p.file == SOURCES_FILE and p.entry.startswith("source ") for p in problems):
        return problems
    from diplodb.seed.files import read_bytes

    raw, _ = rules.load_yaml(SOURCES_FILE, read_bytes(seeds_dir / SOURCES_FILE).decode("utf-8"))
    labels = {item.get("id"): rules.entry_label("entry", index, item.get("id"))
              for index, item in enumerate(raw or []) if isinstance(item, dict)}
    return [replace(p, entry=labels.get(p.entry.removeprefix("source "), p.entry))
            if p.file == SOURCES_FILE and p.entry.startswith("source ") else p
            for p in problems]


def _stage_direct(cur, direct: DirectQuotes) -> int:
    """The resolved quote kinds, into the staged rows (and kept in temporary
    tables for the rows of files not re-read: ``_fix_direct``)."""
    cur.execute("create temp table seed_direct_statement (statement_id text primary key, "
                "value text) on commit drop")
    cur.execute("create temp table seed_direct_evidence (evidence_id uuid primary key, "
                "value text) on commit drop")
    with cur.copy("copy seed_direct_statement from stdin") as copy:
        for item in direct.statements.items():
            copy.write_row(item)
    with cur.copy("copy seed_direct_evidence from stdin") as copy:
        for item in direct.evidence.items():
            copy.write_row(item)
    cur.execute("update seed_statement s set quote_kind = d.value "
                "from seed_direct_statement d where s.statement_id = d.statement_id")
    cur.execute("update seed_evidence s set quote_kind = d.value "
                "from seed_direct_evidence d where s.evidence_id = d.evidence_id")
    return 0


def _fix_direct(cur) -> int:
    cur.execute("update core.statement t set quote_kind = d.value "
                "from seed_direct_statement d where t.statement_id = d.statement_id "
                "and t.quote_kind is distinct from d.value")
    written = cur.rowcount
    cur.execute("update core.evidence t set quote_kind = d.value "
                "from seed_direct_evidence d where t.evidence_id = d.evidence_id "
                "and t.quote_kind is distinct from d.value")
    return written + cur.rowcount


def _delete_unstaged(cur, table, column: str | None = None, values: Iterable | None = None) -> int:
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


def _upsert(cur, tables) -> int:
    return sum(_insert_staged(cur, table, upsert_sql(table)) for table in tables)


def _insert_staged(cur, table: Table, insert: str) -> int:
    """Run ``insert`` (of ``table``'s staged rows); a refusal is explained from the
    origins staged beside the rows (``dberrors.insert_problems``)."""
    cur.execute("savepoint seed_table")
    try:
        cur.execute(insert)
    except psycopg.Error as error:
        if is_operational(error):
            raise DiplodbError(explain(database_error(error))) from None
        cur.execute("rollback to savepoint seed_table")
        raise dberrors.insert_problems(cur, table, insert, error) from None
    written = cur.rowcount
    cur.execute("release savepoint seed_table")
    return written


def _described(cur) -> str:
    cur.execute("select (select count(*) from core.source), "
                + " + ".join(f"(select count(*) from core.{t})" for t in FACT_TYPES)
                + ", (select count(*) from core.evidence)")
    sources, facts, evidence = cur.fetchone()
    return f"{sources} sources, {facts} facts, {evidence} pieces of evidence"
