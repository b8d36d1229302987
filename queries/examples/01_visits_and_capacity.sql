-- Q1: Which high-level visits took place between the two countries, when, where, and in what capacity did each visitor travel?
select visit_id, visitor_name, visitor_office_title, visitor_country_code, host_country_code,
       place, start_date, end_date, status
from analytics.visits
where status in ('completed', 'ongoing')
  and array[visitor_country_code, host_country_code] <@ array['IRN', 'IRQ']
order by start_date;
