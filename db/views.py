"""The grain of each analytics view, declared once: the columns that make one row (its
comment's "one row per ..."). The tests check each key is unique and never null; the
export gives it as the resource's ``primaryKey`` and orders rows by it. A view not
listed has no key (its rows are ordered by every column)."""

from __future__ import annotations

GRAIN: dict[str, tuple[str, ...]] = {
    "about": ("data_version",),
    "sources": ("source_id",),
    "citations": ("evidence_id",),
    "countries": ("country_code",),
    "places": ("place_id",),
    "persons": ("person_id",),
    "person_names": ("name_id",),
    "office_terms": ("term_id",),
    "visits": ("visit_id",),
    "visit_participants": ("participant_id",),
    "meetings": ("meeting_id",),
    "statements": ("statement_id",),
    "agreements": ("agreement_id",),
    "reported_figures": ("figure_id",),
    "timeline": ("event_type", "fact_id"),
    "disagreements": ("fact_type", "fact_id", "aspect", "source_id", "claim", "quote"),
    "statement_topics": ("statement_id", "topic_id"),
    "agreement_parties": ("agreement_id", "country_code"),
    "agreement_subject_areas": ("agreement_id", "subject_area_id"),
    "meeting_participants": ("meeting_id", "participant_key"),
    "source_sentences": ("source_id", "sentence_no"),
    "statement_renderings": ("evidence_id",),
    "activities": ("activity_id",),
    "events": ("event_id",),
    "event_contexts": ("event_id", "context"),
    "dyad_years": ("year", "actor_country_code", "recipient_country_code"),
    "facts": ("fact_type", "fact_id"),
}


def grain(view: str) -> tuple[str, ...]:
    """The key columns of ``view`` (empty when it has none)."""
    return GRAIN.get(view, ())
