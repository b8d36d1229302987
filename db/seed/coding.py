"""The PLOVER coding tables from seeds/reference/: cameo_codes.yaml, plover_rules.yaml and
plover_contexts.yaml → rows of core.cameo_code, core.plover_rule and
core.plover_context_map (docs/coding.md, docs/seed-format.md).

Registered with the reference loader through ``MODELS`` (the file models), ``STEPS`` (how
its entries are keyed) and ``build`` (a file's entries → rows), so that the loader itself
only lists the files. A rule entry lists values for its fact type's condition columns (an
omitted column: every value) and becomes one row per combination; the rules must cover
every combination once, and every topic and subject area needs a context entry."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import StringConstraints, model_validator

from diplodb import plover
from diplodb.seed import rules
from diplodb.seed.entry_models.fields import Slug, Strict, Text

if TYPE_CHECKING:
    from diplodb.seed.validate.reference import ReferenceRows

CAMEO_FILE = "cameo_codes.yaml"
RULES_FILE = "plover_rules.yaml"
CONTEXTS_FILE = "plover_contexts.yaml"
CameoCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2,4}$")]
Event = Literal[plover.event_types()]  # type: ignore[valid-type]
Context = Literal[plover.contexts()]  # type: ignore[valid-type]


class CameoEntry(Strict):
    code: CameoCode
    description: Text
    plover_event: Event | None = None  # what the CAMEO→PLOVER table makes of it
    c2p: Text | None = None  # its row in that table, verbatim
    reference: Slug


class RuleEntry(Strict):
    id: Slug  # names the entry; each row's id comes from its conditions
    fact_type: Literal[tuple(plover.CODED)]  # type: ignore[valid-type]
    status: list[str] | None = None
    kind: list[str] | None = None
    setting: list[str] | None = None
    event: Event | None = None
    modes: list[str] = []
    contexts: list[Context] = []
    cameo: CameoCode | None = None
    cameo_deviation: Text | None = None
    actor: Literal[plover.ACTOR_ROLE]  # type: ignore[valid-type]
    recipient: Literal[plover.RECIPIENT_ROLE] | None = None  # type: ignore[valid-type]
    reference: Slug
    section: Text
    quote: Text
    note: Text | None = None


class ContextEntry(Strict):
    topic: Slug | None = None
    subject_area: Slug | None = None
    context: Context | None
    reference: Slug
    section: Text
    quote: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "ContextEntry":
        if (self.topic is None) == (self.subject_area is None):
            raise ValueError("give exactly one of topic and subject_area")
        if self.context is None and self.note is None:
            raise ValueError("an entry with 'context: null' needs a note saying why")
        return self

    def map_id(self) -> str:
        source = f"topic-{self.topic}" if self.topic else f"subject-area-{self.subject_area}"
        return f"{source}-{(self.context or 'none').replace('_', '-')}"


MODELS: dict[str, type[Strict]] = {CAMEO_FILE: CameoEntry, RULES_FILE: RuleEntry,
                                   CONTEXTS_FILE: ContextEntry}
# file → (attribute of the reference rows, the key of an entry, what an entry is)
STEPS: dict[str, tuple[str, Any, str]] = {
    CAMEO_FILE: ("cameo_codes", lambda m: m.code, "CAMEO code"),
    RULES_FILE: ("coding_rules", lambda m: m.id, "coding rule"),
    CONTEXTS_FILE: ("context_maps", lambda m: m.map_id(), "context mapping"),
}


def build(ref: "ReferenceRows", name: str) -> None:
    {CAMEO_FILE: _cameo_rows, RULES_FILE: _rule_rows, CONTEXTS_FILE: _context_rows}[name](ref)


def _cameo_rows(ref: "ReferenceRows") -> None:
    for e in ref.cameo_codes.values():
        m = e.model
        ref.check(e, "reference", m.reference, ref.references, "reference")
        ref.cameo_events[m.code] = m.plover_event
        ref.add("cameo_code", {"cameo_code": m.code, "description": m.description,
                               "plover_event": m.plover_event, "c2p_row": m.c2p,
                               "reference_id": m.reference}, e)


def _rule_rows(ref: "ReferenceRows") -> None:
    b, claimed = ref.b, {}
    for e in ref.coding_rules.values():
        m = e.model
        columns = plover.CODED[m.fact_type]
        values = {}
        for column in plover.CONDITIONS:
            given = getattr(m, column)
            if column not in columns:
                if given is not None:
                    b.problem(e.file, e.label, column, f"a {m.fact_type} rule has no {column}; "
                                                       f"its conditions are {', '.join(columns)}")
                continue
            values[column] = columns[column] if given is None else given
            _members(b, e, column, values[column], columns[column], f"{m.fact_type} {column}")
        _event(ref, e)
        for combination in itertools.product(*values.values()):
            condition = dict(zip(values, combination, strict=True))
            key = plover.rule_id(m.fact_type, condition)
            if key in claimed:
                b.problem(e.file, e.label, "id", f"{_said(m.fact_type, condition)} already has a "
                                                 f"rule ({claimed[key].label})")
                continue
            claimed[key] = e
            ref.add("plover_rule", {
                "rule_id": key, "fact_type": m.fact_type, **dict.fromkeys(plover.CONDITIONS),
                **condition, "plover_event": m.event, "plover_modes": list(m.modes),
                "plover_contexts": list(m.contexts), "cameo_code": m.cameo,
                "cameo_deviation": m.cameo_deviation, "actor_role": m.actor,
                "recipient_role": m.recipient, "reference_id": m.reference,
                "manual_section": m.section, "manual_quote": m.quote, "note": m.note}, e)
    for fact_type, columns in plover.CODED.items():
        for combination in itertools.product(*columns.values()):
            condition = dict(zip(columns, combination, strict=True))
            if plover.rule_id(fact_type, condition) not in claimed:
                b.problem(f"reference/{RULES_FILE}", "", "",
                          f"no rule codes {_said(fact_type, condition)}")


def _event(ref: "ReferenceRows", e) -> None:
    """The modes and contexts of a rule's event, and its CAMEO code against the table."""
    b, m = ref.b, e.model
    allowed = plover.modes().get(m.event, ()) if m.event else ()
    _members(b, e, "modes", m.modes, allowed,
             f"mode of {m.event}" if m.event else "mode of a rule without an event")
    _members(b, e, "contexts", m.contexts, plover.contexts(), "context")
    ref.check(e, "reference", m.reference, ref.references, "reference")
    if not ref.check(e, "cameo", m.cameo, ref.cameo_codes, "CAMEO code") or m.cameo is None:
        if m.cameo_deviation is not None:
            b.problem(e.file, e.label, "cameo_deviation", "given without a cameo code")
        return
    table = ref.cameo_events.get(m.cameo)
    if (table != m.event) != (m.cameo_deviation is not None):
        b.problem(e.file, e.label, "cameo_deviation",
                  f"the CAMEO→PLOVER table gives {m.cameo} {table or 'no event'}, the rule "
                  f"{m.event or 'no event'}: a rule that differs says why in cameo_deviation, "
                  "one that agrees has none")


def _context_rows(ref: "ReferenceRows") -> None:
    b, mapped = ref.b, {}
    for e in ref.context_maps.values():
        m = e.model
        ref.check(e, "reference", m.reference, ref.references, "reference")
        if m.topic is not None:
            ok = ref.check(e, "topic", m.topic, ref.topics, "topic")
            source = ("topic", m.topic)
        else:
            ok = ref.check(e, "subject_area", m.subject_area, ref.subject_areas, "subject area")
            source = ("subject area", m.subject_area)
        mapped.setdefault(source, []).append(e)
        if ok:
            ref.add("plover_context_map", {
                "map_id": m.map_id(), "topic_id": m.topic, "subject_area_id": m.subject_area,
                "context": m.context, "reference_id": m.reference, "manual_section": m.section,
                "manual_quote": m.quote, "note": m.note}, e)
    for (what, ident), entries in mapped.items():
        if len(entries) > 1 and any(e.model.context is None for e in entries):
            e = next(e for e in entries if e.model.context is None)
            b.problem(e.file, e.label, "context", f"{what} '{ident}' is given no context here "
                                                  "and a context by another entry")
    for what, known in (("topic", ref.topics), ("subject area", ref.subject_areas)):
        for ident in sorted(known):
            if (what, ident) not in mapped:
                b.problem(f"reference/{CONTEXTS_FILE}", "", "",
                          f"{what} '{ident}' has no entry: give its PLOVER contexts, or "
                          "'context: null' with a note")


def _members(b, e, field_: str, values, allowed, what: str) -> None:
    for index, value, first in rules.duplicate_members(list(values)):
        b.problem(e.file, e.label, f"{field_}.{index}",
                  f"'{value}' is listed twice (first as {field_}.{first})")
    for index, value in enumerate(values):
        if value not in allowed:
            expected = f"; expected one of {', '.join(allowed)}" if allowed else ""
            b.problem(e.file, e.label, f"{field_}.{index}", f"unknown {what} '{value}'{expected}")


def _said(fact_type: str, condition: dict[str, str]) -> str:
    return f"a {fact_type} with " + " and ".join(f"{k} {v}" for k, v in condition.items())
