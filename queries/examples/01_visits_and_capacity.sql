-- Q1: Which high-level visits took place between the two countries, when, where, and in what capacity did each visitor travel?
-- When: the v1 start and end (at date_precision) and the visit as one EDTF interval;
-- capacity: the office held on the first day and its level (head of state, head of
-- government, foreign minister, other). status holds as of status_as_of.
select visit_id, visitor_name, visitor_office_title, level, visitor_country_code,
       host_country_code, place, start_date, end_date, dates_edtf, status, status_as_of
from analytics.visits
where took_place
  and array[visitor_country_code, host_country_code] <@ array['IRN', 'IRQ']
order by start_earliest, visit_id;
