"""The ``diplodb`` command: its entry point.

The command line is a click application (``diplodb.app``; ``diplodb.cli.cli`` is its
group). The one exception is the no-op ``up`` (``diplodb up`` with nothing to do, the
most frequent call, e.g. at every login or CI step): it is answered here, with the same
configuration and output, before click is imported; anything else, any problem
included, goes through click.
"""

from __future__ import annotations

import sys

# `diplodb up` alone, or with a password flag: whether the password is shown.
_QUICK_UP = {("up",): False, ("up", "--hide-password"): False, ("up", "--show-password"): True}


def __getattr__(name: str):
    if name == "cli":  # the click group, loaded on first use
        from diplodb.app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _quick_up(argv: list[str]) -> int | None:
    """0 when ``argv`` is a plain ``up`` and the database is current (ready line printed);
    None when the full command line must handle it."""
    show_password = _QUICK_UP.get(tuple(argv))
    if show_password is None:
        return None
    from diplodb.config import resolve
    from diplodb.errors import DiplodbError

    try:
        config = resolve()
    except DiplodbError:
        return None  # the command line reports it, as for any other command
    from diplodb.commands import ready_if_current

    return 0 if ready_if_current(config, show_password) else None


def main(argv: list[str] | None = None) -> int:
    """Run the command line on ``argv``; returns the exit code (for tests and embedding)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    quick = _quick_up(argv)
    if quick is not None:
        return quick
    from diplodb.app import cli

    try:
        cli.main(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0


def _silence_stdout() -> None:
    from diplodb.app import _silence_stdout as silence

    silence()


def entry_point() -> None:
    from diplodb.errors import INTERRUPTED, explain

    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        print(f"diplodb: {explain(BrokenPipeError())}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        print(f"diplodb: {INTERRUPTED}", file=sys.stderr)
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    entry_point()
