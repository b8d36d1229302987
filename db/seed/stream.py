"""The loader's write path: seed files → validated units → rows per table, streamed to
the database with COPY into temporary tables, then set-based deletes and upserts.

Two modes, one result (the core tables equal a seed from scratch):

* **full**: every file is read. Used for the first seed, with ``--force``, and whenever
  anything but an annotation file changed (reference data, articles, sources.yaml,
  dataset.yaml): reference data is small, and a full read keeps that case simple.
* **incremental**: only annotation files were added, changed or removed. Only those are
  read; the reference context comes from the database, and the rules that span files
  (citations, visits, duplicate ids, name spellings, direct quotes, one annotation file
  per article) are checked over the summaries kept in core.seed_file. Only the rows those
  files own are deleted or upserted, and the statements whose direct-quote resolution
  they touch are updated.

Memory holds the reference context, the file summaries and at most ``FLUSH_ROWS`` rows
waiting for COPY; never the whole corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from diplodb.errors import DiplodbError
from diplodb.seed import rules
from diplodb.seed.corpus import (
    EVIDENCE_COLUMN,
    FACT_TYPES,
    LINK_TABLES,
    REFERENCE_FILES,
    SYNTHETIC_PREFIX,
    Context,
    DirectQuotes,
    _Builder,
    annotation_files,
    cross_check,
    read_annotation,
    read_reference,
)
from diplodb.seed.problems import SeedValidationError

FLUSH_ROWS = 20_000
# fact type → its table's key (the same name as its column in core.evidence)
FACT_KEYS = {fact_type: EVIDENCE_COLUMN[fact_type] for fact_type in FACT_TYPES}


@dataclass
class Load:
    written: int
    deleted: int
    data_version: str
    described: str
    mode: str


def is_annotation(relative: str) -> bool:
    folder, _, base = relative.rpartition("/")
    return folder == "annotations" and rules.ANNOTATION_NAME.match(base) is not None


class _Stager:
    """Temporary tables seed_<table>, filled by COPY in batches."""

    def __init__(self, cur, tables):
        from diplodb.seed.loader import _columns

        self.cur = cur
        self.tables = tables
        self.columns = {t.name: _columns(t) for t in tables}
        self.buffer: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tables}
        self.pending = 0
        self.counts = dict.fromkeys(self.buffer, 0)
        self.variants: set[str] = set()
        for table in tables:
            cur.execute(f"create temp table seed_{table.name} on commit drop as "
                        f"select {', '.join(self.columns[table.name])} from {table.fullname} "
                        "with no data")

    def add(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for table, table_rows in rows.items():
            if table == "person_name":  # a variant may be named by several files
                table_rows = [r for r in table_rows if r["name_id"] not in self.variants]
                self.variants.update(r["name_id"] for r in table_rows)
            self.buffer[table].extend(table_rows)
            self.pending += len(table_rows)
        if self.pending >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        from diplodb.seed.loader import _copy_value

        for table in self.tables:
            rows = self.buffer[table.name]
            if not rows:
                continue
            columns = self.columns[table.name]
            with self.cur.copy(f"copy seed_{table.name} ({', '.join(columns)}) from stdin") as copy:
                for row in rows:
                    copy.write_row([_copy_value(row[c]) for c in columns])
            self.counts[table.name] += len(rows)
            rows.clear()
        self.pending = 0


def load(conn: Connection, seeds_dir: Path, files: dict[str, str],
         file_order: Callable[[list[Path]], list[Path]], *, force: bool) -> Load:
    from diplodb.seed.loader import core_tables

    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute("select path, digest from core.seed_file")
        stored = dict(cur.fetchall())
        others = {p: d for p, d in files.items() if not is_annotation(p)}
        stored_others = {p: d for p, d in stored.items() if not is_annotation(p)}
        if force or not stored or others != stored_others:
            return _full(cur, seeds_dir, files, file_order, core_tables())
        return _incremental(cur, seeds_dir, files, stored, file_order, core_tables())


def _refuse_mixing(cur, synthetic: bool) -> None:
    cur.execute("select coalesce(bool_or(source_id like %s), false), "
                "coalesce(bool_or(source_id not like %s), false) from core.source",
                (SYNTHETIC_PREFIX + "%", SYNTHETIC_PREFIX + "%"))
    has_synthetic, has_real = cur.fetchone()
    if synthetic and has_real:
        raise DiplodbError("the database holds the real corpus and these seed files are a "
                           "synthetic one (source ids 'synthetic-…'); refusing to mix them: "
                           "seed synthetic data into a database of its own")
    if not synthetic and has_synthetic:
        raise DiplodbError("the database holds a synthetic corpus (source ids 'synthetic-…') "
                           "and these seed files are real data; refusing to mix them: seed "
                           "the real corpus into a database of its own")


def _full(cur, seeds_dir, files, file_order, tables) -> Load:
    builder, ref, dataset = read_reference(seeds_dir)
    if builder.problems:
        raise SeedValidationError(builder.problems)
    _refuse_mixing(cur, any(s.startswith(SYNTHETIC_PREFIX) for s in ref.source_entries))
    context = ref.context()
    stager = _Stager(cur, tables)
    stager.add(ref.tables)
    names = annotation_files(seeds_dir, file_order)
    if not names:
        builder.problem("annotations/", "", "", "no annotation files")
    summaries = []
    for relative in names:
        unit = read_annotation(builder, context, relative)
        stager.add(unit.rows)
        summaries.append(unit.summary)
    direct = cross_check(builder, context, summaries, bool(names))
    if builder.problems:
        raise SeedValidationError(builder.problems)
    stager.flush()
    written = _stage_direct(cur, direct)
    deleted = 0
    for table in reversed(tables):
        deleted += _delete_unstaged(cur, table)
    written += _upsert(cur, tables)
    written += _fix_direct(cur)
    cur.execute("delete from core.seed_file")
    by_path = {summary["file"]: summary for summary in summaries}
    with cur.copy("copy core.seed_file (path, digest, summary) from stdin") as copy:
        for path, digest in files.items():
            summary = by_path.get(path)
            copy.write_row([path, digest, json.dumps(summary) if summary else None])
    return Load(written, deleted, dataset.version, _described(cur), "full")


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
    builder = _Builder(seeds_dir)
    layout = rules.check_layout(seeds_dir, REFERENCE_FILES)
    if layout:
        raise SeedValidationError(layout)
    changed = {p for p, d in files.items() if is_annotation(p) and stored.get(p) != d}
    removed = {p for p in stored if is_annotation(p) and p not in files}
    cur.execute("select path, summary from core.seed_file where summary is not null")
    old = {path: summary for path, summary in cur.fetchall()}
    context = _context_from_db(cur, seeds_dir)
    stager = _Stager(cur, tables)
    names = annotation_files(seeds_dir, file_order)
    new: dict[str, dict[str, Any]] = {}
    for relative in names:
        if relative in changed:
            unit = read_annotation(builder, context, relative)
            stager.add(unit.rows)
            new[relative] = unit.summary
    touched = [old[p] for p in changed | removed if p in old] + list(new.values())
    statements = {row[0] for summary in touched for row in summary["statements"]}
    statements |= {row[0] for summary in touched for row in summary["renderings"]}
    current = [new.get(p) or old[p] for p in names]
    direct = cross_check(builder, context, current, bool(names), only_statements=statements)
    if builder.problems:
        raise SeedValidationError(builder.problems)
    stager.flush()
    written = _stage_direct(cur, direct)

    # Rows the touched files owned before, which the new versions may no longer hold.
    owned_before = [old[p] for p in changed | removed if p in old]
    deleted = 0
    fact_ids = {fact_type: set() for fact_type in FACT_TYPES}
    for summary in touched:
        for fact_type, fact_id, _ in summary["defines"]:
            fact_ids[fact_type].add(fact_id)
    sources = [s["source"] for s in touched if s["source"] is not None]
    by_table = {t.name: t for t in tables}
    for table in reversed(tables):
        if table.name in ("evidence", "source_sentence"):
            deleted += _delete_unstaged(cur, table, "source_id", sources)
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
    if changed:
        for path in sorted(changed):
            cur.execute("insert into core.seed_file (path, digest, summary) values (%s, %s, %s) "
                        "on conflict (path) do update set digest = excluded.digest, "
                        "summary = excluded.summary",
                        (path, files[path], json.dumps(new[path])))
    cur.execute("select data_version from core.seed_state")
    version = cur.fetchone()
    dataset_version = version[0] if version else "unversioned"
    return Load(written, deleted, dataset_version, _described(cur), "incremental")


def _stage_direct(cur, direct: DirectQuotes) -> int:
    """The resolved direct-quote values, into the staged rows (and kept in temporary
    tables for the rows of files not re-read: ``_fix_direct``)."""
    cur.execute("create temp table seed_direct_statement (statement_id text primary key, "
                "value boolean) on commit drop")
    cur.execute("create temp table seed_direct_evidence (evidence_id uuid primary key, "
                "value boolean) on commit drop")
    with cur.copy("copy seed_direct_statement from stdin") as copy:
        for item in direct.statements.items():
            copy.write_row(item)
    with cur.copy("copy seed_direct_evidence from stdin") as copy:
        for item in direct.evidence.items():
            copy.write_row(item)
    cur.execute("update seed_statement s set is_direct_quote = d.value "
                "from seed_direct_statement d where s.statement_id = d.statement_id")
    cur.execute("update seed_evidence s set is_direct_quote = d.value "
                "from seed_direct_evidence d where s.evidence_id = d.evidence_id")
    return 0


def _fix_direct(cur) -> int:
    cur.execute("update core.statement t set is_direct_quote = d.value "
                "from seed_direct_statement d where t.statement_id = d.statement_id "
                "and t.is_direct_quote is distinct from d.value")
    written = cur.rowcount
    cur.execute("update core.evidence t set is_direct_quote = d.value "
                "from seed_direct_evidence d where t.evidence_id = d.evidence_id "
                "and t.is_direct_quote is distinct from d.value")
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
    from diplodb.seed.loader import upsert_sql

    written = 0
    for table in tables:
        cur.execute(upsert_sql(table))
        written += cur.rowcount
    return written


def _described(cur) -> str:
    cur.execute("select (select count(*) from core.source), "
                + " + ".join(f"(select count(*) from core.{t})" for t in FACT_TYPES)
                + ", (select count(*) from core.evidence)")
    sources, facts, evidence = cur.fetchone()
    return f"{sources} sources, {facts} facts, {evidence} pieces of evidence"
