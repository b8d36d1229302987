-- Q11: Which facts are supported by only one source, and which by several?
-- Only sources that state the fact count (stance 'supports'), as in each view's source_count:
-- a source that reports a fact only as planned or expected is in analytics.disagreements.
select fact_type, fact_id, count(distinct source_id) as source_count,
       case when count(distinct source_id) = 1 then 'single source' else 'several sources' end
           as support
from analytics.citations
where stance = 'supports'
group by fact_type, fact_id
order by source_count desc, fact_type, fact_id;
