"""The date rules of the seed files (db/seed/rules.py), case by case and at their edges:
a date lies in the plausible window, and only a plan may be dated after the article that
reports it. (Partial dates themselves: tests/test_text.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from diplodb.seed.rules import check_date_window, check_fact_date

PUBLISHED = dt.date(2020, 7, 21)
NEXT_DAY = dt.date(2020, 7, 22)


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(2020, 7, 21), dt.date(2100, 12, 31)])
def test_dates_inside_the_window_pass(day):
    assert check_date_window(day, str(day)) is None


@pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2101, 1, 1), dt.date(9999, 12, 31)])
def test_dates_outside_the_window_are_refused_with_the_written_value(day):
    with pytest.raises(ValueError) as refused:
        check_date_window(day, "as written")
    assert str(refused.value) == ("'as written' lies outside the plausible window 1900-01-01 to "
                                  "2100-12-31")


@pytest.mark.parametrize("fact_type, status, qualifier", [
    ("visit", "completed", None), ("meeting", "held", None), ("agreement", "signed", None),
    ("statement", None, None), ("figure", None, "exact"),
])
@pytest.mark.parametrize("value, published", [
    (None, PUBLISHED), (NEXT_DAY, None), (PUBLISHED, PUBLISHED), (dt.date(2020, 7, 20), PUBLISHED),
])
def test_a_fact_up_to_its_publication_or_undated_passes(fact_type, status, qualifier, value,
                                                        published):
    assert check_fact_date(fact_type, "start_date", value, published, status=status,
                           qualifier=qualifier) is None


@pytest.mark.parametrize("fact_type, status, qualifier", [
    ("visit", "planned", None), ("visit", "postponed", None), ("visit", "cancelled", None),
    ("meeting", "scheduled", None), ("meeting", "cancelled", None),
    ("agreement", "planned", None), ("figure", None, "target"),
])
def test_a_plan_may_lie_after_its_publication(fact_type, status, qualifier):
    assert check_fact_date(fact_type, "start_date", NEXT_DAY, PUBLISHED, status=status,
                           qualifier=qualifier) is None


@pytest.mark.parametrize("fact_type, status, qualifier, how", [
    ("visit", "completed", None,
     "only a fact with status cancelled or planned or postponed may lie in the future"),
    ("visit", "ongoing", None,
     "only a fact with status cancelled or planned or postponed may lie in the future"),
    ("visit", "scheduled", None,  # a meeting's plan status, not a visit's
     "only a fact with status cancelled or planned or postponed may lie in the future"),
    ("meeting", "held", None, "only a fact with status cancelled or scheduled may lie in the future"),
    ("meeting", "planned", None,
     "only a fact with status cancelled or scheduled may lie in the future"),
    ("agreement", "signed", None, "only a fact with status planned may lie in the future"),
    ("agreement", "cancelled", None, "only a fact with status planned may lie in the future"),
    ("figure", None, "exact", "only a figure with qualifier 'target' may lie in the future"),
    ("figure", None, "over", "only a figure with qualifier 'target' may lie in the future"),
    ("statement", None, None, "a statement cannot lie in the future"),
    ("statement", "planned", None, "a statement cannot lie in the future"),
])
def test_anything_else_after_its_publication_is_refused(fact_type, status, qualifier, how):
    assert check_fact_date(fact_type, "said_on", NEXT_DAY, PUBLISHED, status=status,
                           qualifier=qualifier) == (
        f"said_on 2020-07-22 is after the article's publication (2020-07-21); {how}")
