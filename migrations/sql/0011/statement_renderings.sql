-- grain: one row per (statement, source quote): how each source renders a statement
create or replace view analytics.statement_renderings as
with evidence as (
    select * from core.evidence where statement_id is not null
)

select
    e.statement_id,
    e.source_id,
    e.quote,
    e.is_direct_quote,
    e.stance,
    e.char_start,
    e.char_end,
    e.evidence_id,
    e.quote_kind,
    e.quoted_words
from evidence e;

comment on view analytics.statement_renderings is 'One row per (statement, source quote): each source''s own rendering of a statement, its kind (direct, partial, paraphrase) and the words it puts in quotation marks. analytics.statements takes the most direct kind any supporting rendering has.';
comment on column analytics.statement_renderings.statement_id is 'The statement (analytics.statements).';
comment on column analytics.statement_renderings.source_id is 'The source rendering it (analytics.sources).';
comment on column analytics.statement_renderings.quote is 'The source''s verbatim sentence or clause carrying the statement.';
comment on column analytics.statement_renderings.is_direct_quote is 'True when this source puts the speaker''s words in quotation marks (quote_kind direct or partial); false for a paraphrase.';
comment on column analytics.statement_renderings.stance is 'supports when the source reports the statement as made; planned or expected otherwise.';
comment on column analytics.statement_renderings.char_start is 'Start of the quote in the source body: 0-based character offset.';
comment on column analytics.statement_renderings.char_end is 'End of the quote in the source body: character offset, exclusive.';
comment on column analytics.statement_renderings.evidence_id is 'The piece of evidence (analytics.citations.evidence_id).';
comment on column analytics.statement_renderings.quote_kind is 'direct (the utterance in quotation marks), partial (reported speech around the speaker''s quoted words) or paraphrase (no quotation marks).';
comment on column analytics.statement_renderings.quoted_words is 'The words inside the quotation marks within quote, exactly as written (several runs joined by '' … ''); NULL for a paraphrase.';
