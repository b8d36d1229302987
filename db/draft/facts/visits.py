"""Visits: who travelled where, planned, ongoing or completed, and a planned visit the
article then reports postponed or cancelled (one fact, its status changed)."""

from __future__ import annotations

import datetime as dt
import re

from diplodb.draft import dates as d
from diplodb.draft.facts.activities import COMMEMORATION
from diplodb.draft.facts.base import PLAN, Drafter, Fact

VISIT = re.compile(r"\b(visit(?:ed|s|ing)?|trip|arriv(?:ed|al|es)|travel(?:l?ed|s)?|landing"
                   r"|heading to|leg)\b")


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    trigger = VISIT.search(text)
    if trigger is None or re.search(COMMEMORATION, text):
        return
    actors = dr.actors(start, end)
    persons = [a for a in actors if a[2] == "person"]
    received = re.search(r"\b(?:received|visiting)\b", text)
    guests = [a for a in persons if received and a[0] > start + received.start()]
    # the sentence's subject, as a rule; the one received or "visiting" when named
    visitor = guests[0] if guests else persons[0] if persons else None
    if re.search(r"postpone|cancel", text):
        planned = [f for f in dr.facts if f.section == "visits"
                   and f.fields["status"] in ("planned", "postponed")]
        if planned and (visitor is None or visitor[3] != planned[-1].fields["visitor"]):
            status_change(dr, planned[-1], start, end, text)
            return
    if visitor is None:
        return
    home = dr.country_of("person", visitor[3]) or next(
        (dr.ref.offices[m.ref]["country"] for m in dr.found.offices
         if m.holder == visitor[3]), None)
    places = [p for p in dr.destinations(start + trigger.start(), end) if p[1] != home]
    if not places:
        antecedent = _antecedent(dr, start, text, trigger, home)
        if antecedent == []:
            return  # "Washington, which he is to visit": a place the reference data lacks
        places = antecedent or [p for p in dr.destinations(start, end) if p[1] != home]
    if not places:  # "arrived on his first official visit": where the article is
        places = [(m.start, dr.ref.places[m.ref].get("country"), m.ref)
                  for m in dr.found.places
                  if dr.ref.places[m.ref].get("country") != home][:1]
    if not places:
        return
    _, host, place = places[0]
    status = "postponed" if "postpone" in text else "cancelled" if "cancel" in text else \
        "planned" if PLAN.search(text[:trigger.start()] + " " + text[trigger.start():
                                                                    trigger.end() + 12]) \
        else None
    day = dr.date_of(start, end, start + trigger.start(), inherit=status is None)
    if status is None:
        status = "ongoing" if day and day.latest == dr.published else "completed"
    existing = next((f for f in dr.facts if f.section == "visits"
                     and f.fields["visitor"] == visitor[3] and f.fields["host_country"] == host
                     and (f.fields["status"] == status or status in ("planned", "ongoing"))),
                    None)
    if existing:
        existing.quotes.append((start, end))
        return
    fields = {"id": dr.new_id(dr.surname(visitor[3]), dr.ref.countries.get(host, host),
                              day.edtf()[:7] if day and day.earliest else ""),
              "visitor": visitor[3], "visitor_country": home, "host_country": host,
              "place": place, "status": status}
    if re.search(r"first (?:official )?(?:foreign )?(?:trip|visit)", text):
        fields["first_trip_abroad"] = True
    fact = Fact("visits", fields, [(start, end)])
    if day and status in ("postponed", "cancelled"):
        fact.dates["status_changed_on"] = day
    elif day:
        fact.dates["start_date"] = day
        length = re.search(r"\b(two|three|four|five|\d)-day\b", text)
        if length and day.earliest == day.latest:
            n = {"two": 2, "three": 3, "four": 4, "five": 5}.get(length.group(1)) or \
                int(length.group(1))
            last = day.earliest + dt.timedelta(days=n - 1)
            fact.dates["end_date"] = d.Dated(day.start, day.end, length.group(), last, last,
                                             "inferred", f"'{length.group()} visit' counted "
                                             f"from its first day, {d._long(day.earliest)}")
    dr.facts.append(fact)


def _antecedent(dr: Drafter, start: int, text: str, trigger: re.Match,
                home: str | None) -> list[tuple[int, str, str | None]] | None:
    """The place a relative clause of the trigger refers back to: "... and Washington,
    which Kadhemi is also set to visit" (the place named right before "which"). None when
    the trigger is in no such clause or the antecedent is not a name; [] when it is a
    name the reference data does not hold as a place (no other place of the sentence is
    the destination then)."""
    which = None
    for which in re.finditer(r",?\s+which\b", text[:trigger.start()]):
        pass
    if which is None:
        return None
    named = re.search(r"(?:[A-Z][\w.’'-]*\s)*[A-Z][\w.’'-]*$", text[:which.start()])
    if named is None:
        return None
    known = [p for p in dr.destinations(start + named.start(), start + named.end())
             if p[1] != home]
    return known[-1:]


def status_change(dr: Drafter, visit: Fact, start: int, end: int, text: str) -> None:
    """A planned visit the sentence reports postponed or cancelled."""
    visit.fields["status"] = "postponed" if "postpone" in text else "cancelled"
    visit.quotes.append((start, end))
    day = dr.date_of(start, end, start + text.find("postpone"), inherit=False)
    visit.dates.pop("start_date", None)
    if day:
        visit.dates["status_changed_on"] = day
