"""Incremental seeding: a re-seed reads only the annotation files that changed and
writes only the rows they change, and the database always ends up equal to a seed from
scratch of the same files."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from diplodb.migrate import upgrade
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.validate.corpus import read_corpus
from diplodb.seed.validate.fact_rows import ANNOTATED_FACT_TYPES
from diplodb.seed.loader import core_tables, seed

from tests.seed_mutations import A000, physical_state

A001 = "annotations/001_4ed99ff0c620660b.yaml"
A002 = "annotations/002_6203630f39a9d083.yaml"


def table_contents(url) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: sorted(tuple(map(str, row)) for row in
                                   conn.execute(text(f"select * from {t.fullname}")).all())
                    for t in core_tables()}
    finally:
        engine.dispose()


def edit(root, relative, old, new):
    path = root / relative
    content = path.read_text()
    assert old in content, f"fixture text not found in {relative}: {old!r}"
    path.write_text(content.replace(old, new, 1))


def fresh(make_database, seeds):
    url = make_database()
    upgrade(url)
    seed(url, seeds)
    return table_contents(url)


def stored_and_counted(url) -> tuple[tuple, tuple]:
    """core.seed_state's counts of the last load, and the same counted in the tables."""
    facts = " + ".join(f"(select count(*) from core.{t})" for t in ANNOTATED_FACT_TYPES)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("select source_count, fact_count, evidence_count "
                                       "from core.seed_state")).one()
            counted = conn.execute(text(f"select (select count(*) from core.source), {facts}, "
                                        "(select count(*) from core.evidence)")).one()
        return tuple(stored), tuple(counted)
    finally:
        engine.dispose()


def test_incremental_reseeds_equal_a_fresh_seed(make_database, seeds_copy):
    url = make_database()
    upgrade(url)
    assert seed(url, seeds_copy).mode == "full"

    steps = [
        # One annotation edited: its rendering of a statement another file defines drops its
        # own kind and so takes the statement's (000's partial rendering of the stand with
        # Iraq becomes direct, as 002 declares the statement), and a statement loses a topic
        # (a link row).
        ("incremental", lambda root: (
            edit(root, A000, 'and the region\\".", kind: partial}', 'and the region\\"."}'),
            edit(root, A000, "topics: [trade, coronavirus, regional-stability]",
                 "topics: [trade, coronavirus]"))),
        # A quote removed: a name variant only this file uses, and its evidence.
        ("incremental", lambda root: edit(
            root, A001, '  - {person: mustafa-al-kadhimi, name: Al-Kazimi, quote: '
                        '"Al-Kazimi said during a joint press conference"}\n', "")),
        # ... and added back.
        ("incremental", lambda root: edit(
            root, A001, "  - {person: hassan-rouhani, name: Hassan Rouhani}\n",
            '  - {person: mustafa-al-kadhimi, name: Al-Kazimi, quote: "Al-Kazimi said during '
            'a joint press conference"}\n  - {person: hassan-rouhani, name: Hassan Rouhani}\n')),
        # A citation of a meeting another file defines removed: the meeting's
        # source_count, kept by the trigger on core.evidence, goes from 3 to 2.
        ("incremental", lambda root: edit(
            root, A002, '  - id: kadhimi-rouhani-2020-07-21\n    quotes:\n'
                        '      - "Mr Rouhani said after meeting the Iraqi premier"\n'
                        '      - "The two men wore face masks during their meeting"\n', "")),
        # A figure removed, with its evidence: fewer facts.
        ("incremental", lambda root: edit(
            root, A000, re.search(r"(?s)  - \{id: iran-covid-deaths-2020-07-21.*?deaths\"\}\n",
                                  (root / A000).read_text())[0], "")),
        # Reference data changed: a full read.
        ("full", lambda root: edit(root, "reference/topics.yaml", "label: ", "label: The ")),
    ]
    for mode, mutate in steps:
        before = physical_state(url)
        mutate(seeds_copy)
        report = seed(url, seeds_copy)
        assert report.mode == mode
        assert report.inserted_or_updated + report.deleted > 0
        assert table_contents(url) == fresh(make_database, seeds_copy)
        # The report line's counts, kept in core.seed_state (an incremental load adds
        # what it inserted and takes away what it deleted), are those of the tables.
        stored, counted = stored_and_counted(url)
        assert stored == counted
        assert report.described == (f"{counted[0]} sources, {counted[1]} facts, "
                                    f"{counted[2]} pieces of evidence")
        changed = set(physical_state(url)) ^ set(before)
        assert changed, "the edit changed no row"
        # Nothing left to do: a forced full re-seed writes nothing.
        again = seed(url, seeds_copy, force=True)
        assert (again.inserted_or_updated, again.deleted) == (0, 0)
    # What the articles say once 002 no longer cites it: the meeting of 21 July 2020 is
    # reported by 000 (which defines it) and 001, two sources.
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select source_count from core.meeting where "
                                     "meeting_id = 'kadhimi-rouhani-2020-07-21'")).scalar() == 2
    finally:
        engine.dispose()


def test_incremental_reseed_writes_only_the_rows_a_file_changes(make_database, seeds_copy):
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    before = {row[:2]: row for row in physical_state(url)}
    edit(seeds_copy, A000, 'summary: "Al-Kadhimi and Rouhani',
         'summary: "Reported: Al-Kadhimi and Rouhani')
    report = seed(url, seeds_copy)
    assert report.mode == "incremental"
    after = {row[:2]: row for row in physical_state(url)}
    touched = {key[0] for key in set(after) ^ set(before)}
    assert touched == {"meeting"}


def test_deleting_an_article_and_its_annotation_removes_exactly_its_rows(make_database,
                                                                         seeds_copy):
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    corpus = read_corpus(seeds_copy)
    source = next(r for r in corpus.rows["source"] if r["file_name"].startswith("004_"))
    (seeds_copy / "annotations" / source["file_name"].replace(".txt", ".yaml")).unlink()
    (seeds_copy / "articles" / source["file_name"]).unlink()
    sources = seeds_copy / "articles/sources.yaml"
    entries = re.split(r"(?m)^(?=- )", sources.read_text())
    sources.write_text("".join(e for e in entries if f"id: {source['source_id']}" not in e))
    seed(url, seeds_copy)
    contents = table_contents(url)
    assert contents == fresh(make_database, seeds_copy)
    assert not any(source["source_id"] in row for row in contents["source"])
    assert not any(row[1] == source["source_id"] for row in contents["source_sentence"])


def test_incremental_reseed_still_checks_references_across_files(make_database, seeds_copy):
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    before = physical_state(url)
    # A001 cites this visit; only A000 changes, and A001 is not re-read.
    content = (seeds_copy / A000).read_text().replace("kadhimi-iran-2020-07\n",
                                                      "kadhimi-iran-2020-07-renamed\n")
    content = content.replace("visit: kadhimi-iran-2020-07\n",
                              "visit: kadhimi-iran-2020-07-renamed\n")
    (seeds_copy / A000).write_text(content)
    with pytest.raises(SeedValidationError) as error:
        seed(url, seeds_copy)
    with pytest.raises(SeedValidationError) as from_scratch:
        read_corpus(seeds_copy)
    assert str(error.value) == str(from_scratch.value)
    assert "cites visit 'kadhimi-iran-2020-07' that no annotation defines" in str(error.value)
    assert physical_state(url) == before



MEDICAL_PLEDGE = ('"Rouhani pledged support to Iraq in combating the Corona virus and providing it '
                  'with all the medical equipment and equipment it needs"')
A003 = "annotations/003_ae28c5a3bf26486c.yaml"


def copy_of(relative, new):
    def mutate(root):
        (root / new).write_bytes((root / relative).read_bytes())
    return mutate


@pytest.mark.parametrize("mutate, expected", [
    # A003 now defines an agreement that the unchanged 000 defines.
    (lambda root: edit(root, A003, "id: iraq-iran-security-pact-2023",
                       "id: iran-medical-aid-pledge-2020-07"),
     "duplicate agreement id 'iran-medical-aid-pledge-2020-07' (first defined in "
     "annotations/000_421877fd24e4fad6.yaml"),
    # A new file annotates the article the unchanged 000 annotates, with the same facts.
    (copy_of(A000, "annotations/005_copy.yaml"),
     "source 'afp-2020-07-21-kadhemi-tehran' is already annotated by "
     "annotations/000_421877fd24e4fad6.yaml"),
    # A002 now quotes directly a statement the unchanged 001 defines in other words.
    (lambda root: edit(root, "annotations/002_6203630f39a9d083.yaml",
                       "of the two countries.”\", kind: partial}",
                       "of the two countries.”\", kind: direct}"),
     "text must be the direct wording"),
    # Reference data the incremental re-seed asks the database for, one id at a time.
    (lambda root: edit(root, A000, "{person: hassan-rouhani, name: Hassan Rouhani}",
                       "{person: hassan-rohani, name: Hassan Rouhani}"),
     "unknown person 'hassan-rohani'"),
    (lambda root: edit(root, A000, "    place: tehran\n", "    place: tehrun\n"),
     "tehrun"),
    (lambda root: edit(root, A000, "    host_country: IRN\n", "    host_country: IRX\n"),
     "IRX"),
], ids=["duplicate-fact-id", "article-annotated-twice", "direct-quote-wording",
        "unknown-person", "unknown-place", "unknown-country"])
def test_incremental_reseed_checks_each_rule_across_files(make_database, seeds_copy, mutate,
                                                          expected):
    """One file changes (or is added) and breaks a rule together with a file that did not
    change and is not re-read: the incremental re-seed refuses it, as a seed from scratch
    does."""
    url = make_database()
    upgrade(url)
    seed(url, seeds_copy)
    before = physical_state(url)
    mutate(seeds_copy)
    with pytest.raises(SeedValidationError) as error:
        seed(url, seeds_copy)
    with pytest.raises(SeedValidationError) as from_scratch:
        read_corpus(seeds_copy)
    assert str(error.value) == str(from_scratch.value)
    assert expected in str(error.value)
    assert physical_state(url) == before
