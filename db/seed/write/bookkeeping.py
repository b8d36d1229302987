"""What the writer keeps and says: which files are annotation files, the keys of a file's
summary in core.seed_file, the outcome of a load and its one-line count."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from diplodb.seed import rules
from diplodb.seed.validate.fact_rows import ANNOTATED_FACT_TYPES
from diplodb.seed.validate.units import FileSummary


class Counts(NamedTuple):
    """What a load leaves in the database, as the report line says it (and
    core.seed_state keeps it: source_count, fact_count, evidence_count)."""

    sources: int
    facts: int
    evidence: int

    def described(self) -> str:
        return f"{self.sources} sources, {self.facts} facts, {self.evidence} pieces of evidence"


@dataclass
class Load:
    written: int
    deleted: int
    data_version: str
    counts: Counts
    mode: str


@functools.cache  # asked several times of every file of every scan
def is_annotation(relative: str) -> bool:
    folder, _, base = relative.rpartition("/")
    return folder == "annotations" and rules.ANNOTATION_NAME.match(base) is not None


def summary_keys(summary: FileSummary) -> list[str]:
    """What an annotation file's summary refers to, for core.seed_file.keys: its source,
    every fact id it defines, cites or refers to as a visit, its name ids and the
    statements it states or renders. Any two files that a rule spanning files relates
    share a key."""
    keys = {f"fact:{row.fact_id}" for row in summary.defines}
    keys.update(f"fact:{row.fact_id}" for row in summary.cites)
    keys.update(f"fact:{row.visit_id}" for row in summary.visit_refs)
    keys.update(f"name:{row.name_id}" for row in summary.names)
    keys.update(f"statement:{row.statement_id}" for row in summary.statements)
    keys.update(f"statement:{row.statement_id}" for row in summary.renderings)
    if summary.source is not None:
        keys.add(f"source:{summary.source}")
    return sorted(keys)


def counted(cur) -> Counts:
    """The rows a full read left, counted."""
    cur.execute("select (select count(*) from core.source), "
                + " + ".join(f"(select count(*) from core.{t})"
                             for t in ANNOTATED_FACT_TYPES)
                + ", (select count(*) from core.evidence)")
    return Counts(*cur.fetchone())


def adjusted(cur, stored: tuple | None, inserted: dict[str, int],
             deleted: dict[str, int]) -> Counts:
    """``stored``, the counts of the last load (core.seed_state), with the rows an
    incremental load inserted and deleted per table (it writes no source); counted again
    when none are stored."""
    if stored is None or None in stored:
        return counted(cur)
    sources, facts, evidence = stored

    def change(tables) -> int:
        return sum(inserted.get(t, 0) - deleted.get(t, 0) for t in tables)

    return Counts(sources, facts + change(ANNOTATED_FACT_TYPES),
                  evidence + change(("evidence",)))
