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
    a.source_count,
    a.concluded_earliest,
    a.concluded_latest,
    a.concluded_edtf,
    a.date_note,
    a.date_reference_id
from agreements a;

comment on view analytics.agreements is 'One row per agreement, memorandum, pact, pledge or bundle of instruments signed together.';
comment on column analytics.agreements.agreement_id is 'Stable id of the agreement.';
comment on column analytics.agreements.title is 'Descriptive title by the curators.';
comment on column analytics.agreements.kind is 'mou, treaty, pact, commitment or other.';
comment on column analytics.agreements.parties is 'ISO alpha-3 codes of the parties, sorted.';
comment on column analytics.agreements.concluded_on is 'Date concluded or announced at date_precision: the first day of the finest period holding concluded_earliest and concluded_latest; NULL when none does.';
comment on column analytics.agreements.date_precision is 'Precision of concluded_on; NULL exactly when it is NULL.';
comment on column analytics.agreements.date_basis is 'stated, inferred (see date_note) or reference (date_reference_id); NULL when no bound is known.';
comment on column analytics.agreements.visit_id is 'Visit it came out of; NULL if none.';
comment on column analytics.agreements.instrument_count is 'Number of instruments (e.g. 14 memoranda).';
comment on column analytics.agreements.subject_areas is 'Subject area ids, sorted.';
comment on column analytics.agreements.value_usd is 'Stated value in US dollars; NULL when none is stated.';
comment on column analytics.agreements.status is 'signed, announced or planned.';
comment on column analytics.agreements.source_count is 'Number of distinct sources that state the agreement. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.agreements.concluded_earliest is 'Earliest day it can have been concluded or announced (for a plan: planned), inclusive; NULL when nothing bounds it from below.';
comment on column analytics.agreements.concluded_latest is 'Latest day it can have been concluded or announced, inclusive; NULL when nothing bounds it from above.';
comment on column analytics.agreements.concluded_edtf is 'EDTF (ISO 8601-2) of the bounds, e.g. 2024-09-11, 2023, ../2024-09-11; canonical form, which the edtf library (Library of Congress) reads back as these bounds in the tests.';
comment on column analytics.agreements.date_note is 'How an inferred or referenced date was derived; NULL only for a stated date.';
comment on column analytics.agreements.date_reference_id is 'The named reference of the date, exactly when date_basis is reference.';
