"""Statements: a verb of saying (or a sentence that is all quotation) and its speaker,
with the quote kind of the rendering (direct, partial or paraphrase) and a first guess at
what the statement does (its kind, docs/coding.md) from its verb of saying."""

from __future__ import annotations

import re
from typing import Any

from diplodb.draft import names, surface
from diplodb.draft.dates import Dated
from diplodb.draft.facts.base import PLAN, PRONOUN, QUOTED, Drafter, Fact

SPEECH = re.compile(r"\b(said|says|told|stressed|added|noted|indicated|pledged|vowed|called for"
                    r"|called|hailed|described|replied|confirmed|expressed hope|slammed|"
                    r"announced|urged|warned|stated|congratulated|insisted|declared|saying)\b")

# A verb of saying that names what the statement does; any other is a comment until the
# curator decides (the kind is a draft like every other field).
ACT = {"pledged": "intent_to_aid", "vowed": "intent_to_cooperate",
       "called for": "appeal", "called": "appeal", "urged": "appeal",
       "hailed": "praise", "congratulated": "praise", "slammed": "criticism",
       "warned": "threat", "insisted": "demand"}


# "have said", "has stressed": said at some time before the report, not on a day it tells
PERFECT = re.compile(r"\b(?:ha(?:ve|s)|had)\s+(?:\w+ly\s+)?" + SPEECH.pattern[2:-2] + r"\b")


def _undated(dr: Drafter, start: int, end: int, text: str, speaker, verb) -> Dated | None:
    """The date of a statement its sentence does not date: within the speaker's visit
    when the sentence places it there ("In Baghdad, Mr Zarif ... saying"); else, for one
    in the perfect ("state media have said") or an organisation's statement of what is
    to come ("... will be discussed," the office said: an issued text that may precede
    the events), no later than the report. Otherwise None: the day of context or the
    publication day stands."""
    if speaker[2] == "person":
        visit = dr.visit_at(speaker[3], start, end)
        if visit is not None:
            return dr.visit_span(visit, start, "said at a place of the visit")
    if verb is not None and PERFECT.search(text):
        return dr.by_report(start, f"'{PERFECT.search(text).group()}'")
    ahead = PLAN.search(text)  # in what is said, quoted before the verb or reported after it
    if speaker[2] == "organization" and ahead:
        return dr.by_report(start, f"an organisation's statement of what is to come, "
                                   f"'{ahead.group()}': it may precede the events")
    return None


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
        if verb.group() == "saying" and named and \
                re.search(r",\s*$", text[:verb.start()]):
            # ", saying ...": the subject of the clause it hangs on, the first named
            # ("Mr Zarif paid a visit to the site where Mr Soleimani was killed, saying")
            first = min(a[0] for a in named)
            speaker = max((a for a in named if a[0] == first), key=lambda a: a[1])
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
    if dr.undated(day):
        day = _undated(dr, start, end, text, speaker, verb) or day
    fact = Fact("statements", {"id": dr.new_id(dr.surname(speaker[3]),
                                                day.edtf() if day else "",
                                                *names.words(text)[:3]),
                               surface.STATEMENT_ACT: ACT.get(verb.group() if verb else "",
                                                              "comment"), **fields,
                               "quote_kind": kind}, [(start, end)], kinds=[kind])
    if day:
        fact.dates["said_on"] = day
    dr.facts.append(fact)
