"""Candidate facts, sentence by sentence: visits, meetings, statements (with the quote
kind of each rendering), agreements, figures (with their qualifier) and activities.

Each is a first reading by trigger words and the mentions around them, for a curator to
confirm: the quote is the whole sentence (the curator shortens it), the date is the
sentence's own date expression, else the day the article last dated (for a statement
"placed at the press conference by context"), else the publication day, always with a
note saying which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from diplodb.draft import dates as d
from diplodb.draft import names
from diplodb.draft.mentions import Mentions
from diplodb.draft.reference import Reference

SPEECH = re.compile(r"\b(said|says|told|stressed|added|noted|indicated|pledged|vowed|called for"
                    r"|called|hailed|described|replied|confirmed|expressed hope|slammed|"
                    r"announced|urged|warned|stated|congratulated|insisted|declared|saying)\b")
VISIT = re.compile(r"\b(visit(?:ed|s|ing)?|trip|arriv(?:ed|al|es)|travel(?:l?ed|s)?|landing"
                   r"|heading to|leg)\b")
MEET = re.compile(r"\b(met|meet(?:s|ing)?|talks with|received|greet(?:s|ed)?|held talks"
                  r"|welcome ceremony)\b")
AGREE = re.compile(r"\b(memorand(?:um|a) of understanding|MoUs?|agreements?|pact|treaty|deal"
                   r"|accord|understanding|pledged|commitment|a will on both"
                   r"|will (?:be )?(?:expand|raise|increase|boost|strengthen)\w*)\b")
PLAN = re.compile(r"\b(scheduled to|plans? to|set to|expected to|will|would|is to|supposed to"
                  r"|due to)\b", re.IGNORECASE)
ACTIVITIES = (("hospitalisation", r"hospitali[sz]ed"), ("election", r"\belected\b"),
              ("commemoration", r"visited a monument|paid a visit to the site|wreath"),
              ("ceremony", r"\bceremony\b"), ("reception", r"\b(?:was|were) received by\b"),
              ("strike", r"\b(?:drone|air) (?:strike|attack)\b"),
              ("attack", r"\battack(?:ed|ing)\b"))
_PRONOUN = re.compile(r"[Hh]e|[Ss]he|[Hh]is|[Hh]er")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_NUMBER = re.compile(r"(\$\s?)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b(?:[\s-]?(billion|million|"
                     r"thousand)\b)?")
_CURRENCY = re.compile(r"^[\s-]*(?:U\.S\.\s?|US\s)?dollars?\b")
_NOUN = re.compile(r"^\s+(?:US\s|U\.S\.\s)?([a-z]+)")
SCALE = {"billion": 10**9, "million": 10**6, "thousand": 10**3}
TIME_NOUNS = frozenset("year years month months week weeks day days hour hours minute minutes "
                       "pm am".split())
UNITS = {"deaths": "persons", "cases": "persons", "people": "persons", "persons": "persons",
         "infections": "persons", "troops": "troops", "soldiers": "troops"}
QUALIFIERS = (("over", r"(?:more than|over|above|exceeding|in excess of)"),
              ("close_to", r"(?:close to|nearly|almost)"),
              ("about", r"(?:about|around|some|approximately|roughly|an estimated)"),
              ("under", r"(?:less than|fewer than|under|below|up to)"))
TARGET = re.compile(r"\b(raise|expand|increase|boost|reach|lift|double|target|goal)\w*\b[^.;]{0,60}"
                    r"\bto\s*$")


@dataclass
class Fact:
    section: str
    fields: dict[str, Any]
    quotes: list[tuple[int, int]]
    dates: dict[str, d.Dated] = field(default_factory=dict)  # date field → its interval
    kinds: list[str] = field(default_factory=list)  # statements: each quote's kind


@dataclass
class _Context:
    person: str | None = None  # the last person named (for he, his)
    speaker: str | None = None
    day: d.Dated | None = None  # the last day the article dated


class Drafter:
    def __init__(self, body: str, ref: Reference, found: Mentions, published: dt.date | None):
        self.body, self.ref, self.found, self.published = body, ref, found, published
        self.facts: list[Fact] = []
        self.ctx = _Context()
        self.ids: set[str] = set()

    # -- entities ----------------------------------------------------------------------
    def actors(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, id) of each person or organisation named in the span: a
        person, an office (its holder), a new name, or he/she (the last person named)."""
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
        for s, e, c in self.found.candidate_spans():
            if start <= s and e <= end and c.kind == "person":
                found.append((s, e, "person", c.id))
        for m in re.finditer(r"\b([Hh]e|[Ss]he|[Hh]is|[Hh]er)\b", self.body[start:end]):
            if self.ctx.person:
                found.append((start + m.start(), start + m.end(), "person", self.ctx.person))
        inside = [(q.start() + start, q.end() + start)
                  for q in _QUOTED.finditer(self.body[start:end])]
        return sorted(a for a in found if not any(s <= a[0] < e for s, e in inside))

    def named_holder(self, office: str) -> str | None:
        """A new name the article gives right after this office's title elsewhere
        ("Iraqi President Abdul Latif Rashid"), for an office the reference data has no
        holder of."""
        for m in self.found.offices:
            if m.ref == office:
                after = [c for s, e, c in self.found.candidate_spans() if 0 <= s - m.end <= 2]
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

    def remember_day(self, sentence_start: int, sentence_end: int) -> None:
        for x in d.find(self.body, sentence_start, sentence_end, self.published):
            if re.search(r"after|before|earlier|ago", x.text):
                continue  # "a day after X" dates X, not what the article goes on about
            if x.earliest and x.latest and x.earliest == x.latest and \
                    self.published and 0 <= (self.published - x.latest).days <= 31:
                self.ctx.day = x

    # -- sentence by sentence ----------------------------------------------------------
    def sentence(self, start: int, end: int) -> None:
        text = self.body[start:end]
        self.statement(start, end, text)
        self.visit(start, end, text)
        self.meeting(start, end, text)
        self.agreement(start, end, text)
        self.figures(start, end, text)
        self.activity(start, end, text)
        self.remember_day(start, end)
        persons = [a for a in self.actors(start, end) if a[2] == "person"]
        if persons:
            self.ctx.person = persons[0][3]

    def statement(self, start, end, text) -> None:
        quoted = list(_QUOTED.finditer(text))
        verb = next((m for m in SPEECH.finditer(text)
                     if not any(q.start() <= m.start() < q.end() for q in quoted)), None)
        whole = quoted and quoted[0].start() == 0 and quoted[-1].end() >= len(text.rstrip(".")) - 1
        if verb is None and not whole:
            return
        speaker = None
        if verb is not None:
            before = self.actors(start, start + verb.start())
            named = [a for a in before if not _PRONOUN.fullmatch(self.body[a[0]:a[1]])]
            after = self.actors(start + verb.end(), end)
            speaker = (named or before)[-1] if before else (after[0] if after else None)
        if speaker is None and self.ctx.speaker:
            speaker = ("", "", "person", self.ctx.speaker)
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
        self.ctx.speaker = speaker[3] if speaker[2] == "person" else self.ctx.speaker
        day = self.date_of(start, end, start + (verb.start() if verb else 0), inherit=True)
        fact = Fact("statements", {"id": self.new_id(self.surname(speaker[3]),
                                                     day.edtf() if day else "",
                                                     *names.words(text)[:3]), **fields,
                                   "quote_kind": kind}, [(start, end)], kinds=[kind])
        if day:
            fact.dates["said_on"] = day
        self.facts.append(fact)

    def visit(self, start, end, text) -> None:
        trigger = VISIT.search(text)
        if trigger is None or re.search(ACTIVITIES[2][1], text):
            return
        actors = self.actors(start, end)
        persons = [a for a in actors if a[2] == "person"]
        received = re.search(r"\b(?:received|visiting)\b", text)
        guests = [a for a in persons if received and a[0] > start + received.start()]
        # the sentence's subject, as a rule; the one received or "visiting" when named
        visitor = guests[0] if guests else persons[0] if persons else None
        if re.search(r"postpone|cancel", text):
            planned = [f for f in self.facts if f.section == "visits"
                       and f.fields["status"] in ("planned", "postponed")]
            if planned and (visitor is None or visitor[3] != planned[-1].fields["visitor"]):
                self.status_change(planned[-1], start, end, text)
                return
        if visitor is None:
            return
        home = self.country_of("person", visitor[3]) or next(
            (self.ref.offices[m.ref]["country"] for m in self.found.offices
             if m.holder == visitor[3]), None)
        places = [p for p in self.destinations(start + trigger.start(), end) if p[1] != home] \
            or [p for p in self.destinations(start, end) if p[1] != home]
        if not places:  # "arrived on his first official visit": where the article is
            places = [(m.start, self.ref.places[m.ref].get("country"), m.ref)
                      for m in self.found.places
                      if self.ref.places[m.ref].get("country") != home][:1]
        if not places:
            return
        _, host, place = places[0]
        status = "postponed" if "postpone" in text else "cancelled" if "cancel" in text else \
            "planned" if PLAN.search(text[:trigger.start()] + " " + text[trigger.start():
                                                                        trigger.end() + 12]) \
            else None
        day = self.date_of(start, end, start + trigger.start(), inherit=status is None)
        if status is None:
            status = "ongoing" if day and day.latest == self.published else "completed"
        existing = next((f for f in self.facts if f.section == "visits"
                         and f.fields["visitor"] == visitor[3] and f.fields["host_country"] == host
                         and (f.fields["status"] == status or status in ("planned", "ongoing"))),
                        None)
        if existing:
            existing.quotes.append((start, end))
            return
        fields = {"id": self.new_id(self.surname(visitor[3]),
                                    self.ref.countries.get(host, host),
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
        self.facts.append(fact)

    def status_change(self, visit: Fact, start, end, text) -> None:
        """A planned visit the sentence reports postponed or cancelled."""
        visit.fields["status"] = "postponed" if "postpone" in text else "cancelled"
        visit.quotes.append((start, end))
        day = self.date_of(start, end, start + text.find("postpone"), inherit=False)
        visit.dates.pop("start_date", None)
        if day:
            visit.dates["status_changed_on"] = day

    def meeting(self, start, end, text) -> None:
        trigger = MEET.search(text)
        if trigger is None:
            return
        people = []
        for a in self.actors(start, end):
            if a[2] == "person" and a[3] not in people:
                people.append(a[3])
        if len(people) < 2:
            return
        planned = PLAN.search(text[:trigger.start()])
        day = self.date_of(start, end, start + trigger.start(), inherit=True)
        existing = next((f for f in self.facts if f.section == "meetings"
                         and set(f.fields["participants"]) == set(people)), None)
        if existing:
            existing.quotes.append((start, end))
            return
        place = next((p[2] for p in self.destinations(start, end) if p[2]), None)
        who = " and ".join(self.ref.persons.get(p, {}).get("name", p) for p in people)
        fact = Fact("meetings", {
            "id": self.new_id(*(self.surname(p) for p in people[:2]), day.edtf() if day else ""),
            "place": place, "status": "scheduled" if planned else "held",
            "summary": f"{who} {'are to meet' if planned else 'meet'}"
                       + (f" in {self.ref.places[place]['name']}" if place else "") + ".",
            "participants": people}, [(start, end)])
        if day:
            fact.dates["held_on"] = day
        self.facts.append(fact)

    def agreement(self, start, end, text) -> None:
        trigger = AGREE.search(text)
        if trigger is None:
            return
        word = trigger.group().lower()
        kind = "mou" if "memorand" in word or word.startswith("mou") else \
            "treaty" if word == "treaty" else "pact" if word == "pact" else \
            "commitment" if word in ("pledged", "commitment") or word.startswith("will") \
            or word == "a will on both" else "other"
        status = "signed" if re.search(r"\bsign(?:ed|ing)?\b", text) and not PLAN.search(
            text[:trigger.start()]) else "planned" if PLAN.search(text) and kind != "commitment" \
            else "announced"
        codes = []
        for m in self.found.within(start, end, "country"):
            if m.ref not in codes:
                codes.append(m.ref)
        count = re.search(r"\b(\d+)\s+" + re.escape(trigger.group()), text)
        fields: dict[str, Any] = {
            "id": self.new_id(kind, *(codes[:2] or ["draft"])),
            "title": text[:90].rsplit(" ", 1)[0] + ("…" if len(text) > 90 else ""),
            "kind": kind, "status": status, "parties": (codes + ["IRN", "IRQ"])[:2]
            if len(codes) < 2 else codes}
        if count:
            fields["instrument_count"] = int(count.group(1))
        money = [f for f in self.read_figures(start, end, text) if f[2].startswith("USD")]
        if money:
            fields["value_usd"] = money[0][1]
        fact = Fact("agreements", fields, [(start, end)])
        day = self.date_of(start, end, start + trigger.start(), inherit=kind == "commitment")
        if day:
            fact.dates["concluded_on"] = day
        self.facts.append(fact)

    def read_figures(self, start, end, text) -> list[tuple[int, Decimal, str, str, str]]:
        """(offset, value, unit, qualifier, noun) of each figure in the sentence."""
        found = []
        stamps = d.find(self.body, start, end, self.published)
        for m in _NUMBER.finditer(text):
            if any(x.start <= start + m.start() < x.end for x in stamps) or \
                    text[max(0, m.start() - 1):m.start()] in ("-", ":"):
                continue
            rest = text[m.end():]
            currency = bool(m.group(1)) or bool(_CURRENCY.match(rest))
            noun = _NOUN.match(rest)
            noun_word = noun.group(1) if noun else ""
            if not currency and (noun_word in TIME_NOUNS or re.match(r"-\w", rest)
                                 or noun_word in ("memoranda", "agreements", "mous")
                                 or (not m.group(3) and "," not in m.group(2)
                                     and noun_word not in UNITS)):
                continue
            value = Decimal(m.group(2).replace(",", "")) * SCALE.get(m.group(3) or "", 1)
            value = int(value) if value == int(value) else value
            window = text[max(0, m.start() - 50):m.end() + 40]
            unit = ("USD/year" if re.search(r"annual|a year|per year|annually", window)
                    else "USD") if currency else UNITS.get(noun_word, noun_word)
            before = text[:m.start()]
            qualifier = next((q for q, pattern in QUALIFIERS
                              if re.search(pattern + r"\s*$", before, re.IGNORECASE)), None)
            if qualifier is None and TARGET.search(before):
                qualifier = "target"
            if qualifier is None and found and re.fullmatch(r"[\w\s,]{0,40}\band\s",
                                                            text[found[-1][5]:m.start()]):
                qualifier = found[-1][3]  # "close to 4,000 deaths and 97,000 cases"
            found.append((m.start(), value, unit, qualifier or "exact", noun_word, m.end()))
        return [f[:5] for f in found]

    def figures(self, start, end, text) -> None:
        for offset, value, unit, qualifier, noun in self.read_figures(start, end, text):
            context = text[max(0, offset - 60):offset + 60].lower()
            topic = "trade" if "trade" in context else "debt" if "debt" in context else noun
            codes = [m.ref for m in self.found.within(start, start + offset, "country")]
            fields = {"id": "", "metric": names.slug(topic or "figure"), "value": value,
                      "unit": unit or "count", "qualifier": qualifier,
                      "country": codes[-1] if codes else None}
            fact = Fact("figures", fields, [(start, end)])
            day = self.date_of(start, end, start + offset, inherit=True)
            if day and day.note.startswith("not dated"):
                day = d.Dated(start, start, "", self.published, self.published, "inferred",
                              "not dated in its sentence; as of the publication day, "
                              f"{d._long(self.published)}")
            if day:
                fact.dates["as_of"] = day
            fields["id"] = self.new_id(fields["metric"], fields["country"] or "",
                                       day.edtf() if day else "")
            self.facts.append(fact)

    def activity(self, start, end, text) -> None:
        for kind, pattern in ACTIVITIES:
            trigger = re.search(pattern, text)
            if trigger is None:
                continue
            actors = self.actors(start, end)
            actor = next((a for a in actors if a[0] < start + trigger.start()), None)
            where = self.destinations(start, end)
            day = self.date_of(start, end, start + trigger.start(), inherit=False)
            fields: dict[str, Any] = {"id": self.new_id(kind, day.edtf() if day else ""),
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
            self.facts.append(fact)
            return


def draft_facts(body: str, sentences, ref: Reference, found: Mentions,
                published: dt.date | None) -> list[Fact]:
    drafter = Drafter(body, ref, found, published)
    for sentence in sentences:
        drafter.sentence(sentence.start, sentence.end)
    return drafter.facts
