"""Errors a user is expected to meet; the CLI prints each as one line, exit 2."""

from __future__ import annotations

import re


# What Ctrl-C prints (exit 130): every write is one transaction, or a staging directory.
INTERRUPTED = "interrupted; nothing was written"


class DiplodbError(Exception):
    """An expected failure with a message fit for the user."""


def _first_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    # psycopg prefixes libpq's line with where it tried; keep what went wrong.
    return re.sub(r"^connection failed: ", "", text)


def explain(error: BaseException) -> str | None:
    """One line for an expected failure, or None for a bug (the traceback then shows)."""
    if isinstance(error, DiplodbError):
        return str(error)
    if isinstance(error, BrokenPipeError):
        return "the output was closed before everything was written"
    original = getattr(error, "orig", None) or error
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        psycopg = None
    if psycopg is not None and isinstance(original, psycopg.Error):
        return _explain_database(original, psycopg)
    if type(error).__name__ == "CommandError":  # alembic.util.CommandError
        return f"migration: {_first_line(error)}"
    if isinstance(error, OSError) and error.filename:
        return f"{error.strerror or _first_line(error)}: {error.filename}"
    import subprocess

    if isinstance(error, subprocess.TimeoutExpired):
        return f"{error.cmd[0] if error.cmd else 'a command'} did not finish in {error.timeout} s"
    return None


# SQLSTATE classes of a server that cannot go on, whatever the input: insufficient
# resources (53: disk full, out of memory), operator intervention (57: shutdown,
# cancel), system error (58), connection exception (08), transaction rollback (40:
# serialization failure, deadlock).
OPERATIONAL_CLASSES = ("53", "57", "58", "08", "40")


def database_error(error: BaseException):
    """The psycopg error behind ``error`` (itself, or SQLAlchemy's ``orig``), or None."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        return None
    for candidate in (error, getattr(error, "orig", None), error.__cause__):
        if isinstance(candidate, psycopg.Error):
            return candidate
    return None


def is_operational(error: BaseException) -> bool:
    """A failure of the server or the connection, not of the data sent (never blamed
    on a seed file, never retried)."""
    import psycopg

    found = database_error(error)
    if found is None:
        return False
    if found.sqlstate:
        return found.sqlstate[:2] in OPERATIONAL_CLASSES
    return isinstance(found, psycopg.OperationalError | psycopg.InterfaceError)


def _lost_connection(text: str) -> bool:
    return any(sign in text for sign in (
        "server closed the connection", "the connection is closed", "connection is lost",
        "terminating connection", "consuming input failed", "SSL SYSCALL error",
        "server conn crashed", "connection not open"))


def _explain_database(error, psycopg) -> str | None:
    text = _first_line(error)
    if error.sqlstate == "53100":
        return f"no space left on the database's disk: {text}"
    if error.sqlstate and error.sqlstate.startswith("53"):
        return f"the database server ran out of resources: {text}"
    if error.sqlstate in ("57P01", "57P02", "57P03") or (
            error.sqlstate is None and _lost_connection(text)):
        return (f"the server closed the connection (it was stopped, crashed or ran out of "
                f"disk; see its log): {text}")
    if isinstance(error, psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected):
        return f"the database gave up on a transaction that conflicted with another: {text}"
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return (f"permission denied: {text} (diplodb migrates and seeds as the owner of the "
                "database; see the README, 'Using an existing server')")
    if isinstance(error, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        return f"gave up waiting: {text}"
    if isinstance(error, psycopg.OperationalError):
        if "password authentication failed" in text:
            return f"wrong password: {text}"
        if "no password supplied" in text:
            return ("no password given: the server asks for one; put it in DATABASE_URL "
                    "or in ~/.pgpass")
        found = re.search(r'database "([^"]+)" does not exist', text)
        if found:
            return f"the database {found.group(1)} does not exist on that server; create it first"
        found = re.search(r'role "([^"]+)" does not exist', text)
        if found:
            return f"the role {found.group(1)} does not exist on that server"
        return f"cannot reach the database: {text}"
    return None
