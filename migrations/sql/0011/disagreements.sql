-- grain: one row per (fact, aspect, source claim) where sources do not say the same
create or replace view analytics.disagreements as
with citations as (
    select * from analytics.citations
),

claims as (
    -- A source that only reports a fact as planned or expected, or disputes it, makes a
    -- claim on its 'support' even where the curators named no aspect.
    select fact_type, fact_id, coalesce(aspect, 'support') as aspect, source_id,
           coalesce(claim, stance) as claim, quote, stance
    from citations
    where aspect is not null or stance <> 'supports'
),

compared as (
    -- A claim is disputed when another claim on the same aspect differs from it: some
    -- claim of its group is smaller or greater. A window, not a correlated subquery on
    -- claims, so the view stays linear in the number of citations.
    select claims.*,
           min(claim) over same_aspect as least_claim,
           max(claim) over same_aspect as greatest_claim
    from claims
    window same_aspect as (partition by fact_type, fact_id, aspect)
)

select fact_type, fact_id, aspect, source_id, claim, quote, stance
from compared
where stance <> 'supports' or least_claim <> claim or greatest_claim <> claim;

comment on view analytics.disagreements is 'One row per (fact, disputed aspect, source claim) where sources do not say the same: claims that differ on an aspect side by side, and every source that reports a fact only as planned or expected, or disputes it, with its quote.';
comment on column analytics.disagreements.fact_type is 'Kind of fact disputed.';
comment on column analytics.disagreements.fact_id is 'Id of the fact in its view.';
comment on column analytics.disagreements.aspect is 'What is disputed (delegation, status, wording, ...); support when the source does not state the fact as stored.';
comment on column analytics.disagreements.source_id is 'The source making this claim.';
comment on column analytics.disagreements.claim is 'The source''s claim, in the curators'' words (or its stance: planned, expected, disputes).';
comment on column analytics.disagreements.quote is 'The verbatim quote behind the claim.';
comment on column analytics.disagreements.stance is 'The source''s stance on the fact as stored (supports, planned, expected, disputes).';
