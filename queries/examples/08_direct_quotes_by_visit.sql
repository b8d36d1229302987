-- Q8: What did each leader say during a visit, in direct quotes, and how many sources carry each statement?
-- A statement some source puts in quotation marks: quoted whole (direct: text is the
-- quotation) or in part (partial: the quoted words of its supporting renderings).
select s.visit_id, s.statement_id, s.speaker_name, s.speaker_office_title, s.said_edtf,
       s.quote_kind, case when s.quote_kind = 'direct' then s.text else w.words end as quoted,
       s.source_count
from analytics.statements s
cross join lateral (
    select string_agg(r.quoted_words, ' … ' order by r.source_id, r.char_start) as words
    from analytics.statement_renderings r
    where r.statement_id = s.statement_id and r.stance = 'supports' and r.quote_kind = 'partial'
) w
where s.is_direct_quote and s.visit_id is not null and s.speaker_kind = 'person'
order by s.said_earliest, s.speaker_name, s.statement_id;
