"""Counting the supporting sources: one pass over the changed evidence per statement.

The trigger on core.evidence (``core.count_supporting_sources()``) ran, for every INSERT,
UPDATE or DELETE statement, nine dynamic queries over its transition tables (one per fact
table) and nine calls of ``core.count_supporting_sources_of``, each planning an UPDATE,
even when the statement changed no evidence or none of a fact table: about 1.5 ms per
statement, 9 ms for a session's first, which a one-file re-seed pays three times. Now one
query collects the ids of all nine fact tables, and the count runs only for a table with
ids; ``core.count_supporting_sources_of`` returns 0 at once for no ids. The counts are
defined as before (distinct sources of evidence with stance 'supports').

The downgrade restores revision 0017's two functions.

Revision ID: 0023
Revises: 0022
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# fact table -> its key, which is also its column in core.evidence (as of this revision)
FACTS = {"visit": "visit_id", "visit_participant": "participant_id", "meeting": "meeting_id",
         "statement": "statement_id", "agreement": "agreement_id", "figure": "figure_id",
         "office_term": "term_id", "person_name": "name_id", "activity": "activity_id"}
_KEY = "case fact_table " + " ".join(f"when '{t}' then '{k}'" for t, k in FACTS.items()) + " end"
COUNT_OF = f"""
create or replace function core.count_supporting_sources_of(fact_table text, fact_ids text[])
returns bigint language plpgsql as $function$
declare
    key text := {_KEY};
    written bigint;
begin
    if key is null then
        raise exception 'not a fact table: %', fact_table;
    end if;
    if coalesce(cardinality(fact_ids), 0) = 0 then
        return 0;
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
_DECLARE = "\n".join(f"    {table}_ids text[];" for table in FACTS)
_COLLECT = ", ".join(f"array_agg(distinct x.{key}) filter (where x.{key} is not null)"
                     for key in FACTS.values())
_INTO = ", ".join(f"{table}_ids" for table in FACTS)
_COUNT = "\n".join(f"""    if {table}_ids is not null then
        perform core.count_supporting_sources_of('{table}', {table}_ids);
    end if;""" for table in FACTS)
TRIGGER = f"""
create or replace function core.count_supporting_sources() returns trigger
language plpgsql as $function$
declare
    changed text := case tg_op
        when 'INSERT' then 'select * from new_rows'
        when 'DELETE' then 'select * from old_rows'
        else 'select * from new_rows union all select * from old_rows' end;
{_DECLARE}
begin
    -- a first seed (empty tables, indexes dropped) counts at the end instead
    if current_setting('diplodb.defer_source_count', true) = 'on' then
        return null;
    end if;
    -- each fact whose evidence was added, changed or removed is counted again: the ids
    -- of every fact table in one pass over the changed rows
    execute format('select {_COLLECT} from (%s) x', changed) into {_INTO};
{_COUNT}
    return null;
end
$function$
"""


def upgrade() -> None:
    op.execute(COUNT_OF)
    op.execute(TRIGGER)


def downgrade() -> None:
    previous = _revision_0017()
    op.execute(previous.COUNT_OF.replace("create function", "create or replace function", 1))
    op.execute(previous.TRIGGER)


def _revision_0017():
    """Revision 0017's module, whose function definitions the downgrade restores."""
    path = Path(__file__).with_name("0017_seed_file_stat_key.py")
    spec = importlib.util.spec_from_file_location("diplodb_revision_0017", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
