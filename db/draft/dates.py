"""Date expressions of a sentence, as bounded intervals (earliest and latest day,
inclusive) with their basis and a note saying how each was worked out.

A date the text writes in full ("21 July 2020", "Jul 21,2020", "in 2003") is ``stated``;
one resolved against the publication date ("on Tuesday", "a day after", "in May",
"over the weekend") is ``inferred``, and its note names the publication date it was
resolved against. Absolute dates are read with ``dateparser`` (English only, no
network); the relative expressions are calendar arithmetic here, where ``dateparser``'s
"relative to now" rules do not say what a news report means ("on Tuesday" in a report of
Tuesday is that day).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(calendar.month_name)[1:]
_MONTH = "|".join(MONTHS)
_MON = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_ABSOLUTE = re.compile(
    rf"\b\d{{1,2}} (?:{_MONTH}|{_MON})\.? \d{{4}}\b"            # 21 July 2020, 11 Sep 2024
    rf"|\b(?:{_MONTH}|{_MON})\.? \d{{1,2}}, ?\d{{4}}\b"          # July 21, 2020; Jul 21,2020
    r"|\b\d{4}-\d{2}-\d{2}\b")
_MONTH_YEAR = re.compile(rf"\b(?:in |since |by )?(early |mid-|late )?({_MONTH}),? (\d{{4}})\b")
_MONTH_ALONE = re.compile(rf"\b(in|since|by|until|last|early in|late in)? ?(early |mid-|late )?"
                          rf"({_MONTH})\b(?! \d)")
_WEEKDAY = re.compile(rf"\b(?:on |last |this |since |until )?({'|'.join(WEEKDAYS)})\b")
_YEAR_RANGE = re.compile(r"\b(?:from|between) (19\d\d|20\d\d) (?:to|and|until) (19\d\d|20\d\d)\b")
_YEAR = re.compile(r"\b(?:in|since|by|until|of|from) (19\d\d|20\d\d)\b|\b(19\d\d|20\d\d)(?= [a-z])")
_RELATIVE = {
    r"\b(?:this (?:afternoon|morning|evening)|today|tonight)\b": (0, 0, "the publication day"),
    r"\byesterday\b": (-1, -1, "the day before the publication day"),
    r"\ba day (?:after|earlier)\b|\bthe day before\b": (-1, -1,
                                                          "one day before the publication day"),
    r"\b(?:two|2) days (?:after|earlier|ago)\b": (-2, -2, "two days before the publication day"),
}
_SAME_DAY = re.compile(r"\b(?:later|earlier) in the day\b|\blater on\b")
_WEEKEND = re.compile(r"\b(?:over|at|during) the weekend\b|\blast weekend\b")
_LAST_WEEK = re.compile(r"\blast week\b")
_THIS_YEAR_START = re.compile(r"\b(?:at the (?:start|beginning) of the year|earlier this year)\b")
_FEW_WEEKS = re.compile(r"\bwithin the (?:next|coming) (?:few )?weeks\b")


@dataclass(frozen=True)
class Dated:
    start: int  # offsets in the body
    end: int
    text: str
    earliest: dt.date | None
    latest: dt.date | None
    basis: str  # stated or inferred
    note: str
    same_day: bool = False  # "later in the day": the day of what the article dated before

    def edtf(self) -> str:
        """The interval as EDTF: a day, a month or a year when the bounds are exactly
        one, else earliest/latest (an open side is '..')."""
        return edtf(self.earliest, self.latest)

    def contains(self, day: dt.date) -> bool:
        return (self.earliest is None or self.earliest <= day) and \
            (self.latest is None or day <= self.latest)


def edtf(earliest: dt.date | None, latest: dt.date | None) -> str:
    if earliest is not None and latest is not None:
        if earliest == latest:
            return earliest.isoformat()
        last = calendar.monthrange(latest.year, latest.month)[1]
        if earliest.day == 1 and latest.day == last and earliest.year == latest.year:
            if earliest.month == latest.month:
                return earliest.strftime("%Y-%m")
            if earliest.month == 1 and latest.month == 12:
                return str(earliest.year)
    return f"{earliest.isoformat() if earliest else '..'}/{latest.isoformat() if latest else '..'}"


def _long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _month_span(year: int, month: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early ": (1, 10), "mid-": (11, 20), "late ": (21, last)}.get(
        part or "", (1, last))
    return dt.date(year, month, first_day), dt.date(year, month, last_day)


def parse_absolute(text: str) -> dt.date | None:
    """A date written in full, read with dateparser (English; never the network)."""
    import dateparser

    found = dateparser.parse(text, languages=["en"],
                             settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month",
                                                                                 "year"]})
    return found.date() if found else None


def find(body: str, start: int, end: int, published: dt.date | None) -> list[Dated]:
    """Every date expression in ``body[start:end]``, in text order, without overlaps."""
    text = body[start:end]
    found: list[Dated] = []

    def add(m: re.Match, earliest, latest, basis, note, same_day=False, group=0) -> None:
        s, e = start + m.start(group), start + m.end(group)
        if not any(d.start < e and s < d.end for d in found):
            found.append(Dated(s, e, body[s:e], earliest, latest, basis, note, same_day))

    for m in _ABSOLUTE.finditer(text):
        day = parse_absolute(m.group())
        if day:
            add(m, day, day, "stated", f"'{m.group()}' in the text")
    for m in _MONTH_YEAR.finditer(text):
        lo, hi = _month_span(int(m.group(3)), MONTHS.index(m.group(2)) + 1, m.group(1))
        add(m, lo, hi, "stated", f"'{m.group().strip()}' in the text")
    for m in _YEAR_RANGE.finditer(text):
        add(m, dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(2)), 12, 31), "stated",
            f"'{m.group()}' in the text")
    for m in _YEAR.finditer(text):
        year = int(m.group(1) or m.group(2))
        add(m, dt.date(year, 1, 1), dt.date(year, 12, 31), "stated", f"'{m.group()}' in the text")
    if published is None:
        return sorted(found, key=lambda d: d.start)
    p = published
    against = f"resolved against the publication date, {_long(p)}"
    for m in _WEEKDAY.finditer(text):
        back = (p.weekday() - WEEKDAYS.index(m.group(1))) % 7
        day = p - dt.timedelta(days=back)
        how = "the publication day itself" if back == 0 else f"the {m.group(1)} before it"
        add(m, day, day, "inferred", f"'{m.group()}' {against}: {how}, {_long(day)}")
    for pattern, (lo, hi, how) in _RELATIVE.items():
        for m in re.finditer(pattern, text, re.IGNORECASE):
            add(m, p + dt.timedelta(days=lo), p + dt.timedelta(days=hi), "inferred",
                f"'{m.group()}' {against}: {how}")
    for m in _SAME_DAY.finditer(text):
        add(m, p, p, "inferred", f"'{m.group()}': the same day as the event the article "
                                 f"dates before it (here {against})", same_day=True)
    for m in _WEEKEND.finditer(text):
        sunday = p if p.weekday() == 6 else p - dt.timedelta(days=p.weekday() + 1)
        add(m, sunday - dt.timedelta(days=1), sunday, "inferred",
            f"'{m.group()}' {against}: the Saturday and Sunday before it")
    for m in _LAST_WEEK.finditer(text):
        monday = p - dt.timedelta(days=p.weekday() + 7)
        add(m, monday, monday + dt.timedelta(days=6), "inferred",
            f"'{m.group()}' {against}: the Monday-to-Sunday week before it")
    for m in _THIS_YEAR_START.finditer(text):
        lo = dt.date(p.year, 1, 1)
        hi = min(p, dt.date(p.year, 3, 31)) if "start" in m.group() or "beginning" in \
            m.group() else p
        add(m, lo, hi, "inferred", f"'{m.group()}' {against}: from 1 January {p.year} to "
                                   f"{hi.day} {hi:%B} (the start of a year taken as its first "
                                   "quarter)" if hi != p else f"'{m.group()}' {against}")
    for m in _FEW_WEEKS.finditer(text):
        add(m, p, p + dt.timedelta(weeks=6), "inferred",
            f"'{m.group()}' {against}: up to six weeks after it")
    for m in _MONTH_ALONE.finditer(text):
        if m.group(1) is None and m.group(2) is None:
            continue  # a bare month name ("May" may be a verb or a name): not a date
        month = MONTHS.index(m.group(3)) + 1
        year = p.year if month <= p.month else p.year - 1
        if m.group(1) == "by":  # a deadline: from the article on
            year = p.year if month >= p.month else p.year + 1
            lo, hi = _month_span(year, month, m.group(2))
            add(m, p, hi, "inferred", f"'{m.group()}' {against}: a deadline, no year "
                                      f"written, so the next {m.group(3)} ({year})")
            continue
        lo, hi = _month_span(year, month, m.group(2))
        add(m, lo, hi, "inferred", f"'{m.group().strip()}' {against}: no year written, so the "
                                   f"last {m.group(3)} up to it ({year})")
    return sorted(found, key=lambda d: d.start)


def dateline(body: str) -> Dated | None:
    """The first day stated in the article's first lines (a dateline or a byline)."""
    head = "\n".join(body.split("\n")[:4])
    return next((d for d in find(head, 0, len(head), None)
                 if d.basis == "stated" and d.earliest == d.latest), None)
