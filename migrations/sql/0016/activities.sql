-- grain: one row per activity (what is reported and is neither a visit, a meeting, a
-- statement, an agreement nor a figure)
create or replace view analytics.activities as
with activities as (
    select * from core.activity
)
select
    a.activity_id,
    a.kind,
    a.summary,
    a.actor_person_id as actor_id,
    coalesce(p.canonical_name, org.name) as actor_name,
    a.actor_organization_id,
    a.country_code,
    pl.name as place,
    a.visit_id,
    a.earliest,
    a.latest,
    a.date_edtf,
    a.date_basis,
    a.status,
    a.source_count,
    a.happened_on,
    a.date_precision,
    a.date_note,
    a.date_reference_id,
    a.status = 'held' as took_place,
    a.place_id
from activities a
left join core.person p on p.person_id = a.actor_person_id
left join core.organization org on org.organization_id = a.actor_organization_id
left join core.place pl on pl.place_id = a.place_id;

comment on view analytics.activities is 'One row per activity: what a source reports that is neither a visit, a meeting, a statement, an agreement nor a figure (ceremonies and receptions, commemorations and site visits, hospitalisations, elections, strikes and attacks), however many sources report it.';
comment on column analytics.activities.activity_id is 'Stable id of the activity.';
comment on column analytics.activities.kind is 'ceremony, reception, commemoration, site_visit, hospitalisation, election, strike, attack or other.';
comment on column analytics.activities.summary is 'One-line description by the curators.';
comment on column analytics.activities.actor_id is 'The person who acts, is elected or is hospitalised (analytics.persons); NULL when the actor is an organisation or not reported.';
comment on column analytics.activities.actor_name is 'Canonical name of the actor: the person, or the organisation.';
comment on column analytics.activities.actor_organization_id is 'The acting organisation or government (core.organization); NULL when the actor is a person or not reported.';
comment on column analytics.activities.country_code is 'Country where it happened (ISO alpha-3), if reported.';
comment on column analytics.activities.place is 'Where it happened, if reported.';
comment on column analytics.activities.visit_id is 'The visit it was part of (analytics.visits); NULL if none.';
comment on column analytics.activities.earliest is 'Earliest day it can have happened (inclusive); NULL when nothing bounds it from below.';
comment on column analytics.activities.latest is 'Latest day it can have happened (inclusive); NULL when nothing bounds it from above.';
comment on column analytics.activities.date_edtf is 'EDTF (ISO 8601-2) of the bounds, e.g. 2020-01-03, 2020-07-18/2020-07-19; canonical form, which the edtf library (Library of Congress) reads back as these bounds in the tests.';
comment on column analytics.activities.date_basis is 'stated, inferred (see date_note) or reference (a named reference: date_reference_id).';
comment on column analytics.activities.status is 'held, planned or cancelled, as reported.';
comment on column analytics.activities.source_count is 'Number of distinct sources that state the activity. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.activities.happened_on is 'Date at date_precision: the first day of the finest period (day, month, year) holding both bounds; NULL when none does.';
comment on column analytics.activities.date_precision is 'Precision of happened_on; NULL exactly when it is NULL.';
comment on column analytics.activities.date_note is 'How an inferred or referenced date was derived; NULL only for a stated date.';
comment on column analytics.activities.date_reference_id is 'The named reference of the date (core.reference), exactly when date_basis is reference.';
comment on column analytics.activities.took_place is 'True when the sources report it as having happened (status held).';
comment on column analytics.activities.place_id is 'Where it happened (analytics.places.place_id, with its GeoNames id and coordinates); NULL when not reported.';
