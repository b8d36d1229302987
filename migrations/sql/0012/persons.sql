-- grain: one row per person
create or replace view analytics.persons as
with persons as (
    select * from core.person
)
select
    p.person_id,
    p.canonical_name as name,
    p.country_code,
    array(select n.name from core.person_name n where n.person_id = p.person_id
          order by n.is_canonical desc, n.name) as aliases,
    p.wikidata_qid,
    wd.url as wikidata_reference_url,
    r.url as reference_url
from persons p
join core.reference r on r.reference_id = p.reference_id
left join core.reference wd on wd.reference_id = p.wikidata_reference_id;

comment on view analytics.persons is 'One row per person named in the corpus.';
comment on column analytics.persons.person_id is 'Stable id of the person.';
comment on column analytics.persons.name is 'Canonical display name (from the person''s reference entry).';
comment on column analytics.persons.country_code is 'ISO 3166-1 alpha-3 code of the country the person serves.';
comment on column analytics.persons.aliases is 'Every recorded name variant, canonical first.';
comment on column analytics.persons.wikidata_qid is 'Wikidata item of the person, e.g. Q57336; NULL when not confirmed from a named reference (never guessed).';
comment on column analytics.persons.wikidata_reference_url is 'Where the named reference for wikidata_qid can be read; NULL when wikidata_qid is NULL.';
comment on column analytics.persons.reference_url is 'Where the person''s reference entry (the source of the canonical name) can be read.';
