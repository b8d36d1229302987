-- grain: one row per visit (a trip of one visitor to one host country)
create or replace view analytics.visits as
with visits as (
    select * from core.visit
)
select
    v.visit_id,
    v.visitor_id,
    p.canonical_name as visitor_name,
    (held.office).title as visitor_office_title,
    v.visitor_country_code,
    v.host_country_code,
    pl.name as place,
    v.start_date,
    v.end_date,
    v.date_precision,
    v.date_basis,
    v.date_note,
    v.status,
    v.status_reason,
    v.visit_type,
    v.first_trip_abroad,
    v.source_count,
    v.status_changed_on,
    v.status_changed_precision,
    v.status_changed_basis,
    v.start_earliest,
    v.start_latest,
    v.end_earliest,
    v.end_latest,
    v.dates_edtf,
    v.start_edtf,
    v.end_edtf,
    v.date_reference_id,
    v.status in ('completed', 'ongoing') as took_place,
    (select max(s.published_on) from core.evidence e
     join core.source s on s.source_id = e.source_id
     where e.visit_id = v.visit_id and e.stance = 'supports') as status_as_of,
    (held.office).level,
    v.status_changed_earliest,
    v.status_changed_latest,
    v.status_changed_edtf,
    v.status_changed_note,
    v.place_id
from visits v
join core.person p on p.person_id = v.visitor_id
left join core.place pl on pl.place_id = v.place_id
left join lateral (
    -- The office held on the first day (its earliest possible day, else its latest); for
    -- an undated (planned) trip, on the day the earliest source reporting it was
    -- published. Of two offices held that day, the senior one (it is the visit's level),
    -- then the later term, then the term id: ranked once, the office's whole row kept,
    -- its title and level read from it. An aggregate, not a LIMIT: it is one row
    -- whatever it finds, so PostgreSQL leaves the join out of a query that reads neither
    -- column (the timeline).
    select (array_agg(o order by core.office_seniority(o.level), t.start_date desc,
                t.term_id))[1] as office
    from core.office_term t
    join core.office o on o.office_id = t.office_id
    where t.person_id = v.visitor_id
      and t.term @> coalesce(v.start_earliest, v.start_latest, (
          select min(s.published_on) from core.evidence e
          join core.source s on s.source_id = e.source_id
          where e.visit_id = v.visit_id))
) held on true;

comment on view analytics.visits is 'One row per visit: a trip of one visitor to one host country, made, planned, postponed or cancelled.';
comment on column analytics.visits.visit_id is 'Stable id of the visit.';
comment on column analytics.visits.visitor_id is 'The visitor (analytics.persons).';
comment on column analytics.visits.visitor_name is 'Canonical name of the visitor.';
comment on column analytics.visits.visitor_office_title is 'Office the visitor held on the first day (start_earliest, else start_latest; from analytics.office_terms), the senior one if several; for an undated planned trip, on the publication date of its earliest source.';
comment on column analytics.visits.visitor_country_code is 'Country the visitor represents (ISO alpha-3).';
comment on column analytics.visits.host_country_code is 'Country visited (ISO alpha-3).';
comment on column analytics.visits.place is 'Main place of the visit, if reported.';
comment on column analytics.visits.start_date is 'First day at date_precision: the first day of the finest period (day, month, year) that holds both start bounds; NULL when no such period does (an open bound, or a trip without a date).';
comment on column analytics.visits.end_date is 'Last day, if known: derived from end_earliest and end_latest by the same rule (NULL when the end is not reported).';
comment on column analytics.visits.date_precision is 'Precision of start_date: day, month or year, the finest period holding both start bounds; NULL exactly when start_date is NULL.';
comment on column analytics.visits.date_basis is 'How the dates are known: stated (a source gives them), inferred (see date_note) or reference (a named reference: date_reference_id); NULL when no bound is known.';
comment on column analytics.visits.date_note is 'How inferred or referenced dates were derived; NULL only for stated dates.';
comment on column analytics.visits.status is 'completed, ongoing, planned, postponed or cancelled, as reported.';
comment on column analytics.visits.status_reason is 'Reported reason for a postponement or cancellation.';
comment on column analytics.visits.visit_type is 'state, official, working or unspecified, as reported.';
comment on column analytics.visits.first_trip_abroad is 'True when reported as the visitor''s first trip abroad in office; NULL = not reported.';
comment on column analytics.visits.source_count is 'Number of distinct sources supporting the visit. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.visits.status_changed_on is 'Day the visit was postponed or cancelled (the first day of the finest period holding status_changed_earliest and status_changed_latest), when a source dates it (the timeline shows it); NULL otherwise.';
comment on column analytics.visits.status_changed_precision is 'Precision of status_changed_on; NULL exactly when it is NULL.';
comment on column analytics.visits.status_changed_basis is 'How the status change is dated: stated, inferred (see status_changed_note) or reference; NULL when it is not dated.';
comment on column analytics.visits.start_earliest is 'Earliest day the visit can have begun (inclusive), as a careful reader of the text, its dated source or a named reference can defend; NULL when nothing bounds it from below.';
comment on column analytics.visits.start_latest is 'Latest day the visit can have begun (inclusive); NULL when nothing bounds it from above.';
comment on column analytics.visits.end_earliest is 'Earliest day the visit can have ended (inclusive): for a visit reported under way, the last day a source reports it so; NULL when not bounded.';
comment on column analytics.visits.end_latest is 'Latest day the visit can have ended (inclusive); NULL when not bounded (the end is not reported).';
comment on column analytics.visits.dates_edtf is 'The visit as one EDTF interval (ISO 8601-2), first day to last day, e.g. 2020-07-18/2020-07-19 or 2020-07-21/.. (.. = not bounded); rendered by the loader with the edtf library.';
comment on column analytics.visits.start_edtf is 'EDTF of the first day''s bounds: a day, month or year, or earliest/latest.';
comment on column analytics.visits.end_edtf is 'EDTF of the last day''s bounds; NULL when the end is not bounded at all.';
comment on column analytics.visits.date_reference_id is 'The named reference (core.reference) the dates come from, exactly when date_basis is reference.';
comment on column analytics.visits.took_place is 'True when the sources report the visit as having happened (completed or ongoing), whether or not its end is reported; false for a planned, postponed or cancelled trip.';
comment on column analytics.visits.status_as_of is 'The day of the latest report supporting the visit (publication date of its latest supporting source): status holds as of this day, so ongoing reads "ongoing as of status_as_of".';
comment on column analytics.visits.level is 'Seniority the visitor travelled in, from the office held on the first day (analytics.visits.visitor_office_title): head_of_state, head_of_government, foreign_minister or other (as COLT and the Diplomatic Outreach data set code leader travel; Iran''s president counts as head of government, its Supreme Leader as head of state); NULL when no office is recorded for that day.';
comment on column analytics.visits.status_changed_earliest is 'Earliest day the visit can have been postponed or cancelled; NULL when not dated.';
comment on column analytics.visits.status_changed_latest is 'Latest day the visit can have been postponed or cancelled; NULL when not dated.';
comment on column analytics.visits.status_changed_edtf is 'EDTF of the status change''s bounds.';
comment on column analytics.visits.status_changed_note is 'How an inferred or referenced status change date was derived.';
comment on column analytics.visits.place_id is 'Where it happened (analytics.places.place_id, with its GeoNames id and coordinates); NULL when not reported.';
