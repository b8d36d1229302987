-- Q9: Which agreements, memoranda and pledges came out of each visit, in which subject areas, and with what stated value?
select visit_id, agreement_id, title, kind, status, instrument_count, subject_areas, value_usd
from analytics.agreements
where visit_id is not null
order by visit_id, agreement_id;
