-- grain: one row per country
create or replace view analytics.countries as
with countries as (
    select * from core.country
)
select
    c.code as country_code,
    c.iso_alpha2,
    c.name,
    c.cow_code,
    c.gw_code,
    c.wikidata_qid,
    iso.url as iso_reference_url,
    cow.url as cow_reference_url,
    gw.url as gw_reference_url,
    wd.url as wikidata_reference_url,
    c.identifier_note
from countries c
left join core.reference iso on iso.reference_id = c.iso_reference_id
left join core.reference cow on cow.reference_id = c.cow_reference_id
left join core.reference gw on gw.reference_id = c.gw_reference_id
left join core.reference wd on wd.reference_id = c.wikidata_reference_id;

comment on view analytics.countries is 'One row per country the corpus involves, with the identifiers other data sets join on: ISO 3166-1 alpha-3 and alpha-2, Correlates of War and Gleditsch-Ward state numbers, Wikidata item. Each identifier comes from the named reference beside it; one that could not be confirmed, or that does not exist (Palestine has no COW or GW number, so a merge on cow_code drops it), is NULL and identifier_note says why.';
comment on column analytics.countries.country_code is 'ISO 3166-1 alpha-3 code, the key every other view uses (country_code, visitor_country_code, ...).';
comment on column analytics.countries.iso_alpha2 is 'ISO 3166-1 alpha-2 code, e.g. IR.';
comment on column analytics.countries.name is 'English short name.';
comment on column analytics.countries.cow_code is 'Correlates of War state number (ccode), e.g. 630 for Iran; NULL when the country has none.';
comment on column analytics.countries.gw_code is 'Gleditsch-Ward state number, e.g. 630 for Iran; NULL when the country has none.';
comment on column analytics.countries.wikidata_qid is 'Wikidata item of the country, e.g. Q794; NULL when not confirmed.';
comment on column analytics.countries.iso_reference_url is 'Where the named reference for the ISO codes can be read.';
comment on column analytics.countries.cow_reference_url is 'Where the named reference for cow_code can be read; NULL when cow_code is NULL.';
comment on column analytics.countries.gw_reference_url is 'Where the named reference for gw_code can be read; NULL when gw_code is NULL.';
comment on column analytics.countries.wikidata_reference_url is 'Where the named reference for wikidata_qid can be read; NULL when wikidata_qid is NULL.';
comment on column analytics.countries.identifier_note is 'Why an identifier is NULL (none exists, or it was not confirmed); NULL when all are set.';
