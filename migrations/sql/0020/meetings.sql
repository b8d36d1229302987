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
    m.source_count,
    m.held_earliest,
    m.held_latest,
    m.held_edtf,
    m.date_note,
    m.date_reference_id,
    m.status = 'held' as took_place,
    (select max(s.published_on) from core.evidence e
     join core.source s on s.source_id = e.source_id
     where e.meeting_id = m.meeting_id and e.stance = 'supports') as status_as_of,
    array(select g.description from core.meeting_group g
          where g.meeting_id = m.meeting_id order by g.group_no) as participant_groups,
    m.place_id
from meetings m
left join core.place pl on pl.place_id = m.place_id
left join lateral (
    -- An aggregate: one row per meeting, so the left join loses nothing, and PostgreSQL
    -- leaves it out of a query that reads neither array (the timeline).
    select array_agg(p.person_id order by p.person_id) as participant_ids,
           array_agg(p.canonical_name order by p.person_id) as participant_names
    from core.meeting_participant mp
    join core.person p on p.person_id = mp.person_id
    where mp.meeting_id = m.meeting_id
) people on true;

comment on view analytics.meetings is 'One row per meeting between named persons or described groups, held or scheduled.';
comment on column analytics.meetings.meeting_id is 'Stable id of the meeting.';
comment on column analytics.meetings.visit_id is 'Visit it was part of; NULL if none.';
comment on column analytics.meetings.held_on is 'Date of the meeting at date_precision: the first day of the finest period (day, month, year) holding held_earliest and held_latest; NULL when none does.';
comment on column analytics.meetings.date_precision is 'Precision of held_on (the finest period holding both bounds); NULL exactly when held_on is NULL.';
comment on column analytics.meetings.date_basis is 'stated, inferred (see date_note) or reference (date_reference_id).';
comment on column analytics.meetings.place is 'Where it took place, if reported.';
comment on column analytics.meetings.participant_ids is 'Person ids of the named participants, sorted (described groups are in participant_groups and analytics.meeting_participants).';
comment on column analytics.meetings.participant_names is 'Canonical names of the participants, in the order of participant_ids.';
comment on column analytics.meetings.status is 'held, scheduled or cancelled.';
comment on column analytics.meetings.summary is 'One-line description by the curators.';
comment on column analytics.meetings.source_count is 'Number of distinct sources that state the meeting. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.meetings.held_earliest is 'Earliest day the meeting can have been held (inclusive); NULL when nothing bounds it from below.';
comment on column analytics.meetings.held_latest is 'Latest day the meeting can have been held (inclusive); NULL when nothing bounds it from above.';
comment on column analytics.meetings.held_edtf is 'EDTF (ISO 8601-2) of the bounds, e.g. 2020-07-21 or 2020-07-18/2020-07-19; canonical form, which the edtf library (Library of Congress) reads back as these bounds in the tests.';
comment on column analytics.meetings.date_note is 'How an inferred or referenced date was derived; NULL only for a stated date.';
comment on column analytics.meetings.date_reference_id is 'The named reference of the date, exactly when date_basis is reference.';
comment on column analytics.meetings.took_place is 'True when the sources report the meeting as held; false when it is only scheduled or was cancelled.';
comment on column analytics.meetings.status_as_of is 'The day of the latest report supporting the meeting as stored: its status holds as of this day.';
comment on column analytics.meetings.participant_groups is 'Descriptions of the participating groups the text names no one in, in entry order (analytics.meeting_participants has them with country and leader).';
comment on column analytics.meetings.place_id is 'Where it happened (analytics.places.place_id, with its GeoNames id and coordinates); NULL when not reported.';
