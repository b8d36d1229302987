-- Q2: Which visits were a leader's first trip abroad after taking office?
select visit_id, visitor_name, visitor_office_title, host_country_code, start_date, source_count
from analytics.visits
where first_trip_abroad
order by start_date;
