-- grain: one row per (event, PLOVER context)
create or replace view analytics.event_contexts as
select e.event_id, c.context
from analytics.events e
cross join lateral unnest(e.plover_contexts) as c(context);

comment on view analytics.event_contexts is 'One row per (event, PLOVER context): analytics.events.plover_contexts in long form, for filtering and grouping by context with plain equality.';
comment on column analytics.event_contexts.event_id is 'The event (analytics.events).';
comment on column analytics.event_contexts.context is 'A PLOVER context of the event (e.g. diplomatic, executive, economic).';
