-- grain: one row per number reported
create or replace view analytics.reported_figures as
with figures as (
    select * from core.figure
)
select
    f.figure_id,
    f.metric,
    f.country_code,
    f.counterpart_country_code,
    f.value,
    f.unit,
    f.qualifier,
    f.as_of,
    f.as_of_precision,
    f.as_of_basis,
    f.visit_id,
    f.note,
    f.source_count,
    f.as_of_earliest,
    f.as_of_latest,
    f.as_of_edtf,
    f.as_of_note,
    f.as_of_reference_id
from figures f;

comment on view analytics.reported_figures is 'One row per number a source reports (trade, debt, cases, deaths, troops).';
comment on column analytics.reported_figures.figure_id is 'Stable id of the figure.';
comment on column analytics.reported_figures.metric is 'What is counted: bilateral-trade, energy-debt, covid-cases, covid-deaths, us-troops.';
comment on column analytics.reported_figures.country_code is 'Country the figure is about (ISO alpha-3).';
comment on column analytics.reported_figures.counterpart_country_code is 'Other country, for bilateral figures.';
comment on column analytics.reported_figures.value is 'The number, in unit.';
comment on column analytics.reported_figures.unit is 'Unit: USD, USD/year, persons, troops.';
comment on column analytics.reported_figures.qualifier is 'exact, over, about, close_to, under, or target (a goal, not an actual).';
comment on column analytics.reported_figures.as_of is 'Date the figure refers to at as_of_precision: the first day of the finest period holding as_of_earliest and as_of_latest; NULL when none does.';
comment on column analytics.reported_figures.as_of_precision is 'Precision of as_of; NULL exactly when it is NULL.';
comment on column analytics.reported_figures.as_of_basis is 'stated, inferred (see as_of_note) or reference (as_of_reference_id).';
comment on column analytics.reported_figures.visit_id is 'Visit in whose reporting it appears; NULL if none.';
comment on column analytics.reported_figures.note is 'Curator''s note, if any.';
comment on column analytics.reported_figures.source_count is 'Number of distinct sources that state the figure. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.reported_figures.as_of_earliest is 'Earliest day the figure can refer to (inclusive); NULL when nothing bounds it from below.';
comment on column analytics.reported_figures.as_of_latest is 'Latest day the figure can refer to (inclusive).';
comment on column analytics.reported_figures.as_of_edtf is 'EDTF (ISO 8601-2) of the bounds; canonical form, which the edtf library (Library of Congress) reads back as these bounds in the tests.';
comment on column analytics.reported_figures.as_of_note is 'How an inferred or referenced as-of date was derived; NULL only for a stated one.';
comment on column analytics.reported_figures.as_of_reference_id is 'The named reference of the as-of date, exactly when as_of_basis is reference.';
