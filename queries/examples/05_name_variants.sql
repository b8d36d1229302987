-- Q5: Which name variants and transliterations does the corpus use for each person, and how many sources use each?
select p.name as person, n.name as variant, n.is_canonical, n.source_count
from analytics.person_names n
join analytics.persons p using (person_id)
order by p.name, n.source_count desc, n.name;
