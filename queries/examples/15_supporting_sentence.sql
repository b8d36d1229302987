-- Q15: For any fact, which sentence of which article supports it? (here: the Pezeshkian visit)
select c.fact_type, c.fact_id, s.source_id, s.title, c.char_start, c.char_end, c.quote
from analytics.citations c
join analytics.sources s using (source_id)
where c.fact_type = 'visit' and c.fact_id = 'pezeshkian-iraq-2024-09'
order by s.source_id, c.char_start;
