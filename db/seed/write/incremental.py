"""An incremental seed: only annotation files were added, changed or removed. Only those
are read; the reference context comes from the database, and the rules that span files
are checked over the summaries kept in core.seed_file (see ``pipeline``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from diplodb.seed import rules, yaml_reader
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.digest import Changes
from diplodb.seed.spill import Spill
from diplodb.seed.validate.annotation import read_annotation
from diplodb.seed.validate.corpus import annotation_files
from diplodb.seed.validate.cross_file import cross_check
from diplodb.seed.validate.direct_quotes import fix_direct, stage_direct
from diplodb.seed.validate.entries import Builder
from diplodb.seed.validate.fact_rows import ANNOTATED_FACT_TYPES, ANNOTATION_TABLES, LINK_TABLES
from diplodb.seed.validate.reference import SOURCES_FILE
from diplodb.seed.validate.units import Context, FileSummary
from diplodb.seed.write.bookkeeping import Load, adjusted, summary_keys
from diplodb.seed.write.staging import FACT_KEYS, Stager, delete_unstaged, new_rows, upsert


def _related(summary: FileSummary, facts: set[str], names: set[str],
             statements: set[str]) -> FileSummary:
    """An unchanged file's summary with only the entries that share an id with the
    touched files (any other entry was settled when the file was last loaded)."""
    return replace(
        summary,
        defines=tuple(row for row in summary.defines if row.fact_id in facts),
        cites=tuple(row for row in summary.cites if row.fact_id in facts),
        visit_refs=tuple(row for row in summary.visit_refs if row.visit_id in facts),
        names=tuple(row for row in summary.names if row.name_id in names),
        statements=tuple(row for row in summary.statements if row.statement_id in statements),
        renderings=tuple(row for row in summary.renderings if row.statement_id in statements))


class _Lookup:
    """One column of a reference table by its key, asked of the database when a key is
    first met (and remembered): an incremental re-seed reads the few ids its files use,
    not every id of the corpus. A Container of the keys (``in``) and a mapping to the
    column (``get``), as ``units.Context`` uses them."""

    def __init__(self, cur, table: str, key: str, column: str | None = None,
                 where: str = "true"):
        self.cur = cur
        self.sql = f"select {column or key} from core.{table} where {key} = %s and {where}"
        self.found: dict[str, object] = {}

    def get(self, key: object, default: object = None) -> object:
        if not isinstance(key, str):
            return default
        if key not in self.found:
            self.cur.execute(self.sql, (key,))
            row = self.cur.fetchone()
            self.found[key] = row[0] if row else None
        value = self.found[key]
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None


# Vocabularies that do not grow with the corpus (a few hundred rows at most): read whole,
# in one query, instead of one query per id met.
_WHOLE = {"countries": ("country", "code"), "references": ("reference", "reference_id"),
          "organizations": ("organization", "organization_id"),
          "topics": ("topic", "topic_id"), "subject_areas": ("subject_area", "subject_area_id")}


class _Sources:
    """Source id → one column of its core.source row (``column`` 1: publication date,
    2: article file), asked of the database when a source is first met: a re-seed of one
    file needs one source, not 50,000 at x10000. Both columns share one lookup. What
    ``units.Context`` asks of its sources and files: ``in``, ``[]`` and ``get``."""

    def __init__(self, found: dict[str, tuple | None], cur, column: int):
        self.found, self.cur, self.column = found, cur, column

    def _row(self, source_id: object) -> tuple | None:
        if not isinstance(source_id, str):
            return None
        if source_id not in self.found:
            self.cur.execute("select source_id, published_on, file_name from core.source "
                             "where source_id = %s", (source_id,))
            self.found[source_id] = self.cur.fetchone()
        return self.found[source_id]

    def __getitem__(self, source_id: str):
        row = self._row(source_id)
        if row is None:
            raise KeyError(source_id)
        return row[self.column]

    def get(self, source_id: object, default: object = None) -> object:
        row = self._row(source_id)
        return default if row is None else row[self.column]

    def __contains__(self, source_id: object) -> bool:
        return self._row(source_id) is not None


def _context_from_db(cur, seeds_dir: Path) -> Context:
    found: dict[str, tuple | None] = {}
    sources, articles = _Sources(found, cur, 1), _Sources(found, cur, 2)
    cur.execute(" union all ".join(f"select '{pool}', {key} from core.{table}"
                                   for pool, (table, key) in _WHOLE.items()))
    whole: dict[str, set[str]] = {pool: set() for pool in _WHOLE}
    for pool, key in cur.fetchall():
        whole[pool].add(key)
    return Context(
        seeds_dir=seeds_dir, **whole,
        places=_Lookup(cur, "place", "place_id"),
        persons=_Lookup(cur, "person", "person_id"),
        offices=_Lookup(cur, "office", "office_id"),
        terms=_Lookup(cur, "office_term", "term_id"),
        sources=sources, files=articles,
        canonical=_Lookup(cur, "person_name", "name_id", "name", "is_canonical"))


def load_incremental(cur, seeds_dir, files, changes: Changes, file_order, tables) -> Load:
    """``changes``: only annotation files (``pipeline`` reads everything otherwise)."""
    # The directory was scanned for its digests (links, special files refused there);
    # every file but these annotation files was in the layout when last loaded.
    builder = Builder(seeds_dir)
    changed, removed = set(changes.changed), set(changes.removed)
    cur.execute("select path, summary from core.seed_file where summary is not null "
                "and path = any(%s)", (sorted(changed | removed),))
    old = {path: FileSummary.from_json(summary) for path, summary in cur.fetchall()}
    context = _context_from_db(cur, seeds_dir)
    # Staging tables only for what annotation files hold: creating the reference tables'
    # ones too cost a third of a one-file re-seed's own time at x1000.
    stager = Stager(cur, [t for t in tables if t.name in ANNOTATION_TABLES])
    names = annotation_files(seeds_dir, file_order, files)
    new: dict[str, FileSummary] = {}
    for relative in names:
        if relative in changed:
            unit = read_annotation(builder, context, relative)
            stager.add(unit.rows, unit.origins)
            new[relative] = unit.summary
    touched = list(old.values()) + list(new.values())
    statements = {row.statement_id for summary in touched for row in summary.statements}
    statements |= {row.statement_id for summary in touched for row in summary.renderings}
    facts = {row.fact_id for summary in touched for row in summary.defines}
    facts |= {row.fact_id for summary in touched for row in summary.cites}
    facts |= {row.visit_id for summary in touched for row in summary.visit_refs}
    name_ids = {row.name_id for summary in touched for row in summary.names}
    sources = {s.source for s in touched if s.source is not None}
    # The stored files were consistent with each other when last loaded, so only the
    # files that share an id with the touched ones (old or new versions) can take part
    # in a problem, and of those only the entries with such an id: a citation of a fact
    # another unchanged file defines still holds. The same goes for the articles every
    # file must annotate: only the sources of the touched files may have lost theirs.
    keys = sorted({key for summary in touched for key in summary_keys(summary)})
    # Through the GIN index on keys, always: the planner, which does not count the cost
    # of reading each row's toasted keys, would otherwise scan the whole table (20x
    # slower at x1000).
    cur.execute("set local enable_seqscan = off")
    cur.execute("select path, summary from core.seed_file where keys && %s::text[] "
                "and path <> all(%s)", (keys, sorted(changed | removed)))
    others = {path: _related(FileSummary.from_json(summary), facts, name_ids, statements)
              for path, summary in cur.fetchall()}
    cur.execute("reset enable_seqscan")
    current = [new[p] if p in new else others[p] for p in names if p in new or p in others]
    scope = replace(context, sources={s: context.sources[s] for s in sources
                                      if s in context.sources})
    with Spill() as spill:  # the few statements the touched files name: kept in memory
        direct = cross_check(builder, scope, current, bool(names), only_statements=statements,
                             spill=spill).in_memory()
    if builder.problems:
        raise SeedValidationError(_with_source_labels(seeds_dir, files, builder.problems))
    stager.flush()
    staged = [t for t in tables if stager.counts.get(t.name)]
    if staged:  # unanalyzed, a staging table is guessed large: core tables scanned whole
        cur.execute("analyze " + ", ".join(f"seed_{t.name}" for t in staged))
    written = stage_direct(cur, direct)

    # Rows the touched files owned before, which the new versions may no longer hold.
    owned_before = [old[p] for p in changed | removed if p in old]
    deleted: dict[str, int] = {}
    fact_ids: dict[str, set[str]] = {fact_type: set()
                                     for fact_type in ANNOTATED_FACT_TYPES}
    for summary in touched:
        for row in summary.defines:
            fact_ids[row.fact_type].add(row.fact_id)
    for table in reversed(tables):
        if table.name in ("evidence", "source_sentence"):
            deleted[table.name] = delete_unstaged(cur, table, "source_id", sorted(sources))
        elif table.name in LINK_TABLES:
            parent_type, column = LINK_TABLES[table.name]
            deleted[table.name] = delete_unstaged(cur, table, column,
                                                  sorted(fact_ids[parent_type]))
        elif table.name in FACT_KEYS:
            deleted[table.name] = delete_unstaged(cur, table, FACT_KEYS[table.name],
                                                  sorted(fact_ids[table.name]))
    used = {row.name_id for summary in current for row in summary.names}
    unused = sorted({row.name_id for s in owned_before for row in s.names} - used)
    if unused:
        cur.execute("delete from core.person_name where name_id = any(%s) and not is_canonical",
                    (unused,))
        deleted["person_name"] = deleted.get("person_name", 0) + cur.rowcount
    inserted = new_rows(cur, [t for t in staged
                              if t.name in (*ANNOTATED_FACT_TYPES, "evidence")])
    written += upsert(cur, staged)
    written += fix_direct(cur)
    if removed:
        cur.execute("delete from core.seed_file where path = any(%s)", (sorted(removed),))
    if changed:  # one pipelined batch, however many files changed
        cur.executemany("insert into core.seed_file (path, digest, summary, keys) "
                        "values (%s, %s, %s, %s) on conflict (path) do update set "
                        "digest = excluded.digest, summary = excluded.summary, "
                        "keys = excluded.keys, stat_key = null",
                        [(path, files[path], new[path].to_json(), summary_keys(new[path]))
                         for path in sorted(changed)])
    cur.execute("select data_version, source_count, fact_count, evidence_count "
                "from core.seed_state")
    state = cur.fetchone()
    dataset_version = state[0] if state else "unversioned"
    return Load(written, sum(deleted.values()), dataset_version,
                adjusted(cur, state[1:] if state else None, inserted, deleted),
                "incremental")


def _with_source_labels(seeds_dir: Path, listed: Iterable[str], problems: list) -> list:
    """A problem of an article's entry in sources.yaml, found without reading that file
    (the incremental path knows the sources from the database), named as a full read
    names it: by the file (or part) holding the entry and its position there
    (``entry[4] (id=...)``)."""
    if not any(p.file == SOURCES_FILE and p.entry.startswith("source ") for p in problems):
        return problems
    from diplodb.seed.files import read_bytes

    origins = {}
    for part in rules.parts(listed, SOURCES_FILE)[0]:
        raw, _ = yaml_reader.load_yaml(part, read_bytes(seeds_dir / part).decode("utf-8"))
        origins.update({item.get("id"): (part, yaml_reader.entry_label("entry", index,
                                                                       item.get("id")))
                        for index, item in enumerate(raw or []) if isinstance(item, dict)})
    named = []
    for p in problems:
        origin = (origins.get(p.entry.removeprefix("source "))
                  if p.file == SOURCES_FILE and p.entry.startswith("source ") else None)
        named.append(p if origin is None else replace(p, file=origin[0], entry=origin[1]))
    return named
