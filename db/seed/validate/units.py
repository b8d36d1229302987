"""What validation hands on: the context an annotation file is checked against, the
validated unit of one annotation file, and the one place that drops repeated name
spellings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplodb.seed.files import read_bytes
from diplodb.seed.problems import Problem

Origin = tuple[str, str, str]
"""(file, entry, field) a row was made from: how a database error is traced back."""


class NameVariants:
    """A person's name spelling is one person_name row, however many entries or files
    name it: the first one's row is kept. The one place that drops the repeats."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def first(self, name_id: str) -> bool:
        """Whether ``name_id`` is met for the first time (and remember it)."""
        if name_id in self.seen:
            return False
        self.seen.add(name_id)
        return True


def cited_sentences(rows: dict[str, list[dict[str, Any]]]) -> set[tuple[str, int]]:
    """(source_id, sentence_no) of every sentence some evidence overlaps."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows.get("evidence", []):
        spans[row["source_id"]].append((row["char_start"], row["char_end"]))
    cited = set()
    for row in rows.get("source_sentence", []):
        if any(start < row["char_end"] and end > row["char_start"]
               for start, end in spans[row["source_id"]]):
            cited.add((row["source_id"], row["sentence_no"]))
    return cited


@dataclass
class Context:
    """What one annotation file is checked against: the reference data and the sources.
    Made from the parsed reference files (``ReferenceRows.context``) or, when only
    annotation files changed, from the database (``diplodb.seed.loader``)."""

    seeds_dir: Path
    countries: Container[str]
    references: Container[str]
    places: Container[str]
    organizations: Container[str]
    persons: Container[str]
    offices: Container[str]
    terms: Container[str]
    topics: Container[str]
    subject_areas: Container[str]
    sources: dict[str, dt.date | None]  # source id → publication date
    canonical: Mapping[str, str]  # name id → canonical name (only .get is used)
    bodies: dict[str, str] | None = None  # source id → body; else read from articles/
    files: dict[str, str] | None = None  # source id → article file (with bodies=None);
    # a source missing from it has no readable article (already reported)
    labels: dict[str, str] = field(default_factory=dict)  # source id → its entry's label

    def body(self, source_id: str) -> str | None:
        if self.bodies is not None:
            return self.bodies.get(source_id)
        assert self.files is not None
        name = self.files.get(source_id)
        if name is None:
            return None
        return read_bytes(self.seeds_dir / "articles" / name).decode("utf-8")


@dataclass
class FileUnit:
    """Step 2's output for one annotation file: the rows it owns (facts, their link rows,
    evidence, name variants, its article's sentence ledger) and a JSON-able summary of
    what it claims of other files (kept per file in core.seed_file)."""

    file: str
    source_id: str | None
    readable: bool
    rows: dict[str, list[dict[str, Any]]]
    origins: dict[str, list[Origin | None]]  # table → each row's origin, as in ``rows``
    summary: dict[str, Any]
    ledger_gaps: list[Problem]
    draft: bool = False  # a draft (drafts.py): refused, and claims nothing of other files
