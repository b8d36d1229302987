"""Meetings: a verb of meeting and at least two persons named in the sentence."""

from __future__ import annotations

import re

from diplodb.draft.facts.base import PLAN, Drafter, Fact

MEET = re.compile(r"\b(met|meet(?:s|ing)?|talks with|received|greet(?:s|ed)?|held talks"
                  r"|welcome ceremony)\b")


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    trigger = MEET.search(text)
    if trigger is None:
        return
    people = []
    for a in dr.actors(start, end):
        if a[2] == "person" and a[3] not in people:
            people.append(a[3])
    if len(people) < 2:
        return
    planned = PLAN.search(text[:trigger.start()])
    day = dr.date_of(start, end, start + trigger.start(), inherit=True)
    existing = next((f for f in dr.facts if f.section == "meetings"
                     and _persons(f) == set(people)), None)
    if existing:
        existing.quotes.append((start, end))
        return
    place = next((p[2] for p in dr.destinations(start, end) if p[2]), None)
    who = " and ".join(dr.ref.persons.get(p, {}).get("name", p) for p in people)
    fact = Fact("meetings", {
        "id": dr.new_id(*(dr.surname(p) for p in people[:2]), day.edtf() if day else ""),
        "place": place, "status": "scheduled" if planned else "held",
        "summary": f"{who} {'are to meet' if planned else 'meet'}"
                   + (f" in {dr.ref.places[place]['name']}" if place else "") + ".",
        "participants": people}, [(start, end)])
    if day:
        fact.dates["held_on"] = day
    dr.facts.append(fact)


def _persons(meeting: Fact) -> set[str]:
    """The persons of a meeting (not the groups the participants builder adds)."""
    return {p for p in meeting.fields["participants"] if isinstance(p, str)}
