-- grain: one row per agreement, pledge or bundle of instruments
create or replace view analytics.agreements as
with agreements as (
    select * from core.agreement
)
select
    a.agreement_id,
    a.title,
    a.kind,
    array(select ap.country_code from core.agreement_party ap
          where ap.agreement_id = a.agreement_id order by ap.country_code) as parties,
    a.concluded_on,
    a.date_precision,
    a.date_basis,
    a.visit_id,
    a.instrument_count,
    array(select s.subject_area_id from core.agreement_subject s
          where s.agreement_id = a.agreement_id order by s.subject_area_id) as subject_areas,
    a.value_usd,
    a.status,
    (select count(distinct e.source_id) from core.evidence e
     where e.agreement_id = a.agreement_id
       and e.stance = 'supports') as source_count
from agreements a;

comment on view analytics.agreements is 'One row per agreement, memorandum, pact, pledge or bundle of instruments signed together.';
comment on column analytics.agreements.agreement_id is 'Stable id of the agreement.';
comment on column analytics.agreements.title is 'Descriptive title by the curators.';
comment on column analytics.agreements.kind is 'mou, treaty, pact, commitment or other.';
comment on column analytics.agreements.parties is 'ISO alpha-3 codes of the parties, sorted.';
comment on column analytics.agreements.concluded_on is 'Date concluded or announced, if known.';
comment on column analytics.agreements.date_precision is 'Precision of concluded_on.';
comment on column analytics.agreements.date_basis is 'stated or inferred.';
comment on column analytics.agreements.visit_id is 'Visit it came out of; NULL if none.';
comment on column analytics.agreements.instrument_count is 'Number of instruments (e.g. 14 memoranda).';
comment on column analytics.agreements.subject_areas is 'Subject area ids, sorted.';
comment on column analytics.agreements.value_usd is 'Stated value in US dollars; NULL when none is stated.';
comment on column analytics.agreements.status is 'signed, announced or planned.';
comment on column analytics.agreements.source_count is 'Number of distinct sources that state the agreement. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
