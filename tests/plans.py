"""Which indexes a query's plan uses, and the filtered queries analysts typically run.

The corpus is small, so at default settings PostgreSQL rightly scans whole tables; what
matters for growth is that an index-backed plan exists for each typical filter. With
sequential and plain index scans switched off (``whole_scans=False``) the planner can
reach a table only through an index condition (a bitmap scan) or, failing that, by the
penalised sequential scan, so a plan that still scans a table whole shows a missing
index."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

# (view, filter, query, the index that should serve the filter): one per filter analysts
# typically apply, by person, by date range and by visit, on each view that has one.
TYPICAL_FILTERS: list[tuple[str, str, str, str]] = [
    ("visits", "by person", "select * from analytics.visits "
     "where visitor_id = 'mustafa-al-kadhimi'", "ix_visit_visitor_id"),
    ("visits", "by date range", "select * from analytics.visits "
     "where start_date between '2020-07-01' and '2020-07-31'", "ix_visit_start_date"),
    ("visit_participants", "by visit", "select * from analytics.visit_participants "
     "where visit_id = 'kadhimi-iran-2020-07'", "ix_visit_participant_visit_id"),
    ("visit_participants", "by person", "select * from analytics.visit_participants "
     "where person_id = 'hassan-rouhani'", "ix_visit_participant_person_id"),
    ("meetings", "by visit", "select * from analytics.meetings "
     "where visit_id = 'kadhimi-iran-2020-07'", "ix_meeting_visit_id"),
    ("meetings", "by date range", "select * from analytics.meetings "
     "where held_on between '2020-07-01' and '2020-07-31'", "ix_meeting_held_on"),
    ("statements", "by person", "select * from analytics.statements "
     "where speaker_id = 'ali-khamenei'", "ix_statement_speaker_id"),
    ("statements", "by date range", "select * from analytics.statements "
     "where said_on between '2024-09-01' and '2024-09-30'", "ix_statement_said_on"),
    ("statements", "by visit", "select * from analytics.statements "
     "where visit_id = 'pezeshkian-iraq-2024-09'", "ix_statement_visit_id"),
    ("statements", "full text", "select statement_id from analytics.statements "
     "where search @@ websearch_to_tsquery('english', 'railway')", "ix_statement_search"),
    ("sources", "full text", "select source_id from analytics.sources "
     "where search @@ websearch_to_tsquery('english', 'railway')", "ix_source_search"),
    ("agreements", "by visit", "select * from analytics.agreements "
     "where visit_id = 'pezeshkian-iraq-2024-09'", "ix_agreement_visit_id"),
    ("agreements", "by date range", "select * from analytics.agreements "
     "where concluded_on between '2023-04-01' and '2023-04-30'",
     "ix_agreement_concluded_on"),
    ("reported_figures", "by visit", "select * from analytics.reported_figures "
     "where visit_id = 'kadhimi-iran-2020-07'", "ix_figure_visit_id"),
    ("reported_figures", "by date range", "select * from analytics.reported_figures "
     "where as_of between '2020-01-01' and '2020-12-31'", "ix_figure_as_of"),
    ("reported_figures", "by metric", "select * from analytics.reported_figures "
     "where metric = 'bilateral-trade'", "ix_figure_metric"),
    ("office_terms", "by person", "select * from analytics.office_terms "
     "where person_id = 'masoud-pezeshkian'", "ix_office_term_person_id"),
    ("office_terms", "by office and date", "select * from analytics.office_terms "
     "where office_id = 'irn-president' and term @> date '2020-07-21'",
     "one_holder_at_a_time"),
    ("person_names", "by person", "select * from analytics.person_names "
     "where person_id = 'mustafa-al-kadhimi'", "ix_person_name_person_id"),
    ("persons", "by person", "select * from analytics.persons "
     "where person_id = 'mustafa-al-kadhimi'", "pk_person"),
    ("citations", "by source", "select * from analytics.citations "
     "where source_id = (select min(source_id) from core.source)", "ix_evidence_source_id"),
    ("citations", "by fact", "select * from analytics.citations "
     "where fact_id = 'kadhimi-iran-2020-07'", "ix_evidence_fact_id"),
    ("statement_topics", "by topic", "select * from analytics.statement_topics "
     "where topic_id = 'railway'", "ix_statement_topic_topic_id"),
    ("meeting_participants", "by person", "select * from analytics.meeting_participants "
     "where person_id = 'masoud-pezeshkian'", "ix_meeting_participant_person_id"),
    ("agreement_parties", "by country", "select * from analytics.agreement_parties "
     "where country_code = 'IRQ'", "ix_agreement_party_country_code"),
    ("agreement_subject_areas", "by subject area", "select * from analytics.agreement_subject_areas "
     "where subject_area_id = 'trade'", "ix_agreement_subject_subject_area_id"),
    ("source_sentences", "by source", "select * from analytics.source_sentences "
     "where source_id = (select min(source_id) from core.source)", "pk_source_sentence"),
    ("statement_renderings", "by statement", "select * from analytics.statement_renderings "
     "where statement_id = 'rouhani-2020-07-21-turning-point'", "ix_evidence_statement_id"),
    ("activities", "by date range", "select * from analytics.activities "
     "where earliest between '2020-01-01' and '2020-01-31'", "ix_activity_earliest"),
    ("activities", "by visit", "select * from analytics.activities "
     "where visit_id = 'zarif-iraq-2020-07'", "ix_activity_visit_id"),
    ("timeline", "by date range", "select * from analytics.timeline "
     "where happened_on between '2020-07-01' and '2020-07-31'", "ix_figure_as_of"),
    # Contract v1.3: the joins other data sets make.
    ("countries", "by COW code", "select * from analytics.countries where cow_code = 630",
     "uq_country_cow_code"),
    ("places", "by GeoNames id", "select * from analytics.places where geonames_id = 112931",
     "uq_place_geonames_id"),
    # The events of one visit: the condition reaches each branch's visit_id index.
    ("events", "by visit", "select * from analytics.events where visit_id = 'kadhimi-iran-2020-07'",
     "ix_meeting_visit_id"),
    # One fact's source_count: the fact_type picks the branch, its key the row.
    ("facts", "by fact", "select * from analytics.facts "
     "where fact_type = 'visit' and fact_id = 'kadhimi-iran-2020-07'", "pk_visit"),
]


@dataclass
class PlanUse:
    indexes: set[str] = field(default_factory=set)  # searched with a condition
    seq_scans: set[str] = field(default_factory=set)
    relations: set[str] = field(default_factory=set)  # every table the plan reads
    execution_ms: float | None = None


def _walk(node: dict, use: PlanUse) -> None:
    # Only an index searched with a condition serves a filter; a full index scan that
    # merely returns rows in order does not.
    if "Index Name" in node and "Index Cond" in node:
        use.indexes.add(node["Index Name"])
    if node.get("Node Type") == "Seq Scan":
        use.seq_scans.add(f"{node.get('Schema', '')}.{node['Relation Name']}".lstrip("."))
    if "Relation Name" in node:
        use.relations.add(f"{node.get('Schema', '')}.{node['Relation Name']}".lstrip("."))
    for child in node.get("Plans", []):
        _walk(child, use)


def plan_use(conn: Connection, sql: str, *, analyze: bool = False,
             whole_scans: bool = True) -> PlanUse:
    """Indexes and sequentially scanned tables in the plan of ``sql`` (in a transaction:
    the settings are local to it)."""
    options = "analyze, verbose, format json" if analyze else "verbose, format json"
    setting = "on" if whole_scans else "off"
    conn.execute(text(f"set local enable_seqscan = {setting}"))
    conn.execute(text(f"set local enable_indexscan = {setting}"))
    raw = conn.execute(text(f"explain ({options}) {sql}")).scalar()
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]
    use = PlanUse(execution_ms=plan.get("Execution Time"))
    _walk(plan["Plan"], use)
    return use
