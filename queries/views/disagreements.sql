-- grain: one row per (disputed fact aspect, source claim)
create or replace view analytics.disagreements as
select c.fact_type, c.fact_id, c.aspect, c.source_id, c.claim, c.quote
from analytics.citations c
where c.aspect is not null
  and exists (
      select from analytics.citations other
      where other.fact_type = c.fact_type and other.fact_id = c.fact_id
        and other.aspect = c.aspect and other.claim <> c.claim);

comment on view analytics.disagreements is 'One row per (fact, disputed aspect, source claim) where sources disagree: each claim side by side with its source and quote.';
comment on column analytics.disagreements.fact_type is 'Kind of fact disputed.';
comment on column analytics.disagreements.fact_id is 'Id of the fact in its view.';
comment on column analytics.disagreements.aspect is 'What is disputed (delegation, status, wording, ...).';
comment on column analytics.disagreements.source_id is 'The source making this claim.';
comment on column analytics.disagreements.claim is 'The source''s claim, in the curators'' words.';
comment on column analytics.disagreements.quote is 'The verbatim quote behind the claim.';
