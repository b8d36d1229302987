-- grain: one row per (person, name variant)
create or replace view analytics.person_names as
with names as (
    select * from core.person_name
)
select
    n.name_id,
    n.person_id,
    n.name,
    n.is_canonical,
    n.source_count
from names n;

comment on view analytics.person_names is 'One row per (person, name variant): each spelling exactly as a source or the reference writes it.';
comment on column analytics.person_names.name_id is 'Stable id of the variant: <person_id>:<variant with _ for spaces>.';
comment on column analytics.person_names.person_id is 'The person so named.';
comment on column analytics.person_names.name is 'The variant exactly as written.';
comment on column analytics.person_names.is_canonical is 'True for the canonical name from the reference entry.';
comment on column analytics.person_names.source_count is 'Number of distinct sources that write this variant (0 = reference only). Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
