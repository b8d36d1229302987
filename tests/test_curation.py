"""Curation rules the data must keep: every sentence accounted for, each source's own
rendering of a statement, support as each source states it, no precision without a date."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml
from sqlalchemy import text

from diplodb.paths import SEEDS_DIR
from diplodb.seed.sentences import split
from tests.test_production import cli


def test_every_sentence_of_every_article_is_cited_or_skipped(q):
    rows = q("select * from analytics.source_sentences order by source_id, sentence_no")
    assert rows and all(r["fact_count"] > 0 or r["skip_reason"] for r in rows)
    assert all(r["skip_reason"] is None for r in rows if r["fact_count"] > 0)
    bodies = {r["source_id"]: r["body"] for r in q("select source_id, body from analytics.sources")}
    for source_id, body in bodies.items():
        sentences = [r for r in rows if r["source_id"] == source_id]
        assert [(r["char_start"], r["char_end"]) for r in sentences] == \
            [(s.start, s.end) for s in split(body)]
        assert all(r["text"] == body[r["char_start"]:r["char_end"]] for r in sentences)
    # One article against its boundaries worked out by hand (tests/test_sentences.py).
    from tests.test_sentences import ARTICLE_004

    assert [(r["char_start"], r["char_end"]) for r in rows
            if r["source_id"] == "report-2023-04-29-rashid-tehran"] == ARTICLE_004


def test_seed_check_prints_full_coverage_per_article():
    result = cli("seed", "--check")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "sentences accounted for" in line]
    assert len(lines) == len(list((SEEDS_DIR / "articles").glob("*.txt")))
    assert all("(100 %)" in line for line in lines)


def test_seed_check_fails_below_full_coverage(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    annotation = next(p for p in sorted((seeds / "annotations").glob("*.yaml"))
                      if (yaml.safe_load(p.read_text()) or {}).get("skipped"))
    data = annotation.read_text()
    first_skip = yaml.safe_load(data)["skipped"][0]["quote"]
    text_of_quote = first_skip if isinstance(first_skip, str) else first_skip["text"]
    lines = data.splitlines(keepends=True)
    kept = [line for line in lines if text_of_quote not in line or "quote" not in line]
    assert len(kept) == len(lines) - 1, "the first skip entry should sit on one line"
    annotation.write_text("".join(kept))
    result = cli("seed", "--check", "--seeds", str(seeds))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"annotations/{annotation.name}: sentence" in result.stderr
    assert "cited by no fact and not skipped" in result.stderr


def test_statement_takes_the_most_direct_kind_of_its_renderings(q):
    statements = q("select statement_id, text, quote_kind, is_direct_quote from analytics.statements")
    renderings = q("select statement_id, quote, quote_kind from analytics.statement_renderings "
                   "where stance = 'supports'")
    rank = {"paraphrase": 0, "partial": 1, "direct": 2}
    for statement in statements:
        own = [r for r in renderings if r["statement_id"] == statement["statement_id"]]
        kind = max((r["quote_kind"] for r in own), key=rank.__getitem__)
        assert statement["quote_kind"] == kind, statement["statement_id"]
        assert statement["is_direct_quote"] == (kind != "paraphrase"), statement["statement_id"]
        if kind == "direct":
            assert any(statement["text"] in r["quote"] for r in own
                       if r["quote_kind"] == "direct"), statement["statement_id"]
    kinds = {r["statement_id"]: {x["quote_kind"] for x in renderings
                                 if x["statement_id"] == r["statement_id"]} for r in renderings}
    assert any(k == {"direct", "partial"} for k in kinds.values()), \
        "some statement is quoted whole by one rendering and in part by another"
    assert any(k == {"partial", "paraphrase"} for k in kinds.values())


@pytest.mark.parametrize(("view", "date", "column", "undated"), [
    # The Saudi trip has no date ("the Saudi leg was postponed"); the Washington plan is
    # bounded 2020-07-21/2020-08-10, which two months hold: year precision.
    ("visits", "start_date", "date_precision", 1),
    # No v1 date: 001's debt timetable and border reopening (from the visit's first day on,
    # no later bound) and 003's US–Iraq understanding (no later than the report).
    ("agreements", "concluded_on", "date_precision", 3),
    # Every meeting is dated by its article.
    ("meetings", "held_on", "date_precision", 0),
    # Of the six visits only the Saudi one has a dated postponement (see below).
    ("visits", "status_changed_on", "status_changed_precision", 5),
])
def test_precision_only_with_a_date(q, view, date, column, undated):
    wrong = q(f"select * from analytics.{view} where ({date} is null) <> ({column} is null)")
    assert wrong == []
    counts = q(f"select count(*) filter (where {date} is null) as undated, "
               f"count(*) filter (where {column} is not null) as with_precision "
               f"from analytics.{view}")[0]
    assert counts["undated"] == undated and counts["with_precision"] > 0


def test_the_schema_refuses_a_basis_without_bounds(engine):
    from sqlalchemy.exc import IntegrityError

    with engine.connect() as conn, conn.begin():
        visit = conn.execute(text("select visit_id from core.visit where start_date is not null "
                                  "limit 1")).scalar()
        with pytest.raises(IntegrityError, match="start_basis_with_bounds"):
            with conn.begin_nested():
                conn.execute(text("update core.visit set start_earliest = null, "
                                  "start_latest = null, end_earliest = null, end_latest = null, "
                                  "status = 'planned' where visit_id = :v"), {"v": visit})
        conn.rollback()


def test_a_dated_postponement_is_on_the_timeline(q):
    # 000: "the Saudi leg was postponed after King Salman was hospitalised on Monday", the
    # Monday before its dateline of Tuesday 21 July 2020. No other trip is postponed or
    # cancelled on a stated day.
    expected = [("kadhimi-saudi-arabia-2020-07", dt.date(2020, 7, 20))]
    postponed = q("select visit_id, status_changed_on from analytics.visits "
                  "where status_changed_on is not null")
    assert [(r["visit_id"], r["status_changed_on"]) for r in postponed] == expected
    on_timeline = q("select fact_id, happened_on, summary from analytics.timeline "
                    "where event_type = 'visit_status'")
    assert [(r["fact_id"], r["happened_on"]) for r in on_timeline] == expected
    assert on_timeline[0]["summary"] == ("Mustafa Al-Kadhimi visit to SAU postponed: "
                                         "King Salman bin Abdulaziz was hospitalised")


def test_every_statement_has_the_kind_and_target_the_two_coders_resolved(q):
    """docs/curation/statement-kinds.md records both coders' kinds and the resolved one;
    the data carries exactly the resolved kind and target of every statement."""
    import re

    from diplodb.paths import DATA_ROOT

    table = (DATA_ROOT / "docs" / "curation" / "statement-kinds.md").read_text()
    resolved = {m[0]: (m[1], m[2] or None) for m in re.findall(
        r"^\| ([a-z0-9-]+) \| .*? \| \w+ \| \w+ \| (\w+) \| ?([A-Z]{3})? ?\|", table, re.M)}
    rows = {r["statement_id"]: (r["kind"], r["target_country_code"])
            for r in q("select statement_id, kind, target_country_code "
                       "from analytics.statements")}
    assert len(rows) >= 29 and rows == resolved
