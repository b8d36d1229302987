-- grain: one row per piece of evidence (a fact, a source, a verbatim quote)
create or replace view analytics.citations as
with evidence as (
    select * from core.evidence
)
select
    case
        when visit_id is not null then 'visit'
        when participant_id is not null then 'visit_participant'
        when meeting_id is not null then 'meeting'
        when statement_id is not null then 'statement'
        when agreement_id is not null then 'agreement'
        when figure_id is not null then 'figure'
        when term_id is not null then 'office_term'
        when name_id is not null then 'person_name'
        else 'activity'
    end as fact_type,
    coalesce(visit_id, participant_id, meeting_id, statement_id, agreement_id, figure_id,
             term_id, name_id, activity_id) as fact_id,
    source_id,
    quote,
    char_start,
    char_end,
    aspect,
    claim,
    evidence_id,
    stance,
    is_direct_quote,
    quote_kind,
    quoted_words
from evidence;

comment on view analytics.citations is 'One row per piece of evidence: a fact, a source, and the verbatim quote of that source that supports it. substr(body, char_start + 1, char_end - char_start) = quote always holds.';
comment on column analytics.citations.fact_type is 'Kind of fact supported: visit, visit_participant, meeting, statement, agreement, figure, office_term, person_name, activity.';
comment on column analytics.citations.fact_id is 'Id of the fact in its view (visit_id, participant_id, meeting_id, statement_id, agreement_id, figure_id, term_id, name_id or activity_id).';
comment on column analytics.citations.source_id is 'Source article quoted (analytics.sources).';
comment on column analytics.citations.quote is 'The verbatim quote from the source body.';
comment on column analytics.citations.char_start is 'Start of the quote in the source body: 0-based character offset.';
comment on column analytics.citations.char_end is 'End of the quote in the source body: character offset, exclusive.';
comment on column analytics.citations.aspect is 'Disputed aspect this quote speaks to (e.g. delegation, status, wording); NULL for plain support.';
comment on column analytics.citations.claim is 'What this source claims on that aspect, in the curators'' words; NULL for plain support.';
comment on column analytics.citations.evidence_id is 'Stable id of the piece of evidence (UUID v5 of fact, source and span).';
comment on column analytics.citations.stance is 'What the source says of the fact as stored: supports (states it), planned or expected (reports it only as a plan or expectation), disputes (says otherwise). Only supports counts toward a fact''s source_count.';
comment on column analytics.citations.is_direct_quote is 'For a statement: true when this source puts the speaker''s words in quotation marks (quote_kind direct or partial), false when it paraphrases; NULL for other facts.';
comment on column analytics.citations.quote_kind is 'For a statement: direct, partial or paraphrase (see analytics.statement_renderings); NULL for other facts.';
comment on column analytics.citations.quoted_words is 'For a direct or partial rendering of a statement: the words inside the quotation marks; NULL otherwise.';
