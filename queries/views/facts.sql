-- grain: one row per fact (fact_type, fact_id), every kind together
create or replace view analytics.facts as
with visits as (
    select visit_id, source_count from core.visit
),
participants as (
    select participant_id, source_count from core.visit_participant
),
meetings as (
    select meeting_id, source_count from core.meeting
),
statements as (
    select statement_id, source_count from core.statement
),
agreements as (
    select agreement_id, source_count from core.agreement
),
figures as (
    select figure_id, source_count from core.figure
),
terms as (
    select term_id, source_count from core.office_term
),
names as (
    select name_id, source_count from core.person_name
),
activities as (
    select activity_id, source_count from core.activity
)
select 'visit' as fact_type, visit_id as fact_id, source_count from visits
union all
select 'visit_participant', participant_id, source_count from participants
union all
select 'meeting', meeting_id, source_count from meetings
union all
select 'statement', statement_id, source_count from statements
union all
select 'agreement', agreement_id, source_count from agreements
union all
select 'figure', figure_id, source_count from figures
union all
select 'office_term', term_id, source_count from terms
union all
select 'person_name', name_id, source_count from names
union all
select 'activity', activity_id, source_count from activities;

comment on view analytics.facts is 'One row per fact, every kind together (the fact_type and fact_id of analytics.citations), with its source_count: the place to ask how many sources support each fact without counting citations.';
comment on column analytics.facts.fact_type is 'Kind of fact: visit, visit_participant, meeting, statement, agreement, figure, office_term, person_name, activity (as in analytics.citations).';
comment on column analytics.facts.fact_id is 'Id of the fact in its own view (visit_id, participant_id, meeting_id, statement_id, agreement_id, figure_id, term_id, name_id or activity_id).';
comment on column analytics.facts.source_count is 'Number of distinct sources that state the fact (0 for an office term or name variant known only from the reference data), as in the fact''s own view: the distinct source_id of its citations with stance ''supports''.';
