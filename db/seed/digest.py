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
