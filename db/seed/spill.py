"""What a seed run must remember of the corpus until its end, kept on disk instead of in
the heap, so that a seed's memory does not grow with the corpus.

The rules that span files need, to the end of a run, the ids the annotation files are
checked against, where each fact was first defined, the statements and their renderings
the direct-quote rule settles last, and the facts a first seed counts again. Held as
Python objects that was about 70 KB for each copy of the real corpus: most of a x10000
first seed's 1 GB. Here it is one private temporary SQLite database (``sqlite3.connect
("")``: a file in the temporary directory, deleted when it is closed) with a bounded page
cache, begun as one transaction that is never committed.

Each container offers what its in-memory counterpart was used for, with the same results:
a ``SpilledSet`` and a ``SpilledMap`` keyed by strings (anything else is in neither, as in
a set of strings), a ``SpilledMap`` and a ``SpilledLists`` iterated in the order their keys
were first added (the order problems are said in)."""

from __future__ import annotations

import itertools
import pickle
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any

from diplodb.errors import DiplodbError

# SQLite's page cache (KiB): what a spilled run holds in memory of these tables.
CACHE_KIB = 16 * 1024
# Keys a set or map remembers it holds (they are never taken out), so that the ids a file
# names again and again are asked of SQLite once: forgotten all at once when full.
RECENT_KEYS = 8192

_MISSING = object()


def _encode(value: Any) -> Any:
    """A value as SQLite keeps it: text, a 64-bit integer, a real or NULL as themselves,
    anything else pickled (a blob)."""
    kind = type(value)
    if value is None or kind is str or (kind is float and value == value):  # NaN: pickled
        return value
    if kind is int and -(1 << 63) <= value < (1 << 63):
        return value
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _decode(value: Any) -> Any:
    return pickle.loads(value) if type(value) is bytes else value


def _key(key: object) -> str | None:
    """``key`` if it can be in a spilled container (a string), else None; unhashable
    keys raise as they would in a set or dict."""
    if type(key) is str:
        return key
    hash(key)
    return None


class Spill:
    """The temporary database that spilled containers keep their entries in."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None)
        try:
            for pragma in ("journal_mode = off", "synchronous = off",
                           f"cache_size = -{CACHE_KIB}", "temp_store = file"):
                self.db.execute(f"pragma {pragma}")
            self.db.execute("begin")
        except sqlite3.Error as error:
            self.db.close()
            raise spill_error(error) from None
        self.tables = itertools.count()

    def table(self, columns: str, *indexes: str, without_rowid: bool = False) -> str:
        name = f"t{next(self.tables)}"
        self.db.execute(f"create table {name} ({columns})"
                        + (" without rowid" if without_rowid else ""))
        for number, index in enumerate(indexes):
            self.db.execute(f"create index {name}_{number} on {name} ({index})")
        return name

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def spill_error(error: sqlite3.Error) -> DiplodbError:
    """A failure of the spill's file (SQLite opens it only once its cache is full): said
    in one line, as the full temporary directory it most likely is."""
    return DiplodbError(f"the seed's temporary file in {tempfile.gettempdir()} failed "
                        f"({error}); is that directory full? (TMPDIR chooses it)")


def _written_key(key: object) -> str:
    """``key``, refused unless it is a string (SQLite would keep 5 as '5')."""
    if type(key) is not str:
        raise TypeError(f"a spilled key is a string, not {type(key).__name__}")
    return key


class _Recent:
    """The keys a container was last told or found it holds (at most ``RECENT_KEYS``)."""

    def __init__(self) -> None:
        self.recent: dict[str, None] = {}

    def _remember(self, key: str) -> None:
        if len(self.recent) >= RECENT_KEYS:
            self.recent.clear()
        self.recent[key] = None

    def _holds(self, key: object, has: str) -> bool:
        if key in self.recent:  # an unhashable key raises here, as in a set
            return True
        key = _key(key)
        if key is None or self.db.execute(has, (key,)).fetchone() is None:
            return False
        self._remember(key)
        return True


class SpilledSet(_Recent, Set):
    """A set of strings."""

    def __init__(self, spill: Spill, keys: Iterable[str] = ()):
        super().__init__()
        self.db = spill.db
        # without rowid: the keys are the table (a rowid table beside its key's index
        # wrote and read every key twice)
        self.name = spill.table("k text primary key", without_rowid=True)
        self._has = f"select 1 from {self.name} where k = ?"
        self._add = f"insert into {self.name} (k) values (?) on conflict do nothing"
        self.update(keys)

    def __contains__(self, key: object) -> bool:
        return self._holds(key, self._has)

    def add(self, key: str) -> None:
        self.db.execute(self._add, (_written_key(key),))
        self._remember(key)

    def update(self, keys: Iterable[str]) -> None:
        self.db.executemany(self._add, ((_written_key(key),) for key in keys))

    def __len__(self) -> int:
        return self.db.execute(f"select count(*) from {self.name}").fetchone()[0]

    def __iter__(self) -> Iterator[str]:
        return self.sorted()

    def __bool__(self) -> bool:
        return self.db.execute(f"select exists (select 1 from {self.name})").fetchone()[0] == 1

    def sorted(self) -> Iterator[str]:
        """The keys in Python's order of strings (code points, which is UTF-8's)."""
        for key, in self.db.execute(f"select k from {self.name} order by k"):
            yield key


class SpilledMap(_Recent, Mapping):
    """A mapping of strings to values, in the order its keys were first set."""

    def __init__(self, spill: Spill, items: Iterable[tuple[str, Any]] = ()):
        super().__init__()
        self.db = spill.db
        self.name = spill.table("seq integer primary key, k text not null unique, v")
        self._get = f"select v from {self.name} where k = ?"
        self._has = f"select 1 from {self.name} where k = ?"
        self._set = (f"insert into {self.name} (k, v) values (?, ?) "
                     "on conflict (k) do update set v = excluded.v")
        self._add = f"insert into {self.name} (k, v) values (?, ?) on conflict do nothing"
        self.db.executemany(self._set, ((_written_key(key), _encode(value))
                                        for key, value in items))

    def get(self, key: object, default: Any = None) -> Any:
        key = _key(key)
        found = None if key is None else self.db.execute(self._get, (key,)).fetchone()
        return default if found is None else _decode(found[0])

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self._holds(key, self._has)

    def __setitem__(self, key: str, value: Any) -> None:
        self.db.execute(self._set, (_written_key(key), _encode(value)))
        self._remember(key)

    def insert(self, key: str, value: Any) -> bool:
        """Set ``key`` to ``value`` unless it has a value already; whether it was set (one
        statement, where ``in`` and then setting it take two)."""
        added = self.db.execute(self._add, (_written_key(key), _encode(value))).rowcount == 1
        self._remember(key)
        return added

    def setdefault(self, key: str, value: Any) -> Any:
        """The value of ``key``, set to ``value`` first if it has none."""
        return value if self.insert(key, value) else self[key]

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        for key, value in self.db.execute(f"select k, v from {self.name} order by seq"):
            yield key, _decode(value)

    def __iter__(self) -> Iterator[str]:
        for key, in self.db.execute(f"select k from {self.name} order by seq"):
            yield key

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        for value, in self.db.execute(f"select v from {self.name} order by seq"):
            yield _decode(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __len__(self) -> int:
        return self.db.execute(f"select count(*) from {self.name}").fetchone()[0]


class SpilledList:
    """A list that grows by ``append`` and is read in order."""

    def __init__(self, spill: Spill):
        self.db = spill.db
        self.name = spill.table("seq integer primary key, v")
        self._append = f"insert into {self.name} (v) values (?)"

    def append(self, value: Any) -> None:
        self.db.execute(self._append, (_encode(value),))

    def extend(self, values: Iterable[Any]) -> None:
        self.db.executemany(self._append, ((_encode(value),) for value in values))

    def __iter__(self) -> Iterator[Any]:
        for value, in self.db.execute(f"select v from {self.name} order by seq"):
            yield _decode(value)

    def __len__(self) -> int:
        return self.db.execute(f"select count(*) from {self.name}").fetchone()[0]

    def __bool__(self) -> bool:
        return self.db.execute(f"select exists (select 1 from {self.name})").fetchone()[0] == 1

    def clear(self) -> None:
        self.db.execute(f"delete from {self.name}")

    def truncate(self, count: int) -> None:
        """Keep the first ``count`` values (``del values[count:]``)."""
        self.db.execute(f"delete from {self.name} where seq not in "
                        f"(select seq from {self.name} order by seq limit ?)", (count,))


class SpilledLists(_Recent):
    """A mapping of strings to lists that grow by ``append``, in the order its keys were
    first appended to."""

    def __init__(self, spill: Spill):
        super().__init__()
        self.db = spill.db
        self.keys = spill.table("seq integer primary key, k text not null unique")
        self.values = spill.table("seq integer primary key, k text not null, v", "k, seq")
        self._key = f"insert into {self.keys} (k) values (?) on conflict do nothing"
        self._append = f"insert into {self.values} (k, v) values (?, ?)"
        self._get = f"select v from {self.values} where k = ? order by seq"

    def append(self, key: str, value: Any) -> None:
        if key not in self.recent:  # its first append (or one forgotten): its order
            self.db.execute(self._key, (_written_key(key),))
            self._remember(key)
        self.db.execute(self._append, (key, _encode(value)))

    def get(self, key: object, default: Any = None) -> Any:
        key = _key(key)
        found = [] if key is None else [_decode(v) for v, in self.db.execute(self._get, (key,))]
        return found if found else default

    def items(self) -> Iterator[tuple[str, list[Any]]]:
        rows = self.db.execute(f"select v.k, v.v from {self.values} v join {self.keys} k "
                               "on k.k = v.k order by k.seq, v.seq")
        for key, group in itertools.groupby(rows, key=lambda row: row[0]):
            yield key, [_decode(value) for _, value in group]
