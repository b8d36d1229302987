"""Activities: a ceremony, a reception, a commemoration, a hospitalisation, an election,
a strike or an attack, by its trigger words (the first that fits the sentence)."""

from __future__ import annotations

import re
from typing import Any

from diplodb.draft.facts.base import PLAN, Drafter, Fact

ACTIVITIES = (("hospitalisation", r"hospitali[sz]ed"), ("election", r"\belected\b"),
              ("commemoration", r"visited a monument|paid a visit to the site|wreath"),
              ("ceremony", r"\bceremony\b"), ("reception", r"\b(?:was|were) received by\b"),
              ("strike", r"\b(?:drone|air) (?:strike|attack)\b"),
              ("attack", r"\battack(?:ed|ing)\b"))
COMMEMORATION = dict(ACTIVITIES)["commemoration"]  # "visited a monument" is not a visit


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    for kind, pattern in ACTIVITIES:
        trigger = re.search(pattern, text)
        if trigger is None:
            continue
        actors = dr.actors(start, end)
        actor = next((a for a in actors if a[0] < start + trigger.start()), None)
        where = dr.destinations(start, end)
        day = dr.date_of(start, end, start + trigger.start(), inherit=False)
        fields: dict[str, Any] = {"id": dr.new_id(kind, day.edtf() if day else ""),
                                  "kind": kind,
                                  "summary": text[:100].rsplit(" ", 1)[0] + "…"
                                  if len(text) > 100 else text}
        if actor:
            fields["actor" if actor[2] == "person" else "actor_organization"] = actor[3]
        if where:
            fields["country"], fields["place"] = where[0][1], where[0][2]
        fields["status"] = "planned" if PLAN.search(text[:trigger.start()]) else "held"
        fact = Fact("activities", fields, [(start, end)])
        if day:
            fact.dates["date"] = day
        dr.facts.append(fact)
        return
