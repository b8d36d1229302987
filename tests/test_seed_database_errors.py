"""The safety net: a row the validator let through but the database refuses is still
reported by seed file, entry and field, and nothing is written. The corpus is tampered
with after validation to stand for a rule the validator does not know."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from diplodb.seed.corpus import SeedValidationError, read_corpus
from diplodb.seed.loader import write_corpus
from diplodb.paths import SEEDS_DIR
from tests.seed_mutations import A003, physical_state


def _row(corpus, table, key, value):
    return next(row for row in corpus.rows[table] if row[key] == value)


def _visit_at_home(corpus):
    _row(corpus, "visit", "visit_id", "pezeshkian-iraq-2024-09")["host_country_code"] = "IRN"
    return [A003, "visits[0] (id=pezeshkian-iraq-2024-09)", "field 'visitor_country, host_country'",
            "ck_visit_abroad"]


def _int4_overflow(corpus):
    _row(corpus, "agreement", "agreement_id", "iran-iraq-14-mous-2024-09")["instrument_count"] = 3_000_000_000
    return [A003, "id=iran-iraq-14-mous-2024-09", "field 'instrument_count'", "out of range"]


def _nul_in_quote(corpus):
    row = next(r for r in corpus.rows["evidence"] if r["figure_id"] == "us-troops-in-iraq-2024-09")
    row["quote"] = "Iraq hosts\0"
    return [A003, "id=us-troops-in-iraq-2024-09", "field 'quote'", "NUL"]


def _tsvector_too_long(corpus):
    row = _row(corpus, "source", "source_id", "report-2024-09-11-pezeshkian-baghdad")
    row["body"] = " ".join(f"w{n:07d}" for n in range(140_000))  # > 1 MiB of distinct words
    return ["articles/003_ae28c5a3bf26486c.txt", "source report-2024-09-11-pezeshkian-baghdad",
            "field 'body'", "too long for tsvector"]


@pytest.mark.parametrize("tamper", [_visit_at_home, _int4_overflow, _nul_in_quote,
                                    _tsvector_too_long], ids=lambda f: f.__name__.strip("_"))
def test_database_refusal_is_traced_to_the_seed_entry(seeded_url, tamper):
    before = physical_state(seeded_url)
    corpus = read_corpus(SEEDS_DIR)
    expected = tamper(corpus)
    engine = create_engine(seeded_url)
    try:
        with pytest.raises(SeedValidationError) as raised, engine.begin() as conn:
            write_corpus(conn, corpus)
    finally:
        engine.dispose()
    lines = [str(problem) for problem in raised.value.problems]
    assert any(all(fragment in line for fragment in expected) for line in lines), lines
    assert physical_state(seeded_url) == before
