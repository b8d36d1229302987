"""The analyst contract: every view and column, documented; keys unique; counts
consistent; vocabularies closed; and every example query answers its question."""

import re

import pytest
import yaml
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from diplodb import vocab
from diplodb.paths import EXAMPLES_DIR
from diplodb.views import GRAIN

# The columns of each view (its grain key: diplodb.views.GRAIN).
CONTRACT = {
    "persons": ["person_id", "name", "country_code", "aliases"],
    "person_names": ["name_id", "person_id", "name", "source_count"],
    "office_terms": ["term_id", "person_id", "person_name", "office_id", "office_title",
                     "country_code", "term_start", "term_end", "start_precision",
                     "end_precision", "basis", "term"],
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
}
FACT_VIEWS = {"visit": ("visits", "visit_id"), "visit_participant": ("visit_participants", "participant_id"),
              "meeting": ("meetings", "meeting_id"), "statement": ("statements", "statement_id"),
              "agreement": ("agreements", "agreement_id"), "figure": ("reported_figures", "figure_id"),
              "person_name": ("person_names", "name_id")}


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
    assert all(r.source_count == r.supporting for r in rows)
    if fact_type != "person_name":
        assert all(r.supporting >= 1 for r in rows), [r for r in rows if r.supporting < 1]


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
]


@pytest.mark.parametrize("bridge, items, view, key, arrays", BRIDGES, ids=[b[0] for b in BRIDGES])
def test_bridge_view_unfolds_the_array_columns(conn, bridge, items, view, key, arrays):
    unfolded = ", ".join(f"u.{item}" for item in items)
    from_arrays = conn.execute(text(
        f"select v.{key}, {unfolded} from analytics.{view} v "
        f"cross join lateral unnest({', '.join(f'v.{a}' for a in arrays)}) as u({', '.join(items)}) "
        f"order by 1, 2")).all()
    from_bridge = conn.execute(text(
        f"select {key}, {', '.join(items)} from analytics.{bridge} order by 1, 2")).all()
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
    from diplodb.seed.loader import check

    about = conn.execute(text("select * from analytics.about")).mappings().all()
    assert len(about) == 1
    row = about[0]
    assert row["data_version"] == yaml.safe_load((SEEDS_DIR / "dataset.yaml").read_text())["version"]
    assert row["seed_digest"] == seed_digest(SEEDS_DIR)
    assert row["schema_revision"] == head_revision()
    assert row["loaded_at"] is not None
    counts = conn.execute(text(
        "select (select count(*) from analytics.sources), (select count(*) from analytics.citations), "
        "(select count(distinct (fact_type, fact_id)) from analytics.citations "
        " where fact_type not in ('office_term', 'person_name'))")).one()
    assert (row["source_count"], row["citation_count"], row["fact_count"]) == tuple(counts)
    # The same numbers `diplodb up` and `diplodb seed` report.
    assert check(SEEDS_DIR).summary() == (f"{row['source_count']} sources, {row['fact_count']} "
                                          f"facts, {row['citation_count']} pieces of evidence")


def test_reader_reads_about_but_not_the_version_table(engine):
    with engine.connect() as conn:
        conn.execute(text("set role diplodb_reader"))
        assert conn.execute(text("select schema_revision from analytics.about")).scalar()
        with pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("select * from public.alembic_version"))
        conn.rollback()


EXAMPLES = sorted(EXAMPLES_DIR.glob("*.sql"))


def test_one_example_per_research_question():
    numbers = [int(p.name[:2]) for p in EXAMPLES]
    assert numbers == list(range(1, 16))
    assert all(p.read_text().startswith(f"-- Q{n}: ") for n, p in zip(numbers, EXAMPLES))


# Facts read from the articles, one check per question.
EXPECTED = {
    1: lambda rows: {r["visit_id"] for r in rows} == {"zarif-iraq-2020-07", "kadhimi-iran-2020-07",
                                                       "rashid-iran-2023-04", "pezeshkian-iraq-2024-09"}
        and {r["visitor_office_title"] for r in rows} >= {"Prime Minister of Iraq", "President of Iran"},
    2: lambda rows: {r["visitor_name"] for r in rows} == {"Mustafa Al-Kadhimi", "Masoud Pezeshkian"},
    3: lambda rows: {(r["host_country_code"], r["status"]) for r in rows} == {("SAU", "postponed"),
                                                                              ("USA", "planned")},
    4: lambda rows: {r["visit_id"]: r["iran_president"] for r in rows}
        == {"kadhimi-iran-2020-07": "Hassan Rouhani", "rashid-iran-2023-04": "Ebrahim Raisi"},
    5: lambda rows: {"Al-Kazemi", "Al-Kazimi", "Kadhemi", "al-Kadhimi"}
        <= {r["variant"] for r in rows if r["person"] == "Mustafa Al-Kadhimi"},
    6: lambda rows: {r["member"] for r in rows if r["single_source"]}
        >= {"Minister of Planning of Iraq", "Minister of Oil of Iraq", "Minister of Defence of Iraq"},
    7: lambda rows: any(r["visitor_name"] == "Masoud Pezeshkian" and r["met"] == ["Mohammed Shia' al-Sudani"]
                        for r in rows),
    8: lambda rows: any("turning point" in r["text"] for r in rows)
        and any(r["source_count"] == 2 and "$20 billion" in r["text"] for r in rows),
    9: lambda rows: any(r["instrument_count"] == 14 and r["visit_id"] == "pezeshkian-iraq-2024-09" for r in rows),
    10: lambda rows: [r["qualifier"] for r in rows] == ["target", "over"],
    11: lambda rows: {"single source", "several sources"} == {r["support"] for r in rows},
    12: lambda rows: {r["aspect"] for r in rows} >= {"delegation", "status"},
    13: lambda rows: [r["happened_on"] for r in rows] == sorted(r["happened_on"] for r in rows)
        and rows[0]["happened_on"].year == 2020 and rows[-1]["happened_on"].year == 2024,
    14: lambda rows: [r["statement_id"] for r in rows] == ["rouhani-2020-07-21-railway"],
    15: lambda rows: rows and all("Pezeshkian" in r["quote"] or "three-day" in r["quote"] for r in rows),
}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_answers_its_question(conn, path):
    rows = conn.execute(text(path.read_text())).mappings().all()
    assert EXPECTED[int(path.name[:2])](rows), rows
