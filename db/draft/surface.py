"""The annotation surface a draft is written in: where a fact's date, its basis and note,
a rendering's quote kind, an activity and a described group of participants go (contract
v1.2, /docs/seed-format.md).

Kept in one place so that a change of the annotation format changes only this module.
"""

from __future__ import annotations

from typing import Any

from diplodb.draft.dates import Dated

# date field → (its basis field, its note field)
DATE_FIELDS = {
    "start_date": ("date_basis", "date_note"), "end_date": ("date_basis", "date_note"),
    "status_changed_on": ("status_changed_basis", "status_changed_note"),
    "held_on": ("date_basis", "date_note"), "said_on": ("date_basis", "date_note"),
    "concluded_on": ("date_basis", "date_note"), "as_of": ("as_of_basis", "as_of_note"),
    "date": ("date_basis", "date_note"),
}
QUOTE_KIND = "kind"  # on a statement's quote mapping: direct, partial or paraphrase
STATEMENT_KIND = "quote_kind"  # on the statement: the kind of its renderings by default
STATEMENT_ACT = "kind"  # on the statement: what it does (comment, praise, appeal, ...)
ACTIVITIES = "activities"  # the section of activities
PARTICIPANTS = "participants"  # the section of visit participants
GROUP = "group"  # a participant the text names no one in, as the text describes it
LED_BY = "led_by"  # ... and the person the text says leads it


def date_fields(dates: dict[str, Dated]) -> dict[str, Any]:
    """The fields of a fact's dates: each an EDTF string, with the basis and a note. Two
    dates sharing one basis field (a visit's start and end) share one note."""
    out: dict[str, Any] = {}
    notes: dict[str, list[str]] = {}
    for name, dated in dates.items():
        basis, note = DATE_FIELDS[name]
        out[name] = dated.edtf()
        if out.get(basis) != "inferred":
            out[basis] = dated.basis
        prefix = "end: " if name == "end_date" else ""
        notes.setdefault(note, []).append(prefix + dated.note)
    for note, parts in notes.items():
        out[note] = "; ".join(parts)
    return out


def statement_quote(quote: Any, kind: str) -> dict[str, Any]:
    """A rendering of a statement with its quote kind."""
    spec = dict(quote) if isinstance(quote, dict) else {"text": quote}
    spec[QUOTE_KIND] = kind
    return spec


def group(description: str, country: str, led_by: str | None = None) -> dict[str, Any]:
    """A described group: as a visit participant (with its visit and role) or as one of
    a meeting's participants ("Groups as participants")."""
    spec: dict[str, Any] = {GROUP: description, "country": country}
    if led_by:
        spec[LED_BY] = led_by
    return spec
