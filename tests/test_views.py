"""The analyst contract: every view and column, documented; keys unique; counts
consistent; vocabularies closed; and every example query answers its question."""

import re

import pytest
import yaml
from sqlalchemy import bindparam, text
from sqlalchemy.exc import DBAPIError

from diplodb import vocab
from diplodb.views import GRAIN

# The columns of each view (its grain key: diplodb.views.GRAIN).
CONTRACT = {
    "persons": ["person_id", "name", "country_code", "aliases", "wikidata_qid"],
    "person_names": ["name_id", "person_id", "name", "source_count"],
    "office_terms": ["term_id", "person_id", "person_name", "office_id", "office_title",
                     "country_code", "term_start", "term_end", "start_precision",
                     "end_precision", "basis", "term", "office_wikidata_qid"],
    "visits": ["visit_id", "visitor_id", "visitor_name", "visitor_office_title",
               "visitor_country_code", "host_country_code", "place", "start_date", "end_date",
               "date_precision", "status", "visit_type", "first_trip_abroad", "source_count"],
    "visit_participants": ["participant_id", "visit_id", "person_id", "person_name",
                           "office_title", "country_code", "role", "source_count"],
    "meetings": ["meeting_id", "visit_id", "held_on", "place", "participant_ids",
                 "participant_names", "status", "source_count"],
    "statements": ["statement_id", "speaker_id", "speaker_name", "speaker_office_title",
                   "said_on", "visit_id", "text", "is_direct_quote", "topics", "source_count"],
    "agreements": ["agreement_id", "title", "kind", "parties", "concluded_on",
                   "date_precision", "visit_id", "instrument_count", "subject_areas",
                   "value_usd", "status", "source_count"],
    "reported_figures": ["figure_id", "metric", "country_code", "counterpart_country_code",
                         "value", "unit", "qualifier", "as_of", "source_count"],
    "sources": ["source_id", "title", "publisher", "agency", "published_on",
                "published_on_basis", "language", "url", "body", "sha256", "claim_count"],
    "citations": ["fact_type", "fact_id", "source_id", "quote", "char_start", "char_end"],
    "timeline": ["happened_on", "date_precision", "event_type", "fact_id", "summary",
                 "source_count"],
    # Contract v1.1
    "about": ["data_version", "seed_digest", "loaded_at", "schema_revision", "source_count",
              "fact_count", "citation_count"],
    "statement_topics": ["statement_id", "topic_id", "topic_label"],
    "agreement_parties": ["agreement_id", "country_code", "country_name"],
    "agreement_subject_areas": ["agreement_id", "subject_area_id", "subject_area_label"],
    "meeting_participants": ["meeting_id", "person_id", "person_name", "country_code"],
    "source_sentences": ["source_id", "sentence_no", "char_start", "char_end", "text",
                         "fact_count", "skip_reason"],
    "statement_renderings": ["statement_id", "source_id", "quote", "is_direct_quote",
                             "stance"],
    # Contract v1.3 (identifiers; the events and dyad-years views come later)
    "countries": ["country_code", "iso_alpha2", "name", "cow_code", "gw_code", "wikidata_qid"],
    "places": ["place_id", "name", "kind", "country_code", "geonames_id", "latitude",
               "longitude", "wikidata_qid"],
    # Each fact's source_count, every kind together (revision 0019)
    "facts": ["fact_type", "fact_id", "source_count"],
}
FACT_VIEWS = {"visit": ("visits", "visit_id"), "visit_participant": ("visit_participants", "participant_id"),
              "meeting": ("meetings", "meeting_id"), "statement": ("statements", "statement_id"),
              "agreement": ("agreements", "agreement_id"), "figure": ("reported_figures", "figure_id"),
              "person_name": ("person_names", "name_id"),
              "office_term": ("office_terms", "term_id"),
              "activity": ("activities", "activity_id")}
# Facts that may have no supporting source: a name variant or a term in office known from
# the reference files only (a canonical name no article writes, a term before 2020).
MAY_BE_UNSOURCED = {"person_name", "office_term"}


@pytest.fixture
def conn(engine):
    with engine.connect() as connection:
        yield connection


@pytest.mark.parametrize("view", CONTRACT)
def test_view_has_contract_columns_all_commented(conn, view):
    rows = conn.execute(text(
        "select a.attname, col_description(c.oid, a.attnum) as comment "
        "from pg_class c join pg_attribute a on a.attrelid = c.oid "
        "where c.oid = to_regclass(:v) and a.attnum > 0"), {"v": f"analytics.{view}"}).all()
    columns = {r.attname: r.comment for r in rows}
    assert set(CONTRACT[view]) <= set(columns)
    assert all(columns.values()), [c for c, comment in columns.items() if not comment]
    comment = conn.execute(text("select obj_description(to_regclass(:v), 'pg_class')"),
                           {"v": f"analytics.{view}"}).scalar()
    assert comment and "one row per" in comment.lower()


@pytest.mark.parametrize("view", GRAIN)
def test_grain_key_is_unique_and_not_null(conn, view):
    key = ", ".join(GRAIN[view])
    total, distinct, nulls = conn.execute(text(
        f"select count(*), count(distinct ({key})), count(*) filter (where not ({key}) is not null) "
        f"from analytics.{view}")).one()
    assert total > 0 and total == distinct and nulls == 0


@pytest.mark.parametrize("fact_type", FACT_VIEWS)
def test_source_count_counts_supporting_sources_and_every_fact_is_supported(conn, fact_type):
    """A source supports what it says: only citations with stance 'supports' count."""
    view, key = FACT_VIEWS[fact_type]
    rows = conn.execute(text(
        f"select v.{key}, v.source_count, (select count(distinct c.source_id) from analytics.citations c "
        f"where c.fact_type = :t and c.fact_id = v.{key} and c.stance = 'supports') as supporting "
        f"from analytics.{view} v"), {"t": fact_type}).all()
    assert rows and [r for r in rows if r.source_count != r.supporting] == []
    if fact_type not in MAY_BE_UNSOURCED:
        assert all(r.supporting >= 1 for r in rows), [r for r in rows if r.supporting < 1]


def test_facts_holds_every_fact_of_every_view_once_with_its_source_count(conn):
    """analytics.facts is the fact views side by side: the same ids, the same counts, and
    no kind of fact left out or added (example 11 reads it instead of counting)."""
    facts = {(r.fact_type, r.fact_id): r.source_count
             for r in conn.execute(text("select * from analytics.facts"))}
    expected = {}
    for fact_type, (view, key) in FACT_VIEWS.items():
        expected.update({(fact_type, r[0]): r[1] for r in conn.execute(text(
            f"select {key}, source_count from analytics.{view}"))})
    assert facts == expected
    assert {fact_type for fact_type, _ in facts} == set(FACT_VIEWS)


# The column of core.evidence that names a fact of each type.
EVIDENCE_COLUMN = {"visit": "visit_id", "visit_participant": "participant_id",
                   "meeting": "meeting_id", "statement": "statement_id",
                   "agreement": "agreement_id", "figure": "figure_id", "office_term": "term_id",
                   "person_name": "name_id", "activity": "activity_id"}


@pytest.mark.parametrize("fact_type", FACT_VIEWS)
def test_a_source_that_only_expects_a_fact_does_not_count(engine, fact_type):
    """One more source cites a fact: with stance 'expected' its source_count stays, with
    'supports' it grows by one. The seed data alone cannot tell these apart for every view
    (no article only expects a term in office), so the evidence is added here."""
    view, key = FACT_VIEWS[fact_type]
    column = EVIDENCE_COLUMN[fact_type]
    with engine.connect() as conn:
        fact_id, count, other = conn.execute(text(
            f"select v.{key}, v.source_count, (select s.source_id from analytics.sources s "
            f" where s.source_id not in (select c.source_id from analytics.citations c "
            f"  where c.fact_type = :t and c.fact_id = v.{key}) order by 1 limit 1) "
            f"from analytics.{view} v where v.source_count = 1 order by 1 limit 1"),
            {"t": fact_type}).one()
        counts = []
        for number, stance in enumerate(("expected", "supports")):
            conn.execute(text(
                f"insert into core.evidence (evidence_id, source_id, char_start, char_end, quote, "
                f"stance, quote_kind, {column}) select gen_random_uuid(), s.source_id, :n, "
                f":n + 1, substr(s.body, :n + 1, 1), :stance, :kind, :fact from core.source s "
                f"where s.source_id = :s"),
                {"n": number, "stance": stance, "fact": fact_id, "s": other,
                 "kind": "paraphrase" if fact_type == "statement" else None})
            counts.append(conn.execute(text(
                f"select source_count from analytics.{view} where {key} = :f"),
                {"f": fact_id}).scalar())
        conn.rollback()
    assert (count, counts) == (1, [1, 2])


def test_every_disagreement_shows_a_real_difference(conn):
    """Each row is a source that does not support the fact as stored, or a claim on an
    aspect that another source's claim on the same fact and aspect differs from (read from
    analytics.citations, not from the view's own window)."""
    rows = conn.execute(text(
        "select fact_type, fact_id, aspect, source_id, claim, quote, stance "
        "from analytics.disagreements")).all()
    assert rows
    for row in rows:
        if row.stance != "supports":
            continue
        others = conn.execute(text(
            "select claim from analytics.citations where fact_type = :t and fact_id = :f "
            "and aspect = :a"), {"t": row.fact_type, "f": row.fact_id, "a": row.aspect}
        ).scalars().all()
        assert set(others) - {row.claim}, row


def test_disagreements_are_the_ones_the_articles_hold(conn):
    from tests.test_examples import DISAGREEMENTS

    rows = conn.execute(text(
        "select fact_type, fact_id, aspect, source_id, claim, quote "
        "from analytics.disagreements")).all()
    assert sorted(map(tuple, rows)) == sorted(DISAGREEMENTS)


def test_every_source_that_does_not_support_a_fact_is_a_disagreement(conn):
    missing = conn.execute(text(
        "select c.fact_type, c.fact_id, c.source_id, c.stance from analytics.citations c "
        "where c.stance <> 'supports' and not exists (select from analytics.disagreements d "
        "where d.fact_type = c.fact_type and d.fact_id = c.fact_id "
        "and d.source_id = c.source_id and d.quote = c.quote)")).all()
    assert missing == []


def test_every_citation_quote_is_its_span(conn):
    assert conn.execute(text(
        "select count(*) from analytics.citations c join analytics.sources s using (source_id) "
        "where substr(s.body, c.char_start + 1, c.char_end - c.char_start) <> c.quote")).scalar() == 0


@pytest.mark.parametrize("view, column, allowed", [
    ("visits", "status", vocab.VISIT_STATUS), ("visit_participants", "role", vocab.PARTICIPANT_ROLE),
    ("meetings", "status", vocab.MEETING_STATUS), ("agreements", "kind", vocab.AGREEMENT_KIND),
    ("agreements", "status", vocab.AGREEMENT_STATUS),
    ("reported_figures", "qualifier", vocab.FIGURE_QUALIFIER),
    ("sources", "published_on_basis", vocab.BASIS), ("office_terms", "basis", vocab.BASIS),
    ("citations", "fact_type", vocab.FACT_TYPES)])
def test_accepted_values(conn, view, column, allowed):
    values = {r[0] for r in conn.execute(text(f"select distinct {column} from analytics.{view}"))}
    assert values and values <= set(allowed)


def test_country_codes_are_alpha3(conn):
    codes = {r[0] for r in conn.execute(text(
        "select visitor_country_code from analytics.visits union select host_country_code "
        "from analytics.visits union select country_code from analytics.persons"))}
    assert codes and all(re.fullmatch("[A-Z]{3}", c) for c in codes)


# (bridge view, its item columns, the view with the arrays, its key, the array columns):
# the bridge holds exactly the array elements, in long form.
BRIDGES = [
    ("statement_topics", ["topic_id"], "statements", "statement_id", ["topics"]),
    ("agreement_parties", ["country_code"], "agreements", "agreement_id", ["parties"]),
    ("agreement_subject_areas", ["subject_area_id"], "agreements", "agreement_id",
     ["subject_areas"]),
    ("meeting_participants", ["person_id", "person_name"], "meetings", "meeting_id",
     ["participant_ids", "participant_names"]),
    ("meeting_participants", ["group_description"], "meetings", "meeting_id",
     ["participant_groups"]),
]


@pytest.mark.parametrize("bridge, items, view, key, arrays", BRIDGES,
                         ids=[f"{b[0]}-{b[1][0]}" for b in BRIDGES])
def test_bridge_view_unfolds_the_array_columns(conn, bridge, items, view, key, arrays):
    unfolded = ", ".join(f"u.{item}" for item in items)
    from_arrays = conn.execute(text(
        f"select v.{key}, {unfolded} from analytics.{view} v "
        f"cross join lateral unnest({', '.join(f'v.{a}' for a in arrays)}) as u({', '.join(items)}) "
        f"order by 1, 2")).all()
    # A bridge row whose items are NULL is of another kind (a meeting's group, or person).
    from_bridge = conn.execute(text(
        f"select {key}, {', '.join(items)} from analytics.{bridge} "
        f"where {items[0]} is not null order by 1, 2")).all()
    assert from_bridge and from_bridge == from_arrays


def test_bridge_views_carry_labels_of_their_items(conn):
    assert conn.execute(text(
        "select topic_label from analytics.statement_topics where topic_id = 'railway'")
    ).scalars().all() == ["Railway link"]
    parties = conn.execute(text(
        "select distinct country_name from analytics.agreement_parties")).scalars().all()
    assert {"Iran", "Iraq"} <= set(parties)
    assert conn.execute(text(
        "select count(*) from analytics.meeting_participants mp join analytics.persons p "
        "using (person_id) where mp.person_name <> p.name or mp.country_code <> p.country_code")
    ).scalar() == 0


def test_about_describes_the_loaded_data(conn):
    from diplodb.migrate import head_revision
    from diplodb.paths import SEEDS_DIR
    from diplodb.seed.digest import seed_digest

    about = conn.execute(text("select * from analytics.about")).mappings().all()
    assert len(about) == 1
    row = about[0]
    assert row["data_version"] == yaml.safe_load((SEEDS_DIR / "dataset.yaml").read_text())["version"]
    assert row["seed_digest"] == seed_digest(SEEDS_DIR)
    assert row["schema_revision"] == head_revision()
    assert row["loaded_at"] is not None
    # Counted from the core tables, not from the views about reads nor the loader's summary:
    # the five articles, every piece of evidence, and every fact that is not a name variant
    # or a term in office.
    counts = conn.execute(text(
        "select (select count(*) from core.source), (select count(*) from core.evidence), "
        "(select count(*) from core.visit) + (select count(*) from core.visit_participant) "
        "+ (select count(*) from core.meeting) + (select count(*) from core.statement) "
        "+ (select count(*) from core.agreement) + (select count(*) from core.figure) "
        "+ (select count(*) from core.activity)")).one()
    assert (row["source_count"], row["citation_count"], row["fact_count"]) == tuple(counts)
    assert row["source_count"] == len(list((SEEDS_DIR / "articles").glob("*.txt"))) == 5
    # And the numbers `diplodb up` and `diplodb seed` print are these.
    from diplodb.seed.loader import check

    assert check(SEEDS_DIR).summary() == (f"{row['source_count']} sources, {row['fact_count']} "
                                          f"facts, {row['citation_count']} pieces of evidence")


def test_reader_reads_about_but_not_the_version_table(engine):
    with engine.connect() as conn:
        conn.execute(text("set role diplodb_reader"))
        assert conn.execute(text("select schema_revision from analytics.about")).scalar()
        with pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("select * from public.alembic_version"))
        conn.rollback()


def test_each_person_has_exactly_the_name_variants_the_articles_use(conn):
    """aliases: the canonical name and every variant of that person (tests/test_examples.py
    lists them from the articles), no one else's."""
    from tests.test_examples import NAME_VARIANTS

    expected: dict[str, set[str]] = {}
    for person, variant in NAME_VARIANTS:
        expected.setdefault(person, set()).add(variant)
    rows = conn.execute(text("select name, aliases from analytics.persons")).all()
    assert {name: set(aliases) for name, aliases in rows} == expected
    assert all(len(aliases) == len(set(aliases)) for _, aliases in rows)


def test_each_source_counts_its_own_claims(conn):
    rows = conn.execute(text(
        "select s.source_id, s.claim_count, (select count(*) from analytics.citations c "
        "where c.source_id = s.source_id) as cited from analytics.sources s")).all()
    assert len(rows) == 5 and all(r.claim_count == r.cited > 0 for r in rows), rows


def test_statement_renderings_are_the_statement_citations(conn):
    """One rendering per piece of evidence for a statement, and nothing else; the direct
    ones are those tests/test_seed_cross_file.py lists from the articles."""
    from collections import Counter

    from tests.test_seed_cross_file import QUOTED, QUOTED_RENDERINGS

    renderings = conn.execute(text(
        "select statement_id, source_id, quote, is_direct_quote, quote_kind, quoted_words "
        "from analytics.statement_renderings")).all()
    citations = conn.execute(text(
        "select fact_id, source_id, quote, is_direct_quote, quote_kind, quoted_words "
        "from analytics.citations where fact_type = 'statement'")).all()
    assert Counter(map(tuple, renderings)) == Counter(map(tuple, citations))
    assert Counter((r.statement_id, r.source_id, r.quote_kind) for r in renderings
                   if r.quote_kind != "paraphrase") == QUOTED_RENDERINGS
    # is_direct_quote is the v1 flag: the speaker's words in quotation marks.
    assert {(r.statement_id, r.source_id) for r in renderings if r.is_direct_quote} == QUOTED
    assert all((r.quoted_words is None) == (r.quote_kind == "paraphrase") for r in renderings)


def test_a_speaker_is_titled_by_the_office_held_on_the_day(engine):
    """speaker_office_title is the office held on said_on, not the latest one: give Rouhani
    a later office (in a transaction rolled back) and his 2020 statements keep 'President of
    Iran' (000: "Iran's President Hassan Rouhani")."""
    with engine.connect() as conn:
        conn.execute(text(
            "insert into core.office_term (term_id, office_id, person_id, start_date, "
            "start_precision, basis, reference_id) select 'rouhani-later', 'irq-planning-minister', "
            "'hassan-rouhani', date '2030-01-01', 'day', 'reference', reference_id "
            "from core.office_term where term_id = 'rouhani-president'"))
        titles = conn.execute(text(
            "select distinct speaker_office_title from analytics.statements "
            "where speaker_id = 'hassan-rouhani'")).scalars().all()
        conn.rollback()
    assert titles == ["President of Iran"]


def test_an_undated_trip_is_titled_by_the_office_held_when_first_reported(engine):
    """The Saudi trip has no date: the visitor's office is the one held on the publication
    day of the earliest source that reports it (000 and 001, 21 July 2020: Prime Minister
    of Iraq). Dated 2023 instead, those two reports would find Kadhimi out of office (his
    term ended in October 2022), whatever other articles say. The Washington plan is
    bounded (2020-07-21/2020-08-10), so its earliest day decides, whatever the reports'."""
    trips = ("kadhimi-saudi-arabia-2020-07", "kadhimi-united-states-2020")
    query = text("select visit_id, visitor_office_title from analytics.visits "
                 "where visit_id in :ids order by visit_id").bindparams(
        bindparam("ids", expanding=True))
    with engine.connect() as conn:
        as_reported = conn.execute(query, {"ids": trips}).all()
        conn.execute(text(
            "update core.source set published_on = date '2023-01-01' "
            "where source_id in ('afp-2020-07-21-kadhemi-tehran', "
            "'translated-2020-07-21-kazemi-tehran')"))
        redated = conn.execute(query, {"ids": trips}).all()
        conn.rollback()
    assert [tuple(r) for r in as_reported] == [(v, "Prime Minister of Iraq") for v in trips]
    assert [tuple(r) for r in redated] == [(trips[0], None), (trips[1], "Prime Minister of Iraq")]


@pytest.mark.parametrize("fact_type", FACT_VIEWS)
def test_source_count_follows_evidence_changed_and_removed(engine, fact_type):
    """source_count is kept by the database (a trigger on core.evidence): a supporting
    source whose evidence turns to 'disputes', or is deleted, no longer counts."""
    view, key = FACT_VIEWS[fact_type]
    column = EVIDENCE_COLUMN[fact_type]
    with engine.connect() as conn:
        fact_id, count = conn.execute(text(
            f"select {key}, source_count from analytics.{view} where source_count >= 1 "
            f"order by source_count desc, 1 limit 1")).one()
        source = conn.execute(text(
            f"select min(source_id) from core.evidence where {column} = :f "
            "and stance = 'supports'"), {"f": fact_id}).scalar()
        counts = []
        for change in (f"update core.evidence set stance = 'disputes' where {column} = :f "
                       "and source_id = :s",
                       f"delete from core.evidence where {column} = :f"):
            conn.execute(text(change), {"f": fact_id, "s": source})
            counts.append(conn.execute(text(
                f"select source_count from analytics.{view} where {key} = :f"),
                {"f": fact_id}).scalar())
        conn.rollback()
    assert counts == [count - 1, 0]
