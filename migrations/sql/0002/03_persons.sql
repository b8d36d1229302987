-- grain: one row per person
create view analytics.persons as
with persons as (
    select * from core.person
)
select
    p.person_id,
    p.canonical_name as name,
    p.country_code,
    array(select n.name from core.person_name n where n.person_id = p.person_id
          order by n.is_canonical desc, n.name) as aliases
from persons p;

comment on view analytics.persons is 'One row per person named in the corpus.';
comment on column analytics.persons.person_id is 'Stable id of the person.';
comment on column analytics.persons.name is 'Canonical display name (from the person''s reference entry).';
comment on column analytics.persons.country_code is 'ISO 3166-1 alpha-3 code of the country the person serves.';
comment on column analytics.persons.aliases is 'Every recorded name variant, canonical first.';

-- grain: one row per (person, name variant)
create view analytics.person_names as
with names as (
    select * from core.person_name
)
select
    n.name_id,
    n.person_id,
    n.name,
    n.is_canonical,
    (select count(distinct e.source_id) from core.evidence e where e.name_id = n.name_id)
        as source_count
from names n;

comment on view analytics.person_names is 'One row per (person, name variant): each spelling exactly as a source or the reference writes it.';
comment on column analytics.person_names.name_id is 'Stable id of the variant: <person_id>:<variant with _ for spaces>.';
comment on column analytics.person_names.person_id is 'The person so named.';
comment on column analytics.person_names.name is 'The variant exactly as written.';
comment on column analytics.person_names.is_canonical is 'True for the canonical name from the reference entry.';
comment on column analytics.person_names.source_count is 'Number of distinct sources that write this variant (0 = reference only).';
