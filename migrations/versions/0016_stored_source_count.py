"""Each fact's source_count, defined once and kept by the database.

- The nine fact tables (visit, visit_participant, meeting, statement, agreement, figure,
  office_term, person_name, activity) gain ``source_count``: the number of distinct
  sources whose evidence supports the fact (stance 'supports').
- ``core.count_supporting_sources()``, run by three statement-level triggers on
  core.evidence (insert, update, delete; transition tables), recounts only the facts whose
  evidence changed, and writes only a count that differs. The seed never writes the column;
  a first seed into empty tables sets ``diplodb.defer_source_count`` and calls
  ``core.recount_supporting_sources()`` once at the end (the trigger's per-statement
  recount would scan core.evidence while its indexes are dropped).
- The ten views that counted evidence in a subquery per row (activities, agreements,
  meetings, office_terms, person_names, reported_figures, statements, visit_participants,
  visits, events) read the column instead: same columns, so they are replaced in place.

The view SQL is read from migrations/sql/0016/ (frozen copies). The downgrade drops the
triggers and the function, drops the views that read the columns (their "select *"
depends on every column) and the views built on them, drops the columns, and rebuilds
every view from its previous copy.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
SNAPSHOT = SQL / revision
# fact table -> its key, which is also its column in core.evidence (as of this revision)
FACTS = {"visit": "visit_id", "visit_participant": "participant_id", "meeting": "meeting_id",
         "statement": "statement_id", "agreement": "agreement_id", "figure": "figure_id",
         "office_term": "term_id", "person_name": "name_id", "activity": "activity_id"}
COMMENT = ("Number of distinct sources whose evidence supports this fact (stance 'supports'), "
           "kept by the trigger core.count_supporting_sources on core.evidence: the analytics "
           "views read it instead of counting.")
CHANGED = ("activities", "agreements", "meetings", "office_terms", "person_names",
           "reported_figures", "statements", "visit_participants", "visits", "events")
# for the downgrade: the views to drop (readers first) and rebuild (in dependency order),
# each from the revision folder of its previous copy
READERS = ("event_contexts", "dyad_years", "events", "timeline")
PREVIOUS = {"office_terms": "0012", "person_names": "0006", "visits": "0014",
            "visit_participants": "0011", "meetings": "0014", "statements": "0015",
            "agreements": "0011", "reported_figures": "0011", "activities": "0014",
            "timeline": "0011", "events": "0015", "event_contexts": "0014",
            "dyad_years": "0014"}

_RECOUNT = "\n".join(f"""
    execute format($q$
        update core.{table} f set source_count = coalesce(c.n, 0)
        from (select distinct x.{key} as id from (%s) x where x.{key} is not null) a
        left join lateral (
            select count(distinct e.source_id) as n from core.evidence e
            where e.{key} = a.id and e.stance = 'supports') c on true
        where f.{key} = a.id and f.source_count is distinct from coalesce(c.n, 0)$q$,
        changed);""" for table, key in FACTS.items())
_RECOUNT_ALL = "\n".join(f"""
    update core.{table} f set source_count = coalesce(c.n, 0)
    from core.{table} t
    left join (select {key} as id, count(distinct source_id) as n from core.evidence
               where stance = 'supports' and {key} is not null group by {key}) c
           on c.id = t.{key}
    where f.{key} = t.{key} and f.source_count is distinct from coalesce(c.n, 0);"""
    for table, key in FACTS.items())
FUNCTION = f"""
create function core.count_supporting_sources() returns trigger
language plpgsql as $function$
declare
    changed text := case tg_op
        when 'INSERT' then 'select * from new_rows'
        when 'DELETE' then 'select * from old_rows'
        else 'select * from new_rows union all select * from old_rows' end;
begin
    -- a first seed (empty tables, indexes dropped) counts once at the end instead
    if current_setting('diplodb.defer_source_count', true) = 'on' then
        return null;
    end if;
    -- each fact whose evidence was added, changed or removed is counted again
{_RECOUNT}
    return null;
end
$function$
"""
RECOUNT_ALL = f"""
create function core.recount_supporting_sources() returns void
language sql as $function$
{_RECOUNT_ALL}
$function$
"""
TRIGGERS = {"insert": "referencing new table as new_rows",
            "update": "referencing old table as old_rows new table as new_rows",
            "delete": "referencing old table as old_rows"}


def _group() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def upgrade() -> None:
    for table in FACTS:
        op.add_column(table, sa.Column("source_count", sa.BigInteger(), nullable=False,
                                       server_default=sa.text("0"), comment=COMMENT),
                      schema="core")
    op.execute(RECOUNT_ALL)
    op.execute("comment on function core.recount_supporting_sources() is 'Counts the "
               "supporting sources (source_count) of every fact again: after a first seed, "
               "which defers the trigger (diplodb.defer_source_count), and in this revision.'")
    op.execute("select core.recount_supporting_sources()")
    op.execute(FUNCTION)
    op.execute("comment on function core.count_supporting_sources() is 'Recounts the "
               "supporting sources (source_count) of the facts whose evidence a statement "
               "on core.evidence added, changed or removed.'")
    for event, referencing in TRIGGERS.items():
        op.execute(f"create trigger count_supporting_sources_after_{event} after {event} "
                   f"on core.evidence {referencing} for each statement "
                   "execute function core.count_supporting_sources()")
    for view in CHANGED:
        op.execute((SNAPSHOT / f"{view}.sql").read_text())


def downgrade() -> None:
    group = _group()
    for event in TRIGGERS:
        op.execute(f"drop trigger count_supporting_sources_after_{event} on core.evidence")
    op.execute("drop function core.count_supporting_sources()")
    op.execute("drop function core.recount_supporting_sources()")
    for view in (*READERS, *(v for v in CHANGED if v not in READERS)):
        op.execute(f"drop view analytics.{view}")
    for table in FACTS:
        op.drop_column(table, "source_count", schema="core")
    for view, folder in PREVIOUS.items():
        op.execute((SQL / folder / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {group}")
