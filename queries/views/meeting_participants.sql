-- grain: one row per (meeting, participant): a person, or a described group
create or replace view analytics.meeting_participants as
with meeting_participants as (
    select * from core.meeting_participant
),
persons as (
    select * from core.person
)
select
    mp.meeting_id,
    mp.person_id,
    p.canonical_name as person_name,
    p.country_code,
    mp.person_id as participant_key,
    null::text as group_description,
    held.office_title,
    null::text as led_by_person_id
from meeting_participants mp
join persons p on p.person_id = mp.person_id
join core.meeting m on m.meeting_id = mp.meeting_id
left join lateral (
    -- The office the person held on the day of the meeting (its earliest possible day):
    -- of two, the senior one, then the later term, then the term id (as analytics.visits
    -- ranks a visitor's offices).
    select o.title as office_title
    from core.office_term t
    join core.office o on o.office_id = t.office_id
    where t.person_id = mp.person_id
      and t.term @> coalesce(m.held_earliest, m.held_latest)
    order by core.office_seniority(o.level), t.start_date desc, t.term_id
    limit 1
) held on true
union all
select
    g.meeting_id,
    null,
    null,
    g.country_code,
    'group-' || g.group_no,
    g.description,
    o.title,
    g.led_by_person_id
from core.meeting_group g
left join core.office o on o.office_id = g.office_id;

comment on view analytics.meeting_participants is 'One row per (meeting, participant): analytics.meetings.participant_ids and participant_names in long form, for filtering and grouping by person with plain equality, and the described groups (participant_groups) with NULL person_id.';
comment on column analytics.meeting_participants.meeting_id is 'The meeting (analytics.meetings).';
comment on column analytics.meeting_participants.person_id is 'A person taking part (analytics.persons; one of analytics.meetings.participant_ids); NULL for a group or an office.';
comment on column analytics.meeting_participants.person_name is 'Canonical name of that person; NULL for a group.';
comment on column analytics.meeting_participants.country_code is 'ISO 3166-1 alpha-3 code of the country the person serves, or the group''s side.';
comment on column analytics.meeting_participants.participant_key is 'Key of the participant within the meeting: the person_id, or group-N for the meeting''s N-th described group.';
comment on column analytics.meeting_participants.group_description is 'For a group the text names no one in: the group as described (e.g. their Iranian counterparts); NULL for a person.';
comment on column analytics.meeting_participants.office_title is 'For a person, the office held on the day of the meeting; for a group, the office its members hold when the text gives one.';
comment on column analytics.meeting_participants.led_by_person_id is 'Who leads the group, when the text says; NULL otherwise.';
