"""Analytics contract v1.3 (first part): the PLOVER coding tables.

- core.cameo_code: the CAMEO event codes the rules use, each with its CAMEO text and the
  PLOVER event category the CAMEO→PLOVER table gives it.
- core.plover_rule: one coding rule per fact type and status, kind or setting (PLOVER
  event category, modes, contexts, actor and recipient roles, CAMEO code, the manual's
  section and words), checked against the PLOVER manual's vocabularies.
- core.plover_context_map: the PLOVER contexts of each statement topic and agreement
  subject area.

Reference data, filled by the seed loader from seeds/reference/cameo_codes.yaml,
plover_rules.yaml and plover_contexts.yaml; docs/coding.md gives the rules. The
vocabularies below are those of PLOVER_MANUAL.tex (openeventdata/PLOVER at commit
5e0c24f), frozen here as the revision was written. No view changes.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"),
}
CONTEXTS = ("military", "intelligence", "executive", "legislative", "election",
            "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
            "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
            "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
            "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
            "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
            "corruption", "illegal_drugs", "trafficking")
# fact type → its condition columns and their vocabularies (the others must be NULL)
CODED = {
    "visit": {"status": ("completed", "ongoing", "planned", "postponed", "cancelled")},
    "meeting": {"status": ("held", "scheduled", "cancelled"),
                "setting": ("hosted", "third_party", "unknown")},
    "activity": {"status": ("held", "planned", "cancelled"),
                 "kind": ("ceremony", "reception", "commemoration", "site_visit",
                          "hospitalisation", "election", "strike", "attack", "other")},
    "statement": {"kind": ("comment", "empathy", "praise", "intent_to_cooperate",
                           "intent_to_meet", "invitation", "intent_to_aid", "criticism",
                           "accusation", "appeal", "demand", "rejection", "threat")},
    "agreement": {"status": ("signed", "announced", "planned"),
                  "kind": ("mou", "treaty", "pact", "commitment", "other")},
}
CONDITIONS = ("status", "kind", "setting")
ACTOR_ROLES = ("visitor", "visiting_side", "participants", "parties", "speaker",
               "activity_actor")
RECIPIENT_ROLES = ("host", "hosting_side", "target")


def _in(column: str, values) -> str:
    return f"{column} in ({', '.join(repr(v) for v in values)})"


def _array(values) -> str:
    return "array[" + ", ".join(repr(v) for v in values) + "]::text[]"


def _conditions() -> str:
    cases = []
    for fact_type, columns in CODED.items():
        tests = [f"{c} is not null and {_in(c, columns[c])}" if c in columns
                 else f"{c} is null" for c in CONDITIONS]
        cases.append(f"when '{fact_type}' then {' and '.join(tests)}")
    return f"case fact_type {' '.join(cases)} else false end"


def _modes() -> str:
    cases = [f"when '{event}' then {_array(MODES[event])}" for event in EVENTS if event in MODES]
    return f"plover_modes <@ (case plover_event {' '.join(cases)} else array[]::text[] end)"


def _reference(table: str, comment: str) -> sa.Column:
    return sa.Column("reference_id", sa.Text(), sa.ForeignKey(
        "core.reference.reference_id", name=op.f(f"fk_{table}_reference_id_reference")),
        nullable=False, comment=comment)


def _from_the_manual(table: str) -> list[sa.Column]:
    """The named reference (the PLOVER manual), the section and the words a row rests on."""
    return [
        _reference(table, "The named reference: the PLOVER manual."),
        sa.Column("manual_section", sa.Text(), nullable=False,
                  comment="The manual's section it rests on (chapter › section › subsection)."),
        sa.Column("manual_quote", sa.Text(), nullable=False, comment="The manual's words there."),
    ]


def upgrade() -> None:
    op.create_table(
        "cameo_code",
        sa.Column("cameo_code", sa.Text(), nullable=False, comment="CAMEO event code, e.g. '042'."),
        sa.Column("description", sa.Text(), nullable=False, comment="The code's CAMEO text."),
        sa.Column("plover_event", sa.Text(), nullable=True,
                  comment="PLOVER event category of the code by the CAMEO→PLOVER table (row or "
                          "cue category); NULL when PLOVER dropped it (CAMEO 01, 02)."),
        sa.Column("c2p_row", sa.Text(), nullable=True,
                  comment="The code's row in CAMEO2PLOVER-2021.txt, verbatim; NULL when it has "
                          "none."),
        _reference("cameo_code", "Where the CAMEO text is read."),
        sa.CheckConstraint("cameo_code ~ '^[0-9]{2,4}$'",
                           name=op.f("ck_cameo_code_cameo_code_is_numeric")),
        sa.CheckConstraint(_in("plover_event", EVENTS),
                           name=op.f("ck_cameo_code_plover_event_vocabulary")),
        sa.PrimaryKeyConstraint("cameo_code", name=op.f("pk_cameo_code")),
        schema="core",
        comment="One row per CAMEO event code a coding rule uses, with its CAMEO text and the "
                "PLOVER event category the CAMEO→PLOVER table gives it.",
    )
    op.create_table(
        "plover_rule",
        sa.Column("rule_id", sa.Text(), nullable=False,
                  comment="The fact type and its condition values, e.g. 'agreement-signed-mou'."),
        sa.Column("fact_type", sa.Text(), nullable=False,
                  comment="The fact type coded (citations.fact_type)."),
        sa.Column("status", sa.Text(), nullable=True,
                  comment="The fact's status this rule codes (visit, meeting, activity, "
                          "agreement); NULL for a statement."),
        sa.Column("kind", sa.Text(), nullable=True,
                  comment="The fact's kind this rule codes (agreement, activity, statement); "
                          "NULL for a visit or a meeting."),
        sa.Column("setting", sa.Text(), nullable=True,
                  comment="For a meeting: hosted (one side hosts the other), third_party (in a "
                          "country none of the participants represents) or unknown; else NULL."),
        sa.Column("plover_event", sa.Text(), nullable=True,
                  comment="PLOVER event category; NULL when PLOVER codes no event for such "
                          "facts."),
        sa.Column("plover_modes", postgresql.ARRAY(sa.Text()),
                  server_default=sa.text("'{}'::text[]"), nullable=False,
                  comment="PLOVER modes (those the manual's table allows for the event "
                          "category)."),
        sa.Column("plover_contexts", postgresql.ARRAY(sa.Text()),
                  server_default=sa.text("'{}'::text[]"), nullable=False,
                  comment="PLOVER contexts every such fact carries; topics, subject areas and "
                          "the visit level add others (core.plover_context_map)."),
        sa.Column("cameo_code", sa.Text(), sa.ForeignKey(
            "core.cameo_code.cameo_code", name=op.f("fk_plover_rule_cameo_code_cameo_code")),
            nullable=True, comment="CAMEO event code; NULL when none fits."),
        sa.Column("cameo_deviation", sa.Text(), nullable=True,
                  comment="Why plover_event differs from the category the CAMEO→PLOVER table "
                          "gives cameo_code; NULL when it does not."),
        sa.Column("actor_role", sa.Text(), nullable=False,
                  comment="Who is PLOVER's actor: visitor, visiting_side, participants, "
                          "parties, speaker or activity_actor (docs/coding.md)."),
        sa.Column("recipient_role", sa.Text(), nullable=True,
                  comment="Who is PLOVER's recipient: host, hosting_side or target; NULL "
                          "when the event has none."),
        sa.Column("note", sa.Text(), nullable=True,
                  comment="How diplodb reads the rule for its facts, where the manual leaves a "
                          "choice."),
        *_from_the_manual("plover_rule"),
        sa.CheckConstraint("rule_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'",
                           name=op.f("ck_plover_rule_rule_id_is_slug")),
        sa.CheckConstraint(_in("fact_type", CODED),
                           name=op.f("ck_plover_rule_fact_type_vocabulary")),
        sa.CheckConstraint(_conditions(), name=op.f("ck_plover_rule_conditions_of_its_fact_type")),
        sa.CheckConstraint(_in("plover_event", EVENTS),
                           name=op.f("ck_plover_rule_plover_event_vocabulary")),
        sa.CheckConstraint(_modes(), name=op.f("ck_plover_rule_modes_of_its_event")),
        sa.CheckConstraint(f"plover_contexts <@ {_array(CONTEXTS)}",
                           name=op.f("ck_plover_rule_contexts_vocabulary")),
        sa.CheckConstraint(_in("actor_role", ACTOR_ROLES),
                           name=op.f("ck_plover_rule_actor_role_vocabulary")),
        sa.CheckConstraint(_in("recipient_role", RECIPIENT_ROLES),
                           name=op.f("ck_plover_rule_recipient_role_vocabulary")),
        sa.PrimaryKeyConstraint("rule_id", name=op.f("pk_plover_rule")),
        schema="core",
        comment="One row per coding rule: how every fact of one fact type with one status, "
                "kind or setting is coded in PLOVER (event category, modes, contexts, actor and "
                "recipient) and CAMEO, after the PLOVER manual (docs/coding.md). Every "
                "combination its fact type's vocabularies allow has exactly one rule.",
    )
    op.create_index("uq_plover_rule_condition", "plover_rule",
                    ["fact_type", "status", "kind", "setting"], unique=True,
                    postgresql_nulls_not_distinct=True, schema="core")
    op.create_table(
        "plover_context_map",
        sa.Column("map_id", sa.Text(), nullable=False,
                  comment="'topic-' or 'subject-area-', its id and the context ('none' when "
                          "NULL)."),
        sa.Column("topic_id", sa.Text(), sa.ForeignKey(
            "core.topic.topic_id", name=op.f("fk_plover_context_map_topic_id_topic")),
            nullable=True, comment="The statement topic mapped."),
        sa.Column("subject_area_id", sa.Text(), sa.ForeignKey(
            "core.subject_area.subject_area_id",
            name=op.f("fk_plover_context_map_subject_area_id_subject_area")),
            nullable=True, comment="The agreement subject area mapped."),
        sa.Column("context", sa.Text(), nullable=True,
                  comment="The PLOVER context it gives; NULL when it gives none."),
        sa.Column("note", sa.Text(), nullable=True,
                  comment="Why the topic or area takes this context (a diplodb decision)."),
        *_from_the_manual("plover_context_map"),
        sa.CheckConstraint("map_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'",
                           name=op.f("ck_plover_context_map_map_id_is_slug")),
        sa.CheckConstraint("num_nonnulls(topic_id, subject_area_id) = 1",
                           name=op.f("ck_plover_context_map_topic_or_subject_area")),
        sa.CheckConstraint(_in("context", CONTEXTS),
                           name=op.f("ck_plover_context_map_context_vocabulary")),
        sa.CheckConstraint("context is not null or note is not null",
                           name=op.f("ck_plover_context_map_no_context_explained")),
        sa.PrimaryKeyConstraint("map_id", name=op.f("pk_plover_context_map")),
        schema="core",
        comment="One row per (topic or subject area, PLOVER context) it gives an event; a row "
                "with NULL context says the topic or area gives none, and why.",
    )
    op.create_index(op.f("ix_plover_context_map_topic_id"), "plover_context_map", ["topic_id"],
                    schema="core")
    op.create_index(op.f("ix_plover_context_map_subject_area_id"), "plover_context_map",
                    ["subject_area_id"], schema="core")


def downgrade() -> None:
    op.drop_table("plover_context_map", schema="core")
    op.drop_table("plover_rule", schema="core")
    op.drop_table("cameo_code", schema="core")
