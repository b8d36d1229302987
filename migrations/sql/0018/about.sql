-- grain: one row per database (so exactly one): the data set loaded in it
create or replace view analytics.about with (security_barrier) as
with seed_state as (
    select * from core.seed_state
),
alembic_version as (
    select * from public.alembic_version
)
select
    s.data_version,
    s.digest as seed_digest,
    s.loaded_at,
    (select v.version_num from alembic_version v) as schema_revision,
    (select count(*) from core.source) as source_count,
    (select count(*) from core.visit)
        + (select count(*) from core.visit_participant)
        + (select count(*) from core.meeting)
        + (select count(*) from core.statement)
        + (select count(*) from core.agreement)
        + (select count(*) from core.figure)
        + (select count(*) from core.activity) as fact_count,
    (select count(*) from core.evidence) as citation_count
from (select) as one_row
left join seed_state s on true;

comment on view analytics.about is 'One row per database (so exactly one): the data set loaded in it (its version label, seed digest and load time), the schema revision, and how many sources, facts and citations it holds. Cite data_version with any result.';
comment on column analytics.about.data_version is 'Human-readable version label of the seed data (seeds/dataset.yaml), e.g. 2026.11.1; NULL before the first seed.';
comment on column analytics.about.seed_digest is 'Hex SHA-256 over every seed file as loaded; equal digests mean identical data.';
comment on column analytics.about.loaded_at is 'When the seed data was last loaded (committed).';
comment on column analytics.about.schema_revision is 'Alembic revision of the database schema.';
comment on column analytics.about.source_count is 'Number of source articles (rows in analytics.sources).';
comment on column analytics.about.fact_count is 'Number of facts recorded from the articles: visits, visit participants, meetings, statements, agreements, reported figures and activities (each cited at least once; office terms and name variants are reference data, not counted).';
comment on column analytics.about.citation_count is 'Number of pieces of evidence (rows in analytics.citations).';
