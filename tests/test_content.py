"""The seeded corpus read as an analyst would, checked against what the articles say."""

import datetime as dt


def test_five_articles_stored_byte_for_byte(q):
    import hashlib

    from diplodb.paths import SEEDS_DIR

    rows = q("select body, sha256 from analytics.sources")
    files = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (SEEDS_DIR / "articles").glob("*.txt")}
    assert {r["sha256"] for r in rows} == files
    assert all(hashlib.sha256(r["body"].encode()).hexdigest() == r["sha256"] for r in rows)


def test_undated_articles_are_inferred_not_stated(q):
    rows = {r["source_id"]: r for r in q("select * from analytics.sources")}
    assert rows["afp-2020-07-21-kadhemi-tehran"]["published_on_basis"] == "stated"
    assert rows["report-2024-09-11-pezeshkian-baghdad"]["published_on"] == dt.date(2024, 9, 11)
    inferred = [r for r in rows.values() if r["published_on_basis"] == "inferred"]
    assert len(inferred) == 3 and all(r["published_on_note"] for r in inferred)
    assert rows["report-2023-04-29-rashid-tehran"]["published_on"].weekday() == 5  # "Saturday"


def test_kadhimi_is_spelled_four_ways(q):
    rows = q("select name from analytics.person_names where person_id = 'mustafa-al-kadhimi'")
    names = {r["name"] for r in rows}
    for spelling in ("Kadhemi", "Kazemi", "Kazimi", "Kadhimi"):
        assert any(spelling in name for name in names), spelling


def test_kadhimi_trip_is_his_first_abroad_reported_by_three_sources(q):
    [visit] = q("select * from analytics.visits where visitor_id = 'mustafa-al-kadhimi' "
                "and host_country_code = 'IRN'")
    assert visit["first_trip_abroad"] is True
    assert visit["source_count"] == 3
    assert visit["visitor_office_title"] == "Prime Minister of Iraq"
    assert visit["place"] == "Tehran"


def test_saudi_leg_postponed_because_king_hospitalised(q):
    [visit] = q("select * from analytics.visits where host_country_code = 'SAU'")
    assert visit["status"] == "postponed"
    assert "hospitalised" in visit["status_reason"]


def test_pezeshkian_three_day_visit_and_fourteen_mous(q):
    [visit] = q("select * from analytics.visits where visitor_id = 'masoud-pezeshkian'")
    assert (visit["start_date"], visit["end_date"]) == (dt.date(2024, 9, 11), dt.date(2024, 9, 13))
    assert visit["first_trip_abroad"] is True
    [mous] = q("select * from analytics.agreements where kind = 'mou'")
    assert mous["instrument_count"] == 14
    assert {"trade", "sports", "agriculture", "tourism"} <= set(mous["subject_areas"])


def test_delegation_lists_differ_between_sources(q):
    rows = q("select office_title, source_count from analytics.visit_participants "
             "where visit_id = 'kadhimi-iran-2020-07' and role = 'delegation'")
    counts = {r["office_title"]: r["source_count"] for r in rows}
    assert counts["Minister of Planning of Iraq"] == 1   # only AFP
    assert counts["Minister of Oil of Iraq"] == 1        # only the translated report
    assert counts["Minister of Foreign Affairs of Iraq"] == 2


def test_iran_president_on_rashid_visit_was_raisi(q):
    [row] = q("select person_name from analytics.office_terms where office_id = 'irn-president' "
              "and term @> date '2023-04-29'")
    assert row["person_name"] == "Ebrahim Raisi"


def test_trade_figures(q):
    rows = q("select qualifier, value from analytics.reported_figures "
             "where metric = 'bilateral-trade' order by as_of")
    assert [(r["qualifier"], int(r["value"])) for r in rows] == [("target", 20_000_000_000),
                                                                 ("over", 10_000_000_000)]


def test_covid_figures_keep_their_qualifiers(q):
    rows = {(r["country_code"], r["metric"]): r for r in q("select * from analytics.reported_figures")}
    assert rows[("IRN", "covid-deaths")]["qualifier"] == "over"
    assert int(rows[("IRN", "covid-deaths")]["value"]) == 14600
    assert rows[("IRQ", "covid-deaths")]["qualifier"] == "close_to"


def test_trade_target_statement_has_two_wordings(q):
    rows = q("select source_id, quote from analytics.citations where fact_type = 'statement' "
             "and fact_id = 'rouhani-2020-07-21-trade-target'")
    assert len({r["source_id"] for r in rows}) == 2
    assert any("$20 billion" in r["quote"] for r in rows)
    assert any("20 billion dollars" in r["quote"] for r in rows)


def test_khamenei_meeting_status_is_disputed(q):
    rows = q("select claim from analytics.disagreements where fact_id = 'kadhimi-khamenei-2020-07-21'")
    claims = " ".join(r["claim"] for r in rows)
    assert "held" in claims and "scheduled" in claims
