"""Table locks with a bounded wait: a migration or a seed never hangs silently behind
another session.

Migrations and seeds serialise on an EXCLUSIVE lock of a table only the database owner
may lock (LOCK TABLE needs a write privilege on it, and the reader group has none; it
has no USAGE on schema core at all). Advisory locks would not do: any role can take
any advisory key and hold it forever. EXCLUSIVE conflicts with every write but not with
reads (ACCESS SHARE), so analysts keep reading while a seed or a migration waits.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from diplodb.errors import DiplodbError

MIGRATION_LOCK_TABLE = "public.alembic_version"
SEED_LOCK_TABLE = "core.seed_file"

_HOLDERS = text("""
    select l.pid, coalesce(a.usename, '?'),
           coalesce(nullif(a.application_name, ''), a.client_addr::text, 'local'),
           coalesce(to_char(a.xact_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'),
                    'an unknown time')
    from pg_locks l left join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'relation' and l.granted and l.relation = cast(:table as regclass)
      and l.mode in ('RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock',
                     'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock',
                     'AccessExclusiveLock')
      and l.pid <> pg_backend_pid()
    order by a.xact_start nulls last, l.pid
""")


def _holders(conn: Connection, table: str, *, since: bool) -> str:
    rows = conn.execute(_HOLDERS, {"table": table}).all()
    return "; ".join(f"pid {pid}, user {user}, {app}" + (f", since {start}" if since else "")
                     for pid, user, app, start in rows) or "another session"


def _try_lock(conn: Connection, table: str, timeout_ms: int) -> bool:
    """Take the lock, waiting at most ``timeout_ms`` (0: not at all); False if not."""
    import psycopg.errors
    import sqlalchemy.exc

    savepoint = conn.begin_nested()
    try:
        if timeout_ms:
            conn.execute(text("select set_config('lock_timeout', :ms, true)"),
                         {"ms": f"{timeout_ms}ms"})
        conn.execute(text(f"lock table {table} in exclusive mode{'' if timeout_ms else ' nowait'}"))
        if timeout_ms:
            conn.execute(text("select set_config('lock_timeout', '0', true)"))
    except sqlalchemy.exc.OperationalError as error:
        if not isinstance(error.orig, psycopg.errors.LockNotAvailable):
            raise
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def table_lock(conn: Connection, table: str, what: str, timeout: float) -> None:
    """Lock ``table`` in EXCLUSIVE mode for the rest of the transaction. When another
    session holds it, say so at once in one line on stderr (who, since when), then wait
    at most ``timeout`` s; else raise a one-line error naming who holds it."""
    if _try_lock(conn, table, 0):
        return
    from diplodb.embedded import note

    note(f"waiting up to {timeout:.0f} s for the {what} lock, held by "
         f"{_holders(conn, table, since=True)}")
    if _try_lock(conn, table, max(int(timeout * 1000), 1)):
        return
    raise DiplodbError(
        f"waited {timeout:.0f} s for the {what} lock, held by "
        f"{_holders(conn, table, since=False)}; "
        "try again when it is released (DIPLODB_LOCK_TIMEOUT sets the wait)")
