"""The fingerprint of a seed directory, kept free of heavy imports: the no-op path of
``diplodb up`` and ``diplodb seed`` compares it with the loaded one before anything else."""

from __future__ import annotations

import hashlib
from pathlib import Path


def seed_digest(seeds_dir: Path) -> str:
    """SHA-256 over every seed file's relative path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(seeds_dir)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def file_digests(seeds_dir: Path) -> tuple[str, dict[str, str]]:
    """(seed_digest, relative path → hex SHA-256 of each file), reading each file once."""
    digest = hashlib.sha256()
    files: dict[str, str] = {}
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(seeds_dir)
        data = path.read_bytes()
        digest.update(str(relative).encode() + b"\0")
        digest.update(data + b"\0")
        files[relative.as_posix()] = hashlib.sha256(data).hexdigest()
    return digest.hexdigest(), files
