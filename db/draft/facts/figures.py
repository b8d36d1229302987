"""Figures: a number with its unit (dollars, persons, troops, ...) and its qualifier
(exact, over, about, close_to, under, or a target to be reached)."""

from __future__ import annotations

import re
from decimal import Decimal

from diplodb.draft import dates as d
from diplodb.draft import names
from diplodb.draft.facts.base import Drafter, Fact

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


def read_figures(dr: Drafter, start: int, end: int,
                 text: str) -> list[tuple[int, Decimal, str, str, str]]:
    """(offset, value, unit, qualifier, noun) of each figure in the sentence."""
    found = []
    stamps = d.find(dr.body, start, end, dr.published)
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


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    for offset, value, unit, qualifier, noun in read_figures(dr, start, end, text):
        context = text[max(0, offset - 60):offset + 60].lower()
        topic = "trade" if "trade" in context else "debt" if "debt" in context else noun
        codes = [m.ref for m in dr.found.within(start, start + offset, "country")]
        fields = {"id": "", "metric": names.slug(topic or "figure"), "value": value,
                  "unit": unit or "count", "qualifier": qualifier,
                  "country": codes[-1] if codes else None}
        fact = Fact("figures", fields, [(start, end)])
        day = dr.date_of(start, end, start + offset, inherit=True)
        if day and day.note.startswith("not dated"):
            day = d.Dated(start, start, "", dr.published, dr.published, "inferred",
                          "not dated in its sentence; as of the publication day, "
                          f"{d._long(dr.published)}")
        if day:
            fact.dates["as_of"] = day
        fields["id"] = dr.new_id(fields["metric"], fields["country"] or "",
                                 day.edtf() if day else "")
        dr.facts.append(fact)
