-- grain: one row per statement (one utterance or position, however many sources report it)
create or replace view analytics.statements as
with statements as (
    select * from core.statement
)
select
    st.statement_id,
    coalesce(st.speaker_person_id, st.speaker_organization_id) as speaker_id,
    -- looked up per row, not joined (as in analytics.visit_participants: the statements
    -- of organizations have no speaker person, and a hash join keeping them can put them
    -- all in one batch)
    coalesce((select p.canonical_name from core.person p
              where p.person_id = st.speaker_person_id), org.name) as speaker_name,
    case when st.speaker_person_id is not null then 'person' else 'organization' end
        as speaker_kind,
    held.office_title as speaker_office_title,
    st.said_on,
    st.date_precision,
    st.date_basis,
    st.visit_id,
    st.text,
    st.is_direct_quote,
    array(select t.topic_id from core.statement_topic t
          where t.statement_id = st.statement_id order by t.topic_id) as topics,
    st.source_count,
    st.search,
    st.said_earliest,
    st.said_latest,
    st.said_edtf,
    st.quote_kind,
    st.date_note,
    st.date_reference_id,
    st.kind,
    st.target_country_code
from statements st
left join core.organization org on org.organization_id = st.speaker_organization_id
left join lateral (
    -- The office held on the day (of two, the later term, then the term id). An
    -- aggregate, not a LIMIT: one row whatever it finds, so PostgreSQL leaves the join
    -- out of a query that does not read the title (the timeline).
    select (array_agg(o.title order by t.start_date desc, t.term_id))[1] as office_title
    from core.office_term t
    join core.office o on o.office_id = t.office_id
    where t.person_id = st.speaker_person_id
      and t.term @> coalesce(st.said_earliest, st.said_latest)
) held on true;

comment on view analytics.statements is 'One row per statement: one utterance or position, however many sources report it (each report is a citation).';
comment on column analytics.statements.statement_id is 'Stable id of the statement.';
comment on column analytics.statements.speaker_id is 'person_id of the speaker, or the id of the speaking organisation (see speaker_kind).';
comment on column analytics.statements.speaker_name is 'Canonical name of the speaker.';
comment on column analytics.statements.speaker_kind is 'person or organization.';
comment on column analytics.statements.speaker_office_title is 'Office the speaker held on the day of the statement (said_earliest, else said_latest; from analytics.office_terms); NULL for organisations.';
comment on column analytics.statements.said_on is 'Date of the statement at date_precision: the first day of the finest period holding said_earliest and said_latest; NULL when none does (an open bound).';
comment on column analytics.statements.date_precision is 'Precision of said_on; NULL exactly when said_on is NULL.';
comment on column analytics.statements.date_basis is 'stated, inferred (see date_note) or reference (date_reference_id).';
comment on column analytics.statements.visit_id is 'Visit during which it was said; NULL if none.';
comment on column analytics.statements.text is 'The speaker''s own words as a source quotes them when any source quotes them directly (quote_kind direct); else the reporting sentence. Each source''s rendering, with its quoted words, is in analytics.statement_renderings.';
comment on column analytics.statements.is_direct_quote is 'True when any supporting source puts the speaker''s words in quotation marks (quote_kind direct or partial); false when every source paraphrases without them.';
comment on column analytics.statements.topics is 'Topic ids, sorted.';
comment on column analytics.statements.source_count is 'Number of distinct sources that report the statement as made. Only sources whose evidence has stance ''supports'' count; a source reporting it only as planned or expected, or disputing it, is listed in analytics.disagreements instead.';
comment on column analytics.statements.search is 'English full-text vector of text (GIN-indexed): filter with search @@ websearch_to_tsquery(''english'', ...).';
comment on column analytics.statements.said_earliest is 'Earliest day the statement can have been made (inclusive); NULL when nothing bounds it from below (e.g. an office''s statement reported without a day).';
comment on column analytics.statements.said_latest is 'Latest day the statement can have been made (inclusive): at most the day of its report.';
comment on column analytics.statements.said_edtf is 'EDTF (ISO 8601-2) of the bounds, e.g. 2020-07-21, 2020-07-18/2020-07-19, ../2024-09-11; canonical form, which the edtf library (Library of Congress) reads back as these bounds in the tests.';
comment on column analytics.statements.quote_kind is 'The most direct rendering any supporting source gives: direct (the utterance in quotation marks), partial (reported speech around the speaker''s quoted words) or paraphrase (no quotation marks).';
comment on column analytics.statements.date_note is 'How an inferred or referenced date was derived; NULL only for a stated date.';
comment on column analytics.statements.date_reference_id is 'The named reference of the date, exactly when date_basis is reference.';
comment on column analytics.statements.kind is 'What the statement does, in the CAMEO/PLOVER sense (docs/coding.md): comment, empathy, praise, intent_to_cooperate, intent_to_meet, invitation, intent_to_aid, criticism, accusation, appeal, demand, rejection or threat. Its PLOVER and CAMEO coding is in analytics.events (event_id statement-<statement_id>).';
comment on column analytics.statements.target_country_code is 'Country the statement is directed at or about when the curator named one (ISO alpha-3, e.g. USA for a criticism of US troops); NULL when it is the other side of its visit or there is none.';
