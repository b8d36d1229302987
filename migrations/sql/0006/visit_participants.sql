-- grain: one row per (visit, participant)
create or replace view analytics.visit_participants as
with participants as (
    select * from core.visit_participant
)
select
    vp.participant_id,
    vp.visit_id,
    vp.person_id,
    p.canonical_name as person_name,
    o.title as office_title,
    vp.office_id,
    vp.country_code,
    vp.role,
    (select count(distinct e.source_id) from core.evidence e
     where e.participant_id = vp.participant_id
       and e.stance = 'supports') as source_count
from participants vp
left join core.person p on p.person_id = vp.person_id
left join core.office o on o.office_id = vp.office_id;

comment on view analytics.visit_participants is 'One row per (visit, participant): a named person, or only an office where the sources name nobody.';
comment on column analytics.visit_participants.participant_id is 'Stable id of the participation.';
comment on column analytics.visit_participants.visit_id is 'The visit (analytics.visits).';
comment on column analytics.visit_participants.person_id is 'The participant; NULL when only the office is reported.';
comment on column analytics.visit_participants.person_name is 'Canonical name; NULL when only the office is reported.';
comment on column analytics.visit_participants.office_title is 'Office in which the participant took part.';
comment on column analytics.visit_participants.office_id is 'Id of that office.';
comment on column analytics.visit_participants.country_code is 'Side the participant belongs to (ISO alpha-3).';
comment on column analytics.visit_participants.role is 'head, delegation, host or counterpart.';
comment on column analytics.visit_participants.source_count is 'Number of distinct sources reporting this participant; 1 = only one source says so. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
