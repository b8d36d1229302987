-- grain: one row per visit (a trip of one visitor to one host country)
create or replace view analytics.visits as
with visits as (
    select * from core.visit
)
select
    v.visit_id,
    v.visitor_id,
    p.canonical_name as visitor_name,
    held.office_title as visitor_office_title,
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
    (select count(distinct e.source_id) from core.evidence e where e.visit_id = v.visit_id
       and e.stance = 'supports')
        as source_count,
    v.status_changed_on,
    v.status_changed_precision,
    v.status_changed_basis
from visits v
join core.person p on p.person_id = v.visitor_id
left join core.place pl on pl.place_id = v.place_id
left join lateral (
    -- The office held on the first day; for an undated (planned) trip, on the day the
    -- earliest source reporting it was published.
    select o.title as office_title
    from core.office_term t
    join core.office o on o.office_id = t.office_id
    where t.person_id = v.visitor_id
      and t.term @> coalesce(v.start_date, (
          select min(s.published_on) from core.evidence e
          join core.source s on s.source_id = e.source_id
          where e.visit_id = v.visit_id))
    order by t.start_date desc
    limit 1
) held on true;

comment on view analytics.visits is 'One row per visit: a trip of one visitor to one host country, made, planned, postponed or cancelled.';
comment on column analytics.visits.visit_id is 'Stable id of the visit.';
comment on column analytics.visits.visitor_id is 'The visitor (analytics.persons).';
comment on column analytics.visits.visitor_name is 'Canonical name of the visitor.';
comment on column analytics.visits.visitor_office_title is 'Office the visitor held on start_date (from analytics.office_terms); for an undated planned trip, on the publication date of its earliest source.';
comment on column analytics.visits.visitor_country_code is 'Country the visitor represents (ISO alpha-3).';
comment on column analytics.visits.host_country_code is 'Country visited (ISO alpha-3).';
comment on column analytics.visits.place is 'Main place of the visit, if reported.';
comment on column analytics.visits.start_date is 'First day; NULL for a planned or postponed trip without a date.';
comment on column analytics.visits.end_date is 'Last day, if known.';
comment on column analytics.visits.date_precision is 'Precision of the dates: day, month or year.';
comment on column analytics.visits.date_basis is 'stated (a source gives the date) or inferred (see date_note).';
comment on column analytics.visits.date_note is 'How an inferred date was derived.';
comment on column analytics.visits.status is 'completed, ongoing, planned, postponed or cancelled, as reported.';
comment on column analytics.visits.status_reason is 'Reported reason for a postponement or cancellation.';
comment on column analytics.visits.visit_type is 'state, official, working or unspecified, as reported.';
comment on column analytics.visits.first_trip_abroad is 'True when reported as the visitor''s first trip abroad in office; NULL = not reported.';
comment on column analytics.visits.source_count is 'Number of distinct sources supporting the visit. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.visits.status_changed_on is 'Day the visit was postponed or cancelled, when a source dates it (the timeline shows it); NULL otherwise.';
comment on column analytics.visits.status_changed_precision is 'Precision of status_changed_on; NULL exactly when it is NULL.';
comment on column analytics.visits.status_changed_basis is 'How status_changed_on is known: stated, or inferred (see the source); NULL exactly when it is NULL.';
