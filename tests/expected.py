"""What the analytics schema holds, written out: the views of the analyst contract
(/work/shared/contract/analytics.md, v1.0 to v1.3: v1.3 adds countries, places, events,
event_contexts and dyad_years),
one file each in queries/views/. A test that lists the schema from the catalog compares
with this list, so a view that goes missing (or appears unannounced) fails it."""

ANALYTICS_VIEWS = (
    "about", "activities", "agreement_parties", "agreement_subject_areas", "agreements", "citations",
    "countries", "disagreements", "dyad_years", "event_contexts", "events", "facts",
    "meeting_participants", "meetings", "office_terms", "person_names", "persons", "places", "reported_figures", "source_sentences", "sources", "statement_renderings",
    "statement_topics", "statements", "timeline", "visit_participants", "visits",
)

# Every view and materialised view of the analytics schema, by name, from the catalog.
LIST_ANALYTICS_VIEWS = (
    "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
    "where n.nspname = 'analytics' and c.relkind in ('v', 'm') order by c.relname")
