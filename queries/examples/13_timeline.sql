-- Q13: What happened, in date order, across all visits, meetings, statements and agreements (a timeline)?
-- Ordered by the earliest day each fact can have happened (then its latest); activities
-- (strikes, elections, site visits, ...) are on it too. date_edtf says how exactly each
-- is known. A fact with no earliest bound (../D: no later than D) comes last.
select earliest, latest, date_edtf, event_type, fact_id, summary, source_count
from analytics.timeline
where event_type in ('visit', 'meeting', 'statement', 'agreement', 'activity')
order by earliest, latest, event_type, fact_id;
