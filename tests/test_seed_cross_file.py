"""The rules that span annotation files (db/seed/corpus.py, cross_check), without a
database: one annotation file per article, fact ids unique across files, citations and
visit references resolved in whatever file defines them, one spelling per name id, and
which renderings quote a statement directly."""

from __future__ import annotations

from collections import Counter

import pytest

from diplodb.paths import SEEDS_DIR
from diplodb.seed.corpus import SeedValidationError, read_corpus
from tests.seed_mutations import A000, A003, delete, replace, write_bytes

A001 = "annotations/001_4ed99ff0c620660b.yaml"
A002 = "annotations/002_6203630f39a9d083.yaml"


def problems(seeds) -> list[str]:
    with pytest.raises(SeedValidationError) as refused:
        read_corpus(seeds)
    return [str(problem) for problem in refused.value.problems]


def rows(corpus) -> dict[str, list]:
    return {table: sorted(map(repr, table_rows)) for table, table_rows in corpus.rows.items()}


@pytest.mark.parametrize("order", [sorted, lambda files: sorted(files, reverse=True)],
                         ids=["in-file-order", "reversed"])
def test_facts_cited_before_or_after_their_definition_load_the_same(order):
    # 001 and 002 cite facts that 000 defines (the Tehran visit, its meetings, Rouhani's
    # statements) and 000 cites some that 001 and 002 define (Zarif's visit, the stand
    # with Iraq statement): read in either order, the files make the same rows.
    assert rows(read_corpus(SEEDS_DIR, order)) == rows(read_corpus(SEEDS_DIR))


def test_a_fact_defined_in_two_files_is_refused(seeds_copy):
    replace(A003, "id: iraq-iran-security-pact-2023", "id: iran-medical-aid-pledge-2020-07")(
        seeds_copy)
    assert problems(seeds_copy) == [
        f"{A003}: agreements[1] (id=iran-medical-aid-pledge-2020-07): field 'id': duplicate "
        f"agreement id 'iran-medical-aid-pledge-2020-07' (first defined in {A000}: "
        f"agreements[0] (id=iran-medical-aid-pledge-2020-07))"]


def test_an_article_annotated_by_two_files_is_refused(seeds_copy):
    write_bytes("annotations/005_again.yaml",
                b"source: report-2023-04-29-rashid-tehran\n"
                b"retract: {reason: \"a second file for the same article\"}\n")(seeds_copy)
    assert problems(seeds_copy) == [
        "annotations/005_again.yaml: field 'source': source 'report-2023-04-29-rashid-tehran' "
        "is already annotated by annotations/004_80f12345d448f103.yaml; one annotation file "
        "per article"]


def test_an_article_no_file_annotates_is_refused(seeds_copy):
    delete(A003)(seeds_copy)
    assert problems(seeds_copy) == [
        "articles/sources.yaml: entry[3] (id=report-2024-09-11-pezeshkian-baghdad): field 'id': no "
        "annotation file has 'source: report-2024-09-11-pezeshkian-baghdad'; every article "
        "needs one (with 'retract:' if it has no facts)"]


def test_a_citation_of_a_fact_no_file_defines_is_refused(seeds_copy):
    replace(A000, "  - id: kadhimi-united-states-2020\n    quote:",
            "  - id: kadhimi-canada-2020\n    quote:")(seeds_copy)
    assert problems(seeds_copy) == [
        f"{A000}: visits[2] (id=kadhimi-canada-2020): field 'id': cites visit "
        "'kadhimi-canada-2020' that no annotation defines"]


def test_a_reference_to_a_visit_no_file_defines_is_refused(seeds_copy):
    replace(A001, "    visit: kadhimi-iran-2020-07\n    is_direct_quote: false\n    topics: "
                  "[railway, trade]", "    visit: kadhimi-iran-2020-08\n    is_direct_quote: "
                  "false\n    topics: [railway, trade]")(seeds_copy)
    assert problems(seeds_copy) == [
        f"{A001}: statements[5] (id=rouhani-2020-07-21-railway): field 'visit': unknown visit "
        "'kadhimi-iran-2020-08'"]


def test_two_spellings_of_one_name_id_are_refused(seeds_copy):
    # "King Salman " (a trailing space) has the id of 000's "King Salman".
    replace(A001, "  - {person: hassan-rouhani, name: Hassan Rouhani}\n",
            "  - {person: hassan-rouhani, name: Hassan Rouhani}\n  - {person: salman-bin-abdulaziz, "
            "name: \"King Salman \", quote: \"King Salman bin Abdulaziz was hospitalized\"}\n")(
        seeds_copy)
    assert problems(seeds_copy) == [
        f"{A001}: names[4]: field 'name': name variants 'King Salman' and 'King Salman ' map "
        "to one id"]


def test_a_spelling_that_clashes_with_a_canonical_name_is_refused(seeds_copy):
    a004 = "annotations/004_80f12345d448f103.yaml"
    replace(a004, "{person: ali-khamenei, name: Ali Khamenei}",
            "{person: ali-khamenei, name: \"Ali Khamenei \", quote: \"Ali Khamenei said\"}")(
        seeds_copy)
    assert problems(seeds_copy) == [
        f"{a004}: names[0]: field 'name': name variants 'Ali Khamenei' and 'Ali Khamenei ' "
        "map to one id"]


# The renderings that quote their statement directly: a statement is direct when one of
# them supports it, and its text is then those words.
DIRECT_RENDERINGS = {
    ("rouhani-2020-07-21-trade-target", "afp-2020-07-21-kadhemi-tehran"),
    ("rouhani-2020-07-21-honour-heroes", "afp-2020-07-21-kadhemi-tehran"),
    ("rouhani-2020-07-21-turning-point", "ap-2020-07-21-kadhimi-turning-point"),
    ("rouhani-2020-07-21-stand-with-iraq", "ap-2020-07-21-kadhimi-turning-point"),
    ("kadhimi-2020-07-21-no-threat-from-soil", "ap-2020-07-21-kadhimi-turning-point"),
    ("zarif-2020-07-19-relations-not-shaken", "ap-2020-07-21-kadhimi-turning-point"),
    ("pezeshkian-office-2024-09-11-agenda", "report-2024-09-11-pezeshkian-baghdad"),
}


def test_each_rendering_is_direct_as_its_source_quotes_it():
    corpus = read_corpus(SEEDS_DIR)
    renderings = Counter((r["statement_id"], r["source_id"], r["is_direct_quote"])
                         for r in corpus.rows["evidence"] if r["statement_id"])
    direct = {(s, source) for (s, source, is_direct), n in renderings.items() if is_direct}
    assert direct == DIRECT_RENDERINGS
    # 000 both quotes ("I deem it necessary ...") and paraphrases ("He hailed as "heroes"")
    # the heroes statement; 002 quotes and paraphrases (its lead) the turning point and the
    # stand with Iraq; 000 and 001 paraphrase the stand with Iraq (direct: false).
    assert renderings[("rouhani-2020-07-21-honour-heroes", "afp-2020-07-21-kadhemi-tehran",
                       False)] == 1
    assert renderings[("rouhani-2020-07-21-stand-with-iraq", "afp-2020-07-21-kadhemi-tehran",
                       False)] == 1
    assert renderings[("rouhani-2020-07-21-trade-target", "translated-2020-07-21-kazemi-tehran",
                       False)] == 1
    statements = {r["statement_id"]: r["is_direct_quote"] for r in corpus.rows["statement"]}
    assert {s for s, is_direct in statements.items() if is_direct} == {s for s, _ in
                                                                       DIRECT_RENDERINGS}


def test_a_direct_rendering_that_only_plans_does_not_make_the_statement_direct(seeds_copy):
    replace(A002, "  - id: kadhimi-2020-07-21-non-interference\n    quote: \"The Iraqi premier "
                  "said his country seeks to improve relations with Iran “based on "
                  "non-intervention in domestic affairs of the two countries.”\"",
            "  - id: kadhimi-2020-07-21-non-interference\n    quote: {text: \"The Iraqi premier "
            "said his country seeks to improve relations with Iran “based on non-intervention "
            "in domestic affairs of the two countries.”\", direct: true, stance: planned}")(
        seeds_copy)
    corpus = read_corpus(seeds_copy)
    statement = next(r for r in corpus.rows["statement"]
                     if r["statement_id"] == "kadhimi-2020-07-21-non-interference")
    assert statement["is_direct_quote"] is False
    assert [r["is_direct_quote"] for r in corpus.rows["evidence"]
            if r["statement_id"] == "kadhimi-2020-07-21-non-interference"
            and r["source_id"] == "ap-2020-07-21-kadhimi-turning-point"] == [True]


def test_a_direct_quote_must_hold_the_statement_text(seeds_copy):
    pledge = ('"Rouhani pledged support to Iraq in combating the Corona virus and providing it '
              'with all the medical equipment and equipment it needs"')
    replace(A001, f"quote: {pledge}", f"quote: {{text: {pledge}, direct: true}}")(seeds_copy)
    assert problems(seeds_copy) == [
        f"{A000}: statements[5] (id=rouhani-2020-07-21-medical-pledge): field 'text': a source "
        "quotes this statement directly, so text must be the direct wording, inside one of "
        "those quotes"]


def test_an_unreadable_annotation_file_is_not_also_reported_as_missing(seeds_copy):
    # 003 cannot be read, so which article it annotates is unknown: the one problem is its
    # YAML, not also "no annotation file has 'source: report-2024-09-11-...'".
    replace(A003, "visits:\n", "visits: [\n")(seeds_copy)
    found = problems(seeds_copy)
    assert len(found) == 1 and found[0].startswith(f"{A003}: ") and "invalid YAML" in found[0]


def test_direct_quotes_can_be_resolved_for_some_statements_only():
    """What the incremental loader asks for: the direct-quote resolution of the statements
    whose files changed, and of no other."""
    from diplodb.seed.corpus import annotation_files, cross_check, read_annotation, read_reference

    builder, reference, _ = read_reference(SEEDS_DIR)
    context = reference.context()
    units = [read_annotation(builder, context, relative)
             for relative in annotation_files(SEEDS_DIR)]
    wanted = {"rouhani-2020-07-21-trade-target", "rouhani-2020-07-21-medical-pledge"}
    direct = cross_check(builder, context, units, True, only_statements=wanted)
    assert builder.problems == []
    # 000 quotes the trade target directly; no article quotes the medical pledge.
    assert direct.statements == {"rouhani-2020-07-21-trade-target": True,
                                 "rouhani-2020-07-21-medical-pledge": False}
    # One flag per rendering of those two: 000 and 001 each render both.
    assert sorted(direct.evidence.values()) == [False, False, False, True]


def test_an_article_without_annotation_is_named_by_its_id_when_its_entry_is_unknown():
    """A context made from the database (an incremental re-seed where only annotation files
    changed) has no entry labels from articles/sources.yaml: the source is named by id."""
    import dataclasses

    from diplodb.seed.corpus import annotation_files, cross_check, read_annotation, read_reference

    builder, reference, _ = read_reference(SEEDS_DIR)
    context = dataclasses.replace(reference.context(), labels={})
    units = [read_annotation(builder, context, relative)
             for relative in annotation_files(SEEDS_DIR) if relative != A003]
    cross_check(builder, context, units, True)
    assert [str(p) for p in builder.problems] == [
        "articles/sources.yaml: source report-2024-09-11-pezeshkian-baghdad: field 'id': no "
        "annotation file has 'source: report-2024-09-11-pezeshkian-baghdad'; every article "
        "needs one (with 'retract:' if it has no facts)"]
