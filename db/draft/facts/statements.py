"""Statements: a verb of saying (or a sentence that is all quotation) and its speaker,
with the quote kind of the rendering (direct, partial or paraphrase) and a first guess at
what the statement does (its kind, docs/coding.md) from its verb of saying."""

from __future__ import annotations

import re
from typing import Any

from diplodb.draft import names, surface
from diplodb.draft.facts.base import PRONOUN, QUOTED, Drafter, Fact

SPEECH = re.compile(r"\b(said|says|told|stressed|added|noted|indicated|pledged|vowed|called for"
                    r"|called|hailed|described|replied|confirmed|expressed hope|slammed|"
                    r"announced|urged|warned|stated|congratulated|insisted|declared|saying)\b")

# A verb of saying that names what the statement does; any other is a comment until the
# curator decides (the kind is a draft like every other field).
ACT = {"pledged": "intent_to_aid", "vowed": "intent_to_cooperate",
       "called for": "appeal", "called": "appeal", "urged": "appeal",
       "hailed": "praise", "congratulated": "praise", "slammed": "criticism",
       "warned": "threat", "insisted": "demand"}


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    quoted = list(QUOTED.finditer(text))
    verb = next((m for m in SPEECH.finditer(text)
                 if not any(q.start() <= m.start() < q.end() for q in quoted)), None)
    whole = quoted and quoted[0].start() == 0 and quoted[-1].end() >= len(text.rstrip(".")) - 1
    if verb is None and not whole:
        return
    speaker = None
    if verb is not None:
        before = dr.actors(start, start + verb.start())
        named = [a for a in before if not PRONOUN.fullmatch(dr.body[a[0]:a[1]])]
        after = dr.actors(start + verb.end(), end)
        # the name nearest the verb; of names one inside the other, the whole
        # ("Pezeshkian's office", not "Pezeshkian")
        speaker = max(named or before, key=lambda a: (a[1], -a[0])) if before else \
            min(after, key=lambda a: (a[0], -a[1])) if after else None
    if speaker is None and dr.ctx.speaker:
        speaker = ("", "", "person", dr.ctx.speaker)
    if speaker is None:
        return
    kind = "paraphrase"
    if quoted:
        lead = verb is None or quoted[0].start() == 0 or \
            re.match(r"\s*:\s*[“\"]", text[verb.end():]) is not None
        kind = "direct" if lead else "partial"
    fields: dict[str, Any] = {"speaker" if speaker[2] == "person" else
                              "speaker_organization": speaker[3]}
    if kind == "direct":
        fields["text"] = quoted[0].group()[1:-1].rstrip(",. ")
    dr.ctx.speaker = speaker[3] if speaker[2] == "person" else dr.ctx.speaker
    day = dr.date_of(start, end, start + (verb.start() if verb else 0), inherit=True)
    fact = Fact("statements", {"id": dr.new_id(dr.surname(speaker[3]),
                                                day.edtf() if day else "",
                                                *names.words(text)[:3]),
                               surface.STATEMENT_ACT: ACT.get(verb.group() if verb else "",
                                                              "comment"), **fields,
                               "quote_kind": kind}, [(start, end)], kinds=[kind])
    if day:
        fact.dates["said_on"] = day
    dr.facts.append(fact)
