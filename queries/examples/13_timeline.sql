-- Q13: What happened, in date order, across all visits, meetings, statements and agreements (a timeline)?
select happened_on, date_precision, event_type, fact_id, summary, source_count
from analytics.timeline
where event_type in ('visit', 'meeting', 'statement', 'agreement')
order by happened_on, event_type, fact_id;
