-- Q15: For any fact, which sentence of which article supports it? (here: the Pezeshkian visit)
-- Only citations whose source states the fact (stance 'supports'); plans and expectations
-- reported by a source are in analytics.disagreements.
select c.fact_type, c.fact_id, s.source_id, s.title, c.char_start, c.char_end, c.quote
from analytics.citations c
join analytics.sources s using (source_id)
where c.fact_type = 'visit' and c.fact_id = 'pezeshkian-iraq-2024-09' and c.stance = 'supports'
order by s.source_id, c.char_start;
