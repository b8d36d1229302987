-- Q11: Which facts are supported by only one source, and which by several?
-- Only sources that state the fact count (stance 'supports'), as in each view's source_count:
-- a source that reports a fact only as planned or expected is in analytics.disagreements.
-- analytics.facts holds each fact's source_count (the distinct sources of its supporting
-- citations), so nothing is counted here; a fact no source states (a reference-only name
-- variant or office term) is left out.
select fact_type, fact_id, source_count,
       case when source_count = 1 then 'single source' else 'several sources' end
           as support
from analytics.facts
where source_count > 0
order by source_count desc, fact_type, fact_id;
