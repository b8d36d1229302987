"""Locating quotes in article bodies and parsing partial dates: the two small pieces of
the loader that everything else trusts, so they are kept pure and property-tested."""

from __future__ import annotations

import datetime as dt
import re

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class QuoteNotFound(ValueError):
    pass


class QuoteAmbiguous(ValueError):
    pass


def find_all(body: str, quote: str) -> list[int]:
    """Every start offset (in characters) at which ``quote`` occurs, overlaps included."""
    if not quote:
        raise ValueError("empty quote")
    starts, position = [], body.find(quote)
    while position != -1:
        starts.append(position)
        position = body.find(quote, position + 1)
    return starts


def locate(body: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The [start, end) character span of ``quote`` in ``body``.

    A quote must occur exactly once, unless ``occurrence`` (1-based) says which one.
    """
    starts = find_all(body, quote)
    if not starts:
        raise QuoteNotFound("quote not found in the article")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteAmbiguous(f"quote occurs {len(starts)} times in the article; "
                                 "add 'occurrence' (1-based) to say which")
        start = starts[0]
    else:
        if not 1 <= occurrence <= len(starts):
            raise QuoteNotFound(f"occurrence {occurrence} requested, but the quote occurs "
                                f"{len(starts)} time(s)")
        start = starts[occurrence - 1]
    return start, start + len(quote)


def parse_partial_date(value: str) -> tuple[dt.date, str]:
    """'2020-07-21' → (2020-07-21, 'day'); '2020-08' → (2020-08-01, 'month');
    '2023' → (2023-01-01, 'year'). Raises ValueError for anything else."""
    match = _PARTIAL_DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date ({error})") from None
    return date, precision
