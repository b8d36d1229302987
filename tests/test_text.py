"""Property-based tests of the quote locator and the partial-date parser."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from diplodb.seed.text import (
    QuoteAmbiguous,
    QuoteNotFound,
    find_all,
    locate,
    parse_partial_date,
)


def format_partial_date(date: dt.date, precision: str) -> str:
    """How a curator writes a date of the given precision in a seed file."""
    return {"year": f"{date.year:04d}", "month": f"{date.year:04d}-{date.month:02d}",
            "day": date.isoformat()}[precision]


text_st = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@given(prefix=text_st, quote=text_st.filter(bool), suffix=text_st)
def test_located_span_is_the_quote(prefix, quote, suffix):
    body = prefix + quote + suffix
    starts = find_all(body, quote)
    for occurrence, start in enumerate(starts, 1):
        a, b = locate(body, quote, occurrence)
        assert (a, b) == (start, start + len(quote))
        assert body[a:b] == quote
    if len(starts) == 1:
        assert body[slice(*locate(body, quote))] == quote
    else:
        with pytest.raises(QuoteAmbiguous):
            locate(body, quote)


@given(body=text_st, quote=text_st.filter(bool))
def test_absent_quote_is_reported(body, quote):
    assume(quote not in body)
    with pytest.raises(QuoteNotFound):
        locate(body, quote)


@given(date=st.dates(min_value=dt.date(1, 1, 1)), precision=st.sampled_from(["day", "month", "year"]))
def test_partial_dates_round_trip(date, precision):
    written = format_partial_date(date, precision)
    parsed, parsed_precision = parse_partial_date(written)
    assert parsed_precision == precision
    assert format_partial_date(parsed, parsed_precision) == written
    assert parsed <= date


@pytest.mark.parametrize("bad", ["2020-02-30", "2021-13", "20-01-01", "2020/01/01", "", "July 2020"])
def test_impossible_or_malformed_dates_rejected(bad):
    with pytest.raises(ValueError):
        parse_partial_date(bad)
