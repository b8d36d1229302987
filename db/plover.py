"""PLOVER, as diplodb codes it: the vocabularies of the PLOVER manual, read from the one
JSON Schema the project writes from the manual's tables (``schemas/plover-event.schema.json``,
shipped in the package), the validation of an ``events.jsonl`` record against it, and the
dimensions each fact type's coding rules are keyed on (``core.plover_rule``).

The schema is the single copy of the manual's vocabularies in the code: the models'
CHECK constraints, the seed loader and the tests read them from here. (Revision 0011 holds
its own frozen copy, as every revision does.) docs/coding.md gives the rules."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from diplodb import vocab
from diplodb.paths import PACKAGE_DIR

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_PATH = PACKAGE_DIR / "schemas" / "plover-event.schema.json"
CODEBOOK = "diplodb-plover-1"
"""cite_info.codebook of every exported record: the manual and the CAMEO→PLOVER table
pinned in docs/coding.md, with the rules of seeds/reference/plover_rules.yaml."""

# The fact types coded as events, and the columns their rules are keyed on, each with its
# closed vocabulary: one rule per combination (``core.plover_rule``).
CODED: dict[str, dict[str, tuple[str, ...]]] = {
    "visit": {"status": vocab.VISIT_STATUS},
    "meeting": {"status": vocab.MEETING_STATUS, "setting": vocab.MEETING_SETTING},
    "activity": {"status": vocab.ACTIVITY_STATUS, "kind": vocab.ACTIVITY_KIND},
    "statement": {"kind": vocab.STATEMENT_KIND},
    "agreement": {"status": vocab.AGREEMENT_STATUS, "kind": vocab.AGREEMENT_KIND},
}
CONDITIONS = ("status", "kind", "setting")
"""The condition columns of core.plover_rule, in the order a rule id names them."""

# Who a rule puts in PLOVER's actor and recipient (docs/coding.md, "Actors and recipients").
ACTOR_ROLE = ("visitor", "visiting_side", "participants", "parties", "speaker",
              "activity_actor")
RECIPIENT_ROLE = ("host", "hosting_side", "target")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _definition(name: str) -> dict[str, Any]:
    """A ``$defs`` entry, following a local ``$ref`` (REJECT shares REQUEST's modes)."""
    found = schema()["$defs"][name]
    while "$ref" in found:
        found = schema()["$defs"][found["$ref"].removeprefix("#/$defs/")]
    return found


def event_types() -> tuple[str, ...]:
    """The 16 event categories, in the manual's order."""
    return tuple(_definition("event_type")["enum"])


def contexts() -> tuple[str, ...]:
    """The general contexts, in the order of the manual's table."""
    return tuple(_definition("context")["enum"])


def modes() -> dict[str, tuple[str, ...]]:
    """Event category → the modes its table allows (empty: it has none)."""
    defs = schema()["$defs"]
    return {event: tuple(_definition(f"mode_{event}")["enum"]) if f"mode_{event}" in defs
            else () for event in event_types()}


def quad_codes() -> dict[str, int]:
    """Event category → its quad category (1 verbal cooperation … 4 material conflict)."""
    return {event: _definition(f"category_{event}")["properties"]["quad_code"]["const"]
            for event in event_types()}


@cache
def validator() -> "Draft202012Validator":
    # Imported here: the seed loader reads this module's vocabularies, and jsonschema
    # with its dependencies is 8 MB of a seed's memory, used only by the export.
    from jsonschema import Draft202012Validator, FormatChecker

    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def problems(record: dict[str, Any]) -> list[str]:
    """Why ``record`` is not a valid line of events.jsonl (empty: it is). Besides the
    schema, what JSON Schema cannot compare: an end not before its start."""
    found = [f"{'/'.join(str(p) for p in error.absolute_path) or '(record)'}: {error.message}"
             for error in sorted(validator().iter_errors(record), key=lambda e: list(e.path))]
    if not found:
        if record.get("enddate") is not None and record["enddate"] < record["date"]:
            found.append(f"enddate: {record['enddate']} is before date {record['date']}")
        info = record.get("text_info") or {}
        if "start" in info and "end" in info and info["end"] < info["start"]:
            found.append(f"text_info/end: {info['end']} is before start {info['start']}")
    return found


def rule_id(fact_type: str, condition: dict[str, str]) -> str:
    """The id of the rule for ``condition`` (its values for the fact type's columns):
    ``agreement-signed-mou``, ``meeting-held-third-party``."""
    values = [condition[column] for column in CONDITIONS if column in CODED[fact_type]]
    return "-".join([fact_type, *values]).replace("_", "-")
