"""The seed directory's files, listed without following anything and without reading
them: every seed file must be a regular file inside the directory, at most
``MAX_SEED_FILE_BYTES``. Symbolic links (to files or directories), devices, FIFOs and
sockets, and oversized files are refused before a byte of any file is read, by
``seed``, ``seed --check`` and the no-change shortcut alike.

Kept free of heavy imports: the no-op ``up`` and ``seed`` digest the directory with it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from diplodb.seed.problems import Problem

MAX_SEED_FILE_BYTES = 16 * 1024 * 1024
SYMLINK = "a symbolic link; seed files must be regular files inside the seed directory"
SPECIAL = ("not a regular file (a device, FIFO or socket); seed files must be regular files "
           "inside the seed directory")


def scan(seeds_dir: Path) -> tuple[list[tuple[str, int]], list[Problem]]:
    """([(relative path, size)] of the regular files, in path order; [problems])."""
    found: list[tuple[Path, str, int]] = []
    problems: list[Problem] = []

    def walk(path: str, relative: str) -> None:
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                problems.append(Problem(name, "", "", SYMLINK))
            elif stat.S_ISDIR(info.st_mode):
                walk(entry.path, name)
            elif not stat.S_ISREG(info.st_mode):
                problems.append(Problem(name, "", "", SPECIAL))
            elif info.st_size > MAX_SEED_FILE_BYTES:
                problems.append(Problem(name, "", "", (
                    f"{info.st_size:,} bytes, over the limit of {MAX_SEED_FILE_BYTES:,} bytes "
                    "(16 MiB) for a seed file; it was not read")))
            else:
                found.append((seeds_dir / name, name, info.st_size))

    walk(str(seeds_dir), "")
    found.sort(key=lambda item: item[0])  # the order seed_digest has always used
    return [(name, size) for _, name, size in found], problems


def read_bytes(path: Path) -> bytes:
    """A seed file's bytes, never through a symbolic link, never past the size limit."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_SEED_FILE_BYTES + 1)
    if len(data) > MAX_SEED_FILE_BYTES:
        raise OSError(f"{path} grew over the limit of {MAX_SEED_FILE_BYTES:,} bytes for a "
                      "seed file while it was read")
    return data


def regular_files(seeds_dir: Path) -> list[str]:
    """The relative paths of the seed files; raise SeedValidationError, before anything
    is read, when the directory holds something that is not a plain seed file."""
    found, problems = scan(seeds_dir)
    if problems:
        from diplodb.seed.problems import SeedValidationError

        raise SeedValidationError(problems)
    return [name for name, _ in found]
