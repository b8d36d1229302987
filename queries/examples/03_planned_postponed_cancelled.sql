-- Q3: Which trips were planned, postponed or cancelled, and why (as reported)?
-- start_edtf gives the planned first day's bounds (NULL when no date is given).
select visit_id, visitor_name, host_country_code, place, start_date, date_precision,
       start_edtf, status, status_reason, status_as_of
from analytics.visits
where not took_place
order by visit_id;
