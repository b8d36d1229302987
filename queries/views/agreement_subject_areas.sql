-- grain: one row per (agreement, subject area)
create or replace view analytics.agreement_subject_areas as
with subjects as (
    select * from core.agreement_subject
),
subject_areas as (
    select * from core.subject_area
)
select
    s.agreement_id,
    s.subject_area_id,
    sa.label as subject_area_label
from subjects s
join subject_areas sa on sa.subject_area_id = s.subject_area_id;

comment on view analytics.agreement_subject_areas is 'One row per (agreement, subject area): analytics.agreements.subject_areas in long form, for filtering and grouping by subject area with plain equality.';
comment on column analytics.agreement_subject_areas.agreement_id is 'The agreement (analytics.agreements).';
comment on column analytics.agreement_subject_areas.subject_area_id is 'A subject area the agreement covers (one of analytics.agreements.subject_areas).';
comment on column analytics.agreement_subject_areas.subject_area_label is 'Display label of the subject area.';
