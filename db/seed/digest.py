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
from array import array
from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from diplodb.seed.files import Listing, listed_files, read_bytes

RACY_NS = 2_000_000_000
"""A file changed this recently (ns) before a scan is hashed again next time."""

Known = Mapping[str, tuple[str, "str | None"]]
"""path → (digest, stat key) as core.seed_file holds them."""


class _ByPosition(Mapping):
    """A mapping from each listed path to a value kept by its position in the listing
    (``at``), iterated in path order without a search per name."""

    listing: Listing

    def at(self, index: int):
        raise NotImplementedError

    def __getitem__(self, name: str):
        return self.at(self.listing.index(name))

    def __iter__(self) -> Iterator[str]:
        return iter(self.listing.names)

    def __len__(self) -> int:
        return len(self.listing)

    def items(self):
        return _ItemsByPosition(self)


class _ItemsByPosition(ItemsView):
    def __iter__(self):
        mapping = self._mapping
        return ((name, mapping.at(index)) for index, name in enumerate(mapping.listing.names))


class FileDigests(_ByPosition):
    """Relative path → hex SHA-256 of the file's bytes, in path order: the listing's names
    beside one packed buffer of raw digests (a dict of hex strings held 16 MB at x10000)."""

    def __init__(self, listing: Listing, raw: bytearray) -> None:
        self.listing, self._raw = listing, raw

    def at(self, index: int) -> str:
        return self._raw[32 * index:32 * index + 32].hex()


class StatKeys(_ByPosition):
    """Relative path → its stat key, None for a file changed within ``RACY_NS`` of the
    scan (formatted from the listing when asked for)."""

    def __init__(self, listing: Listing, scanned_ns: int) -> None:
        self.listing, self._before = listing, scanned_ns - RACY_NS

    def at(self, index: int) -> str | None:
        listing = self.listing
        return listing.stat_key(index) if listing.changed_ns(index) < self._before else None


@dataclass(frozen=True)
class Changes:
    """How a directory differs from what core.seed_file holds."""

    changed: list[str]  # listed paths whose digest differs from the stored one, or new
    removed: list[str]  # stored paths no longer listed


@dataclass(frozen=True)
class Digests:
    seed: str  # the directory's digest (core.seed_state.digest)
    files: FileDigests  # relative path → hex SHA-256 of its bytes, in path order
    stat_keys: StatKeys  # relative path → its stat key, None when too recent
    hashed: array  # positions in the listing of the files read and hashed

    def changes(self, known: Known) -> Changes:
        """The difference from ``known`` (core.seed_file's digests and stat keys), the
        one these digests were computed with: a file not hashed has the digest stored
        for it, so only the hashed ones are compared, and a stored path can be gone only
        if fewer listed paths are stored than there are stored paths."""
        files, names = self.files, self.files.listing.names
        changed = [names[i] for i in self.hashed
                   if known.get(names[i], (None,))[0] != files.at(i)]
        listed_and_stored = len(names) - sum(1 for path in changed if path not in known)
        removed = ([] if listed_and_stored == len(known)
                   else sorted(path for path in known if path not in files))
        return Changes(changed, removed)


def file_digests(seeds_dir: Path, known: Known | None = None) -> Digests:
    """Each file's SHA-256, from ``known`` when its stat key is unchanged, and the
    directory's: SHA-256 over every file's relative path and SHA-256, in path order."""
    scanned_ns = time.time_ns()
    known = known or {}
    listing = listed_files(seeds_dir)
    raw, hashed = bytearray(), array("q")
    directory = hashlib.sha256()
    for index, name in enumerate(listing.names):
        stored = known.get(name)
        if stored is not None and stored[1] is not None and stored[1] == listing.stat_key(index):
            digest = bytes.fromhex(stored[0])
        else:
            digest = hashlib.sha256(read_bytes(seeds_dir / name)).digest()
            hashed.append(index)
        raw += digest
        directory.update(f"{name}\0{digest.hex()}\0".encode())
    return Digests(directory.hexdigest(), FileDigests(listing, raw),
                   StatKeys(listing, scanned_ns), hashed)


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
    files, stat_keys = digests.files, digests.stat_keys
    changed: list[tuple[str, str, str | None]] = []  # (path, digest, stat key)
    for index, path in enumerate(files.listing.names):  # by position: no lookup by name
        key, digest, stored = stat_keys.at(index), files.at(index), known.get(path)
        if stored is None or stored[1] != key or stored[0] != digest:
            changed.append((path, digest, key))
    if changed:  # a key only beside the digest it was taken with
        cur.execute("update core.seed_file f set stat_key = s.stat_key "
                    "from unnest(%s::text[], %s::text[], %s::text[]) as s(path, digest, stat_key) "
                    "where f.path = s.path and f.digest = s.digest "
                    "and f.stat_key is distinct from s.stat_key",
                    ([p for p, _, _ in changed], [d for _, d, _ in changed],
                     [k for _, _, k in changed]))
