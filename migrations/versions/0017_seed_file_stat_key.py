"""A stat key per seed file, and one definition of counting a fact's supporting sources.

- ``core.seed_file.stat_key``: a re-seed, and the no-op check of ``diplodb up`` and
  ``diplodb seed``, hash only the files whose size, times or inode changed since they were
  last hashed, as git's index does. The seed digest (core.seed_state.digest) becomes the
  SHA-256 over each file's path and SHA-256, so that every file is hashed once per
  command. A database loaded before this revision still holds the former digest: its
  next seed finds every file unchanged (core.seed_file) and writes nothing but the new
  digest and the stat keys.
- ``core.count_supporting_sources_of(fact_table, fact_ids)``: counts the supporting
  sources of the given facts and writes the counts that differ. The trigger
  ``core.count_supporting_sources()`` and ``core.recount_supporting_sources()`` (every
  fact) now call it, and so does a first seed for the facts whose evidence is in other
  files (it writes the other counts with the rows).

The downgrade restores revision 0016's two functions and drops the column.

Revision ID: 0017
Revises: 0016
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# fact table -> its key, which is also its column in core.evidence (as of this revision)
FACTS = {"visit": "visit_id", "visit_participant": "participant_id", "meeting": "meeting_id",
         "statement": "statement_id", "agreement": "agreement_id", "figure": "figure_id",
         "office_term": "term_id", "person_name": "name_id", "activity": "activity_id"}
_KEY = "case fact_table " + " ".join(f"when '{t}' then '{k}'" for t, k in FACTS.items()) + " end"
COUNT_OF = f"""
create function core.count_supporting_sources_of(fact_table text, fact_ids text[])
returns bigint language plpgsql as $function$
declare
    key text := {_KEY};
    written bigint;
begin
    if key is null then
        raise exception 'not a fact table: %', fact_table;
    end if;
    execute format($q$
        update core.%I f set source_count = coalesce(c.n, 0)
        from unnest($1) as a(id)
        left join lateral (
            select count(distinct e.source_id) as n from core.evidence e
            where e.%I = a.id and e.stance = 'supports') c on true
        where f.%I = a.id and f.source_count is distinct from coalesce(c.n, 0)$q$,
        fact_table, key, key) using fact_ids;
    get diagnostics written = row_count;
    return written;
end
$function$
"""
_PER_TABLE = "\n".join(f"""
    execute format('select array(select distinct x.{key} from (%s) x '
                   'where x.{key} is not null)', changed) into ids;
    perform core.count_supporting_sources_of('{table}', ids);""" for table, key in FACTS.items())
TRIGGER = f"""
create or replace function core.count_supporting_sources() returns trigger
language plpgsql as $function$
declare
    changed text := case tg_op
        when 'INSERT' then 'select * from new_rows'
        when 'DELETE' then 'select * from old_rows'
        else 'select * from new_rows union all select * from old_rows' end;
    ids text[];
begin
    -- a first seed (empty tables, indexes dropped) counts at the end instead
    if current_setting('diplodb.defer_source_count', true) = 'on' then
        return null;
    end if;
    -- each fact whose evidence was added, changed or removed is counted again
{_PER_TABLE}
    return null;
end
$function$
"""
RECOUNT_ALL = "create or replace function core.recount_supporting_sources() returns void\n" \
    "language plpgsql as $function$\nbegin" + "".join(f"""
    perform core.count_supporting_sources_of('{table}', array(select {key} from core.{table}));"""
    for table, key in FACTS.items()) + "\nend\n$function$"


def _comment(function: str, text: str) -> None:
    op.execute(f"comment on function {function} is '{text}'")


def upgrade() -> None:
    op.add_column("seed_file", sa.Column(
        "stat_key", sa.Text(), nullable=True,
        comment="The file's size, modification and change times and inode when it was "
                "last hashed: while they are the same the file is not read again to know "
                "its digest. NULL: hash it (a file changed within two seconds of a scan "
                "is never trusted this way)."), schema="core")
    op.execute(COUNT_OF)
    _comment("core.count_supporting_sources_of(text, text[])",
             "Counts the supporting sources (source_count: distinct sources of evidence "
             "with stance supports) of the given facts of one fact table, writes the "
             "counts that differ and returns how many it wrote.")
    op.execute(TRIGGER)
    op.execute(RECOUNT_ALL)
    _comment("core.recount_supporting_sources()",
             "Counts the supporting sources (source_count) of every fact again, for repairs "
             "by hand; the seed and the trigger core.count_supporting_sources keep the "
             "counts.")


def downgrade() -> None:
    previous = _revision_0016()
    op.execute(previous.FUNCTION.replace("create function", "create or replace function", 1))
    op.execute(previous.RECOUNT_ALL.replace("create function", "create or replace function", 1))
    _comment("core.recount_supporting_sources()",
             "Counts the supporting sources (source_count) of every fact again: after a "
             "first seed, which defers the trigger (diplodb.defer_source_count), and in "
             "this revision.")
    op.execute("drop function core.count_supporting_sources_of(text, text[])")
    op.drop_column("seed_file", "stat_key", schema="core")


def _revision_0016():
    """Revision 0016's module, whose function definitions the downgrade restores."""
    path = Path(__file__).with_name("0016_stored_source_count.py")
    spec = importlib.util.spec_from_file_location("diplodb_revision_0016", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
