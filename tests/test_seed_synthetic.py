"""The synthetic corpus: deterministic, valid with a complete sentence ledger, clearly
marked, and never loaded into a database beside the real corpus (or the reverse)."""

from __future__ import annotations

import pytest

from diplodb.cli import main
from diplodb.errors import DiplodbError
from diplodb.migrate import upgrade
from diplodb.paths import SEEDS_DIR
from diplodb.seed import rules
from diplodb.seed.loader import check, seed
from diplodb.seed.rules import SPLIT_FILES
from diplodb.seed.validate.corpus import read_corpus
from diplodb.seed.synthetic import shift_date, synthesize

from tests.seed_mutations import physical_state


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_corpus_is_deterministic_valid_and_marked(tmp_path):
    synthesize(SEEDS_DIR, tmp_path / "a", 2)
    assert main(["synthesize", str(tmp_path / "b"), "--scale", "2"]) == 0
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    corpus = check(tmp_path / "a")  # refuses any sentence neither cited nor skipped
    sources = corpus.rows["source"]
    assert len(sources) == 2 * len(list((SEEDS_DIR / "annotations").glob("*.yaml")))
    assert all(row["source_id"].startswith("synthetic-") for row in sources)
    assert "SYNTHETIC" in (tmp_path / "a" / "dataset.yaml").read_text()


def test_synthetic_and_real_corpora_are_never_mixed(make_database, tmp_path):
    synthesize(SEEDS_DIR, tmp_path / "synthetic", 1)
    real = make_database()
    upgrade(real)
    seed(real, SEEDS_DIR)
    before = physical_state(real)
    with pytest.raises(DiplodbError, match="holds the real corpus"):
        seed(real, tmp_path / "synthetic")
    assert physical_state(real) == before

    synthetic = make_database()
    upgrade(synthetic)
    seed(synthetic, tmp_path / "synthetic")
    before = physical_state(synthetic)
    with pytest.raises(DiplodbError, match="holds a synthetic corpus"):
        seed(synthetic, SEEDS_DIR)
    assert physical_state(synthetic) == before


def test_each_copy_moves_its_dates_back_a_month_more(tmp_path):
    synthesize(SEEDS_DIR, tmp_path / "c", 3)
    corpus = check(tmp_path / "c")  # every fact still dated consistently with its article
    published = {row["source_id"]: row["published_on"] for row in corpus.rows["source"]}
    template = {row["source_id"]: row["published_on"]
                for row in read_corpus(SEEDS_DIR).rows["source"]}
    for source_id, date in template.items():
        copies = [published[f"synthetic-{k:05d}-{source_id}"] for k in (1, 2, 3)]
        assert copies[0] == date
        assert [(d.year * 12 + d.month) for d in copies] == [
            date.year * 12 + date.month - k for k in (0, 1, 2)]
    said = sorted(str(row["said_latest"]) for row in corpus.rows["statement"])
    assert len(set(said)) > len({row["said_latest"] for row in read_corpus(SEEDS_DIR).rows["statement"]})


@pytest.mark.parametrize(("value", "months", "shifted"), [
    ("2020-07-21", 0, "2020-07-21"), ("2020-07-21", 1, "2020-06-21"),
    ("2020-03-31", 1, "2020-02-29"), ("2021-03-31", 1, "2021-02-28"),
    ("2020-01-15", 1, "2019-12-15"), ("2020-07", 7, "2019-12"), ("2023", 1, "2022"),
    ("2023", 12, "2022"), ("2023", 13, "2021"), ("1998", 599, "1948"),
])
def test_shift_date_keeps_precision(value, months, shifted):
    assert shift_date(value, months) == shifted


def test_a_list_file_over_the_seed_file_limit_is_written_in_parts_that_load_the_same(
        tmp_path, monkeypatch):
    """At a scale where a growing list file (office_terms.yaml grows by about 10 KB a copy)
    would pass the loader's size limit for a seed file, it is written in parts
    (office_terms.2.yaml, ...), each under the limit, and the parts load the same rows, in
    the same order, as the one file."""
    from diplodb.seed import synthetic

    synthesize(SEEDS_DIR, tmp_path / "whole", 10)
    monkeypatch.setattr(synthetic, "MAX_SEED_FILE_BYTES", 20_000)
    synthesize(SEEDS_DIR, tmp_path / "parts", 10)
    whole, parts = _files(tmp_path / "whole"), _files(tmp_path / "parts")
    split = sorted(set(parts) - set(whole))
    assert "reference/office_terms.6.yaml" in split and "reference/cameo_codes.2.yaml" not in split
    assert set(whole) - set(parts) == set()
    assert all(len(parts[name]) <= 20_000 for name in split)
    for relative in SPLIT_FILES:
        assert len(parts[relative]) <= 20_000 < len(whole[relative])
        assert rules.part_name(relative, 2) in split
    def unsplit(files):
        return {name: data for name, data in files.items()
                if name not in SPLIT_FILES and rules.split_part(name) is None}

    assert unsplit(parts) == unsplit(whole)
    assert check(tmp_path / "parts").rows == check(tmp_path / "whole").rows
