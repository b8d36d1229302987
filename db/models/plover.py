"""The PLOVER coding tables: CAMEO codes, one coding rule per kind of fact, and the
contexts of topics and subject areas (reference data, seeds/reference/plover_*.yaml and
cameo_codes.yaml; docs/coding.md). The vocabularies come from diplodb.plover."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import plover
from diplodb.models.base import Base, slug_check, vocabulary


def _array(values: Iterable[str]) -> str:
    return "array[" + ", ".join(f"'{v}'" for v in values) + "]::text[]"


def _conditions() -> str:
    """Each fact type sets exactly its own condition columns, each from its vocabulary."""
    cases = []
    for fact_type, columns in plover.CODED.items():
        # "is not null and": a NULL would make "in (...)" NULL, which a CHECK lets pass.
        tests = [f"{c} is not null and {c} in ({', '.join(repr(v) for v in columns[c])})"
                 if c in columns else f"{c} is null" for c in plover.CONDITIONS]
        cases.append(f"when '{fact_type}' then {' and '.join(tests)}")
    return f"case fact_type {' '.join(cases)} else false end"


def _modes_allowed() -> str:
    """Every mode is one the manual's table allows for the rule's event category; a rule
    without an event category has no modes."""
    cases = [f"when '{event}' then {_array(allowed)}"
             for event, allowed in plover.modes().items() if allowed]
    return f"plover_modes <@ (case plover_event {' '.join(cases)} else array[]::text[] end)"


class _FromTheManual:
    """The named reference (the PLOVER manual), the section and the words a row rests on."""

    reference_id: Mapped[str] = mapped_column(ForeignKey("reference.reference_id"),
                                              comment="The named reference: the PLOVER manual.")
    manual_section: Mapped[str] = mapped_column(
        Text, comment="The manual's section it rests on (chapter › section › subsection).")
    manual_quote: Mapped[str] = mapped_column(Text, comment="The manual's words there.")


class CameoCode(Base):
    __tablename__ = "cameo_code"
    __table_args__ = (
        CheckConstraint("cameo_code ~ '^[0-9]{2,4}$'", name="cameo_code_is_numeric"),
        vocabulary("plover_event", plover.event_types()),
        {"comment": "One row per CAMEO event code a coding rule uses, with its CAMEO text and "
                    "the PLOVER event category the CAMEO→PLOVER table gives it."},
    )

    cameo_code: Mapped[str] = mapped_column(Text, primary_key=True,
                                            comment="CAMEO event code, e.g. '042'.")
    description: Mapped[str] = mapped_column(Text, comment="The code's CAMEO text.")
    plover_event: Mapped[str | None] = mapped_column(
        Text, comment="PLOVER event category of the code by the CAMEO→PLOVER table (row or "
                      "cue category); NULL when PLOVER dropped it (CAMEO 01, 02).")
    c2p_row: Mapped[str | None] = mapped_column(
        Text, comment="The code's row in CAMEO2PLOVER-2021.txt, verbatim; NULL when it has none.")
    reference_id: Mapped[str] = mapped_column(ForeignKey("reference.reference_id"),
                                              comment="Where the CAMEO text is read.")


class PloverRule(_FromTheManual, Base):
    __tablename__ = "plover_rule"
    __table_args__ = (
        slug_check("rule_id"),
        vocabulary("fact_type", plover.CODED),
        CheckConstraint(_conditions(), name="conditions_of_its_fact_type"),
        vocabulary("plover_event", plover.event_types()),
        CheckConstraint(_modes_allowed(), name="modes_of_its_event"),
        CheckConstraint(f"plover_contexts <@ {_array(plover.contexts())}",
                        name="contexts_vocabulary"),
        vocabulary("actor_role", plover.ACTOR_ROLE),
        vocabulary("recipient_role", plover.RECIPIENT_ROLE),
        Index("uq_plover_rule_condition", "fact_type", "status", "kind", "setting",
              unique=True, postgresql_nulls_not_distinct=True),
        {"comment": "One row per coding rule: how every fact of one fact type with one "
                    "status, kind or setting is coded in PLOVER (event category, modes, "
                    "contexts, actor and recipient) and CAMEO, after the PLOVER manual "
                    "(docs/coding.md). Every combination its fact type's vocabularies allow "
                    "has exactly one rule."},
    )

    rule_id: Mapped[str] = mapped_column(
        Text, primary_key=True,
        comment="The fact type and its condition values, e.g. 'agreement-signed-mou'.")
    fact_type: Mapped[str] = mapped_column(
        Text, comment="The fact type coded (citations.fact_type).")
    status: Mapped[str | None] = mapped_column(
        Text, comment="The fact's status this rule codes (visit, meeting, activity, agreement); "
                      "NULL for a statement.")
    kind: Mapped[str | None] = mapped_column(
        Text, comment="The fact's kind this rule codes (agreement, activity, statement); NULL "
                      "for a visit or a meeting.")
    setting: Mapped[str | None] = mapped_column(
        Text, comment="For a meeting: hosted (one side hosts the other), third_party (in a "
                      "country none of the participants represents) or unknown; else NULL.")
    plover_event: Mapped[str | None] = mapped_column(
        Text, comment="PLOVER event category; NULL when PLOVER codes no event for such facts.")
    plover_modes: Mapped[list[str]] = mapped_column(
        ARRAY(Text), server_default=text("'{}'::text[]"),
        comment="PLOVER modes (those the manual's table allows for the event category).")
    plover_contexts: Mapped[list[str]] = mapped_column(
        ARRAY(Text), server_default=text("'{}'::text[]"),
        comment="PLOVER contexts every such fact carries; topics, subject areas and the "
                "visit level add others (core.plover_context_map).")
    cameo_code: Mapped[str | None] = mapped_column(
        ForeignKey("cameo_code.cameo_code"), comment="CAMEO event code; NULL when none fits.")
    cameo_deviation: Mapped[str | None] = mapped_column(
        Text, comment="Why plover_event differs from the category the CAMEO→PLOVER table gives "
                      "cameo_code; NULL when it does not.")
    actor_role: Mapped[str] = mapped_column(
        Text, comment="Who is PLOVER's actor: visitor, visiting_side, participants, parties, "
                      "speaker or activity_actor (docs/coding.md).")
    recipient_role: Mapped[str | None] = mapped_column(
        Text, comment="Who is PLOVER's recipient: host, hosting_side or target; NULL "
                      "when the event has none.")
    note: Mapped[str | None] = mapped_column(
        Text, comment="How diplodb reads the rule for its facts, where the manual leaves a choice.")


class PloverContextMap(_FromTheManual, Base):
    __tablename__ = "plover_context_map"
    __table_args__ = (
        slug_check("map_id"),
        CheckConstraint("num_nonnulls(topic_id, subject_area_id) = 1",
                        name="topic_or_subject_area"),
        vocabulary("context", plover.contexts()),
        CheckConstraint("context is not null or note is not null", name="no_context_explained"),
        {"comment": "One row per (topic or subject area, PLOVER context) it gives an event; a "
                    "row with NULL context says the topic or area gives none, and why."},
    )

    map_id: Mapped[str] = mapped_column(
        Text, primary_key=True,
        comment="'topic-' or 'subject-area-', its id and the context ('none' when NULL).")
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topic.topic_id"), index=True,
                                                 comment="The statement topic mapped.")
    subject_area_id: Mapped[str | None] = mapped_column(
        ForeignKey("subject_area.subject_area_id"), index=True,
        comment="The agreement subject area mapped.")
    context: Mapped[str | None] = mapped_column(
        Text, comment="The PLOVER context it gives; NULL when it gives none.")
    note: Mapped[str | None] = mapped_column(
        Text, comment="Why the topic or area takes this context (a diplodb decision).")
