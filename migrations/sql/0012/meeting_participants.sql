-- grain: one row per (meeting, participant)
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
    p.country_code
from meeting_participants mp
join persons p on p.person_id = mp.person_id;

comment on view analytics.meeting_participants is 'One row per (meeting, participant): analytics.meetings.participant_ids and participant_names in long form, for filtering and grouping by person with plain equality.';
comment on column analytics.meeting_participants.meeting_id is 'The meeting (analytics.meetings).';
comment on column analytics.meeting_participants.person_id is 'A person taking part (analytics.persons; one of analytics.meetings.participant_ids).';
comment on column analytics.meeting_participants.person_name is 'Canonical name of that person.';
comment on column analytics.meeting_participants.country_code is 'ISO 3166-1 alpha-3 code of the country the person serves.';
