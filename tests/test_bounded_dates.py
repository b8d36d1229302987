"""Every date of every fact, as an analyst reads it: its bounds, its EDTF (read back with
the edtf library), its v1 date and precision (the contract's rule), and never more precise
than its text and its named reference allow."""

from __future__ import annotations

import datetime as dt
import re

import edtf
import pytest

# (fact type of analytics.citations, view, id column, earliest, latest, EDTF, basis, note,
# reference, v1 date, v1 precision): every date a fact carries.
DATES = [
    ("visit", "visits", "visit_id", "start_earliest", "start_latest", "start_edtf",
     "date_basis", "date_note", "date_reference_id", "start_date", "date_precision"),
    ("visit", "visits", "visit_id", "end_earliest", "end_latest", "end_edtf", "date_basis",
     "date_note", "date_reference_id", "end_date", None),
    ("visit", "visits", "visit_id", "status_changed_earliest", "status_changed_latest",
     "status_changed_edtf", "status_changed_basis", "status_changed_note", "null",
     "status_changed_on", "status_changed_precision"),
    ("meeting", "meetings", "meeting_id", "held_earliest", "held_latest", "held_edtf",
     "date_basis", "date_note", "date_reference_id", "held_on", "date_precision"),
    ("statement", "statements", "statement_id", "said_earliest", "said_latest", "said_edtf",
     "date_basis", "date_note", "date_reference_id", "said_on", "date_precision"),
    ("agreement", "agreements", "agreement_id", "concluded_earliest", "concluded_latest",
     "concluded_edtf", "date_basis", "date_note", "date_reference_id", "concluded_on",
     "date_precision"),
    ("figure", "reported_figures", "figure_id", "as_of_earliest", "as_of_latest", "as_of_edtf",
     "as_of_basis", "as_of_note", "as_of_reference_id", "as_of", "as_of_precision"),
    ("activity", "activities", "activity_id", "earliest", "latest", "date_edtf", "date_basis",
     "date_note", "date_reference_id", "happened_on", "date_precision"),
]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
INFERRED_REACH = 31  # days: docs/seed-format.md, Dates


@pytest.fixture(scope="module")
def dates(engine):
    from sqlalchemy import text

    rows = []
    with engine.connect() as conn:
        for (fact_type, view, key, earliest, latest, edtf_, basis, note, reference, v1,
             precision) in DATES:
            for row in conn.execute(text(
                    f"select {key} as fact_id, {earliest} as earliest, {latest} as latest, "
                    f"{edtf_} as edtf, {basis} as basis, {note} as note, "
                    f"{reference} as reference, {v1} as v1, "
                    f"{precision or 'null'} as precision from analytics.{view}")).mappings():
                rows.append({"fact_type": fact_type, "field": earliest, **row})
        sentences = conn.execute(text(
            "select c.fact_type, c.fact_id, s.published_on, ss.text, c.quote "
            "from analytics.citations c join analytics.sources s using (source_id) "
            "join analytics.source_sentences ss on ss.source_id = c.source_id "
            "and ss.char_start < c.char_end and ss.char_end > c.char_start "
            "where c.stance = 'supports'")).mappings().all()
    support: dict[tuple[str, str], list] = {}
    for row in sentences:
        support.setdefault((row["fact_type"], row["fact_id"]), []).append(row)
    return [dict(row, support=support.get((row["fact_type"], row["fact_id"]), []))
            for row in rows]


def _library_bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    parsed = edtf.parse_edtf(value)
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    as_date = lambda t: None if isinstance(t, float) else dt.date(t.tm_year, t.tm_mon, t.tm_mday)  # noqa: E731
    return as_date(lower), as_date(upper)


def test_every_edtf_is_valid_and_says_the_bounds(dates):
    assert dates
    for row in dates:
        if row["earliest"] is None and row["latest"] is None:
            # (A visit's one basis is its start's: an unreported end has it too.)
            assert row["edtf"] is None, row
            assert row["basis"] is None or row["field"] == "end_earliest", row
            continue
        assert edtf.is_valid_edtf(row["edtf"]), row
        assert _library_bounds(row["edtf"]) == (row["earliest"], row["latest"]), row
        if row["earliest"] is not None and row["latest"] is not None:
            assert row["earliest"] <= row["latest"], row


def _precision(earliest: dt.date | None, latest: dt.date | None) -> str | None:
    if earliest is None or latest is None:
        return None
    if earliest == latest:
        return "day"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return "month"
    return "year" if earliest.year == latest.year else None


def test_v1_date_and_precision_follow_the_contract_rule(dates):
    """The finest of day, month and year whose period holds both bounds, and its first day
    (NULL with it)."""
    for row in dates:
        precision = _precision(row["earliest"], row["latest"])
        first = {"day": row["earliest"], None: None}.get(precision) or (
            row["earliest"].replace(day=1) if precision == "month" else
            row["earliest"].replace(month=1, day=1) if precision == "year" else None)
        assert row["v1"] == first, row
        if row["field"] != "end_earliest":  # a visit's one precision is its start's
            assert row["precision"] == precision, row


def _day_level(row) -> list[dt.date]:
    """The bounds only a day can give: not the first or last day of a month."""
    sides = []
    if row["earliest"] is not None and row["earliest"].day != 1:
        sides.append(row["earliest"])
    if row["latest"] is not None and (row["latest"] + dt.timedelta(days=1)).day != 1:
        sides.append(row["latest"])
    if row["earliest"] is not None and row["earliest"] == row["latest"]:
        sides.append(row["earliest"])
    return sides


def _writes_day(sentence: str, day: dt.date) -> bool:
    iso = day.isoformat()
    named = rf"\b{day.day}\b[^.]{{0,12}}\b({MONTHS[day.month - 1]}|{MONTHS[day.month - 1][:3]})|" \
            rf"\b({MONTHS[day.month - 1]}|{MONTHS[day.month - 1][:3]})\w*\s+{day.day}\b"
    return iso in sentence or re.search(named, sentence) is not None


def test_a_date_is_never_more_precise_than_its_text_and_reference_allow(dates):
    """Day bounds only with a stated day (the supporting sentence writes it), a weekday or
    a relative day resolved against a dated source (a supporting report of that day,
    within a month of the bound, and a note saying how), or a named reference (its id, and
    a note)."""
    checked = 0
    for row in dates:
        sides = _day_level(row)
        if not sides:
            continue
        checked += 1
        support = row["support"]
        assert support, row
        if row["basis"] == "stated":
            assert all(any(_writes_day(s["text"], side) for s in support) for side in sides), row
        elif row["basis"] == "inferred":
            assert row["note"], row
            published = [s["published_on"] for s in support if s["published_on"] is not None]
            assert all(any(abs((side - day).days) <= INFERRED_REACH for day in published)
                       for side in sides), row
        else:
            assert row["basis"] == "reference" and row["reference"] and row["note"], row
    assert checked > 50


def test_a_weekday_in_the_text_is_the_weekday_of_the_date(dates):
    """A single day inferred from a sentence that names one weekday falls on that weekday
    ('on Sunday' is 19 July 2020, 'on Saturday' 29 April 2023)."""
    checked = 0
    for row in dates:
        # (A visit's quotes name the weekday it began, not the day it ends.)
        if row["basis"] != "inferred" or row["earliest"] is None \
                or row["earliest"] != row["latest"] or row["field"] == "end_earliest":
            continue
        for support in row["support"]:
            named = {w for w in WEEKDAYS if re.search(rf"\b{w}\b", support["quote"])}
            if len(named) == 1:
                assert WEEKDAYS[row["earliest"].weekday()] in named, (row, support["quote"])
                checked += 1
    assert checked >= 10


def test_the_issue_cases_are_bounded_as_the_articles_allow(q):
    # 003: the 14 MoUs "had signed", reported at 3:52 PM on the visit's first day.
    [mous] = q("select concluded_earliest, concluded_latest, concluded_edtf "
               "from analytics.agreements where agreement_id = 'iran-iraq-14-mous-2024-09'")
    assert tuple(mous.values()) == (dt.date(2024, 9, 11), dt.date(2024, 9, 11), "2024-09-11")
    # 002: Zarif spoke in Baghdad "over the weekend": the weekend, and with the visit (no
    # longer before it on the timeline).
    rows = q("select fact_id, earliest, latest from analytics.timeline "
             "where fact_id in ('zarif-2020-07-19-relations-not-shaken', 'zarif-iraq-2020-07')")
    assert {(r["earliest"], r["latest"]) for r in rows} == {(dt.date(2020, 7, 18),
                                                             dt.date(2020, 7, 19))}
    # 001 "by early August", 000 "within the next few weeks": the Washington plan.
    [plan] = q("select start_edtf, start_date, date_precision from analytics.visits "
               "where visit_id = 'kadhimi-united-states-2020'")
    assert tuple(plan.values()) == ("2020-07-21/2020-08-10", dt.date(2020, 1, 1), "year")
    # "ongoing" never stands alone: every visit under way says as of when.
    ongoing = q("select visit_id, status_as_of, end_earliest, end_latest from analytics.visits "
                "where status = 'ongoing'")
    assert ongoing and all(r["status_as_of"] is not None for r in ongoing)
    assert all(r["end_earliest"] is not None for r in ongoing)


def _sides():
    from hypothesis import strategies as st

    day = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
    return st.one_of(day.map(lambda d: f"{d.year}"), day.map(lambda d: f"{d:%Y-%m}"),
                     day.map(dt.date.isoformat))


def test_the_seed_reads_every_accepted_form_as_the_edtf_library_does():
    """diplodb.seed.dates computes a date's bounds itself (the library's grammar is too slow
    for a corpus); for every form the seed format accepts (a day, month or year, and
    intervals of them, either side open) they are the library's bounds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from diplodb.seed import dates

    @settings(max_examples=150, deadline=None)
    @given(st.one_of(_sides(), st.tuples(st.one_of(_sides(), st.just("..")),
                                         st.one_of(_sides(), st.just(".."))).map("/".join)))
    def reads_as_the_library(value):
        try:
            expected = _library_bounds(value)
        except Exception:  # the library refuses it: so must the seed
            with pytest.raises(ValueError):
                dates.parse(value)
            return
        if value == "../.." or None not in expected and expected[0] > expected[1]:
            with pytest.raises(ValueError):
                dates.parse(value)
            return
        bounds = dates.parse(value)
        assert (bounds.earliest, bounds.latest) == expected
        assert dates.parse(bounds.edtf) == bounds

    reads_as_the_library()
