"""Advisory locks with a bounded wait: a migration or a seed never hangs silently behind
another session (another deploy, or an analyst who took the lock by hand)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from diplodb.errors import DiplodbError

MIGRATION_LOCK_KEY = 0xD1B1_0001
SEED_LOCK_KEY = 0x5EED_D1B1

_HOLDERS = text("""
    select a.pid, a.usename, coalesce(nullif(a.application_name, ''), a.client_addr::text, 'local')
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
      and l.classid::text::bigint = :high and l.objid::text::bigint = :low
""")


def advisory_xact_lock(conn: Connection, key: int, what: str, timeout: float) -> None:
    """Take the transaction-level advisory lock ``key``, waiting at most ``timeout`` s;
    else raise a one-line error naming who holds it."""
    import psycopg.errors
    import sqlalchemy.exc

    savepoint = conn.begin_nested()
    try:
        conn.execute(text("select set_config('lock_timeout', :ms, true)"),
                     {"ms": f"{int(timeout * 1000)}ms"})
        conn.execute(text("select pg_advisory_xact_lock(:key)"), {"key": key})
        conn.execute(text("select set_config('lock_timeout', '0', true)"))
    except sqlalchemy.exc.OperationalError as error:
        if not isinstance(error.orig, psycopg.errors.LockNotAvailable):
            raise
        savepoint.rollback()
        holders = conn.execute(_HOLDERS, {"high": key >> 32, "low": key & 0xFFFF_FFFF}).all()
        who = "; ".join(f"pid {pid}, user {user}, {app}" for pid, user, app in holders)
        raise DiplodbError(
            f"waited {timeout:.0f} s for the {what} lock, held by {who or 'another session'}; "
            "try again when it is released (DIPLODB_LOCK_TIMEOUT sets the wait)") from None
    savepoint.commit()
