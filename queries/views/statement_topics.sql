-- grain: one row per (statement, topic)
create or replace view analytics.statement_topics as
with statement_topics as (
    select * from core.statement_topic
),
topics as (
    select * from core.topic
)
select
    st.statement_id,
    st.topic_id,
    t.label as topic_label
from statement_topics st
join topics t on t.topic_id = st.topic_id;

comment on view analytics.statement_topics is 'One row per (statement, topic): analytics.statements.topics in long form, for filtering and grouping by topic with plain equality.';
comment on column analytics.statement_topics.statement_id is 'The statement (analytics.statements).';
comment on column analytics.statement_topics.topic_id is 'A topic the statement touches (one of analytics.statements.topics).';
comment on column analytics.statement_topics.topic_label is 'Display label of the topic.';
