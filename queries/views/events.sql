-- grain: one row per event of every kind (visit, meeting, activity, statement, agreement),
-- coded in PLOVER and CAMEO by the one core.plover_rule its fact's conditions select
-- (docs/coding.md)
create or replace view analytics.events as
with visit_hosts as (
    -- each visit's lead recipient: the host (else a counterpart) met, first by person id
    select distinct on (vp.visit_id) vp.visit_id, vp.person_id
    from core.visit_participant vp
    where vp.person_id is not null and vp.role in ('host', 'counterpart')
    order by vp.visit_id, vp.role <> 'host', vp.person_id
),
meeting_people as (
    select mp.meeting_id, p.person_id, p.canonical_name, p.country_code
    from core.meeting_participant mp
    join core.person p on p.person_id = mp.person_id
),
branches as (
    select
        'visit' as fact_type, v.visit_id as fact_id, v.visit_id as in_visit_id,
        v.start_earliest as earliest, coalesce(v.end_latest, v.start_latest) as latest,
        v.dates_edtf as date_edtf, v.status, v.status in ('completed', 'ongoing') as took_place,
        r.rule_id,
        v.visitor_id as actor_person_id, null::text as actor_organization_id,
        v.visitor_country_code as actor_country_code,
        host.person_id as recipient_person_id, v.host_country_code as recipient_country_code,
        array[v.visitor_country_code] as actor_country_codes,
        array[v.host_country_code] as recipient_country_codes,
        v.place_id, '{}'::text[] as subject_contexts, v.source_count
    from core.visit v
    join core.plover_rule r on r.fact_type = 'visit' and r.status = v.status
    left join visit_hosts host on host.visit_id = v.visit_id
    union all
    select
        'meeting', m.meeting_id, m.visit_id,
        m.held_earliest, m.held_latest, m.held_edtf, m.status, m.status = 'held',
        r.rule_id,
        lead.actor_person_id, null,
        case when r.recipient_role is null then coalesce(lead.participant_country, s.parts[1])
             else coalesce(lead.visiting_country, s.visiting[1]) end,
        case when r.recipient_role is not null then lead.hosting_person_id end,
        case when r.recipient_role is not null then s.hosting end,
        case when r.recipient_role is null then s.parts else s.visiting end,
        case when r.recipient_role is null then '{}'::text[]
             else array[s.hosting] end,
        m.place_id, '{}'::text[], m.source_count
    from core.meeting m
    left join core.visit mv on mv.visit_id = m.visit_id
    left join core.place mpl on mpl.place_id = m.place_id
    cross join lateral (
        -- the countries of the participants (persons and groups) and the hosting country
        select array(select distinct c from (
                   select country_code from meeting_people where meeting_id = m.meeting_id
                   union
                   select country_code from core.meeting_group where meeting_id = m.meeting_id
               ) x(c) where c is not null order by 1) as parts,
               coalesce(mv.host_country_code, mpl.country_code) as hosting
    ) p0
    cross join lateral (
        select p0.parts, p0.hosting,
               case when mv.visit_id is not null
                      or (p0.hosting = any(p0.parts)
                          and exists (select from unnest(p0.parts) c where c <> p0.hosting))
                    then 'hosted'
                    when mpl.place_id is not null and p0.hosting is not null
                      and not (p0.hosting = any(p0.parts)) then 'third_party'
                    else 'unknown' end as setting,
               case when mv.visit_id is not null then array[mv.visitor_country_code]
                    else array_remove(p0.parts, p0.hosting) end as visiting
    ) s
    join core.plover_rule r on r.fact_type = 'meeting' and r.status = m.status
                           and r.setting = s.setting
    cross join lateral (
        select
            case when r.recipient_role is null
                 then (select person_id from meeting_people
                       where meeting_id = m.meeting_id order by person_id limit 1)
                 else coalesce(
                     (select person_id from meeting_people
                      where meeting_id = m.meeting_id and person_id = mv.visitor_id),
                     (select person_id from meeting_people
                      where meeting_id = m.meeting_id and country_code = any(s.visiting)
                      order by person_id limit 1)) end as actor_person_id,
            (select person_id from meeting_people
             where meeting_id = m.meeting_id and country_code = s.hosting
             order by person_id limit 1) as hosting_person_id,
            (select country_code from meeting_people
             where meeting_id = m.meeting_id order by person_id limit 1) as participant_country,
            (select country_code from meeting_people
             where meeting_id = m.meeting_id
               and (person_id = mv.visitor_id or country_code = any(s.visiting))
             order by person_id = mv.visitor_id desc nulls last, person_id limit 1)
                as visiting_country
    ) lead
    union all
    select
        'activity', a.activity_id, a.visit_id, a.earliest, a.latest, a.date_edtf, a.status,
        a.status = 'held', r.rule_id,
        -- the actor's own country (the activity's country_code is where it happened)
        a.actor_person_id, a.actor_organization_id,
        coalesce(acp.country_code, aco.country_code),
        null, null, array_remove(array[coalesce(acp.country_code, aco.country_code)], null),
        '{}'::text[],
        a.place_id, '{}'::text[], a.source_count
    from core.activity a
    left join core.person acp on acp.person_id = a.actor_person_id
    left join core.organization aco on aco.organization_id = a.actor_organization_id
    join core.plover_rule r on r.fact_type = 'activity' and r.status = a.status
                           and r.kind = a.kind
    union all
    select
        -- the recipient is the curated target (a country), else the visit's other side
        'statement', st.statement_id, st.visit_id, st.said_earliest, st.said_latest,
        st.said_edtf, null, true, r.rule_id,
        st.speaker_person_id, st.speaker_organization_id, speaker.country_code,
        case when st.target_country_code is not null then null
             when speaker.country_code = sv.visitor_country_code then host.person_id
             when sv.visit_id is not null then sv.visitor_id end,
        target.country_code,
        array_remove(array[speaker.country_code], null),
        array_remove(array[target.country_code], null),
        sv.place_id,
        array(select cm.context from core.statement_topic t
              join core.plover_context_map cm on cm.topic_id = t.topic_id
              where t.statement_id = st.statement_id),
        st.source_count
    from core.statement st
    left join core.person sp on sp.person_id = st.speaker_person_id
    left join core.organization so on so.organization_id = st.speaker_organization_id
    cross join lateral (select coalesce(sp.country_code, so.country_code) as country_code)
        speaker
    left join core.visit sv on sv.visit_id = st.visit_id
    cross join lateral (
        select coalesce(st.target_country_code,
                        case when speaker.country_code = sv.visitor_country_code
                             then sv.host_country_code else sv.visitor_country_code end)
                   as country_code
    ) target
    left join visit_hosts host on host.visit_id = sv.visit_id
    left join core.plover_rule r on r.fact_type = 'statement' and r.kind = st.kind
    union all
    select
        'agreement', ag.agreement_id, ag.visit_id, ag.concluded_earliest, ag.concluded_latest,
        ag.concluded_edtf, ag.status, ag.status = 'signed', r.rule_id,
        null, null, parties.codes[1], null, null, parties.codes, '{}'::text[],
        null,
        array(select cm.context from core.agreement_subject sa
              join core.plover_context_map cm on cm.subject_area_id = sa.subject_area_id
              where sa.agreement_id = ag.agreement_id),
        ag.source_count
    from core.agreement ag
    join core.plover_rule r on r.fact_type = 'agreement' and r.status = ag.status
                           and r.kind = ag.kind
    cross join lateral (
        select array(select ap.country_code from core.agreement_party ap
                     where ap.agreement_id = ag.agreement_id order by 1) as codes
    ) parties
)
select
    b.fact_type || '-' || b.fact_id as event_id,
    b.fact_type,
    b.fact_id,
    b.earliest,
    b.latest,
    b.date_edtf,
    r.plover_event,
    r.plover_modes,
    array(select distinct c from unnest(
              coalesce(r.plover_contexts, '{}') || b.subject_contexts
              || case when iv.level in ('head_of_state', 'head_of_government')
                      then array['executive'] else '{}'::text[] end) c
          where c is not null order by 1) as plover_contexts,
    r.cameo_code,
    coalesce(b.actor_person_id, b.actor_organization_id) as actor_id,
    coalesce(ap.canonical_name, ao.name, ac.name) as actor_name,
    b.actor_country_code,
    case when b.actor_person_id is not null then ap.wikidata_qid
         when b.actor_organization_id is null then ac.wikidata_qid end as actor_wikidata_qid,
    b.recipient_person_id as recipient_id,
    coalesce(rp.canonical_name, rc.name) as recipient_name,
    b.recipient_country_code,
    coalesce(rp.wikidata_qid, case when b.recipient_person_id is null
                                   then rc.wikidata_qid end) as recipient_wikidata_qid,
    b.place_id,
    pl.geonames_id,
    pl.latitude,
    pl.longitude,
    b.source_count,
    b.actor_country_codes,
    b.recipient_country_codes,
    b.status,
    b.took_place,
    iv.level as visit_level,
    b.in_visit_id as visit_id,
    b.rule_id as plover_rule_id
from branches b
left join core.plover_rule r on r.rule_id = b.rule_id
left join analytics.visits iv on iv.visit_id = b.in_visit_id
left join core.person ap on ap.person_id = b.actor_person_id
left join core.organization ao on ao.organization_id = b.actor_organization_id
left join core.country ac on ac.code = b.actor_country_code
left join core.person rp on rp.person_id = b.recipient_person_id
left join core.country rc on rc.code = b.recipient_country_code
left join core.place pl on pl.place_id = b.place_id;

comment on view analytics.events is 'One row per event of every kind (visit, meeting, activity, statement, agreement), keyed by event_id, coded in PLOVER (event category, modes, contexts) and CAMEO by the one rule of core.plover_rule its fact''s status, kind or setting selects (docs/coding.md), with the lead actor and recipient, their countries and Wikidata items, and the place with its GeoNames id and coordinates. A statement is coded by its kind; PLOVER codes no event for a comment or an expression of empathy (plover_event NULL, CAMEO 010 or 018).';
comment on column analytics.events.event_id is 'Stable id of the event: fact_type, a hyphen and fact_id (e.g. visit-kadhimi-iran-2020-07).';
comment on column analytics.events.fact_type is 'The kind of fact the event comes from: visit, meeting, activity, statement or agreement (as analytics.citations.fact_type).';
comment on column analytics.events.fact_id is 'Id of that fact in its own view (analytics.visits.visit_id, meetings.meeting_id, ...).';
comment on column analytics.events.earliest is 'Earliest day the event can have begun (the fact''s earliest bound); NULL when not reported.';
comment on column analytics.events.latest is 'Latest day the event can have ended (a visit''s end_latest, else its start_latest; the other facts'' latest bound); NULL when open.';
comment on column analytics.events.date_edtf is 'The fact''s dates in EDTF (ISO 8601-2), as precise as the text and its reference allow.';
comment on column analytics.events.plover_event is 'PLOVER event category (e.g. CONSULT, AGREE) of the rule; NULL when PLOVER codes no event for such a fact, (a statement of kind comment or empathy, an activity no category covers: docs/coding.md) or no rule applies (a statement loaded before its kind was recorded).';
comment on column analytics.events.plover_modes is 'PLOVER modes of the rule (e.g. {visit}); empty when the category has none or none applies; NULL when no rule applies.';
comment on column analytics.events.plover_contexts is 'PLOVER contexts, sorted and distinct: the rule''s, those of the statement''s topics or the agreement''s subject areas (core.plover_context_map), and executive when the event is, or belongs to, a visit at head-of-state or head-of-government level.';
comment on column analytics.events.cameo_code is 'CAMEO event code of the rule (e.g. 042 make a visit); NULL when none fits.';
comment on column analytics.events.actor_id is 'Lead actor (PLOVER actor): the visitor, the meeting''s visitor or first visiting-side participant by person_id (first participant when no side hosts), the activity''s actor, the speaker (person or organisation); NULL for an agreement (its parties are countries) or a meeting of groups only.';
comment on column analytics.events.actor_name is 'Canonical name of the lead actor; for an agreement, the name of its first party country.';
comment on column analytics.events.actor_country_code is 'Country of the lead actor (ISO alpha-3): the visitor''s country, the visiting side''s, the activity actor''s own, the speaker''s; for an agreement its first party by code.';
comment on column analytics.events.actor_wikidata_qid is 'Wikidata item of the lead actor (a person''s; for an agreement, its first party country''s); NULL for an organisation or when not confirmed.';
comment on column analytics.events.recipient_id is 'Lead recipient (PLOVER recipient), a person: the visit''s host (else a counterpart) first by person_id, the first hosting-side participant of a meeting, for a statement the other side''s lead person of the visit it was made during, none when a target country is curated; NULL when the event has none or no person is named.';
comment on column analytics.events.recipient_name is 'Canonical name of the lead recipient, else the name of the recipient country.';
comment on column analytics.events.recipient_country_code is 'Country of the recipient (ISO alpha-3): the host country, the hosting side''s, a statement''s curated target (analytics.statements.target_country_code), else the other side of the visit it was made during; NULL when the event has no recipient.';
comment on column analytics.events.recipient_wikidata_qid is 'Wikidata item of the lead recipient person, else of the recipient country; NULL when there is none or it is not confirmed.';
comment on column analytics.events.place_id is 'Where it happened (analytics.places): the fact''s place, for a statement its visit''s; NULL when not reported.';
comment on column analytics.events.geonames_id is 'GeoNames id of that place; NULL when none or not confirmed.';
comment on column analytics.events.latitude is 'Latitude of that place (WGS 84, decimal degrees).';
comment on column analytics.events.longitude is 'Longitude of that place (WGS 84, decimal degrees).';
comment on column analytics.events.source_count is 'Number of distinct sources supporting the fact (evidence with stance supports), as in the fact''s own view.';
comment on column analytics.events.actor_country_codes is 'Every country in PLOVER''s actor list, sorted (the visiting side, all participants or parties when no side hosts); dyad_years pairs these with recipient_country_codes.';
comment on column analytics.events.recipient_country_codes is 'Every country in PLOVER''s recipient list; empty when the event has no recipient.';
comment on column analytics.events.status is 'The fact''s status (visit, meeting, activity, agreement); NULL for a statement.';
comment on column analytics.events.took_place is 'True when the event happened: a visit completed or ongoing, a meeting or activity held, an agreement signed, any statement made.';
comment on column analytics.events.visit_level is 'Level of the visit the event is or belongs to (analytics.visits.level): head_of_state, head_of_government, foreign_minister or other; NULL outside a visit.';
comment on column analytics.events.visit_id is 'The visit the event is or belongs to (analytics.visits); NULL outside a visit.';
comment on column analytics.events.plover_rule_id is 'The coding rule applied (core.plover_rule.rule_id); NULL when no rule applies.';
