-- grain: one row per (agreement, party)
create or replace view analytics.agreement_parties as
with parties as (
    select * from core.agreement_party
),
countries as (
    select * from core.country
)
select
    ap.agreement_id,
    ap.country_code,
    c.name as country_name
from parties ap
join countries c on c.code = ap.country_code;

comment on view analytics.agreement_parties is 'One row per (agreement, party country): analytics.agreements.parties in long form, for filtering and grouping by party with plain equality.';
comment on column analytics.agreement_parties.agreement_id is 'The agreement (analytics.agreements).';
comment on column analytics.agreement_parties.country_code is 'ISO 3166-1 alpha-3 code of a party (one of analytics.agreements.parties).';
comment on column analytics.agreement_parties.country_name is 'English short name of that country.';
