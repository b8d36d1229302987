-- grain: one row per sentence of a source article (the sentence ledger)
create or replace view analytics.source_sentences as
with sentences as (
    select * from core.source_sentence
),

sources as (
    select source_id, body from core.source
)

select
    s.source_id,
    s.sentence_no,
    s.char_start,
    s.char_end,
    substr(src.body, s.char_start + 1, s.char_end - s.char_start) as text,
    (select count(distinct (e.visit_id, e.participant_id, e.meeting_id, e.statement_id,
                            e.agreement_id, e.figure_id, e.term_id, e.name_id,
                            e.activity_id))
     from core.evidence e
     where e.source_id = s.source_id
       and e.char_start < s.char_end and e.char_end > s.char_start) as fact_count,
    s.skip_reason
from sentences s
join sources src on src.source_id = s.source_id;

comment on view analytics.source_sentences is 'One row per sentence of a source article, in body order, as the seed loader splits it (headlines, captions, bylines and datelines count as sentences): the ledger that accounts for every sentence. Each row has fact_count > 0 or a skip_reason.';
comment on column analytics.source_sentences.source_id is 'The source article (analytics.sources).';
comment on column analytics.source_sentences.sentence_no is '1-based position of the sentence in the body.';
comment on column analytics.source_sentences.char_start is 'Start of the sentence in the source body: 0-based character offset (as in analytics.citations).';
comment on column analytics.source_sentences.char_end is 'End of the sentence in the source body: character offset, exclusive.';
comment on column analytics.source_sentences.text is 'The sentence: exactly substr(body, char_start + 1, char_end - char_start).';
comment on column analytics.source_sentences.fact_count is 'Number of distinct facts with a citation inside (or overlapping) this sentence.';
comment on column analytics.source_sentences.skip_reason is 'Why the sentence holds nothing to record (background, caption repeating the lead, byline, ...); NULL when fact_count > 0.';
