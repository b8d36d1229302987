-- Q7: Whom did each visitor meet during a visit?
select v.visit_id, v.visitor_name, m.held_on, m.status,
       array(select n from unnest(m.participant_names) n where n <> v.visitor_name) as met
from analytics.visits v
join analytics.meetings m on m.visit_id = v.visit_id
order by m.held_on, v.visit_id, m.meeting_id;
