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
from typing import NamedTuple

from diplodb.seed import rules
from diplodb.seed.problems import Problem

MAX_SEED_FILE_BYTES = 16 * 1024 * 1024
SYMLINK = "a symbolic link; seed files must be regular files inside the seed directory"
SPECIAL = ("not a regular file (a device, FIFO or socket); seed files must be regular files "
           "inside the seed directory")


class Listed(NamedTuple):
    """A regular seed file as listed, before it is read. (A tuple: x10000 lists 100,000
    files, and each no-change re-seed makes them all.)"""

    name: str  # path relative to the seed directory
    size: int
    stat_key: str  # size, modification and change times (ns) and inode
    changed_ns: int  # the later of its modification and change times


def scan(seeds_dir: Path) -> tuple[list[Listed], list[Problem]]:
    """([each regular file], in path order; [problems])."""
    found: list[Listed] = []
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
                modified, changed = info.st_mtime_ns, info.st_ctime_ns
                found.append(Listed(name, info.st_size,
                                    f"{info.st_size}:{modified}:{changed}:{info.st_ino}",
                                    modified if modified > changed else changed))

    # Each folder's entries by name, a folder's files listed where the folder sorts: the
    # order of paths by their components, as pathlib orders them, which seed_digest has
    # always used.
    walk(str(seeds_dir), "")
    return found, problems


def read_bytes(path: Path) -> bytes:
    """A seed file's bytes, never through a symbolic link, never past the size limit."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_SEED_FILE_BYTES + 1)
    if len(data) > MAX_SEED_FILE_BYTES:
        raise OSError(f"{path} grew over the limit of {MAX_SEED_FILE_BYTES:,} bytes for a "
                      "seed file while it was read")
    return data


def listed_files(seeds_dir: Path) -> list[Listed]:
    """The seed files; raise SeedValidationError, before anything is read, when the
    directory holds something that is not a plain seed file."""
    found, problems = scan(seeds_dir)
    if problems:
        from diplodb.seed.problems import SeedValidationError

        raise SeedValidationError(problems)
    return found


def split_paths(seeds_dir: Path, relative: str) -> list[Path]:
    """A list file that may be split into parts (``rules.SPLIT_FILES``): the paths of the
    file and of its parts present, in reading order (for tools that read or extend it
    outside a seed; a seed checks the parts from its listing)."""
    folder = (seeds_dir / relative).parent
    names = [f"{Path(relative).parent.as_posix()}/{path.name}"
             for path in folder.glob("*.yaml")] if folder.is_dir() else []
    return [seeds_dir / name for name in rules.parts(names, relative)[0]]


def regular_files(seeds_dir: Path) -> list[str]:
    """The relative paths of the seed files (``listed_files``)."""
    return [listed.name for listed in listed_files(seeds_dir)]
