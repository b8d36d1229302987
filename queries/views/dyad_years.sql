-- grain: one row per (year, actor country, recipient country), every year the corpus covers
create or replace view analytics.dyad_years as
with pairs as (
    -- the directed country pairs of each event: actor country -> recipient country, or,
    -- when the event has no recipient (parties, participants no side hosts), every
    -- ordered pair of distinct actor countries
    select e.fact_type, e.earliest, e.took_place, e.visit_level, e.plover_event, e.status,
           a as actor_country_code, b as recipient_country_code
    from analytics.events e
    cross join lateral unnest(e.actor_country_codes) as a
    cross join lateral unnest(case when cardinality(e.recipient_country_codes) > 0
                                   then e.recipient_country_codes
                                   else e.actor_country_codes end) as b
    where a <> b
),
years as (
    select generate_series(min(extract(year from earliest))::int,
                           max(extract(year from earliest))::int) as year
    from analytics.events
),
dyads as (
    select distinct actor_country_code, recipient_country_code from pairs
),
counts as (
    select extract(year from earliest)::int as year, actor_country_code, recipient_country_code,
           count(*) filter (where fact_type = 'visit' and took_place) as visits,
           count(*) filter (where fact_type = 'visit' and took_place
                              and visit_level = 'head_of_state') as visits_head_of_state,
           count(*) filter (where fact_type = 'visit' and took_place
                              and visit_level = 'head_of_government')
               as visits_head_of_government,
           count(*) filter (where fact_type = 'visit' and took_place
                              and visit_level = 'foreign_minister') as visits_foreign_minister,
           count(*) filter (where fact_type = 'visit' and took_place
                              and coalesce(visit_level, 'other') = 'other') as visits_other,
           count(*) filter (where fact_type = 'visit' and plover_event = 'AGREE')
               as planned_visits,
           count(*) filter (where fact_type = 'meeting' and took_place) as meetings,
           count(*) filter (where fact_type = 'agreement' and status = 'signed')
               as agreements_signed,
           count(*) filter (where fact_type = 'statement') as statements
    from pairs
    where earliest is not null
    group by 1, 2, 3
)
select
    y.year,
    d.actor_country_code,
    d.recipient_country_code,
    ac.cow_code as actor_cow_code,
    rc.cow_code as recipient_cow_code,
    coalesce(c.visits, 0) as visits,
    coalesce(c.visits_head_of_state, 0) as visits_head_of_state,
    coalesce(c.visits_head_of_government, 0) as visits_head_of_government,
    coalesce(c.visits_foreign_minister, 0) as visits_foreign_minister,
    coalesce(c.visits_other, 0) as visits_other,
    coalesce(c.planned_visits, 0) as planned_visits,
    coalesce(c.meetings, 0) as meetings,
    coalesce(c.agreements_signed, 0) as agreements_signed,
    coalesce(c.statements, 0) as statements
from years y
cross join dyads d
left join counts c on c.year = y.year and c.actor_country_code = d.actor_country_code
                  and c.recipient_country_code = d.recipient_country_code
left join core.country ac on ac.code = d.actor_country_code
left join core.country rc on rc.code = d.recipient_country_code;

comment on view analytics.dyad_years is 'One row per (year, actor country, recipient country): directed country-pair-years for every year from the first to the last year of the events'' earliest days, times every ordered pair of distinct countries that appears in an event (actor country -> recipient country; both directions among the parties or participants of an event without a recipient), zeros included, so it can be used as a panel. Each count is of analytics.events rows by the year of their earliest day; events without earliest count in no year.';
comment on column analytics.dyad_years.year is 'Calendar year of the events'' earliest day.';
comment on column analytics.dyad_years.actor_country_code is 'Actor country (ISO alpha-3), the side that initiates (the visitor''s, the speaker''s, a party).';
comment on column analytics.dyad_years.recipient_country_code is 'Recipient country (ISO alpha-3), the side the events are directed at (the host, the target, another party).';
comment on column analytics.dyad_years.actor_cow_code is 'Correlates of War state number of the actor country; NULL when it has none.';
comment on column analytics.dyad_years.recipient_cow_code is 'Correlates of War state number of the recipient country; NULL when it has none.';
comment on column analytics.dyad_years.visits is 'Visits that took place (completed or ongoing), actor country visiting the recipient country.';
comment on column analytics.dyad_years.visits_head_of_state is 'Of those visits, visits at head-of-state level (analytics.visits.level).';
comment on column analytics.dyad_years.visits_head_of_government is 'Of those visits, visits at head-of-government level.';
comment on column analytics.dyad_years.visits_foreign_minister is 'Of those visits, visits at foreign-minister level.';
comment on column analytics.dyad_years.visits_other is 'Of those visits, visits at any other level or of unknown level.';
comment on column analytics.dyad_years.planned_visits is 'Visits planned or postponed (coded AGREE), not (yet) made.';
comment on column analytics.dyad_years.meetings is 'Meetings held between the two sides.';
comment on column analytics.dyad_years.agreements_signed is 'Agreements signed between the two (counted in both directions).';
comment on column analytics.dyad_years.statements is 'Statements of the actor country''s speakers directed at the recipient country (every statement with a target).';
