"""Dates as bounded intervals: an EDTF string (ISO 8601-2) in a seed file becomes the
earliest and latest day it allows, and the bounds are rendered back as canonical EDTF.

Only the forms the contract uses are accepted: a day, a month or a year (``2020-07-21``,
``2020-07``, ``2020``), and an interval of those whose sides may be open (``..``):
``2020-07-18/2020-07-19`` is "some day between the two" (the contract's convention),
``../2020-08-10`` "no later than", ``2020-07-21/..`` "no earlier than". Uncertainty
marks, unspecified digits, sets, seasons, times and unknown (empty) sides are refused:
the bounds already say what is uncertain, and an unknown side would be a guess.

For these forms the bounds are calendar arithmetic: a side's first and last day. The
``edtf`` library (Library of Congress EDTF) is the oracle the tests hold this reading and
every stored EDTF string to (tests/test_bounded_dates.py); it is not called here, since
its grammar takes ~40 ms a string, which was 97 % of a seed's time (profile of `seed
--check` at x10: 81 of 84 s)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

# What the library accepts beyond these is refused before it is parsed.
_SIDE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_FORM = re.compile(rf"^(?:{_SIDE}|(?:{_SIDE}|\.\.)/(?:{_SIDE}|\.\.))$")
OPEN = ".."


@dataclass(frozen=True)
class Bounds:
    """Inclusive earliest and latest day; None is an open side."""

    earliest: dt.date | None
    latest: dt.date | None

    @property
    def edtf(self) -> str | None:
        return render(self.earliest, self.latest)

    @property
    def bounded(self) -> bool:
        return self.earliest is not None or self.latest is not None

    @property
    def day_level(self) -> bool:
        """Whether a side is a day that is not the edge of a whole month (a bound only a
        day, a weekday or a named reference can give)."""
        return any(side is not None and not _month_edge(side, lower)
                   for side, lower in ((self.earliest, True), (self.latest, False)))


def _side(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a day, month or year."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(*parts)
    return day, day


def parse(value: str) -> Bounds:
    """The bounds an EDTF string allows; ValueError (with what is wrong) otherwise."""
    if not isinstance(value, str) or not _FORM.match(value.strip()):
        raise ValueError(
            f"{value!r} is not a date: write EDTF, a day, month or year ('2020-07-21', "
            "'2020-07', '2020') or an interval of them whose sides may be open "
            "('2020-07-18/2020-07-19', '../2020-08-10', '2020-07-21/..')")
    return _parse(value)


# A corpus repeats its dates, and the result is immutable: each string is read once.
@functools.lru_cache(maxsize=65536)
def _parse(value: str) -> Bounds:
    text = value.strip()
    if text == f"{OPEN}/{OPEN}":
        raise ValueError(f"{value!r} bounds nothing; leave the date out instead")
    for side in text.split("/"):
        if side != OPEN:
            _check_real(side, value)
    sides = text.split("/")
    earliest = None if sides[0] == OPEN else _side(sides[0])[0]
    latest = None if sides[-1] == OPEN else _side(sides[-1])[1]
    if earliest is not None and latest is not None and earliest > latest:
        raise ValueError(f"{value!r} ends before it starts")
    return Bounds(earliest, latest)


def _check_real(side: str, value: str) -> None:
    parts = [int(p) for p in side.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date ({error})") from None


def _month_edge(day: dt.date, lower: bool) -> bool:
    return day.day == 1 if lower else day.day == calendar.monthrange(day.year, day.month)[1]


def _year_edge(day: dt.date, lower: bool) -> bool:
    return (day.month, day.day) == ((1, 1) if lower else (12, 31))


def precision(earliest: dt.date | None, latest: dt.date | None) -> str | None:
    """The contract's rule: the finest of day, month and year whose period holds both
    bounds; None when a side is open or no one year holds both. (The database computes
    the same with core.period_precision.)"""
    if earliest is None or latest is None:
        return None
    if earliest == latest:
        return "day"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return "month"
    return "year" if earliest.year == latest.year else None


def render(earliest: dt.date | None, latest: dt.date | None) -> str | None:
    """Canonical EDTF for the bounds: a single day, month or year when the bounds are
    exactly one, else an interval whose sides are whole years, whole months or days (the
    coarsest both sides allow), '..' for an open side. Checked by reading it back."""
    if earliest is None and latest is None:
        return None
    sides = [(side, lower) for side, lower in ((earliest, True), (latest, False))
             if side is not None]
    if earliest == latest:
        text = earliest.isoformat()
    elif all(_year_edge(d, lower) for d, lower in sides):
        text = _interval(earliest, latest, "%Y")
    elif all(_month_edge(d, lower) for d, lower in sides):
        text = _interval(earliest, latest, "%Y-%m")
    else:
        text = _interval(earliest, latest, "%Y-%m-%d")
    if parse(text) != Bounds(earliest, latest):  # it reads back as what we meant
        raise AssertionError(f"EDTF {text!r} does not give {earliest}..{latest}")
    return text


def _interval(earliest: dt.date | None, latest: dt.date | None, form: str) -> str:
    lower = earliest.strftime(form) if earliest else OPEN
    upper = latest.strftime(form) if latest else OPEN
    if lower == upper:  # one whole year or month
        return lower
    return f"{lower}/{upper}"


def visit_interval(start: Bounds, end: Bounds) -> str | None:
    """EDTF of a visit as a whole, from its first to its last day: each end is written as
    its own period when it is one (a day, a month, a year), else as its outer bound (the
    earliest possible first day, the latest possible last day); '..' where open."""
    if not start.bounded and not end.bounded:
        return None
    lower = _side_text(start, lower=True)
    upper = _side_text(end, lower=False)
    if lower == upper:
        return lower
    return f"{lower}/{upper}"


def _side_text(bounds: Bounds, *, lower: bool) -> str:
    single = render(bounds.earliest, bounds.latest) if bounds.bounded else None
    if single is not None and "/" not in single:
        return single
    outer = bounds.earliest if lower else bounds.latest
    return outer.isoformat() if outer is not None else OPEN
