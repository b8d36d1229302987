-- Q11: Which facts are supported by only one source, and which by several?
select fact_type, fact_id, count(distinct source_id) as source_count,
       case when count(distinct source_id) = 1 then 'single source' else 'several sources' end
           as support
from analytics.citations
group by fact_type, fact_id
order by source_count desc, fact_type, fact_id;
