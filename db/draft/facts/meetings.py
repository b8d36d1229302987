"""Meetings: a verb of meeting and at least two persons named in the sentence; or members
of a visiting delegation meeting "their counterparts" (two described groups), within the
visit."""

from __future__ import annotations

import re

from diplodb.draft import surface
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
        _counterparts(dr, start, end, text, trigger)
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


COUNTERPARTS = re.compile(r"\b(?:met|meet(?:s|ing)?|held talks)\s+(?:with\s+)?"
                          r"((?:their|his|her)\s+(?:[A-Z][\w’'-]*\s+)?counterparts?)\b")


def _counterparts(dr: Drafter, start: int, end: int, text: str, trigger: re.Match) -> None:
    """"(members), some of whom also met their Iranian counterparts": a meeting of the
    visiting delegation's members with the hosts' counterparts, during the visit to the
    counterparts' country (else the visit the sentence speaks of)."""
    met = COUNTERPARTS.search(text, trigger.start())
    if met is None:
        return
    theirs = dr.found.within(start + met.start(1), start + met.end(1), "country")
    code = theirs[0].ref if theirs else None
    visits = [f for f in reversed(dr.facts) if f.section == "visits"
              and f.fields["status"] not in ("postponed", "cancelled")]
    visit = next((f for f in visits if code and f.fields["host_country"] == code), None) \
        or dr.visit_quoting(start, end)
    if visit is None:
        return
    planned = PLAN.search(text[:met.start()])
    day = dr.date_of(start, end, start + met.start(), inherit=False)
    if day is None or (day.latest and day.earliest and (day.latest - day.earliest).days > 7):
        day = dr.visit_span(visit, start, "members of the delegation meet their "
                            "counterparts", planned=bool(planned))
    fact = Fact("meetings", {
        "id": dr.new_id(visit.fields["id"], "counterparts"), "visit": visit.fields["id"],
        "place": visit.fields.get("place"), "status": "scheduled" if planned else "held",
        "summary": "Members of the delegation meet their counterparts (not named).",
        # the delegation the sentence describes joins from the participants builder
        "participants": ([] if re.search(r"\bdelegations?\b", text) else
                         [surface.group("members of the delegation",
                                        visit.fields["visitor_country"])])
        + [surface.group(met.group(1), visit.fields["host_country"])]},
        [(start, end)])
    if day:
        fact.dates["held_on"] = day
    dr.facts.append(fact)


def _persons(meeting: Fact) -> set[str]:
    """The persons of a meeting (not the groups the participants builder adds)."""
    return {p for p in meeting.fields["participants"] if isinstance(p, str)}
