"""The safety net: a row the validator let through but the database refuses is still
reported by seed file, entry and field, from the origin the row carries, and nothing is
written. The validated units are tampered with on their way to the writer, to stand for
a rule the validator does not know."""

from __future__ import annotations

import pytest

from diplodb.paths import SEEDS_DIR
from diplodb.seed.write import incremental, pipeline
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.loader import seed
from tests.seed_mutations import A003, physical_state


def _row(rows, table, key, value):
    return next((row for row in rows.get(table, ()) if row[key] == value), None)


def _visit_at_home(rows):
    row = _row(rows, "visit", "visit_id", "pezeshkian-iraq-2024-09")
    if row is not None:
        row["host_country_code"] = "IRN"
    return [A003, "visits[0] (id=pezeshkian-iraq-2024-09)", "field 'visitor_country, host_country'",
            "ck_visit_abroad"]


def _int4_overflow(rows):
    row = _row(rows, "agreement", "agreement_id", "iran-iraq-14-mous-2024-09")
    if row is not None:
        row["instrument_count"] = 3_000_000_000
    return [A003, "id=iran-iraq-14-mous-2024-09", "field 'instrument_count'", "out of range"]


def _nul_in_quote(rows):
    row = _row(rows, "evidence", "figure_id", "us-troops-in-iraq-2024-09")
    if row is not None:
        row["quote"] = "Iraq hosts\0"
    return [A003, "id=us-troops-in-iraq-2024-09", "field 'quote'", "NUL"]


def _tsvector_too_long(rows):
    row = _row(rows, "source", "source_id", "report-2024-09-11-pezeshkian-baghdad")
    if row is not None:
        row["body"] = " ".join(f"w{n:07d}" for n in range(140_000))  # > 1 MiB of words
    return ["articles/003_ae28c5a3bf26486c.txt", "source report-2024-09-11-pezeshkian-baghdad",
            "field 'body'", "too long for tsvector"]


def tamper_units(monkeypatch, tamper) -> list[str]:
    """Apply ``tamper`` to every validated unit the writer receives (reference files'
    rows and annotation files' units); returns the fragments the report must hold."""
    read_annotation, read_reference = pipeline.read_annotation, pipeline.read_reference

    def annotation(*args, **kwargs):
        unit = read_annotation(*args, **kwargs)
        tamper(unit.rows)
        return unit

    def reference(seeds_dir, *, sink, listed=None, spill=None):
        def tampered(rows, origins):
            tamper(rows)
            sink(rows, origins)
        return read_reference(seeds_dir, sink=tampered, listed=listed, spill=spill)

    for module in (pipeline, incremental):
        monkeypatch.setattr(module, "read_annotation", annotation)
    monkeypatch.setattr(pipeline, "read_reference", reference)
    return tamper({})


@pytest.mark.parametrize("tamper", [_visit_at_home, _int4_overflow, _nul_in_quote,
                                    _tsvector_too_long], ids=lambda f: f.__name__.strip("_"))
def test_database_refusal_is_traced_to_the_seed_entry(seeded_url, tamper, monkeypatch):
    before = physical_state(seeded_url)
    expected = tamper_units(monkeypatch, tamper)
    with pytest.raises(SeedValidationError) as raised:
        seed(seeded_url, SEEDS_DIR, force=True)
    lines = [str(problem) for problem in raised.value.problems]
    assert any(all(fragment in line for fragment in expected) for line in lines), lines
    assert physical_state(seeded_url) == before


@pytest.fixture(scope="module")
def empty_url(make_database):
    from diplodb.migrate import upgrade

    url = make_database()
    upgrade(url)
    return url


@pytest.mark.parametrize("tamper", [_visit_at_home, _int4_overflow, _nul_in_quote,
                                    _tsvector_too_long], ids=lambda f: f.__name__.strip("_"))
def test_refusal_in_a_first_seed_is_traced_too(empty_url, tamper, monkeypatch):
    """A first seed COPYs straight into the empty core tables: the refused row is named
    by the origin beside it in the batch, and the tables stay empty."""
    expected = tamper_units(monkeypatch, tamper)
    with pytest.raises(SeedValidationError) as raised:
        seed(empty_url, SEEDS_DIR)
    lines = [str(problem) for problem in raised.value.problems]
    assert any(all(fragment in line for fragment in expected) for line in lines), lines
    assert physical_state(empty_url) == []


def _figure_evidence_refers_to_nothing(rows):
    row = _row(rows, "evidence", "figure_id", "us-troops-in-iraq-2024-09")
    if row is not None:
        row["figure_id"] = "no-such-figure"
    return [A003, "field 'figure'", "fk_evidence_figure_id_figure",
            "Key (figure_id)=(no-such-figure) is not present"]


def test_a_large_first_seed_names_a_row_its_foreign_keys_refuse(empty_url, monkeypatch):
    """A large first seed checks its foreign keys once, at the end: the row one of them
    refuses is named by the seed file that owns it, its field and the missing key, and
    the tables stay empty."""
    monkeypatch.setattr(pipeline, "REBUILD_INDEXES_FROM_FILES", 1)
    expected = tamper_units(monkeypatch, _figure_evidence_refers_to_nothing)
    with pytest.raises(SeedValidationError) as raised:
        seed(empty_url, SEEDS_DIR)
    lines = [str(problem) for problem in raised.value.problems]
    assert any(all(fragment in line for fragment in expected) for line in lines), lines
    assert physical_state(empty_url) == []
