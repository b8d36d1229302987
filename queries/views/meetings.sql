-- grain: one row per meeting
create or replace view analytics.meetings as
with meetings as (
    select * from core.meeting
)
select
    m.meeting_id,
    m.visit_id,
    m.held_on,
    m.date_precision,
    m.date_basis,
    pl.name as place,
    people.participant_ids,
    people.participant_names,
    m.status,
    m.summary,
    (select count(distinct e.source_id) from core.evidence e where e.meeting_id = m.meeting_id
       and e.stance = 'supports')
        as source_count
from meetings m
left join core.place pl on pl.place_id = m.place_id
cross join lateral (
    select array_agg(p.person_id order by p.person_id) as participant_ids,
           array_agg(p.canonical_name order by p.person_id) as participant_names
    from core.meeting_participant mp
    join core.person p on p.person_id = mp.person_id
    where mp.meeting_id = m.meeting_id
) people;

comment on view analytics.meetings is 'One row per meeting between named persons, held or scheduled.';
comment on column analytics.meetings.meeting_id is 'Stable id of the meeting.';
comment on column analytics.meetings.visit_id is 'Visit it was part of; NULL if none.';
comment on column analytics.meetings.held_on is 'Date of the meeting.';
comment on column analytics.meetings.date_precision is 'Precision of held_on.';
comment on column analytics.meetings.date_basis is 'stated or inferred.';
comment on column analytics.meetings.place is 'Where it took place, if reported.';
comment on column analytics.meetings.participant_ids is 'Person ids of the participants, sorted.';
comment on column analytics.meetings.participant_names is 'Canonical names of the participants, in the order of participant_ids.';
comment on column analytics.meetings.status is 'held, scheduled or cancelled.';
comment on column analytics.meetings.summary is 'One-line description by the curators.';
comment on column analytics.meetings.source_count is 'Number of distinct sources that state the meeting. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
