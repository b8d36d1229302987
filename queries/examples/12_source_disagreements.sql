-- Q12: Where do sources disagree (for example on who was in a delegation or on a date), side by side?
select fact_type, fact_id, aspect, source_id, claim, quote
from analytics.disagreements
order by fact_type, fact_id, aspect, source_id, claim;
