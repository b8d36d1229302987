"""The fact types, declared once. Every other list of them derives from ``FACTS``: the
citation vocabulary (``vocab.FACT_TYPES``), the evidence columns (``models.sources``),
the annotation sections and their entry models (``seed.entry_models``), the tables the seed
loader fills and deletes by owner (``seed.validate.fact_rows``, ``seed.write``).

The shared identifiers of the reference data (Wikidata, ISO 3166, Correlates of War,
Gleditsch-Ward, GeoNames) are declared here too, in ``IDENTIFIERS``: their CHECK
constraints (``models``), their seed blocks (``seed.entry_models``) and the rows the reference
loader makes of them (``seed.identifiers``) all derive from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactType:
    name: str  # analytics.citations.fact_type
    table: str  # its core table
    key: str  # its key column, which is also its column in core.evidence
    section: str | None = None  # the annotation section defining it (None: elsewhere)
    entry: str | None = None  # the seed.entry_models.annotation model of a defining entry
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


@dataclass(frozen=True)
class Identifier:
    """One shared identifier of a reference table, from a named reference.

    In a seed entry it is a block ``<scheme>: {<field>: value, ..., reference: <id>}``;
    in the core table its value columns, ``<scheme>_reference_id`` (the reference, set
    exactly when the values are) and the table's ``identifier_note`` (why one is
    missing: required when any is)."""

    table: str  # the core table
    scheme: str  # the seed block and the prefix of its reference column
    fields: tuple[tuple[str, str], ...]  # (field in the seed block, core column)
    check: str  # the format every value must have (SQL, on the columns)
    label: str  # what it is, for messages

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(column for _, column in self.fields)

    @property
    def reference_column(self) -> str:
        return f"{self.scheme}_reference_id"


QID_CHECK = "wikidata_qid ~ '^Q[1-9][0-9]*$'"
IDENTIFIERS: tuple[Identifier, ...] = (
    Identifier("country", "iso", (("alpha2", "iso_alpha2"),), "iso_alpha2 ~ '^[A-Z]{2}$'",
               "ISO 3166-1 alpha-2 code"),
    Identifier("country", "cow", (("code", "cow_code"),), "cow_code between 1 and 999",
               "Correlates of War state number"),
    Identifier("country", "gw", (("code", "gw_code"),), "gw_code between 1 and 999",
               "Gleditsch-Ward state number"),
    Identifier("country", "wikidata", (("qid", "wikidata_qid"),), QID_CHECK, "Wikidata QID"),
    Identifier("place", "geonames", (("id", "geonames_id"),), "geonames_id > 0",
               "GeoNames id"),
    Identifier("place", "coordinates", (("latitude", "latitude"), ("longitude", "longitude")),
               "latitude between -90 and 90 and longitude between -180 and 180",
               "coordinates (WGS 84 degrees)"),
    Identifier("place", "wikidata", (("qid", "wikidata_qid"),), QID_CHECK, "Wikidata QID"),
    Identifier("person", "wikidata", (("qid", "wikidata_qid"),), QID_CHECK, "Wikidata QID"),
    Identifier("office", "wikidata", (("qid", "wikidata_qid"),), QID_CHECK,
               "Wikidata QID of the position"),
)


def identifiers(table: str) -> tuple[Identifier, ...]:
    """The shared identifiers of core table ``table``, in declaration order."""
    return tuple(i for i in IDENTIFIERS if i.table == table)
