-- Q7: Whom did each visitor meet during a visit?
-- The other participants of each meeting of the visit, by person id and canonical name
-- (analytics.persons.name; the spellings each article uses are in analytics.person_names),
-- and the described groups the texts name no one in.
select v.visit_id, v.visitor_name, m.meeting_id, m.held_on, m.status,
       array(select p.id from unnest(m.participant_ids) as p(id)
             where p.id <> v.visitor_id order by p.id) as met_ids,
       array(select p.name from unnest(m.participant_ids, m.participant_names) as p(id, name)
             where p.id <> v.visitor_id order by p.id) as met,
       m.participant_groups as met_groups
from analytics.visits v
join analytics.meetings m on m.visit_id = v.visit_id
order by m.held_earliest, v.visit_id, m.meeting_id;
