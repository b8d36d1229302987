-- Q14: Which statements mention a given topic or word (here: railway), answered with full-text search, not LIKE?
select statement_id, speaker_name, said_on, text,
       ts_rank(search, websearch_to_tsquery('english', 'railway')) as rank
from analytics.statements
where search @@ websearch_to_tsquery('english', 'railway')
order by rank desc, statement_id;
