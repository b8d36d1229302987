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
from array import array
from bisect import bisect_left
from pathlib import Path

from diplodb.seed import rules
from diplodb.seed.problems import Problem

MAX_SEED_FILE_BYTES = 16 * 1024 * 1024
SYMLINK = "a symbolic link; seed files must be regular files inside the seed directory"
SPECIAL = ("not a regular file (a device, FIFO or socket); seed files must be regular files "
           "inside the seed directory")


class Listing:
    """The regular seed files as listed, before they are read, in path order: their
    relative paths and, packed in arrays (x10000 lists 100,000 files; a tuple and a
    formatted stat key per file held 86 MB), each one's size, modification and change
    times (ns) and inode."""

    __slots__ = ("names", "_times", "_inodes", "_last")

    def __init__(self) -> None:
        self.names: list[str] = []  # path relative to the seed directory
        self._times = array("q")  # size, modification time, change time, per file
        self._inodes = array("Q")
        self._last = -1  # the position last looked up

    def add(self, name: str, info: os.stat_result) -> None:
        self.names.append(name)
        self._times.extend((info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        self._inodes.append(info.st_ino)

    def __len__(self) -> int:
        return len(self.names)

    def stat_key(self, index: int) -> str:
        """Size, modification and change times (ns) and inode, as core.seed_file keeps it."""
        size, modified, changed = self._times[3 * index:3 * index + 3]
        return f"{size}:{modified}:{changed}:{self._inodes[index]}"

    def changed_ns(self, index: int) -> int:
        """The later of the file's modification and change times."""
        return max(self._times[3 * index + 1], self._times[3 * index + 2])

    def index(self, name: str) -> int:
        """The position of ``name`` (KeyError when it is not listed). Names asked in path
        order are found at once after the one before; any other by bisection, the names
        being in the order of their components."""
        names, last = self.names, self._last
        if 0 <= last < len(names) - 1 and names[last + 1] == name:
            self._last = last + 1
            return last + 1
        if last >= 0 and names[last] == name:  # its digest, then its stat key
            return last
        position = bisect_left(names, _order_key(name), key=_order_key)
        if position == len(names) or names[position] != name:
            raise KeyError(name)
        self._last = position
        return position


def _order_key(name: str) -> str:
    """A string that sorts as the path's components do: each "/" made the lowest
    character (a path holds no NUL), so a folder's names sort before a longer sibling's."""
    return name.replace("/", "\0")


def scan(seeds_dir: Path) -> tuple[Listing, list[Problem]]:
    """(each regular file, in path order; [problems])."""
    found = Listing()
    problems: list[Problem] = []

    def walk(path: str, relative: str) -> None:
        try:  # names only: a DirEntry per file of a 50,000-file folder cost 17 MB
            names = sorted(os.listdir(path))
        except OSError:
            return
        for entry in names:
            name = f"{relative}/{entry}" if relative else entry
            try:
                info = os.lstat(os.path.join(path, entry))
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                problems.append(Problem(name, "", "", SYMLINK))
            elif stat.S_ISDIR(info.st_mode):
                walk(os.path.join(path, entry), name)
            elif not stat.S_ISREG(info.st_mode):
                problems.append(Problem(name, "", "", SPECIAL))
            elif info.st_size > MAX_SEED_FILE_BYTES:
                problems.append(Problem(name, "", "", (
                    f"{info.st_size:,} bytes, over the limit of {MAX_SEED_FILE_BYTES:,} bytes "
                    "(16 MiB) for a seed file; it was not read")))
            else:
                found.add(name, info)

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


def listed_files(seeds_dir: Path) -> Listing:
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
    return listed_files(seeds_dir).names
