"""Catalog look-ups: every relation the project owns."""

from sqlalchemy import text


def all_relations(conn) -> list[tuple[str, str]]:
    """(qualified name, first column) of every table and view in core and analytics."""
    rows = conn.execute(text(
        "select n.nspname || '.' || c.relname, (select a.attname from pg_attribute a "
        "where a.attrelid = c.oid and a.attnum = 1) from pg_class c "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname in ('core', 'analytics') and c.relkind in ('r', 'v') order by 1"))
    return [(r[0], r[1]) for r in rows]
