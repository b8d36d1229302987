"""The no-op path of ``diplodb up`` and ``diplodb seed``.

When the database already stands at the head revision and holds exactly the current seed
files, there is nothing to do, and saying so should not cost the second or more that
importing SQLAlchemy, Alembic and the seed validator takes. This path reads the revision
and the loaded seed digest with psycopg alone and compares them with what the checkout
holds. Anything unexpected (server not running, no credentials, a connection error, a
different revision or digest) returns None, and the caller takes the full path, which
does the work or reports the problem properly.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from diplodb.seed.digest import seed_digest
from diplodb.paths import MIGRATIONS_DIR
from diplodb.settings import ANALYST_ROLE, OWNER_ROLE, embedded_settings

_REVISION = re.compile(r"^revision(?:: str)? = ['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:: [^=]+)? = ['\"]([^'\"]+)['\"]", re.MULTILINE)
_SQLALCHEMY_SCHEME = re.compile(r"^postgres(?:ql)?(?:\+psycopg)?://")


def head_revision_from_files(versions_dir: Path = MIGRATIONS_DIR / "versions") -> str | None:
    """The single head of the revision files, read without Alembic; None if unclear."""
    revisions, parents = set(), set()
    for path in versions_dir.glob("*.py"):
        source = path.read_text()
        found = _REVISION.search(source)
        if found is None:
            return None
        revisions.add(found.group(1))
        parents.update(_DOWN_REVISION.findall(source))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _loaded_state(conninfo: str) -> tuple[str | None, str | None] | None:
    """(revision, seed digest) of the database, or None if it cannot be read."""
    import psycopg

    try:
        with psycopg.connect(conninfo, connect_timeout=5) as conn:
            found = conn.execute(
                "select to_regclass('public.alembic_version') is not null, "
                "to_regclass('core.seed_state') is not null").fetchone()
            if not (found and all(found)):
                return None
            revision = conn.execute("select version_num from public.alembic_version").fetchone()
            digest = conn.execute("select digest from core.seed_state").fetchone()
            return (revision[0] if revision else None, digest[0] if digest else None)
    except psycopg.Error:
        return None


def _is_current(conninfo: str, seeds_dir: Path, *, need_head: bool) -> str | None:
    """The head revision when the database is at it (or need_head is False) and holds
    ``seeds_dir`` as loaded; else None."""
    head = head_revision_from_files()
    state = _loaded_state(conninfo)
    if head is None or state is None:
        return None
    revision, digest = state
    if (need_head and revision != head) or digest != seed_digest(seeds_dir):
        return None
    return revision


def _external_conninfo() -> str | None:
    raw = os.environ.get("DATABASE_URL")
    if not raw or not _SQLALCHEMY_SCHEME.match(raw):
        return None
    return _SQLALCHEMY_SCHEME.sub("postgresql://", raw, count=1)


def _mask(url: str) -> str:
    return re.sub(r"^(postgresql://[^:/@]+):[^@]*@", r"\1:***@", url)


def _embedded_urls() -> tuple[str, str, str] | None:
    """(owner URL, analyst URL, where) of the running embedded server, or None."""
    from diplodb.embedded import Credentials, EmbeddedServer

    settings = embedded_settings()
    server = EmbeddedServer(settings)
    if server.running_pid() is None or server.running_port() != settings.port:
        return None
    try:
        creds = Credentials.load(settings.credentials_file)
    except (OSError, ValueError, KeyError):
        return None
    return (server.conninfo(OWNER_ROLE, creds), server.conninfo(ANALYST_ROLE, creds),
            f"data in {settings.home}")


def ready_line_if_current(seeds_dir: Path, *, show_password: bool) -> str | None:
    """``diplodb up``'s line when there is nothing to do, else None."""
    external = _external_conninfo()
    if external is not None:
        owner, shown, where = external, external, "DATABASE_URL"
    elif os.environ.get("DATABASE_URL"):
        return None
    else:
        urls = _embedded_urls()
        if urls is None:
            return None
        owner, shown, where = urls
    revision = _is_current(owner, seeds_dir, need_head=True)
    if revision is None:
        return None
    shown = shown if show_password else _mask(shown)
    return (f"diplodb ready: {shown} ({where}; revision {revision}; "
            "seed data unchanged, nothing written)")


def seed_is_current(seeds_dir: Path) -> bool:
    """True when the target database already holds ``seeds_dir`` exactly."""
    external = _external_conninfo()
    if external is None:
        if os.environ.get("DATABASE_URL"):
            return False
        urls = _embedded_urls()
        if urls is None:
            return False
        external = urls[0]
    return _is_current(external, seeds_dir, need_head=False) is not None
