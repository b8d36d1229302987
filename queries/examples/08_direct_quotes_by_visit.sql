-- Q8: What did each leader say during a visit, in direct quotes, and how many sources carry each statement?
select visit_id, statement_id, speaker_name, speaker_office_title, said_on, text, source_count
from analytics.statements
where is_direct_quote and visit_id is not null and speaker_kind = 'person'
order by said_on, speaker_name, statement_id;
