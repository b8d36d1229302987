"""The list files that grow with the corpus (persons, offices, office terms, sources) may be
split into parts, ``NAME.2.yaml``, ``NAME.3.yaml``, ...: read in order as one list, every
problem naming the part its entry is in, and a lost part refused rather than its entries
deleted."""

from __future__ import annotations

import pytest
import yaml

from diplodb.draft import draft_article, reference
from diplodb.migrate import upgrade
from diplodb.seed.loader import check, seed
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.rules import SPLIT_FILES, part_name

from tests.test_seed_incremental import table_contents


def split(root, relative: str, parts: int) -> list[list]:
    """Rewrite a list file as ``parts`` parts of about equal length; their entries."""
    entries = yaml.safe_load((root / relative).read_text("utf-8"))
    per_part = -(-len(entries) // parts)
    chunks = [entries[start:start + per_part] for start in range(0, len(entries), per_part)]
    assert len(chunks) == parts
    for number, chunk in enumerate(chunks, 1):
        (root / part_name(relative, number)).write_text(
            yaml.safe_dump(chunk, allow_unicode=True, sort_keys=False, width=4096), "utf-8")
    return chunks


def problems_of(root) -> list[str]:
    with pytest.raises(SeedValidationError) as caught:
        check(root)
    return [str(problem) for problem in caught.value.problems]


def test_split_files_load_the_same_rows_as_whole_ones(make_database, seeded_url, seeds_copy):
    whole = check(seeds_copy).rows
    for relative in SPLIT_FILES:
        split(seeds_copy, relative, 3)
    assert check(seeds_copy).rows == whole  # same rows, in the same order
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    assert table_contents(url) == table_contents(seeded_url)


def test_a_missing_part_is_refused_not_its_entries_deleted(seeds_copy):
    split(seeds_copy, "reference/persons.yaml", 3)
    (seeds_copy / "reference/persons.2.yaml").unlink()
    assert ("reference/persons.3.yaml: part 3 of reference/persons.yaml, but there is no "
            "part 2 (reference/persons.2.yaml); parts are numbered 2, 3, ... without gaps"
            in problems_of(seeds_copy))


@pytest.mark.parametrize("name", ["reference/places.2.yaml", "reference/persons.02.yaml",
                                  "reference/persons.1.yaml", "annotations/x.2.yaml.txt"])
def test_only_the_growing_files_have_parts(seeds_copy, name):
    (seeds_copy / name).write_text("- id: x\n")
    assert any(line.startswith(f"{name}: unexpected file") for line in problems_of(seeds_copy))


def test_problems_name_the_part_their_entry_is_in(seeds_copy):
    chunks = split(seeds_copy, "reference/office_terms.yaml", 2)
    first = chunks[0][0]
    path = seeds_copy / "reference/office_terms.2.yaml"
    path.write_text(path.read_text() + yaml.safe_dump([first], sort_keys=False), "utf-8")
    index = len(chunks[1])
    assert (f"reference/office_terms.2.yaml: entry[{index}] (id={first['id']}): field 'id': "
            f"duplicate office term id '{first['id']}' (first in reference/office_terms.yaml: "
            f"entry[0] (id={first['id']}))") in problems_of(seeds_copy)


def test_an_unannotated_article_is_named_in_its_part_on_every_path(make_database,
                                                                     seeds_copy):
    chunks = split(seeds_copy, "articles/sources.yaml", 2)
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    source = chunks[1][0]["id"]
    annotation = next(path for path in (seeds_copy / "annotations").glob("*.yaml")
                      if yaml.safe_load(path.read_text())["source"] == source)
    annotation.unlink()
    expected = (f"articles/sources.2.yaml: entry[0] (id={source}): field 'id': no annotation "
                f"file has 'source: {source}'")
    assert any(line.startswith(expected) for line in problems_of(seeds_copy))
    with pytest.raises(SeedValidationError) as caught:  # the incremental path
        seed(url, seeds_copy)
    assert any(str(p).startswith(expected) for p in caught.value.problems)


def test_drafting_reads_every_part_and_registers_in_the_last(seeds_copy, tmp_path):
    chunks = split(seeds_copy, "reference/persons.yaml", 2)
    split(seeds_copy, "articles/sources.yaml", 2)
    assert chunks[1][0]["id"] in reference.load(seeds_copy).persons
    article = tmp_path / "new.txt"
    article.write_text("By Staff - Jul 21,2020\n\nTEHRAN — Officials met in Tehran on "
                       "Tuesday.\n", "utf-8")
    done = draft_article(seeds_copy, article, source_id="staff-2020-07-21-parts")
    assert seeds_copy / "articles/sources.2.yaml" in done.files
    last = yaml.safe_load((seeds_copy / "articles/sources.2.yaml").read_text())
    assert last[-1]["id"] == "staff-2020-07-21-parts"
    assert "staff-2020-07-21-parts" not in (seeds_copy / "articles/sources.yaml").read_text()


def test_a_part_that_is_not_plain_yaml_keeps_the_entries_of_the_parts_before_it(seeds_copy):
    """A part whose YAML breaks after some entries is read again whole to say what is
    wrong; the earlier parts' persons are still known, so only the persons of the broken
    part are unknown to the office terms."""
    chunks = split(seeds_copy, "reference/persons.yaml", 2)
    broken = seeds_copy / "reference/persons.2.yaml"
    broken.write_text(broken.read_text("utf-8") + "- id: [unclosed\n", "utf-8")
    problems = problems_of(seeds_copy)
    assert problems[0].startswith("reference/persons.2.yaml: line ")
    assert "invalid YAML" in problems[0]
    unknown = {p.rsplit("unknown person ", 1)[1].strip("'") for p in problems[1:]
               if "unknown person" in p}
    terms = yaml.safe_load((seeds_copy / "reference/office_terms.yaml").read_text("utf-8"))
    in_part_2 = {entry["id"] for entry in chunks[1]}
    assert unknown and unknown == {t["person"] for t in terms if t["person"] in in_part_2}
