-- grain: one row per term in office
create or replace view analytics.office_terms as
with terms as (
    select * from core.office_term
)
select
    t.term_id,
    t.person_id,
    p.canonical_name as person_name,
    t.office_id,
    o.title as office_title,
    o.country_code,
    t.start_date as term_start,
    t.end_date as term_end,
    t.start_precision,
    t.end_precision,
    t.basis,
    t.term,
    r.title as reference_title,
    r.url as reference_url,
    t.note,
    t.source_count,
    o.wikidata_qid as office_wikidata_qid
from terms t
join core.person p on p.person_id = t.person_id
join core.office o on o.office_id = t.office_id
join core.reference r on r.reference_id = t.reference_id;

comment on view analytics.office_terms is 'One row per term in office. Who held office X on date D: where office_id = X and term @> D.';
comment on column analytics.office_terms.term_id is 'Stable id of the term.';
comment on column analytics.office_terms.person_id is 'The holder.';
comment on column analytics.office_terms.person_name is 'Canonical name of the holder.';
comment on column analytics.office_terms.office_id is 'The office.';
comment on column analytics.office_terms.office_title is 'Title of the office.';
comment on column analytics.office_terms.country_code is 'Country whose office it is (ISO alpha-3).';
comment on column analytics.office_terms.term_start is 'First day in office (first day of the period at month or year precision).';
comment on column analytics.office_terms.term_end is 'First day no longer in office; NULL = still in office as far as the reference records.';
comment on column analytics.office_terms.start_precision is 'Precision of term_start: day, month or year.';
comment on column analytics.office_terms.end_precision is 'Precision of term_end; NULL when term_end is NULL.';
comment on column analytics.office_terms.basis is 'How the dates are known: reference (a named reference entry), stated or inferred.';
comment on column analytics.office_terms.term is 'The term as a half-open daterange [term_start, term_end).';
comment on column analytics.office_terms.reference_title is 'Title of the reference entry that gives the dates.';
comment on column analytics.office_terms.reference_url is 'Where that reference entry can be read.';
comment on column analytics.office_terms.note is 'Curator''s note on the dates, if any.';
comment on column analytics.office_terms.source_count is 'Number of distinct source articles that name the holder in this office. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.office_terms.office_wikidata_qid is 'Wikidata item of the office as a position (what Wikidata''s ''position held'', P39, points to), e.g. Q838380 for President of Iran; NULL when not confirmed from a named reference.';
