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


def progress(items: Iterable[T], *, total: int | None = None, desc: str,
             unit: str = "it") -> Iterator[T]:
    """``items``, with a bar (count, rate, estimate) on stderr when it is a terminal."""
    if not shown():
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
              dynamic_ncols=True) as bar:
        yield from bar
