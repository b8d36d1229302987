"""COPY of rows in batches, each row with its origin, on a thread of its own (``Worker``)
while the next files are read."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from functools import partial
from operator import itemgetter
from typing import Any

import psycopg
from sqlalchemy import Table

from diplodb.errors import is_operational
from diplodb.seed.validate.units import Origin, row_weight
from diplodb.seed.write import refusals

# Rows per COPY job (a source row counts for its article's size: ``units.row_weight``). Up to three batches are in memory at once (one being written, one
# queued, one filling): at x1000, 10,000 rows a batch held about 15 MB more at the peak
# than 4,000, for no measurable speed.
FLUSH_ROWS = 4_000


class Worker:
    """Database jobs run in order on a thread of their own: the server writes one batch of
    rows while the next files are read, so a full seed takes about the longer of the two,
    not their sum. Until ``finish`` (or ``stop``) only this thread uses the connection."""

    def __init__(self, raw):
        self.raw = raw
        self.jobs: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name="diplodb-seed-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with self.raw.cursor() as cur:
            while True:
                job = self.jobs.get()
                if job is None:
                    return
                if self.error is None and not self.cancelled:  # else dropped
                    try:
                        job(cur)
                    except BaseException as error:  # re-raised in the reading thread
                        self.error = error

    def submit(self, job: Callable[[Any], None]) -> None:
        """Queue ``job``. After a failed job the rest are dropped; the failure is raised
        at once only when it is the server's (a full disk, a lost connection): a refused
        row waits for ``finish``, so that the validation of the files read meanwhile
        explains it first (a duplicate id, say, before the key it violates)."""
        if self.error is not None and is_operational(self.error):
            raise self.error
        self.jobs.put(job)

    def finish(self) -> None:
        """Wait for every job; re-raise the first error."""
        self._end()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Drop the jobs not started yet and wait for the one under way (on a problem)."""
        self.cancelled = True
        self._end()

    def _end(self) -> None:
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()


def _getter(columns: list[str]) -> Callable[[dict[str, Any]], tuple]:
    if len(columns) == 1:
        return lambda row: (row[columns[0]],)
    return itemgetter(*columns)


class Copier:
    """Rows waiting for COPY, per target table, as tuples in column order, each with its
    origin (file, entry, field); ``flush`` hands them to ``run`` as one job (values go to
    psycopg as they are: str, int, bool, date, Decimal, UUID, None). A staging target
    (``staged``) also receives each row's origin, in its ``seed_origin`` column."""

    def __init__(self, targets: list[tuple[str, str, list[str], Table | None]],
                 run: Callable[[Callable[[Any], None]], None], *, staged: bool = False):
        # (name, table written, columns, the core table it stands for), in write order
        self.targets = targets
        self.run = run
        self.staged = staged
        self.values = {name: _getter(columns) for name, _, columns, _ in targets}
        self.buffer: dict[str, list[tuple]] = {name: [] for name, _, _, _ in targets}
        self.origins: dict[str, list[Origin | None]] = {name: [] for name in self.buffer}
        self.counts = dict.fromkeys(self.buffer, 0)
        self.pending = 0

    def put(self, name: str, row: dict[str, Any], origin: Origin | None) -> None:
        values = self.values[name](row)
        if self.staged:
            values = (*values, refusals.encode_origin(origin))
        self.buffer[name].append(values)
        self.origins[name].append(origin)
        self.pending += row_weight(name, row)

    def put_values(self, name: str, values: tuple) -> None:
        self.buffer[name].append(values)
        self.origins[name].append(None)
        self.pending += 1

    def flush(self) -> None:
        batch = []
        for name, table, columns, core in self.targets:
            rows = self.buffer[name]
            if rows:
                listed = [*columns, "seed_origin"] if self.staged else columns
                batch.append((f"copy {table} ({', '.join(listed)}) from stdin", rows,
                              self.origins[name], core))
                self.counts[name] += len(rows)
                self.buffer[name] = []
                self.origins[name] = []
        self.pending = 0
        if batch:
            self.run(partial(_copy_batch, batch))


def _copy_batch(batch: list[tuple[str, list[tuple], list[Origin | None], Table | None]],
                cur) -> None:
    """COPY each target's rows; a row refused is named by the origin beside it."""
    for statement, rows, origins, table in batch:
        index = None
        try:
            with cur.copy(statement) as copy:
                write = copy.write_row
                for index, row in enumerate(rows):
                    write(row)
        except (psycopg.Error, ValueError, UnicodeError) as error:
            if table is None:
                raise
            raise refusals.copy_problem(table, error, origins, index) from None


def run_now(cur) -> Callable[[Callable[[Any], None]], None]:
    return lambda job: job(cur)
