"""Office holders without gaps: the offices analysts ask about have exactly one holder on
every day of 2018-2024, acting holders included, and every term names its reference."""

import datetime as dt

import pytest

OFFICES = ("irn-supreme-leader", "irn-president", "irn-foreign-minister", "irq-president",
           "irq-prime-minister", "irq-foreign-minister", "usa-president")
FIRST, LAST = dt.date(2018, 1, 1), dt.date(2024, 12, 31)


def test_the_seven_offices_exist(q):
    rows = q("select office_id from core.office where office_id = any(:offices)",
             offices=list(OFFICES))
    assert {r["office_id"] for r in rows} == set(OFFICES)


@pytest.mark.parametrize("office", OFFICES)
def test_exactly_one_holder_every_day(q, office):
    rows = q("""
        select d::date as day, count(t.term_id) as holders,
               array_agg(t.term_id order by t.term_id) filter (where t.term_id is not null)
                   as terms
        from generate_series(cast(:first as date), cast(:last as date), interval '1 day') d
        left join analytics.office_terms t
          on t.office_id = :office and t.term @> d::date
        group by d
        having count(t.term_id) <> 1
        order by d""", office=office, first=FIRST, last=LAST)
    assert not rows, [(r["day"], r["terms"]) for r in rows[:10]]


@pytest.mark.parametrize("day, office, holder", [
    # hand-over days belong to the incoming holder; the day of a death to the deceased
    (dt.date(2018, 10, 2), "irq-president", "Barham Salih"),
    (dt.date(2018, 10, 25), "irq-prime-minister", "Adil Abdul-Mahdi"),
    (dt.date(2020, 5, 7), "irq-foreign-minister", "Mustafa Al-Kadhimi"),
    (dt.date(2020, 6, 6), "irq-foreign-minister", "Fuad Hussein"),
    (dt.date(2021, 1, 20), "usa-president", "Joe Biden"),
    (dt.date(2024, 5, 19), "irn-president", "Ebrahim Raisi"),
    (dt.date(2024, 5, 20), "irn-president", "Mohammad Mokhber"),
    (dt.date(2024, 5, 19), "irn-foreign-minister", "Hossein Amir-Abdollahian"),
    (dt.date(2024, 5, 20), "irn-foreign-minister", "Ali Bagheri Kani"),
    (dt.date(2024, 7, 28), "irn-president", "Masoud Pezeshkian"),
])
def test_holder_on_boundary_days(q, day, office, holder):
    [row] = q("select person_name from analytics.office_terms "
              "where office_id = :office and term @> cast(:day as date)", office=office, day=day)
    assert row["person_name"] == holder


def test_acting_holders_are_marked(q):
    rows = q("select term_id, note from analytics.office_terms where term_id like '%-acting'")
    assert {r["term_id"] for r in rows} == {"mokhber-president-acting",
                                            "bagheri-kani-foreign-minister-acting",
                                            "kadhimi-foreign-minister-acting"}
    assert all(r["note"].startswith("Acting") for r in rows)


def test_every_term_has_a_named_reference(q):
    rows = q("select term_id, reference_title, reference_url from analytics.office_terms")
    missing = [r["term_id"] for r in rows
               if not (r["reference_title"] or "").strip() or not (r["reference_url"] or "").strip()]
    assert rows and not missing
    total = q("select count(*) as n from core.office_term")[0]["n"]
    assert len(rows) == total  # no term is lost by the view's join to its reference


def test_open_terms_of_the_seven_offices_say_why(q):
    """A term with no end is either plainly current or says in its note what is unconfirmed."""
    rows = q("select term_id, note from analytics.office_terms "
             "where term_end is null and office_id = any(:offices)", offices=list(OFFICES))
    assert rows and all(r["note"] for r in rows), [r["term_id"] for r in rows if not r["note"]]
