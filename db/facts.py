"""The fact types, declared once. Every other list of them derives from ``FACTS``: the
citation vocabulary (``vocab.FACT_TYPES``), the evidence columns (``models.sources``),
the annotation sections and their entry models (``seed.schema``), the tables the seed
loader fills and deletes by owner (``seed.corpus``, ``seed.stream``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactType:
    name: str  # analytics.citations.fact_type
    table: str  # its core table
    key: str  # its key column, which is also its column in core.evidence
    section: str | None = None  # the annotation section defining it (None: elsewhere)
    entry: str | None = None  # the seed.schema model of a defining entry
    links: tuple[tuple[str, str], ...] = ()  # (link table, its column of this fact's key)


FACTS: tuple[FactType, ...] = (
    FactType("visit", "visit", "visit_id", "visits", "VisitEntry"),
    FactType("visit_participant", "visit_participant", "participant_id", "participants",
             "ParticipantEntry"),
    FactType("meeting", "meeting", "meeting_id", "meetings", "MeetingEntry",
             (("meeting_participant", "meeting_id"), ("meeting_group", "meeting_id"))),
    FactType("statement", "statement", "statement_id", "statements", "StatementEntry",
             (("statement_topic", "statement_id"),)),
    FactType("agreement", "agreement", "agreement_id", "agreements", "AgreementEntry",
             (("agreement_party", "agreement_id"), ("agreement_subject", "agreement_id"))),
    FactType("figure", "figure", "figure_id", "figures", "FigureEntry"),
    FactType("office_term", "office_term", "term_id"),
    FactType("person_name", "person_name", "name_id"),
    # Contract v1.2. Last, so the evidence columns and the citation vocabulary of v1 keep
    # their order.
    FactType("activity", "activity", "activity_id", "activities", "ActivityEntry"),
)
CITABLE: tuple[str, ...] = tuple(f.name for f in FACTS)
"""Every fact type evidence may support (the citation vocabulary)."""
ANNOTATED: tuple[FactType, ...] = tuple(f for f in FACTS if f.section is not None)
"""The fact types an annotation file defines, in section order."""
