-- grain: one row per source article
create or replace view analytics.sources as
with sources as (
    select * from core.source
)
select
    s.source_id,
    s.title,
    s.publisher,
    s.agency,
    s.published_on,
    s.published_on_precision,
    s.published_on_basis,
    s.published_on_note,
    s.language,
    s.is_translation,
    s.url,
    s.body,
    s.sha256,
    (select count(*) from core.evidence e where e.source_id = s.source_id) as claim_count,
    s.search
from sources s;

comment on view analytics.sources is 'One row per source article, with its full text exactly as received.';
comment on column analytics.sources.source_id is 'Stable id of the source.';
comment on column analytics.sources.title is 'Descriptive title given by the curators (the texts carry no headline).';
comment on column analytics.sources.publisher is 'Outlet that published the text, where the text shows it; else NULL.';
comment on column analytics.sources.agency is 'News agency credited in the text, where the text shows it; else NULL.';
comment on column analytics.sources.published_on is 'Publication date.';
comment on column analytics.sources.published_on_precision is 'Precision of published_on: day, month or year.';
comment on column analytics.sources.published_on_basis is 'stated (the text gives the date) or inferred (derived; see published_on_note).';
comment on column analytics.sources.published_on_note is 'How an inferred publication date was derived.';
comment on column analytics.sources.language is 'ISO 639-1 code of the text''s language.';
comment on column analytics.sources.is_translation is 'True when the text reads as a translation.';
comment on column analytics.sources.url is 'Where the article was published, if known.';
comment on column analytics.sources.body is 'Full text; citation offsets count characters of this text.';
comment on column analytics.sources.sha256 is 'Hex SHA-256 of the UTF-8 body.';
comment on column analytics.sources.claim_count is 'Number of pieces of evidence quoting this source (rows in analytics.citations).';
comment on column analytics.sources.search is 'English full-text vector of body (GIN-indexed): filter with search @@ websearch_to_tsquery(''english'', ...).';
