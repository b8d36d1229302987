-- Q6: Who was in each visiting delegation, and which delegation members does only one source report?
select visit_id, coalesce(person_name, office_title) as member, office_title, role, source_count,
       source_count = 1 as single_source
from analytics.visit_participants
where role in ('head', 'delegation')
order by visit_id, role desc, member;
