"""The committed data dictionary is what `diplodb docs` writes from the catalog."""

import os
import subprocess
import sys

from diplodb.docs import build, default_path
from diplodb.urls import libpq_url


def test_committed_data_dictionary_is_current(seeded_url):
    expected = build(seeded_url)
    committed = default_path().read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/data-dictionary.md is out of date: run 'diplodb docs' and commit it")


def test_dictionary_documents_every_view_column_and_draws_core_tables(seeded_url, engine):
    content = build(seeded_url)
    assert "*(no comment)*" not in content
    with engine.connect() as conn:
        views = conn.exec_driver_sql(
            "select table_name from information_schema.views "
            "where table_schema = 'analytics'").scalars().all()
        columns = conn.exec_driver_sql(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'analytics'").all()
    assert len(views) >= 12
    for view in views:
        assert f"### analytics.{view}\n" in content
    for view, column in columns:
        section = content.split(f"### analytics.{view}\n", 1)[1].split("\n### ", 1)[0]
        assert f"| `{column}` |" in section, (view, column)
    diagram = content.split("```mermaid\nerDiagram\n", 1)[1].split("```", 1)[0]
    assert 'person ||--o{ office_term : "person_id"' in diagram
    assert 'source ||--o{ evidence : "source_id"' in diagram


def test_docs_check_fails_on_a_stale_file(seeded_url, tmp_path):
    target = tmp_path / "dictionary.md"
    env = dict(os.environ, DATABASE_URL=libpq_url(seeded_url, show_password=True))

    def docs(*args):
        return subprocess.run([sys.executable, "-m", "diplodb.cli", "docs", "--output",
                               str(target), *args], env=env, capture_output=True, text=True)

    assert docs().returncode == 0
    assert docs("--check").returncode == 0
    target.write_text(target.read_text() + "stale\n")
    stale = docs("--check")
    assert stale.returncode == 2 and "out of date" in stale.stderr


def test_docs_refuses_an_unmigrated_database_and_writes_nothing(make_database, tmp_path):
    from tests.test_production import cli, one_line_failure

    target = tmp_path / "dictionary.md"
    env = {"DATABASE_URL": libpq_url(make_database(), show_password=True)}
    assert "not migrated" in one_line_failure(cli("docs", "--output", str(target), env=env))
    assert not target.exists()


def test_dictionary_names_the_configured_reader_group(seeded_url):
    assert "readable by `staging_readers`." in build(seeded_url, "staging_readers")
    assert "diplodb_reader" not in build(seeded_url, "staging_readers").split("## Core", 1)[0]
