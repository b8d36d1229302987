"""analytics.events, event_contexts and dyad_years (contract v1.3): every fact is one
event coded by its one rule of core.plover_rule (docs/coding.md), the events the articles
report have the rows they say, and every dyad-year count is recomputed from the events."""

from __future__ import annotations

from collections import Counter

import pytest

FACT_TABLES = {"visit": ("core.visit", "visit_id"), "meeting": ("core.meeting", "meeting_id"),
               "activity": ("core.activity", "activity_id"),
               "statement": ("core.statement", "statement_id"),
               "agreement": ("core.agreement", "agreement_id")}


@pytest.fixture(scope="module")
def events(engine):
    from sqlalchemy import text

    with engine.connect() as conn:
        return {row["event_id"]: dict(row) for row in conn.execute(text(
            "select * from analytics.events")).mappings()}


def test_every_fact_is_one_event(q, events):
    for fact_type, (table, key) in FACT_TABLES.items():
        facts = {row["id"] for row in q(f"select {key} as id from {table}")}
        assert facts, f"the corpus has {fact_type} facts"
        assert {e["fact_id"] for e in events.values() if e["fact_type"] == fact_type} == facts
    assert all(e["event_id"] == f"{e['fact_type']}-{e['fact_id']}" for e in events.values())


def test_every_event_carries_its_rules_codes(q, events):
    rules = {r["rule_id"]: r for r in q("select * from core.plover_rule")}
    assert all(e["plover_rule_id"] for e in events.values()), "every event has its rule"
    for event in events.values():
        rule = rules[event["plover_rule_id"]]
        assert rule["fact_type"] == event["fact_type"]
        assert rule["status"] in (None, event["status"])
        assert (event["plover_event"], event["plover_modes"], event["cameo_code"]) == (
            rule["plover_event"], rule["plover_modes"], rule["cameo_code"])
        assert set(rule["plover_contexts"]) <= set(event["plover_contexts"])
        assert event["plover_contexts"] == sorted(set(event["plover_contexts"]))
    # every fact type has events PLOVER codes; the ones it does not are the manual's gaps
    assert {e["fact_type"] for e in events.values() if e["plover_event"]} == set(FACT_TABLES)
    uncoded = {(e["fact_type"], rules[e["plover_rule_id"]]["kind"])
               for e in events.values() if e["plover_event"] is None}
    assert uncoded <= {("statement", "comment"), ("statement", "empathy"),
                       *(("activity", kind) for kind in (
                           "ceremony", "reception", "commemoration", "site_visit",
                           "hospitalisation", "election", "other"))}, uncoded


def test_a_statements_kind_selects_its_rule_and_its_target_the_recipient(q, events):
    statements = q("select s.statement_id, s.kind, s.target_country_code, v.visitor_country_code,"
                   " v.host_country_code, coalesce(p.country_code, o.country_code) as speaker"
                   " from analytics.statements s left join core.visit v using (visit_id)"
                   " left join core.person p on p.person_id = s.speaker_id"
                   " left join core.organization o on o.organization_id = s.speaker_id")
    assert statements and all(s["kind"] for s in statements)
    for statement in statements:
        event = events[f"statement-{statement['statement_id']}"]
        assert event["plover_rule_id"] == "statement-" + statement["kind"].replace("_", "-")
        other_side = (statement["host_country_code"]
                      if statement["speaker"] == statement["visitor_country_code"]
                      else statement["visitor_country_code"])
        expected = statement["target_country_code"] or other_side
        assert event["recipient_country_codes"] == ([expected] if expected else [])
        assert event["actor_country_code"] == statement["speaker"]


def test_exact_rows_of_statements_the_articles_report(events):
    """Written from the articles: Raisi "slammed" the presence of foreign troops,
    "particularly Americans" (Xinhua, 29 April 2023), a criticism of the United States;
    Rouhani pledged medical goods to Baghdad (AFP, 21 July 2020), a promise of aid; the
    two "turning point" remarks are comments, which PLOVER does not code."""
    troops = events["statement-raisi-2023-04-29-foreign-troops"]
    assert {k: troops[k] for k in ("plover_event", "plover_modes", "cameo_code", "actor_id",
                                   "actor_country_code", "recipient_id",
                                   "recipient_country_code")} == {
        "plover_event": "ACCUSE", "plover_modes": ["disapprove"], "cameo_code": "111",
        "actor_id": "ebrahim-raisi", "actor_country_code": "IRN", "recipient_id": None,
        "recipient_country_code": "USA"}
    pledge = events["statement-rouhani-2020-07-21-medical-pledge"]
    assert (pledge["plover_event"], pledge["cameo_code"], pledge["recipient_id"],
            pledge["recipient_country_code"]) == ("AGREE", "033", "mustafa-al-kadhimi", "IRQ")
    for remark in ("rouhani-2020-07-21-turning-point", "raisi-2023-04-29-turning-point"):
        event = events[f"statement-{remark}"]
        assert (event["plover_event"], event["cameo_code"]) == (None, "010")


def test_the_kind_and_status_select_the_rule(q, events):
    facts = {(r["fact_type"], r["fact_id"]): r for r in q(
        "select 'activity' as fact_type, activity_id as fact_id, kind from core.activity "
        "union all select 'agreement', agreement_id, kind from core.agreement")}
    for event in events.values():
        if (event["fact_type"], event["fact_id"]) in facts:
            kind = facts[(event["fact_type"], event["fact_id"])]["kind"]
            assert event["plover_rule_id"].endswith(f"-{event['status']}-{kind}".replace("_", "-"))


def test_a_visit_that_took_place_is_consult_visit_042_visitor_to_host(q, events):
    visits = q("select * from analytics.visits")
    made = [v for v in visits if v["took_place"]]
    planned = [v for v in visits if v["status"] in ("planned", "postponed")]
    assert made and planned
    for visit in made:
        event = events[f"visit-{visit['visit_id']}"]
        assert (event["plover_event"], event["plover_modes"], event["cameo_code"]) == (
            "CONSULT", ["visit"], "042")
        assert (event["actor_id"], event["actor_country_code"],
                event["recipient_country_code"]) == (
            visit["visitor_id"], visit["visitor_country_code"], visit["host_country_code"])
        assert "diplomatic" in event["plover_contexts"]
    for visit in planned:
        event = events[f"visit-{visit['visit_id']}"]
        assert (event["plover_event"], event["plover_modes"], event["cameo_code"]) == (
            "AGREE", [], "036")
        assert event["actor_country_code"] == visit["visitor_country_code"]


def test_a_signed_agreement_follows_the_rules_table(q, events):
    signed = q("select a.agreement_id, r.plover_event, r.cameo_code from core.agreement a "
               "join core.plover_rule r on r.fact_type = 'agreement' and r.status = a.status "
               "and r.kind = a.kind where a.status = 'signed'")
    assert signed
    for row in signed:
        event = events[f"agreement-{row['agreement_id']}"]
        assert (event["plover_event"], event["cameo_code"]) == (row["plover_event"],
                                                                row["cameo_code"])
        assert (event["plover_event"], event["cameo_code"]) == ("SUPPORT", "057")
        parties = [r["country_code"] for r in q(
            "select country_code from analytics.agreement_parties where agreement_id = :a "
            "order by 1", a=row["agreement_id"])]
        assert event["actor_country_codes"] == parties
        assert event["recipient_country_codes"] == [] and event["recipient_id"] is None


def test_exact_rows_of_events_the_articles_report(events):
    """Written from the articles: Kadhimi's visit to Tehran (AFP, 21 July 2020), his
    meeting with Rouhani there, and the US strike that killed Soleimani at Baghdad airport."""
    visit = events["visit-kadhimi-iran-2020-07"]
    assert {k: visit[k] for k in ("plover_event", "plover_modes", "cameo_code", "actor_id",
                                  "actor_name", "actor_country_code", "recipient_id",
                                  "recipient_country_code", "place_id", "visit_level")} == {
        "plover_event": "CONSULT", "plover_modes": ["visit"], "cameo_code": "042",
        "actor_id": "mustafa-al-kadhimi", "actor_name": "Mustafa Al-Kadhimi",
        "actor_country_code": "IRQ", "recipient_id": "hassan-rouhani",
        "recipient_country_code": "IRN", "place_id": "tehran",
        "visit_level": "head_of_government"}
    assert visit["plover_contexts"] == ["diplomatic", "executive"]
    assert visit["geonames_id"] == 112931 and visit["source_count"] == 3
    meeting = events["meeting-kadhimi-rouhani-2020-07-21"]
    assert (meeting["plover_event"], meeting["plover_modes"], meeting["actor_id"],
            meeting["recipient_id"], str(meeting["earliest"])) == (
        "CONSULT", ["visit"], "mustafa-al-kadhimi", "hassan-rouhani", "2020-07-21")
    strike = events["activity-us-strike-soleimani-2020-01-03"]
    assert (strike["plover_event"], strike["cameo_code"], strike["plover_contexts"],
            strike["actor_id"], strike["actor_country_code"], strike["recipient_id"],
            strike["place_id"]) == ("ASSAULT", "190", ["military"], "us-government", "USA",
                                    None, "baghdad-international-airport")


def test_event_contexts_are_the_events_contexts_in_long_form(q, events):
    rows = q("select event_id, context from analytics.event_contexts")
    assert Counter((r["event_id"], r["context"]) for r in rows) == Counter(
        (e["event_id"], c) for e in events.values() for c in e["plover_contexts"])


def _pairs(event):
    actors, recipients = event["actor_country_codes"], event["recipient_country_codes"]
    return [(a, b) for a in actors for b in (recipients or actors) if a != b]


COUNTS = {
    "visits": lambda e: e["fact_type"] == "visit" and e["took_place"],
    "visits_head_of_state": lambda e: (e["fact_type"] == "visit" and e["took_place"]
                                       and e["visit_level"] == "head_of_state"),
    "visits_head_of_government": lambda e: (e["fact_type"] == "visit" and e["took_place"]
                                            and e["visit_level"] == "head_of_government"),
    "visits_foreign_minister": lambda e: (e["fact_type"] == "visit" and e["took_place"]
                                          and e["visit_level"] == "foreign_minister"),
    "visits_other": lambda e: (e["fact_type"] == "visit" and e["took_place"]
                               and e["visit_level"] in (None, "other")),
    "planned_visits": lambda e: e["fact_type"] == "visit" and e["plover_event"] == "AGREE",
    "meetings": lambda e: e["fact_type"] == "meeting" and e["took_place"],
    "agreements_signed": lambda e: e["fact_type"] == "agreement" and e["status"] == "signed",
    "statements": lambda e: e["fact_type"] == "statement",
}


def test_dyad_years_are_recomputed_from_events_zeros_included(q, events):
    panel = {(r["year"], r["actor_country_code"], r["recipient_country_code"]): r
             for r in q("select * from analytics.dyad_years")}
    dated = [e for e in events.values() if e["earliest"] is not None]
    years = range(min(e["earliest"].year for e in dated),
                  max(e["earliest"].year for e in dated) + 1)
    dyads = {pair for e in events.values() for pair in _pairs(e)}
    assert set(panel) == {(y, a, b) for y in years for a, b in dyads}
    expected = {key: Counter() for key in panel}
    for event in dated:
        for a, b in _pairs(event):
            for column, counts in COUNTS.items():
                expected[(event["earliest"].year, a, b)][column] += int(counts(event))
    for key, row in panel.items():
        assert {c: row[c] for c in COUNTS} == {c: expected[key][c] for c in COUNTS}, key
    assert any(all(row[c] == 0 for c in COUNTS) for row in panel.values()), "zeros present"
    # 2021 and 2022 lie between reported years: in the panel, with zeros
    assert all(row["visits"] == 0 for key, row in panel.items() if key[0] in (2021, 2022))
    assert sum(row["visits"] for row in panel.values()) == sum(
        1 for e in dated if COUNTS["visits"](e))
    cow = {r["country_code"]: r["cow_code"] for r in q("select * from analytics.countries")}
    assert all(row["actor_cow_code"] == cow[a] and row["recipient_cow_code"] == cow[b]
               for (_, a, b), row in panel.items())


def _readme_query(after: str) -> str:
    from diplodb.paths import DATA_ROOT

    readme = (DATA_ROOT / "README.md").read_text()
    block = next(part for part in readme.split(after, 1)[1].split("\n\n")
                 if part.startswith("    "))
    return "\n".join(line[4:] for line in block.splitlines())


def test_readme_visits_per_dyad_year_by_level(q):
    rows = q(_readme_query("Visits per dyad-year by"))
    assert [r["year"] for r in rows] == [y for y in range(2020, 2025) for _ in (0, 1)]
    by_key = {(r["year"], r["actor_country_code"]): r for r in rows}
    # Zarif in Baghdad (July 2020), Kadhimi in Tehran (July 2020), Rashid in Tehran
    # (April 2023), Pezeshkian in Baghdad (September 2024)
    assert by_key[(2020, "IRN")]["visits_foreign_minister"] == 1
    assert by_key[(2020, "IRQ")]["visits_head_of_government"] == 1
    assert by_key[(2023, "IRQ")]["visits_head_of_state"] == 1
    assert by_key[(2024, "IRN")]["visits_head_of_government"] == 1
    assert sum(r["visits"] for r in rows) == 4
    assert {(r["actor_cow_code"], r["recipient_cow_code"]) for r in rows} == {(630, 645),
                                                                             (645, 630)}


def test_readme_join_with_another_plover_data_set(q):
    rows = q(_readme_query("Join our events with another PLOVER data set"))
    assert [r["event_id"] for r in rows] == [
        "meeting-raisi-rashid-2023-04-29", "meeting-rashid-khamenei-2023-04-29",
        "visit-rashid-iran-2023-04"]
    assert {r["plover_event"] for r in rows} == {"CONSULT"}
