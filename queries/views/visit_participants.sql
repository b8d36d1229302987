-- grain: one row per (visit, participant)
create or replace view analytics.visit_participants as
with participants as (
    select * from core.visit_participant
)
select
    vp.participant_id,
    vp.visit_id,
    vp.person_id,
    -- looked up per row, not joined: half the participants name no person, and a hash
    -- join that keeps them (a right join) puts every NULL key in one batch, which no
    -- work_mem short of all of them can split (65 s at x10000 with 4 MB)
    (select p.canonical_name from core.person p where p.person_id = vp.person_id)
        as person_name,
    o.title as office_title,
    vp.office_id,
    vp.country_code,
    vp.role,
    vp.source_count,
    vp.group_description,
    vp.led_by_person_id,
    leader.canonical_name as led_by_person_name
from participants vp
left join core.person leader on leader.person_id = vp.led_by_person_id
left join core.office o on o.office_id = vp.office_id;

comment on view analytics.visit_participants is 'One row per (visit, participant): a named person, only an office where the sources name nobody, or a described group (group_description) where the text names no one.';
comment on column analytics.visit_participants.participant_id is 'Stable id of the participation.';
comment on column analytics.visit_participants.visit_id is 'The visit (analytics.visits).';
comment on column analytics.visit_participants.person_id is 'The participant; NULL when only the office or a group is reported.';
comment on column analytics.visit_participants.person_name is 'Canonical name; NULL when only the office or a group is reported.';
comment on column analytics.visit_participants.office_title is 'Office in which the participant took part; NULL for a group described without one.';
comment on column analytics.visit_participants.office_id is 'Id of that office.';
comment on column analytics.visit_participants.country_code is 'Side the participant belongs to (ISO alpha-3).';
comment on column analytics.visit_participants.role is 'head, delegation, host or counterpart.';
comment on column analytics.visit_participants.source_count is 'Number of distinct sources reporting this participant; 1 = only one source says so. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.visit_participants.group_description is 'For a group the text names no one in: the group as the text describes it (e.g. some members of the Iraqi delegation, who also met their Iranian counterparts), size unknown; NULL for a named person or an office.';
comment on column analytics.visit_participants.led_by_person_id is 'Who leads the group, when the text says (analytics.persons); NULL otherwise.';
comment on column analytics.visit_participants.led_by_person_name is 'Canonical name of that leader.';
