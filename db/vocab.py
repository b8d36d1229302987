"""Closed vocabularies of the analyst contract (versions 1 to 1.2).

The database enforces each with a CHECK constraint; the seed loader validates against
the same tuples so that a bad value is reported with its file and field.
"""

from diplodb.facts import CITABLE

VISIT_STATUS = ("completed", "ongoing", "planned", "postponed", "cancelled")
VISIT_TYPE = ("state", "official", "working", "unspecified")
PARTICIPANT_ROLE = ("head", "delegation", "host", "counterpart")
MEETING_STATUS = ("held", "scheduled", "cancelled")
AGREEMENT_KIND = ("mou", "treaty", "pact", "commitment", "other")
AGREEMENT_STATUS = ("signed", "announced", "planned")
FIGURE_QUALIFIER = ("exact", "over", "about", "close_to", "under", "target")
BASIS = ("stated", "inferred", "reference")
PRECISION = ("day", "month", "year")
# What a source says about the fact a piece of evidence is attached to. Only 'supports'
# (the source states the fact as stored) counts toward a fact's source_count.
EVIDENCE_STANCE = ("supports", "planned", "expected", "disputes")
PLACE_KIND = ("country", "region", "city", "venue", "airport", "site")
ORGANIZATION_KIND = ("government", "media", "armed_group", "other")
# Contract v1.2. How a source renders a statement: the utterance in quotation marks,
# reported speech around some quoted words, or no quotation marks at all (most direct
# first: a statement's quote_kind is the most direct kind any source uses).
QUOTE_KIND = ("direct", "partial", "paraphrase")
# The seniority a visitor travels in (the leader-travel data sets code it).
VISIT_LEVEL = ("head_of_state", "head_of_government", "foreign_minister", "other")
ACTIVITY_KIND = ("ceremony", "reception", "commemoration", "site_visit", "hospitalisation",
                 "election", "strike", "attack", "other")
ACTIVITY_STATUS = ("held", "planned", "cancelled")
FACT_TYPES = CITABLE  # the fact types a citation names (diplodb.facts)
# Contract v1.2 (activities): the kinds and statuses of an activity.
ACTIVITY_KIND = ("ceremony", "reception", "commemoration", "site_visit", "hospitalisation",
                 "election", "strike", "attack", "other")
ACTIVITY_STATUS = ("held", "planned", "cancelled")
# PLOVER coding (docs/coding.md). What a statement does, in the CAMEO/PLOVER sense: the
# kind a coding rule (core.plover_rule) is keyed on.
STATEMENT_KIND = ("comment", "empathy", "praise", "intent_to_cooperate", "intent_to_meet",
                  "invitation", "intent_to_aid", "criticism", "accusation", "appeal", "demand",
                  "rejection", "threat")
# How a meeting is set, derived from its visit, its place and its participants' countries:
# one side hosts the other, it is held in a country none of them represents, or neither
# can be told.
MEETING_SETTING = ("hosted", "third_party", "unknown")
