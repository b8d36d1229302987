"""The draft annotation file, as YAML text a curator reads and edits: every sentence
under ``undecided:``, every proposed entry marked ``draft: true`` with a comment saying
how it was found, and the mentions and new names as aids."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from diplodb.draft import surface
from diplodb.draft.facts import Fact
from diplodb.draft.mentions import Mentions
from diplodb.draft.reference import Reference
from diplodb.seed.drafts import AIDS, DRAFT_MARK, UNDECIDED
from diplodb.seed.text import find_all

FACT_ORDER = ("visits", surface.PARTICIPANTS, "meetings", "statements", "agreements", "figures",
              surface.ACTIVITIES)
_FIELD_ORDER = ("id", "kind", "visit", "person", "office", surface.GROUP, surface.LED_BY,
                "visitor", "visitor_country", "host_country", "speaker",
                "speaker_organization", "actor", "actor_organization", "metric", "country",
                "counterpart", "value", "unit", "qualifier", "place", "start_date",
                "end_date", "held_on", "said_on", "concluded_on", "as_of", "date",
                "date_basis", "date_note", "as_of_basis", "as_of_note", "status",
                "status_changed_on", "status_changed_basis", "status_changed_note", "title",
                "summary", "participants", "parties", "instrument_count", "value_usd",
                "first_trip_abroad", "role", "text", "quote_kind")


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)  # a YAML double-quoted scalar


def quote_for(body: str, start: int, end: int) -> str | dict[str, Any]:
    """A quote that the loader locates at exactly this span."""
    text = body[start:end]
    starts = find_all(body, text)
    return text if len(starts) == 1 else {"text": text, "occurrence": starts.index(start) + 1}


def _flow(entry: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in entry.items() if v is not None) + "}"


def _fact_lines(fact: Fact, body: str) -> list[str]:
    fields = {k: v for k, v in fact.fields.items() if v is not None}
    fields.update(surface.date_fields(fact.dates))
    ordered = {k: fields[k] for k in _FIELD_ORDER if k in fields}
    ordered.update({k: v for k, v in fields.items() if k not in ordered})
    quotes = [quote_for(body, s, e) for s, e in fact.quotes]
    if fact.section == "statements":
        kinds = fact.kinds + [fact.fields.get(surface.STATEMENT_KIND, "paraphrase")] * len(quotes)
        quotes = [surface.statement_quote(q, k) for q, k in zip(quotes, kinds, strict=False)]
    lines = []
    for index, (key, value) in enumerate(ordered.items()):
        lead = "  - " if index == 0 else "    "
        lines.append(f"{lead}{key}: {scalar(value)}")
    if len(quotes) == 1:
        lines.append(f"    quote: {scalar(quotes[0])}")
    else:
        lines.append("    quotes:")
        lines += [f"      - {scalar(q)}" for q in quotes]
    lines.append(f"    {DRAFT_MARK}: true")
    return lines


def render(body: str, source_id: str, article: str, sentences, found: Mentions,
           facts: list[Fact], ref: Reference, published, terms: list[tuple[str, int, int]]) -> str:
    out = [f"# Draft annotation of articles/{article}, written by 'diplodb draft'.",
           "# Nothing here is loaded until it is decided (docs/drafting.md): cite or skip each",
           "# sentence under 'undecided' and delete its line; confirm, correct or delete each",
           f"# entry marked '{DRAFT_MARK}: true' (then delete the mark); delete '{AIDS[0]}' and",
           f"# '{AIDS[1]}' when the reference data and the facts use them.",
           f"source: {source_id}", "",
           "# Every sentence of the article, by the loader's own sentence rule.",
           f"{UNDECIDED}:"]
    for sentence in sentences:
        out.append(f"  - {_flow({'quote': quote_for(body, sentence.start, sentence.end)})}"
                   f"  # sentence {sentence.number}")
    out += ["", "skipped: []", "", "names:"]
    seen: set[tuple[str, str]] = set()
    for m in found.persons:
        if (m.ref, m.text) in seen:
            continue
        seen.add((m.ref, m.text))
        starts = find_all(body, m.text)
        quote = m.text if len(starts) == 1 else {"text": m.text,
                                                 "occurrence": starts.index(m.start) + 1}
        entry = {"person": m.ref, "name": m.text, "quote": None if quote == m.text else quote,
                 DRAFT_MARK: True}
        out.append(f"  - {_flow(entry)}  # {m.how}")
    out += ["", "terms:"]
    for term, start, end in terms:
        out.append(f"  - {_flow({'term': term, 'quote': quote_for(body, start, end), DRAFT_MARK: True})}")
    for section in FACT_ORDER:
        listed = [f for f in facts if f.section == section]
        if not listed:  # an empty section says nothing (and one the format lacks would stop it)
            continue
        out += ["", f"{section}:"]
        for fact in listed:
            out += _fact_lines(fact, body)
    out += ["", "# What the drafter matched in the reference data (an aid; delete when done).",
            f"{AIDS[0]}:"]
    counts = Counter((m.kind, m.ref, m.text) for m in found.all() if m.kind != "person")
    for (kind, ident, text), count in sorted(counts.items()):
        out.append(f"  - {_flow({'kind': kind, 'id': ident, 'text': text, 'count': count})}")
    out += ["", "# Names the reference data does not hold: add each to reference/ (with a",
            "# named reference) under the proposed id, or delete it (an aid).",
            f"{AIDS[1]}:"]
    for c in found.candidates:
        start, end = c.spans[0]
        out.append(f"  - {_flow({'id': c.id, 'name': c.name, 'kind': c.kind, 'spellings': sorted(c.spellings), 'quote': quote_for(body, start, end)})}")
    return "\n".join(out) + "\n"
