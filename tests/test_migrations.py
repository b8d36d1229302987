"""Migrations: one head, a full round trip, and models that match the migrations."""

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from diplodb.migrate import alembic_config, head_revision, upgrade


def test_single_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1


def test_head_read_without_alembic_is_alembics_head():
    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    from diplodb.state import revision_graph

    assert revision_graph() == {s.revision: s.down_revision for s in scripts.walk_revisions()}


def test_round_trip_and_models_match(make_database):
    url = make_database()
    engine = create_engine(url)
    try:
        assert upgrade(url) == head_revision()
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with engine.connect() as conn:
            assert inspect(conn).get_table_names(schema="core") == []
            assert not conn.execute(text(
                "select exists (select from pg_namespace where nspname = 'analytics')")).scalar()
        assert upgrade(url) == head_revision()
        with engine.begin() as conn:
            # Raises when the models and the migrated schema differ (alembic check).
            command.check(alembic_config(conn))
    finally:
        engine.dispose()


def test_view_snapshot_of_head_matches_queries():
    """queries/views/ is the live definition; the head revision's snapshot must equal it,
    so that a change to a view is shipped as a new revision."""
    from diplodb.paths import MIGRATIONS_DIR, VIEWS_DIR

    live = {p.name: p.read_text() for p in VIEWS_DIR.glob("*.sql")}
    snapshots = sorted((MIGRATIONS_DIR / "sql").iterdir())
    frozen = {p.name: p.read_text() for p in snapshots[-1].glob("*.sql")}
    assert live == frozen
