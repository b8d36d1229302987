"""Each typical filter on a view (by person, by date range, by visit, full text) has an
index-backed plan, so the views stay fast as the corpus grows. Plans are checked with
whole-table scans (sequential, and full index scans) switched off: on a corpus this small
PostgreSQL rightly prefers them."""

import pytest
from sqlalchemy import text

from tests.plans import TYPICAL_FILTERS, plan_use


@pytest.fixture(scope="module")
def analyzed(engine):
    """Fresh statistics, so that autovacuum cannot change the plans mid-run."""
    with engine.connect() as connection:
        connection.execute(text("analyze"))
        connection.commit()


@pytest.fixture
def conn(engine, analyzed):
    with engine.connect() as connection:
        yield connection
        connection.rollback()


def test_every_contract_view_has_a_typical_filter(conn):
    views = set(conn.execute(text(
        "select table_name from information_schema.views where table_schema = 'analytics' "
        # event_contexts and dyad_years are read whole (a context or a panel): their rows
        # are computed from every event, so no index can serve a filter on them
        "and table_name not in ('disagreements', 'about', 'event_contexts', 'dyad_years')"
    )).scalars())
    assert views == {view for view, *_ in TYPICAL_FILTERS}


@pytest.mark.parametrize(("view", "kind", "sql", "index"), TYPICAL_FILTERS,
                         ids=[f"{v}-{k.replace(' ', '-')}" for v, k, *_ in TYPICAL_FILTERS])
def test_typical_filter_is_served_by_an_index(conn, view, kind, sql, index):
    rows = conn.execute(text(f"select count(*) from ({sql}) q")).scalar()
    assert rows > 0, "the example filter should find something in the corpus"
    use = plan_use(conn, sql, whole_scans=False)
    assert index in use.indexes, f"{view} {kind}: expected {index}, plan used {use.indexes}"
    assert not use.seq_scans, f"{view} {kind}: scans whole tables {use.seq_scans}"


# A query that reads none of a view's looked-up columns must not look them up: the office
# held on the day (visits, statements) and the participants (meetings) come from joins
# PostgreSQL leaves out when nothing reads them (revision 0020). The timeline reads none.
UNREAD_LOOKUPS = [
    ("select * from analytics.timeline", {"core.office_term", "core.meeting_participant"}),
    ("select visit_id, visitor_name, start_edtf from analytics.visits", {"core.office_term"}),
    ("select statement_id, speaker_name, text from analytics.statements",
     {"core.office_term"}),
    ("select meeting_id, summary, held_edtf from analytics.meetings",
     {"core.meeting_participant"}),
]


@pytest.mark.parametrize(("sql", "unread"), UNREAD_LOOKUPS, ids=[
    "timeline", "visits", "statements", "meetings"])
def test_unread_lookups_are_left_out_of_the_plan(conn, sql, unread):
    use = plan_use(conn, sql)
    assert not use.relations & unread, f"{sql}: reads {sorted(use.relations & unread)}"


def test_read_lookups_are_in_the_plan(conn):
    """The other side: the columns that need them still read them."""
    for sql, table in (
            ("select visitor_office_title from analytics.visits", "core.office_term"),
            ("select level from analytics.visits", "core.office_term"),
            ("select speaker_office_title from analytics.statements", "core.office_term"),
            ("select participant_names from analytics.meetings", "core.meeting_participant")):
        assert table in plan_use(conn, sql).relations, sql
