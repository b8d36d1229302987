"""The fingerprint of a seed directory, kept free of heavy imports: the no-op path of
``diplodb up`` and ``diplodb seed`` compares it with the loaded one before anything else.
A directory holding a symbolic link, a special file or an oversized file is refused
here, before any file is read (``files.regular_files``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from diplodb.seed.files import read_bytes, regular_files


def seed_digest(seeds_dir: Path) -> str:
    """SHA-256 over every seed file's relative path and bytes, in path order."""
    digest = hashlib.sha256()
    for relative in regular_files(seeds_dir):
        digest.update(relative.encode() + b"\0")
        digest.update(read_bytes(seeds_dir / relative) + b"\0")
    return digest.hexdigest()


def file_digests(seeds_dir: Path) -> tuple[str, dict[str, str]]:
    """(seed_digest, relative path → hex SHA-256 of each file), reading each file once."""
    digest = hashlib.sha256()
    files: dict[str, str] = {}
    for relative in regular_files(seeds_dir):
        data = read_bytes(seeds_dir / relative)
        digest.update(relative.encode() + b"\0")
        digest.update(data + b"\0")
        files[relative] = hashlib.sha256(data).hexdigest()
    return digest.hexdigest(), files
