"""The embedded cluster's roles and what PUBLIC may do there, set up and kept so by the
superuser at every ``up``.

PostgreSQL lets every role change its own password and its own session defaults
(``alter role analyst [in database …] set …``), and nothing can forbid it. So ``up``
compares the analyst login with what it should be (the password of credentials.json,
exactly the settings below, no per-database settings) and restores it, saying so in
one line. What a session may change with SET and what it may not is in the README
("What an analyst can and cannot change").

Kept free of SQLAlchemy: the no-op ``up`` checks the login with psycopg alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from psycopg import sql

from diplodb.config import (ANALYST_CONNECTION_LIMIT, ANALYST_ROLE, ANALYST_SETTINGS,
                            DATABASE_NAME, OWNER_ROLE)

# Functions PUBLIC may execute by default that write something that outlives a read-only
# session (large objects, WAL messages) or reach other sessions (notifications).
WRITING_FUNCTIONS = ("lo_creat", "lo_create", "lo_from_bytea", "lo_import", "lo_put",
                     "lowrite", "lo_truncate", "lo_truncate64", "lo_unlink",
                     "pg_logical_emit_message", "pg_notify")


def scram_matches(verifier: str | None, password: str) -> bool:
    """Whether ``password`` is the one a SCRAM-SHA-256 verifier of pg_authid was made from."""
    try:
        method, rest = (verifier or "").split("$", 1)
        iterations_salt, keys = rest.split("$", 1)
        iterations, salt = iterations_salt.split(":", 1)
        stored_key, server_key = keys.split(":", 1)
        if method != "SCRAM-SHA-256":
            return False
        salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt),
                                     int(iterations))
    except ValueError:
        return False
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    server = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return (hmac.compare_digest(base64.b64encode(hashlib.sha256(client_key).digest()).decode(),
                                stored_key)
            and hmac.compare_digest(base64.b64encode(server).decode(), server_key))


def _settings(entries) -> dict[str, str]:
    return dict(item.split("=", 1) for item in entries or [])


def analyst_drift(conn, password: str) -> list[str]:
    """What differs in the analyst login from what ``up`` gives it (empty: nothing),
    read as the superuser: e.g. ['password', 'statement_timeout in database diplodb']."""
    row = conn.execute("select oid, rolpassword, rolconnlimit from pg_authid "
                       "where rolname = %s", (ANALYST_ROLE,)).fetchone()
    if row is None:
        return ["the role is missing"]
    oid, verifier, limit = row
    drift = [] if scram_matches(verifier, password) else ["password"]
    if limit != ANALYST_CONNECTION_LIMIT:
        drift.append("connection limit")
    for database, entries in conn.execute(
            "select coalesce(d.datname, ''), s.setconfig from pg_db_role_setting s "
            "left join pg_database d on d.oid = s.setdatabase where s.setrole = %s "
            "order by 1", (oid,)):
        found = _settings(entries)
        if database:
            drift.extend(f"{name} in database {database}" for name in sorted(found))
            continue
        drift.extend(name for name in sorted(set(found) | set(ANALYST_SETTINGS))
                     if found.get(name) != ANALYST_SETTINGS.get(name))
    if conn.execute("select not exists (select from pg_db_role_setting s "
                    "where s.setrole = %s and s.setdatabase = 0)", (oid,)).fetchone()[0]:
        drift.extend(name for name in ANALYST_SETTINGS if name not in drift)
    return drift


def repair_analyst(conn, password: str) -> list[str]:
    """Give the analyst login its password, connection limit and exactly its settings
    (none per database); returns what had to change (see ``analyst_drift``)."""
    drift = analyst_drift(conn, password)
    if not drift:
        return []
    analyst = sql.Identifier(ANALYST_ROLE)
    conn.execute(sql.SQL("alter role {} login password {} connection limit {}").format(
        analyst, sql.Literal(password), sql.Literal(ANALYST_CONNECTION_LIMIT)))
    for (database,) in conn.execute(
            "select d.datname from pg_db_role_setting s join pg_database d "
            "on d.oid = s.setdatabase join pg_roles r on r.oid = s.setrole "
            "where r.rolname = %s", (ANALYST_ROLE,)).fetchall():
        conn.execute(sql.SQL("alter role {} in database {} reset all").format(
            analyst, sql.Identifier(database)))
    conn.execute(sql.SQL("alter role {} reset all").format(analyst))
    for name, value in ANALYST_SETTINGS.items():
        conn.execute(sql.SQL("alter role {} set {} = {}").format(
            analyst, sql.Identifier(name), sql.Literal(value)))
    return drift


def ensure_roles(conn, owner_password: str, analyst_password: str, reader_group: str,
                 reset_passwords: bool) -> list[str]:
    """The owner, the reader group and the analyst login exist, the analyst in the group
    and as it should be; returns what had to be restored on the analyst login."""
    owner, analyst, group = (sql.Identifier(n) for n in (OWNER_ROLE, ANALYST_ROLE, reader_group))
    existing = {row[0] for row in conn.execute(
        "select rolname from pg_roles where rolname = any(%s)",
        ([OWNER_ROLE, reader_group, ANALYST_ROLE],))}
    for role, password in ((OWNER_ROLE, owner_password), (ANALYST_ROLE, analyst_password)):
        verb = "alter" if role in existing else "create"
        if verb == "create" or reset_passwords:
            conn.execute(sql.SQL("{} role {} login password {}").format(
                sql.SQL(verb), sql.Identifier(role), sql.Literal(password)))
    if reader_group not in existing:
        conn.execute(sql.SQL("create role {} nologin").format(group))
    conn.execute(sql.SQL("grant {} to {}").format(group, analyst))
    conn.execute(sql.SQL("grant pg_use_reserved_connections to {}").format(owner))
    repaired = repair_analyst(conn, analyst_password)
    # Just created or given a new password file: nothing to report.
    return [] if ANALYST_ROLE not in existing or reset_passwords else repaired


def revoke_from_public(connect) -> None:
    """In the embedded cluster: PUBLIC connects to diplodb only (not to postgres or
    template1), and executes none of WRITING_FUNCTIONS in any of the three (template1's
    revokes are copied into every database created later). ``connect(dbname)`` gives a
    superuser connection."""
    with connect("postgres") as conn:
        for database in ("postgres", "template1"):
            conn.execute(sql.SQL("revoke connect, temporary on database {} from public").format(
                sql.Identifier(database)))
        databases = [DATABASE_NAME] if conn.execute(
            "select 1 from pg_database where datname = %s", (DATABASE_NAME,)).fetchone() else []
    for database in ("template1", "postgres", *databases):
        with connect(database) as conn:
            functions = [row[0] for row in conn.execute(
                "select p.oid::regprocedure::text from pg_proc p "
                "where p.pronamespace = 'pg_catalog'::regnamespace and p.proname = any(%s) "
                "and has_function_privilege('public', p.oid, 'execute')",
                (list(WRITING_FUNCTIONS),))]
            if functions:
                conn.execute(f"revoke execute on function {', '.join(functions)} from public")


def repair_reader_logins(conn, reader_group: str) -> None:
    """On any server, at each migration: a login of the reader group that gave itself
    settings in this database (which win over the role-wide limits its administrator
    set) has them reset when this role may (CREATEROLE with ADMIN on it, or superuser),
    else the administrator is told, in one line, what to run."""
    from diplodb.embedded import note

    rows = conn.execute(
        "select r.rolname, s.setconfig, pg_has_role(r.oid, 'USAGE WITH ADMIN OPTION') "
        "and (select rolcreaterole or rolsuper from pg_roles where rolname = current_user) "
        "from pg_db_role_setting s join pg_roles r on r.oid = s.setrole "
        "join pg_database d on d.oid = s.setdatabase "
        "where d.datname = current_database() and r.rolcanlogin "
        "and r.rolname <> current_user "
        "and pg_has_role(r.oid, (select oid from pg_roles where rolname = %s), 'member') "
        "order by 1", (reader_group,)).fetchall()
    reset, left = [], []
    for role, entries, may in rows:
        described = f"{role} ({', '.join(sorted(_settings(entries)))})"
        if may:
            conn.execute(sql.SQL("alter role {} in database {} reset all").format(
                sql.Identifier(role), sql.Identifier(conn.info.dbname)))
            reset.append(described)
        else:
            left.append(role)
    if reset:
        note(f"reset the settings that reader logins had given themselves in this database: "
             f"{'; '.join(reset)}")
    if left:
        resets = "; ".join(sql.SQL("alter role {} in database {} reset all").format(
            sql.Identifier(role), sql.Identifier(conn.info.dbname)).as_string(conn)
            for role in left)
        note(f"reader logins {', '.join(left)} have settings of their own in this database, "
             f"which override their limits; an administrator runs: {resets}")
