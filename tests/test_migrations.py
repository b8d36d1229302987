"""Migrations: one head, a full round trip, and models that match the migrations."""

import re
import subprocess

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from diplodb.embedded import install_dir
from diplodb.migrate import alembic_config, head_revision, render_new_database_script, upgrade
from diplodb.urls import libpq_url
from diplodb.paths import VIEWS_DIR


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


def _schema(url) -> str:
    """pg_dump's schema-only text, without its per-run \\restrict key and without the
    per-database column stamps (``SET (pg_attver=N)``) some servers add."""
    dump = subprocess.run([str(install_dir() / "bin" / "pg_dump"), "--schema-only",
                           "--dbname", libpq_url(url)], capture_output=True, text=True, check=True)
    return "\n".join(line for line in dump.stdout.splitlines()
                     if not line.startswith(("\\restrict", "\\unrestrict"))
                     and "(pg_attver=" not in line)


def test_new_database_script_builds_what_the_migrations_build(make_database):
    """`diplodb up` on a new cluster runs the migrations' offline-rendered SQL in one go;
    the schema, grants, comments and alembic_version must be those of a step-by-step
    upgrade, or the shortcut would fork the schema."""
    stepwise, scripted = make_database(), make_database()
    assert upgrade(stepwise) == head_revision()
    script = render_new_database_script()
    assert "-- Running upgrade" in script and "create view analytics." in script.lower()
    assert upgrade(scripted, new_database_script=script) == head_revision()
    assert _schema(scripted) == _schema(stepwise)
    # Not on a database that is not empty: there the migrations run one by one.
    assert upgrade(scripted, new_database_script="select 1/0") == head_revision()


CREATE_VIEW = re.compile(r"^create (?:or replace )?view analytics\.(\w+)\b", re.MULTILINE)


def _view_files() -> dict[str, str]:
    return {p.stem: p.read_text() for p in sorted(VIEWS_DIR.glob("*.sql"))}


def _in_dependency_order(files: dict[str, str]) -> list[str]:
    """View names ordered so that each comes after the analytics views its definition
    (the create statement, not its comments) reads."""
    reads = {name: set(re.findall(r"\banalytics\.(\w+)", sql.split(";", 1)[0])) - {name}
             for name, sql in files.items()}
    ordered: list[str] = []
    while len(ordered) < len(files):
        ready = sorted(n for n in files if n not in ordered and reads[n] <= set(ordered))
        assert ready, f"views read each other in a cycle or read unknown views: {reads}"
        ordered += ready
    return ordered


def test_every_view_file_defines_one_view_named_after_it():
    """queries/views/<view>.sql and every frozen migrations/sql/<rev>/<view>.sql create
    exactly the view they are named after; each frozen folder belongs to a revision, and
    no revision reads the live queries/views/ (a later edit there must not change it)."""
    from diplodb.state import revision_graph
    from diplodb.paths import MIGRATIONS_DIR

    files = [*sorted(VIEWS_DIR.glob("*.sql")), *sorted((MIGRATIONS_DIR / "sql").glob("*/*.sql"))]
    assert len(files) >= 18
    for path in files:
        assert CREATE_VIEW.findall(path.read_text()) == [path.stem], path
    assert {p.name for p in (MIGRATIONS_DIR / "sql").iterdir()} <= set(revision_graph())
    for revision in (MIGRATIONS_DIR / "versions").glob("*.py"):
        assert not re.search(r"VIEWS_DIR|QUERIES_DIR|[\"']queries[\"'/]", revision.read_text()), \
            revision.name


VIEW_STATE_SQL = """
select c.relname, pg_get_viewdef(c.oid, true), obj_description(c.oid, 'pg_class'),
       coalesce(c.reloptions, '{}')::text[],
       has_table_privilege('diplodb_reader', c.oid, 'select'),
       array(select a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ': '
                    || coalesce(col_description(c.oid, a.attnum), '')
             from pg_attribute a where a.attrelid = c.oid and a.attnum > 0
             order by a.attnum)::text[]
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = 'analytics' and c.relkind in ('v', 'm')
 order by c.relname
"""


def test_database_at_head_has_exactly_the_view_files(make_database):
    """The views the revisions build (up to head) are the definitions in queries/views/:
    same views, same SQL (as PostgreSQL normalises it), columns, types, comments, options
    and reader grant. Editing a view file without a revision, or a revision without the
    file, fails here."""
    url = make_database()
    upgrade(url)
    engine = create_engine(url)
    files = _view_files()
    try:
        with engine.connect() as conn:
            migrated = {row[0]: tuple(row[1:]) for row in conn.execute(text(VIEW_STATE_SQL))}
            assert set(migrated) == set(files), "a view without a file, or a file without a view"
            for view in files:
                conn.execute(text(f"drop view if exists analytics.{view} cascade"))
            for view in _in_dependency_order(files):
                conn.exec_driver_sql(files[view])
            from_files = {row[0]: tuple(row[1:]) for row in conn.execute(text(VIEW_STATE_SQL))}
            conn.rollback()
    finally:
        engine.dispose()
    for view in files:
        assert migrated[view] == from_files[view], (
            f"analytics.{view} at head differs from queries/views/{view}.sql: "
            "ship the change as a new revision (see migrations/README.md)")
