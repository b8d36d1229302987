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


def naive_starts(body: str, quote: str) -> list[int]:
    """The oracle: try every offset, so overlapping occurrences are found too."""
    return [i for i in range(len(body) - len(quote) + 1) if body[i:i + len(quote)] == quote]


# (body, quote, every start offset), counted by hand.
HAND_COUNTED = [
    ("aaa", "aa", [0, 1]),              # overlapping: "[aa]a" and "a[aa]"
    ("aaaa", "aa", [0, 1, 2]),
    ("abababa", "aba", [0, 2, 4]),      # each occurrence shares its last letter
    ("xaax", "aa", [1]),
    ("Tehran, then Tehran", "Tehran", [0, 13]),
    ("é à é", "é", [0, 4]),             # characters, not UTF-8 bytes
    ("abc", "abcd", []),
    ("abc", "c", [2]),                  # at the very end
]


@pytest.mark.parametrize("body, quote, starts", HAND_COUNTED)
def test_every_occurrence_is_found_overlaps_included(body, quote, starts):
    assert find_all(body, quote) == starts == naive_starts(body, quote)
    for occurrence, start in enumerate(starts, 1):
        assert locate(body, quote, occurrence) == (start, start + len(quote))
    with pytest.raises(QuoteNotFound) as beyond:
        locate(body, quote, len(starts) + 1)
    assert str(beyond.value) == (f"occurrence {len(starts) + 1} requested, but the quote occurs "
                                 f"{len(starts)} time(s)" if starts
                                 else "quote not found in the article")
    if len(starts) > 1:
        with pytest.raises(QuoteAmbiguous) as ambiguous:
            locate(body, quote)
        assert str(ambiguous.value) == (f"quote occurs {len(starts)} times in the article; add "
                                        "'occurrence' (1-based) to say which")
    elif starts:
        assert locate(body, quote) == (starts[0], starts[0] + len(quote))
    else:
        with pytest.raises(QuoteNotFound) as absent:
            locate(body, quote)
        assert str(absent.value) == "quote not found in the article"


def test_a_self_overlapping_quote_is_ambiguous():
    # "aa" occurs twice in "aaa"; a locator that resumed its search after the end of each
    # match would see one and wrongly accept the quote as unique.
    with pytest.raises(QuoteAmbiguous):
        locate("aaa", "aa")
    assert locate("aaa", "aa", 2) == (1, 3)


@pytest.mark.parametrize("occurrence", [0, -1])
def test_occurrences_count_from_one(occurrence):
    with pytest.raises(QuoteNotFound):
        locate("abab", "ab", occurrence)


def test_an_empty_quote_is_refused():
    with pytest.raises(ValueError, match="^empty quote$"):
        find_all("abc", "")


small_st = st.text(alphabet="ab", max_size=12)


@given(prefix=text_st | small_st, quote=(text_st | small_st).filter(bool),
       suffix=text_st | small_st)
def test_located_span_is_the_quote(prefix, quote, suffix):
    body = prefix + quote + suffix
    starts = naive_starts(body, quote)
    assert find_all(body, quote) == starts
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


@pytest.mark.parametrize("written, date, precision", [
    ("2020-07-21", dt.date(2020, 7, 21), "day"),
    ("2020-08", dt.date(2020, 8, 1), "month"),
    ("2023", dt.date(2023, 1, 1), "year"),
    (" 2024-02-29 ", dt.date(2024, 2, 29), "day"),  # a leap day; outer spaces ignored
])
def test_partial_dates_by_hand(written, date, precision):
    assert parse_partial_date(written) == (date, precision)


@pytest.mark.parametrize("bad", ["2020-02-30", "2021-13", "20-01-01", "2020/01/01", "", "July 2020",
                                 "2020-7-21", "2020-07-21x", "x2020", "2020-00", "2023-02-29",
                                 None, 2020])
def test_impossible_or_malformed_dates_rejected(bad):
    with pytest.raises(ValueError):
        parse_partial_date(bad)


@pytest.mark.parametrize("bad, message", [
    ("July 2020", "'July 2020' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    (None, "None is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2020-02-30", "'2020-02-30' is not a real date (day is out of range for month)"),
    ("2021-13", "'2021-13' is not a real date (month must be in 1..12)"),
])
def test_a_refused_date_says_why(bad, message):
    with pytest.raises(ValueError) as refused:
        parse_partial_date(bad)
    assert str(refused.value) == message
