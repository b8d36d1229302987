-- Q4: Who held office X on date D? (here: Iran's president on the first day of each Iraqi visit to Iran)
-- The first day as its earliest possible day (the start bounds may span more than a day).
select v.visit_id, v.start_earliest, t.person_name as iran_president
from analytics.visits v
join analytics.office_terms t
  on t.office_id = 'irn-president' and t.term @> v.start_earliest
where v.host_country_code = 'IRN' and v.visitor_country_code = 'IRQ'
order by v.start_earliest;
