"""Participants of a visit: the delegation ("a high-level delegation", "Iraqi high-ranking
delegations led by Rashid") as a described group, and its members as the text lists them
("accompanied by ...", "a delegation that includes the ministers of foreign affairs, oil
and finance, and the national security adviser"): a person, an office of the reference
data, or, for an office it lacks, a group described by the words of the list.

A sentence's participants join the visit of the delegation's leader, else a visit from
its country (as the delegation) or to it (as the hosts' counterparts), else, when the text
gives no country, the last visit drafted; a meeting drafted from the same sentence takes
the delegation among its participants too.
"""

from __future__ import annotations

import re
from typing import Any

from diplodb.draft import names, surface
from diplodb.draft.facts.base import Drafter, Fact
from diplodb.draft.mentions.phrases import office_roles

DELEGATION = re.compile(r"\bdelegations?\b")
ACCOMPANIED = re.compile(r"\baccompanied by\b")
# What a delegation's description is made of, word by word back from "delegation".
_DESCRIBING = re.compile(r"(?:a|an|the|[A-Z][\w’'-]*|[a-z]+-(?:level|ranking|ranked)|high|large"
                         r"|senior|official|ministerial|economic|political|government"
                         r"|business|trade|military|security|joint)")
_LED_BY = re.compile(r"\s+(?:led|headed) by\s+")
_HEAD_OF = re.compile(r"\bat the head of\b")
# Where the list of members starts, and where it ends.
_MEMBERS = re.compile(r"\b(?:includ(?:es|ing|ed)|comprising|compris(?:es|ed)|made up of"
                      r"|consisting of|accompanied by)\b")
_END = re.compile(r",\s*(?:some|most|all|many|who|which|one|two|three)\b|;|\.\s*$")
_MINISTERS = re.compile(r"\bministers of\s+")
_PORTFOLIO = re.compile(r"(?:the\s+)?([a-z]+(?:\s[a-z]+)?)(?=\s*(?:,|\band\b|$))")


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    delegation = DELEGATION.search(text)
    accompanied = ACCOMPANIED.search(text)
    if delegation is None and accompanied is None:
        return
    actors = [a for a in dr.actors(start, end) if a[2] == "person"]
    leader = _leader(dr, start, text, delegation, accompanied, actors)
    described = _described(dr, start, text, delegation, leader)
    country = _country(dr, described, leader)
    joined = _visit(dr, leader, country)
    if joined is None:
        return
    visit, role = joined
    country = country or visit.fields.get("visitor_country")
    if country is None:
        return
    if described is not None:
        group = surface.group(dr.body[described[0]:described[1]], country,
                              leader[3] if leader else None)
        _add(dr, visit, group, role, start, end)
        for meeting in dr.facts:
            if meeting.section == "meetings" and (start, end) in meeting.quotes \
                    and group not in meeting.fields["participants"]:
                meeting.fields["participants"].append(dict(group))
    listed = _MEMBERS.search(text, delegation.end() if delegation else 0)
    if listed is None:
        return
    stop = _END.search(text, listed.end())
    first, last = start + listed.end(), start + (stop.start() if stop else len(text))
    leader = leader or ("", "", "person", visit.fields["visitor"])
    for member in _members(dr, first, last, country, leader):
        _add(dr, visit, member, role, start, end)


def _leader(dr: Drafter, start, text, delegation, accompanied, actors):
    """Who the text says leads: "led by X", "X is accompanied by", "X ... at the head of
    a delegation", "X's delegation"; else None."""
    if delegation is not None:
        led = _LED_BY.match(text, delegation.end())
        if led:
            return next((a for a in actors if a[0] == start + led.end()), None)
        owner = next((a for a in actors if a[1] in (start + delegation.start() - 3,
                                                    start + delegation.start() - 1)), None)
        if owner and re.match(r"['’]s ", dr.body[owner[1]:owner[1] + 3]):
            return owner
    trigger = accompanied or (_HEAD_OF.search(text) if delegation else None)
    if trigger is None:
        return None
    before = [a for a in actors if a[1] <= start + trigger.start()]
    return before[0] if before else None


def _described(dr: Drafter, start, text, delegation, leader) -> tuple[int, int] | None:
    """The span of the delegation as the text describes it, with "led by X"."""
    if delegation is None:
        return None
    first = start + delegation.start()
    for word in reversed(list(re.finditer(r"[\w’'-]+", text[:delegation.start()]))):
        if start + word.end() != first - 1 or not _DESCRIBING.fullmatch(word.group()):
            break
        first = start + word.start()
    last = start + delegation.end()
    led = _LED_BY.match(text, delegation.end())
    if led and leader and leader[0] == start + led.end():
        last = leader[1]
    return first, last


def _country(dr: Drafter, described, leader) -> str | None:
    if described is not None:
        inside = dr.found.within(*described, "country")
        if inside:
            return inside[0].ref
    if leader is not None:
        return dr.country_of("person", leader[3]) or next(
            (dr.ref.offices[m.ref]["country"] for m in dr.found.offices
             if m.holder == leader[3]), None)
    return None


def _visit(dr: Drafter, leader, country) -> tuple[Fact, str] | None:
    """The visit the delegation takes part in, and its role there: the leader's visit;
    else a visit from its country (a delegation) or to it (the hosts' counterparts); a
    delegation of no known country joins the last visit drafted."""
    visits = [f for f in reversed(dr.facts) if f.section == "visits"]
    for visit in visits:
        if leader and visit.fields["visitor"] == leader[3]:
            return visit, "delegation"
    for field, role in (("visitor_country", "delegation"), ("host_country", "counterpart")):
        for visit in visits:
            if country and visit.fields.get(field) == country:
                return visit, role
    return (visits[0], "delegation") if visits and country is None else None


def _members(dr: Drafter, first: int, last: int, country: str,
             leader) -> list[dict[str, Any]]:
    """Each member the span lists: persons, offices, and ministers by portfolio. ``leader``
    is the delegation's leader (else the visitor): not a member."""
    members: list[dict[str, Any]] = []
    # persons the list names: not the holder of an office it names (that is the office),
    # nor one it names as an owner ("Kadhemi's national security adviser"), nor the leader
    named = [(m.end, m.ref) for m in dr.found.within(first, last, "person")] + [
        (e, c.id) for s, e, c in dr.found.candidate_spans()
        if first <= s and e <= last and c.kind == "person"]
    persons = [p for e, p in sorted(named) if not re.match(r"['’]s\b", dr.body[e:e + 2])]
    for person in dict.fromkeys(persons):
        if person != leader[3]:
            members.append({"person": person,
                            "country": dr.country_of("person", person) or country})
    for m in dr.found.within(first, last, "office"):
        if not any(p.start >= m.start and p.end <= m.end for p in dr.found.persons):
            members.append({"office": m.ref, "country": dr.ref.offices[m.ref].get("country")})
    ministers = _MINISTERS.search(dr.body, first, last)
    if ministers is None:
        return members
    roles = {oid: phrases for oid, (code, phrases) in office_roles(dr.ref).items()
             if code == country}
    at = ministers.end()
    while at < last:
        item = _PORTFOLIO.match(dr.body, at, last)
        if item is None:
            break
        portfolio = item.group(1)
        office = next((oid for oid, phrases in roles.items() for p in phrases
                       if p.startswith("minister of ")
                       and names.similar(p[len("minister of "):], portfolio) >= 85), None)
        members.append({"office": office, "country": country} if office else
                       surface.group(f"minister of {portfolio}", country))
        rest = re.match(r"\s*,?\s*(?:and\s+)?", dr.body[item.end():last])
        at = item.end() + (rest.end() if rest else 0)
        if re.match(r"(?:the\s+)?[A-Z]|as well as", dr.body[at:last]):
            break  # the list goes on with other kinds of member
    return members


def _add(dr: Drafter, visit: Fact, member: dict[str, Any], role: str, start: int,
         end: int) -> None:
    """A participant of ``visit``, or one more quote of the same participant."""
    key = _key(member)
    for fact in dr.facts:
        if fact.section == surface.PARTICIPANTS and fact.fields["visit"] == visit.fields["id"] \
                and _key(fact.fields) == key:
            if (start, end) not in fact.quotes:
                fact.quotes.append((start, end))
            return
    label = member.get("person") or member.get("office") or member.get(surface.GROUP, "")
    dr.facts.append(Fact(surface.PARTICIPANTS, {
        "id": dr.new_id(visit.fields["id"], label if surface.GROUP not in member
                        else "delegation" if DELEGATION.search(label) else label),
        "visit": visit.fields["id"], **member, "role": role}, [(start, end)]))


def _key(member: dict[str, Any]) -> tuple[str, str]:
    """Who a participant is: a person, an office, a group; a visit has one delegation,
    however the text describes it."""
    if member.get("person") or member.get("office"):
        return ("person", member["person"]) if member.get("person") else \
            ("office", member["office"])
    described = member.get(surface.GROUP, "")
    return ("group", "delegation" if DELEGATION.search(described) else described)
