"""Progress bars for long work, on a terminal only: when stderr is not a TTY (CI, pipes,
tests) nothing extra is printed. tqdm is imported only when a bar is shown."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def shown() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


# A bar appears only for work that lasts longer than this (seconds): short work prints
# nothing even on a terminal.
DELAY = 0.5


def progress(items: Iterable[T], *, total: int | None = None, desc: str,
             unit: str = "it") -> Iterator[T]:
    """``items``, with a bar (count, rate, estimate) on stderr when it is a terminal."""
    if not shown():
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
              dynamic_ncols=True, delay=DELAY) as bar:
        yield from bar


class Steps:
    """Named steps of one piece of work (a cold ``up``: start, migrate, seed) as a bar on
    a terminal; nothing otherwise."""

    def __init__(self, desc: str, names: list[str]):
        self._bar = None
        if shown():
            from tqdm import tqdm

            self._bar = tqdm(total=len(names), desc=desc, unit="step", file=sys.stderr,
                             leave=False, dynamic_ncols=True, delay=DELAY)
            self._bar.set_postfix_str(names[0])
        self._names = names

    def done(self, index: int) -> None:
        if self._bar is not None:
            self._bar.update(1)
            if index + 1 < len(self._names):
                self._bar.set_postfix_str(self._names[index + 1])

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
