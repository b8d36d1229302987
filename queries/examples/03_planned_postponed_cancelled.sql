-- Q3: Which trips were planned, postponed or cancelled, and why (as reported)?
select visit_id, visitor_name, host_country_code, place, start_date, date_precision, status,
       status_reason
from analytics.visits
where status in ('planned', 'postponed', 'cancelled')
order by visit_id;
