"""What every fact builder reads a sentence with: the article, its mentions and the
reference data, the context carried from sentence to sentence (the last person named,
the last speaker, the last day dated), and the facts drafted so far.

A builder (one module per fact type) adds ``Fact`` entries to ``Drafter.facts``; it finds
who acts with ``actors``, where with ``destinations`` and when with ``date_of``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from diplodb.draft import dates as d
from diplodb.draft import names
from diplodb.draft.mentions import Mentions
from diplodb.draft.reference import Reference

PLAN = re.compile(r"\b(scheduled to|plans? to|set to|expected to|will|would|is to|supposed to"
                  r"|due to)\b", re.IGNORECASE)
PRONOUN = re.compile(r"[Hh]e|[Ss]he|[Hh]is|[Hh]er")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass
class Fact:
    section: str
    fields: dict[str, Any]
    quotes: list[tuple[int, int]]
    dates: dict[str, d.Dated] = field(default_factory=dict)  # date field → its interval
    kinds: list[str] = field(default_factory=list)  # statements: each quote's kind


@dataclass
class Context:
    person: str | None = None  # the last person named (for he, his)
    speaker: str | None = None
    day: d.Dated | None = None  # the last day the article dated


class Drafter:
    def __init__(self, body: str, ref: Reference, found: Mentions, published: dt.date | None):
        self.body, self.ref, self.found, self.published = body, ref, found, published
        self.facts: list[Fact] = []
        self.ctx = Context()
        self.ids: set[str] = set()

    # -- entities ----------------------------------------------------------------------
    def actors(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, id) of each person or organisation named in the span: a
        person, an organisation, an office (its holder), a new person or organisation, or
        he/she (the last person named)."""
        found: list[tuple[int, int, str, str]] = []
        for m in self.found.within(start, end):
            if m.kind == "person":
                found.append((m.start, m.end, "person", m.ref))
            elif m.kind == "organization":
                found.append((m.start, m.end, "organization", m.ref))
            elif m.kind == "office" and not any(
                    p.start >= m.start and p.end <= m.end for p in self.found.persons):
                holder = m.holder or self.named_holder(m.ref)
                if holder:
                    found.append((m.start, m.end, "person", holder))
        for s, e, c in self.found.candidate_spans():  # a new person or organisation
            if start <= s and e <= end and c.kind in ("person", "organization"):
                found.append((s, e, c.kind, c.id))
        for m in re.finditer(r"\b([Hh]e|[Ss]he|[Hh]is|[Hh]er)\b", self.body[start:end]):
            if self.ctx.person:
                found.append((start + m.start(), start + m.end(), "person", self.ctx.person))
        inside = [(q.start() + start, q.end() + start)
                  for q in QUOTED.finditer(self.body[start:end])]
        return sorted(a for a in found if not any(s <= a[0] < e for s, e in inside))

    def named_holder(self, office: str) -> str | None:
        """A new name the article gives right after this office's title elsewhere
        ("Iraqi President Abdul Latif Rashid"), for an office the reference data has no
        holder of."""
        for m in self.found.offices:
            if m.ref == office:
                after = [c for s, e, c in self.found.candidate_spans()
                         if 0 <= s - m.end <= 2 and c.kind != "organization"]
                if after:
                    return after[0].id
        return None

    def country_of(self, kind: str, ident: str) -> str | None:
        table = self.ref.persons if kind == "person" else self.ref.organizations
        return table.get(ident, {}).get("country")

    def destinations(self, start: int, end: int) -> list[tuple[int, str, str | None]]:
        """(offset, country code, place id) of each place or country in the span."""
        out = []
        for m in self.found.within(start, end):
            if m.kind == "place":
                out.append((m.start, self.ref.places[m.ref].get("country"), m.ref))
            elif m.kind == "country" and m.text[0].isupper() and not m.text.endswith(
                    ("ian", "ians", "qi", "qis", "di", "dis", "li", "lis")) \
                    and self.body[m.end:m.end + 2] not in ("'s", "’s"):  # Iran's rival
                out.append((m.start, m.ref, None))
        return out

    def new_id(self, *parts: str) -> str:
        base = names.slug("-".join(p for p in parts if p)) or "draft"
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    def surname(self, ident: str | None) -> str:
        person = self.ref.persons.get(ident or "", {})
        return (names.words(person["name"]) or [ident or ""])[-1] if person else (ident or "")

    # -- dates -------------------------------------------------------------------------
    def date_of(self, start: int, end: int, near: int, inherit: bool) -> d.Dated | None:
        found = [x for x in d.find(self.body, start, end, self.published)]
        if inherit:  # a meeting or statement is dated to a day or so, not "in July"
            found = [x for x in found if x.earliest and x.latest
                     and (x.latest - x.earliest).days <= 7]
        if found:
            best = min(found, key=lambda x: abs(x.start - near))
            if best.same_day and self.ctx.day is not None:
                best = d.Dated(best.start, best.end, best.text, self.ctx.day.earliest,
                               self.ctx.day.latest, "inferred",
                               f"'{best.text}': the same day as the article's '{self.ctx.day.text}'"
                               f" ({self.ctx.day.note})", True)
            return best
        if not inherit or self.published is None:
            return None
        if self.ctx.day is not None:
            return d.Dated(self.ctx.day.start, self.ctx.day.end, self.ctx.day.text,
                           self.ctx.day.earliest, self.ctx.day.latest, "inferred",
                           f"not dated in its sentence; placed by context on the day of "
                           f"'{self.ctx.day.text}' ({self.ctx.day.note})")
        p = self.published
        return d.Dated(start, start, "", p, p, "inferred",
                       f"not dated in its sentence; as of the publication day, {d._long(p)}")

    @staticmethod
    def undated(day: d.Dated | None) -> bool:
        """Whether ``day`` is not the sentence's own date (none, or one placed by context
        or on the publication day)."""
        return day is None or day.note.startswith("not dated")

    def by_report(self, start: int, why: str) -> d.Dated | None:
        """No later than the publication day, no earlier bound: what a fact reported as
        done, and not dated, can honestly be given."""
        if self.published is None:
            return None
        return d.Dated(start, start, "", None, self.published, "inferred",
                       f"not dated in its sentence ({why}): no later than the publication "
                       f"day, {d._long(self.published)}; the text gives no earlier bound")

    def from_report(self, start: int, why: str) -> d.Dated | None:
        """No earlier than the publication day, no later bound: a plan the text does not
        date."""
        if self.published is None:
            return None
        return d.Dated(start, start, "", self.published, None, "inferred",
                       f"not dated in its sentence ({why}): no earlier than the publication "
                       f"day, {d._long(self.published)}; the text gives no later bound")

    def visit_span(self, visit: Fact, start: int, why: str, planned: bool = False
                   ) -> d.Dated | None:
        """The days of ``visit``, for what the text places within it: from its first day
        to its last when known; else, for what is reported done (``planned`` false), to
        the publication day, and for a plan, with no later bound."""
        first = visit.dates.get("start_date")
        if first is None or first.earliest is None:
            return None
        last = visit.dates.get("end_date")
        latest = last.latest if last is not None else None
        if not planned and self.published is not None and first.earliest <= self.published:
            latest = min(latest, self.published) if latest else self.published
        if latest is not None and latest < first.earliest:
            return None
        bound = f"to {d._long(latest)}" if latest else "no later bound"
        return d.Dated(start, start, "", first.earliest, latest, "inferred",
                       f"not dated in its sentence ({why}): within the visit "
                       f"'{visit.fields['id']}', from its first day, "
                       f"{d._long(first.earliest)} ({first.note}), {bound}"
                       + (" (the publication day)" if latest == self.published
                          and last is None else ""))

    def visit_at(self, person: str | None, start: int, end: int) -> Fact | None:
        """The visit of ``person`` (drafted before) to a country the sentence names a
        place (a city, a site; not only the country) in ("In Baghdad, Mr Zarif ..."): not
        a planned, postponed or cancelled one."""
        if person is None:
            return None
        hosts = {code for _, code, place in self.destinations(start, end) if place}
        return next((f for f in reversed(self.facts) if f.section == "visits"
                     and f.fields["visitor"] == person and f.fields["host_country"] in hosts
                     and f.fields["status"] in ("ongoing", "completed")), None)

    def visit_quoting(self, start: int, end: int) -> Fact | None:
        """The visit drafted from (or extended by) this sentence, else the last one drafted
        when the sentence speaks of "the visit"; not a postponed or cancelled one."""
        visits = [f for f in reversed(self.facts) if f.section == "visits"
                  and f.fields["status"] not in ("postponed", "cancelled")]
        quoting = [f for f in visits if any(s <= start and end <= e or
                                            start <= s < end for s, e in f.quotes)]
        if quoting:
            return quoting[0]
        if re.search(r"\b(?:the|this|his|her|their) (?:\w+-day )?(?:visit|trip)\b",
                     self.body[start:end]) and visits:
            return visits[0]
        return None

    def remember_day(self, sentence_start: int, sentence_end: int) -> None:
        for x in d.find(self.body, sentence_start, sentence_end, self.published):
            if re.search(r"after|before|earlier|ago", x.text):
                continue  # "a day after X" dates X, not what the article goes on about
            if x.earliest and x.latest and x.earliest == x.latest and \
                    self.published and 0 <= (self.published - x.latest).days <= 31:
                self.ctx.day = x

    def remember_person(self, start: int, end: int) -> None:
        persons = [a for a in self.actors(start, end) if a[2] == "person"]
        if persons:
            self.ctx.person = persons[0][3]
