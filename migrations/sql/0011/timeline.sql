-- grain: one row per dated fact (visits and their postponements or cancellations, meetings,
-- statements, agreements, figures, activities)
create or replace view analytics.timeline as
select v.start_date as happened_on, v.date_precision, 'visit' as event_type,
       v.visit_id as fact_id,
       v.visitor_name || ' visits ' || v.host_country_code || coalesce(' (' || v.place || ')', '')
           || ' [' || v.status || ']' as summary,
       v.source_count, v.start_earliest as earliest, v.start_latest as latest,
       v.start_edtf as date_edtf
from analytics.visits v where num_nonnulls(v.start_earliest, v.start_latest) > 0
union all
select v.status_changed_on, v.status_changed_precision, 'visit_status', v.visit_id,
       v.visitor_name || ' visit to ' || v.host_country_code || ' ' || v.status
           || coalesce(': ' || v.status_reason, ''),
       v.source_count, v.status_changed_earliest, v.status_changed_latest,
       v.status_changed_edtf
from analytics.visits v
where num_nonnulls(v.status_changed_earliest, v.status_changed_latest) > 0
union all
select m.held_on, m.date_precision, 'meeting', m.meeting_id, m.summary, m.source_count,
       m.held_earliest, m.held_latest, m.held_edtf
from analytics.meetings m where num_nonnulls(m.held_earliest, m.held_latest) > 0
union all
select s.said_on, s.date_precision, 'statement', s.statement_id,
       s.speaker_name || ': ' || s.text, s.source_count, s.said_earliest, s.said_latest,
       s.said_edtf
from analytics.statements s where num_nonnulls(s.said_earliest, s.said_latest) > 0
union all
select a.concluded_on, a.date_precision, 'agreement', a.agreement_id,
       a.title || ' [' || a.status || ']', a.source_count, a.concluded_earliest,
       a.concluded_latest, a.concluded_edtf
from analytics.agreements a
where num_nonnulls(a.concluded_earliest, a.concluded_latest) > 0
union all
select f.as_of, f.as_of_precision, 'figure', f.figure_id,
       f.metric || ' ' || f.qualifier || ' ' || f.value || ' ' || f.unit
           || coalesce(' (' || f.country_code || coalesce('–' || f.counterpart_country_code, '')
                       || ')', ''),
       f.source_count, f.as_of_earliest, f.as_of_latest, f.as_of_edtf
from analytics.reported_figures f where num_nonnulls(f.as_of_earliest, f.as_of_latest) > 0
union all
select a.happened_on, a.date_precision, 'activity', a.activity_id,
       a.summary || ' [' || a.kind || ', ' || a.status || ']', a.source_count, a.earliest,
       a.latest, a.date_edtf
from analytics.activities a where num_nonnulls(a.earliest, a.latest) > 0;

comment on view analytics.timeline is 'One row per dated fact, all kinds together (activities included); order by earliest (then latest): the bounds say what may have happened between two days (earliest <= D2 and latest >= D1) and what certainly did (earliest >= D1 and latest <= D2).';
comment on column analytics.timeline.happened_on is 'Date of the fact at date_precision (start of a visit, day of a meeting or statement, conclusion of an agreement, as_of of a figure, day of an activity): the first day of the finest period holding earliest and latest; NULL when none does.';
comment on column analytics.timeline.date_precision is 'Precision of happened_on; NULL exactly when it is NULL.';
comment on column analytics.timeline.event_type is 'visit, visit_status (the day a visit was postponed or cancelled), meeting, statement, agreement, figure or activity.';
comment on column analytics.timeline.fact_id is 'Id of the fact in its view.';
comment on column analytics.timeline.summary is 'One-line description.';
comment on column analytics.timeline.source_count is 'Number of distinct sources supporting the fact.';
comment on column analytics.timeline.earliest is 'Earliest day the fact can have happened (for a visit: its first day), inclusive; NULL when nothing bounds it from below.';
comment on column analytics.timeline.latest is 'Latest day the fact can have happened (for a visit: its first day), inclusive; NULL when nothing bounds it from above.';
comment on column analytics.timeline.date_edtf is 'EDTF (ISO 8601-2) of earliest and latest, e.g. 2020-07-21, 2020-07, 2020-07-18/2020-07-19, ../2024-09-11.';
