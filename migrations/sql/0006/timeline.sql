-- grain: one row per dated fact (visits and their postponements or cancellations, meetings,
-- statements, agreements, figures)
create or replace view analytics.timeline as
select v.start_date as happened_on, v.date_precision, 'visit' as event_type,
       v.visit_id as fact_id,
       v.visitor_name || ' visits ' || v.host_country_code || coalesce(' (' || v.place || ')', '')
           || ' [' || v.status || ']' as summary,
       v.source_count
from analytics.visits v where v.start_date is not null
union all
select v.status_changed_on, v.status_changed_precision, 'visit_status', v.visit_id,
       v.visitor_name || ' visit to ' || v.host_country_code || ' ' || v.status
           || coalesce(': ' || v.status_reason, ''),
       v.source_count
from analytics.visits v where v.status_changed_on is not null
union all
select m.held_on, m.date_precision, 'meeting', m.meeting_id, m.summary, m.source_count
from analytics.meetings m
union all
select s.said_on, s.date_precision, 'statement', s.statement_id,
       s.speaker_name || ': ' || s.text, s.source_count
from analytics.statements s
union all
select a.concluded_on, a.date_precision, 'agreement', a.agreement_id,
       a.title || ' [' || a.status || ']', a.source_count
from analytics.agreements a where a.concluded_on is not null
union all
select f.as_of, f.as_of_precision, 'figure', f.figure_id,
       f.metric || ' ' || f.qualifier || ' ' || f.value || ' ' || f.unit
           || coalesce(' (' || f.country_code || coalesce('–' || f.counterpart_country_code, '')
                       || ')', ''),
       f.source_count
from analytics.reported_figures f;

comment on view analytics.timeline is 'One row per dated fact, all kinds together; order by happened_on.';
comment on column analytics.timeline.happened_on is 'Date of the fact (start of a visit, day of a meeting or statement, conclusion of an agreement, as_of of a figure).';
comment on column analytics.timeline.date_precision is 'Precision of happened_on.';
comment on column analytics.timeline.event_type is 'visit, visit_status (the day a visit was postponed or cancelled), meeting, statement, agreement or figure.';
comment on column analytics.timeline.fact_id is 'Id of the fact in its view.';
comment on column analytics.timeline.summary is 'One-line description.';
comment on column analytics.timeline.source_count is 'Number of distinct sources supporting the fact.';
