"""The fingerprint of a seed directory, kept free of heavy imports: the no-op path of
``diplodb up`` and ``diplodb seed`` compares it with the loaded one before anything else.
A directory holding a symbolic link, a special file or an oversized file is refused
here, before any file is read (``files.listed_files``).

Every file is hashed at most once per command, and not at all while its stat key (size,
modification and change times, inode) is the one core.seed_file recorded when it was
last hashed, as git's index does. A file changed less than ``RACY_NS`` before the scan
gets no stat key (a later change within the clock's resolution could keep all four the
same), so it is hashed again by the next command. ``diplodb seed --force`` hashes
everything."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from diplodb.seed.files import listed_files, read_bytes

RACY_NS = 2_000_000_000
"""A file changed this recently (ns) before a scan is hashed again next time."""

Known = Mapping[str, tuple[str, "str | None"]]
"""path → (digest, stat key) as core.seed_file holds them."""


@dataclass(frozen=True)
class Digests:
    seed: str  # the directory's digest (core.seed_state.digest)
    files: dict[str, str]  # relative path → hex SHA-256 of its bytes, in path order
    stat_keys: dict[str, str | None]  # relative path → its stat key, None when too recent


def file_digests(seeds_dir: Path, known: Known | None = None) -> Digests:
    """Each file's SHA-256, from ``known`` when its stat key is unchanged, and the
    directory's: SHA-256 over every file's relative path and SHA-256, in path order."""
    scanned_ns = time.time_ns()
    known = known or {}
    files: dict[str, str] = {}
    stat_keys: dict[str, str | None] = {}
    directory = hashlib.sha256()
    for listed in listed_files(seeds_dir):
        stored = known.get(listed.name)
        if stored is not None and stored[1] is not None and stored[1] == listed.stat_key:
            digest = stored[0]
        else:
            digest = hashlib.sha256(read_bytes(seeds_dir / listed.name)).hexdigest()
        files[listed.name] = digest
        stat_keys[listed.name] = (listed.stat_key if listed.changed_ns < scanned_ns - RACY_NS
                                  else None)
        directory.update(f"{listed.name}\0{digest}\0".encode())
    return Digests(directory.hexdigest(), files, stat_keys)


def seed_digest(seeds_dir: Path, known: Known | None = None) -> str:
    return file_digests(seeds_dir, known).seed


def read_known(cur) -> dict[str, tuple[str, str | None]]:
    """core.seed_file's (digest, stat key) per path, through a psycopg cursor: empty when
    the database has no such table, no stat keys before revision 0017."""
    cur.execute("select (select to_regclass('core.seed_file') is not null), exists ("
                "select from pg_attribute where attrelid = to_regclass('core.seed_file') "
                "and attname = 'stat_key' and not attisdropped)")
    has_table, has_keys = cur.fetchone()
    if not has_table:
        return {}
    cur.execute(f"select path, digest, {'stat_key' if has_keys else 'null'} "
                "from core.seed_file")
    return {path: (digest, key) for path, digest, key in cur.fetchall()}


def store_stat_keys(cur, known: Known, digests: Digests) -> None:
    """Record the stat keys that differ from ``known`` in core.seed_file (rows of files
    whose digest was just written or found unchanged)."""
    changed = [(path, key) for path, key in digests.stat_keys.items()
               if path not in known or known[path][1] != key
               or known[path][0] != digests.files[path]]
    if changed:  # a key only beside the digest it was taken with
        cur.execute("update core.seed_file f set stat_key = s.stat_key "
                    "from unnest(%s::text[], %s::text[], %s::text[]) as s(path, digest, stat_key) "
                    "where f.path = s.path and f.digest = s.digest "
                    "and f.stat_key is distinct from s.stat_key",
                    ([p for p, _ in changed], [digests.files[p] for p, _ in changed],
                     [k for _, k in changed]))
