"""The rules that span annotation files (db/seed/validate/cross_file.py, cross_check),
without a database: one annotation file per article, fact ids unique across files,
citations and visit references resolved in whatever file defines them, one spelling per
name id, and how each rendering quotes its statement (direct, partial, paraphrase)."""

from __future__ import annotations

from collections import Counter

import pytest

from diplodb.paths import SEEDS_DIR
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.validate.corpus import read_corpus
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


def test_a_long_fact_id_defined_in_two_files_names_the_first_entry_as_shortened(seeds_copy):
    # The first definition's entry is named as its label was written, long id shortened.
    long_id = "trade-target-20bn-2020-07-" + "-".join(["tehran"] * 9)
    for file, old in ((A000, "trade-target-20bn-2020-07"),
                      (A003, "iraq-iran-security-pact-2023")):
        replace(file, f"id: {old}", f"id: {long_id}")(seeds_copy)
    short = f"{long_id[:40]}… ({len(long_id)} characters)"
    assert [p for p in problems(seeds_copy) if "duplicate" in p] == [
        f"{A003}: agreements[1] (id={short}): field 'id': duplicate agreement id "
        f"'{long_id}' (first defined in {A000}: agreements[1] (id={short}))"]


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
    replace(A001, "    visit: kadhimi-iran-2020-07\n    quote_kind: paraphrase\n    topics: "
                  "[railway, trade]", "    visit: kadhimi-iran-2020-08\n    quote_kind: "
                  "paraphrase\n    topics: [railway, trade]")(seeds_copy)
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


# Every rendering that puts the speaker's words in quotation marks, from the articles: the
# utterance quoted (direct), or reported speech around quoted words (partial). Every other
# rendering is a paraphrase.
QUOTED_RENDERINGS = Counter({
    # 000: ""The two governments will expand bilateral trade ties to $20 billion," Rouhani
    # said"; ""I deem it necessary to honour the two heroes ...," he said".
    ("rouhani-2020-07-21-trade-target", "afp-2020-07-21-kadhemi-tehran", "direct"): 1,
    ("rouhani-2020-07-21-honour-heroes", "afp-2020-07-21-kadhemi-tehran", "direct"): 1,
    # 000: "He hailed as "heroes""; ready to "stand with Iraq ..."; having "worked for
    # Iraq's security in previous years""; by "providing it with all sanitary and medical
    # goods it can"".
    ("rouhani-2020-07-21-honour-heroes", "afp-2020-07-21-kadhemi-tehran", "partial"): 1,
    ("rouhani-2020-07-21-stand-with-iraq", "afp-2020-07-21-kadhemi-tehran", "partial"): 1,
    ("rouhani-2020-07-21-worked-for-security", "afp-2020-07-21-kadhemi-tehran", "partial"): 1,
    ("rouhani-2020-07-21-medical-pledge", "afp-2020-07-21-kadhemi-tehran", "partial"): 1,
    # 002: "“We are certain ...,” Mr Rouhani said"; "“We still remain ready ...”"; "Mr
    # Al-Kadhimi replied: “Iraq will not allow ...”"; Zarif "saying “Iran-Iraq relations
    # will not be shaken”".
    ("rouhani-2020-07-21-turning-point", "ap-2020-07-21-kadhimi-turning-point", "direct"): 1,
    ("rouhani-2020-07-21-stand-with-iraq", "ap-2020-07-21-kadhimi-turning-point", "direct"): 1,
    ("kadhimi-2020-07-21-no-threat-from-soil", "ap-2020-07-21-kadhimi-turning-point",
     "direct"): 1,
    ("zarif-2020-07-19-relations-not-shaken", "ap-2020-07-21-kadhimi-turning-point",
     "direct"): 1,
    # 002: called the visit "“a turning point”"; based on "“balance and avoiding any
    # alignment”"; "“based on non-intervention in domestic affairs of the two countries.”".
    ("rouhani-2020-07-21-turning-point", "ap-2020-07-21-kadhimi-turning-point", "partial"): 1,
    ("kadhimi-2020-07-21-balance", "ap-2020-07-21-kadhimi-turning-point", "partial"): 1,
    ("kadhimi-2020-07-21-non-interference", "ap-2020-07-21-kadhimi-turning-point",
     "partial"): 1,
    # 003: ""The expansion of bilateral ties ... will be discussed," Pezeshkian's office
    # said"; Araqchi: "including political, regional ... and security issues".
    ("pezeshkian-office-2024-09-11-agenda", "report-2024-09-11-pezeshkian-baghdad",
     "direct"): 1,
    ("araghchi-2024-09-11-areas-of-cooperation", "report-2024-09-11-pezeshkian-baghdad",
     "partial"): 1,
    # 004: the "unity" between the two countries; relations are "strategic,".
    ("khamenei-2023-04-29-unity", "report-2023-04-29-rashid-tehran", "partial"): 1,
    ("raisi-2023-04-29-strategic-trade", "report-2023-04-29-rashid-tehran", "partial"): 1,
})
QUOTED = {(statement, source) for statement, source, _ in QUOTED_RENDERINGS}


def test_each_rendering_has_the_kind_its_source_quotes_it_in():
    corpus = read_corpus(SEEDS_DIR)
    renderings = Counter((r["statement_id"], r["source_id"], r["quote_kind"])
                         for r in corpus.rows["evidence"] if r["statement_id"])
    assert Counter({k: n for k, n in renderings.items() if k[2] != "paraphrase"}) \
        == QUOTED_RENDERINGS
    # A partial rendering keeps the words inside its quotation marks, exactly as written.
    words = {(r["statement_id"], r["source_id"], r["quote_kind"]): r["quoted_words"]
             for r in corpus.rows["evidence"] if r["statement_id"]}
    assert words["raisi-2023-04-29-strategic-trade", "report-2023-04-29-rashid-tehran",
                 "partial"] == "strategic,"
    assert words["rouhani-2020-07-21-stand-with-iraq", "afp-2020-07-21-kadhemi-tehran",
                 "partial"] == "stand with Iraq for the stability and security of Iraq and the region"
    assert all(words[k] is None for k in words if k[2] == "paraphrase")
    # A statement takes the most direct kind of its renderings.
    statements = {r["statement_id"]: r["quote_kind"] for r in corpus.rows["statement"]}
    direct = {s for s, _, kind in QUOTED_RENDERINGS if kind == "direct"}
    assert {s for s, kind in statements.items() if kind == "direct"} == direct
    assert {s for s, kind in statements.items() if kind == "partial"} == \
        {s for s, _, kind in QUOTED_RENDERINGS if kind == "partial"} - direct


def test_a_direct_rendering_that_only_plans_does_not_make_the_statement_direct(seeds_copy):
    quote = ("quote: {text: \"The Iraqi premier said his country seeks to improve relations with "
             "Iran “based on non-intervention in domestic affairs of the two countries.”\", ")
    replace(A002, quote + "kind: partial}", quote + "kind: direct, stance: planned}")(seeds_copy)
    corpus = read_corpus(seeds_copy)
    statement = next(r for r in corpus.rows["statement"]
                     if r["statement_id"] == "kadhimi-2020-07-21-non-interference")
    # 001's paraphrase is the only supporting rendering left.
    assert statement["quote_kind"] == "paraphrase"
    assert [r["quote_kind"] for r in corpus.rows["evidence"]
            if r["statement_id"] == "kadhimi-2020-07-21-non-interference"
            and r["source_id"] == "ap-2020-07-21-kadhimi-turning-point"] == ["direct"]


def test_a_direct_quote_must_hold_the_statement_text(seeds_copy):
    # The text of the turning-point statement moved to the words of 002's partial lead:
    # the direct rendering no longer holds it.
    replace(A002, 'text: "We are certain that the visit will be a turning point in relations '
                  'between the two countries,"',
            'text: "a turning point” in relations between the countries"')(seeds_copy)
    assert problems(seeds_copy) == [
        f"{A002}: statements[0] (id=rouhani-2020-07-21-turning-point): field 'text': a source "
        "quotes this statement directly, so text must be the direct wording, inside one of "
        "those quotes"]


@pytest.mark.parametrize("old, new, field, message", [
    # A paraphrase declared partial, and a quotation declared a paraphrase.
    ('"Rouhani pledged support to Iraq in combating the Corona virus and providing it with all '
     'the medical equipment and equipment it needs", kind: paraphrase}',
     '"Rouhani pledged support to Iraq in combating the Corona virus and providing it with all '
     'the medical equipment and equipment it needs", kind: partial}',
     f"{A001}: statements[3] (id=rouhani-2020-07-21-medical-pledge): field 'quote.kind'",
     "kind 'partial' needs the speaker's words in quotation marks, and this quote holds none"),
    ('Rouhani said Iran was ready to \\"stand with Iraq for the stability and security of Iraq '
     'and the region\\".", kind: partial}',
     'Rouhani said Iran was ready to \\"stand with Iraq for the stability and security of Iraq '
     'and the region\\".", kind: paraphrase}',
     f"{A000}: statements[2] (id=rouhani-2020-07-21-stand-with-iraq): field 'quote.kind'",
     "this quote holds words in quotation marks ('stand with Iraq for the stability and "
     "security ...')"),
])
def test_a_kind_must_fit_the_quotation_marks(seeds_copy, old, new, field, message):
    replace(A001 if "pledged support" in old else A000, old, new)(seeds_copy)
    found = problems(seeds_copy)
    assert len(found) == 1 and found[0].startswith(field) and message in found[0], found


def test_an_unreadable_annotation_file_is_not_also_reported_as_missing(seeds_copy):
    # 003 cannot be read, so which article it annotates is unknown: the one problem is its
    # YAML, not also "no annotation file has 'source: report-2024-09-11-...'".
    replace(A003, "visits:\n", "visits: [\n")(seeds_copy)
    found = problems(seeds_copy)
    assert len(found) == 1 and found[0].startswith(f"{A003}: ") and "invalid YAML" in found[0]


def test_direct_quotes_can_be_resolved_for_some_statements_only():
    """What the incremental loader asks for: the direct-quote resolution of the statements
    whose files changed, and of no other."""
    from diplodb.seed.validate.annotation import read_annotation
    from diplodb.seed.validate.corpus import annotation_files
    from diplodb.seed.validate.cross_file import cross_check
    from diplodb.seed.validate.reference import read_reference

    builder, reference, _ = read_reference(SEEDS_DIR)
    context = reference.context()
    units = [read_annotation(builder, context, relative)
             for relative in annotation_files(SEEDS_DIR)]
    wanted = {"rouhani-2020-07-21-trade-target", "rouhani-2020-07-21-medical-pledge"}
    kinds = cross_check(builder, context, units, True, only_statements=wanted)
    assert builder.problems == []
    # 000 quotes the trade target directly and the medical pledge in part ("providing it with
    # all sanitary and medical goods it can"); 001 paraphrases both.
    assert kinds.statements == {"rouhani-2020-07-21-trade-target": "direct",
                                "rouhani-2020-07-21-medical-pledge": "partial"}
    # One kind per rendering of those two: 000 and 001 each render both.
    assert sorted(kinds.evidence.values()) == ["direct", "paraphrase", "paraphrase", "partial"]


def test_an_article_without_annotation_is_named_by_its_id_when_its_entry_is_unknown():
    """A context made from the database (an incremental re-seed where only annotation files
    changed) has no entry labels from articles/sources.yaml: the source is named by id."""
    import dataclasses

    from diplodb.seed.validate.annotation import read_annotation
    from diplodb.seed.validate.corpus import annotation_files
    from diplodb.seed.validate.cross_file import cross_check
    from diplodb.seed.validate.reference import read_reference

    builder, reference, _ = read_reference(SEEDS_DIR)
    context = dataclasses.replace(reference.context(), labels={})
    units = [read_annotation(builder, context, relative)
             for relative in annotation_files(SEEDS_DIR) if relative != A003]
    cross_check(builder, context, units, True)
    assert [str(p) for p in builder.problems] == [
        "articles/sources.yaml: source report-2024-09-11-pezeshkian-baghdad: field 'id': no "
        "annotation file has 'source: report-2024-09-11-pezeshkian-baghdad'; every article "
        "needs one (with 'retract:' if it has no facts)"]
