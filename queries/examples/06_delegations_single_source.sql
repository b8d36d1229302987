-- Q6: Who was in each visiting delegation, and which delegation members does only one source report?
-- A member is a named person, an office (no one named) or a described group (the text
-- names no one, e.g. "Iraqi high-ranking delegations led by Rashid").
select visit_id, coalesce(person_name, office_title, group_description) as member,
       office_title, led_by_person_name, role, source_count, source_count = 1 as single_source
from analytics.visit_participants
where role in ('head', 'delegation')
order by visit_id, role desc, member;
