"""What validation hands on: the context an annotation file is checked against, the
validated unit of one annotation file, and the one place that drops repeated name
spellings."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from diplodb.seed.files import read_bytes
from diplodb.seed.problems import Problem

Origin = tuple[str, str, str]
"""(file, entry, field) a row was made from: how a database error is traced back."""


def row_weight(table: str, row: dict[str, Any]) -> int:
    """How many rows' worth of memory a row holds, for the batches rows are handed on and
    copied in: a source row carries its article (about 5 KB), one row per 512 characters
    of it. Counted as one row, 4,000 of them made a batch of 20 MB."""
    return 1 + len(row["body"]) // 512 if table == "source" else 1


class NameVariants:
    """A person's name spelling is one person_name row, however many entries or files
    name it: the first one's row is kept. The one place that drops the repeats.
    ``seen``: where the name ids met are kept (a ``spill.SpilledSet`` for a whole corpus)."""

    def __init__(self, seen: Any = None) -> None:
        self.seen = set() if seen is None else seen

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


class SourceDates(Mapping):
    """Source id → its publication date, for every entry of sources.yaml (None when none
    is stated or its article could not be read): the entries and dates the reference
    files left, read through, not copied into a third map (50,000 sources at x10000)."""

    def __init__(self, entries: Mapping[str, Any], published: Mapping[str, dt.date | None]):
        self.entries, self.published = entries, published

    def __getitem__(self, source_id: str) -> dt.date | None:
        if source_id not in self.entries:
            raise KeyError(source_id)
        return self.published.get(source_id)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


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
    sources: Mapping[str, dt.date | None]  # source id → publication date
    canonical: Mapping[str, str]  # name id → canonical name (only .get is used)
    bodies: dict[str, str] | None = None  # source id → body; else read from articles/
    files: Mapping[str, str] | None = None  # source id → article file (with bodies=None);
    # a source missing from it has no readable article (already reported)
    # source id → (the file its entry is in, the entry's label); only .get is used
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def body(self, source_id: str) -> str | None:
        if self.bodies is not None:
            return self.bodies.get(source_id)
        assert self.files is not None
        name = self.files.get(source_id)
        if name is None:
            return None
        return read_bytes(self.seeds_dir / "articles" / name).decode("utf-8")


class Defined(NamedTuple):
    """A fact an annotation file defines (or cites: ``Cited``)."""

    fact_type: str
    fact_id: str
    label: str  # the entry, as a problem names it


class Cited(NamedTuple):
    fact_type: str
    fact_id: str
    label: str


class VisitRef(NamedTuple):
    """A visit a meeting or statement of the file refers to."""

    visit_id: str
    label: str


class NameUse(NamedTuple):
    """A spelling of a person's name the file uses."""

    name_id: str
    name: str
    label: str


class Declared(NamedTuple):
    """A statement the file defines: its declared quote kind and its text."""

    statement_id: str
    quote_kind: str | None
    text: str
    label: str


class Rendering(NamedTuple):
    """One source's rendering of a statement (a piece of evidence of it)."""

    statement_id: str
    evidence_id: str
    quote_kind: str | None  # as declared, else the statement's
    stance: str
    quote: str
    has_quoted_words: bool
    label: str
    field: str


# The parts of a summary, in their order in core.seed_file.summary, with their row types.
SUMMARY_PARTS = {"defines": Defined, "cites": Cited, "visit_refs": VisitRef, "names": NameUse,
                 "statements": Declared, "renderings": Rendering}


@dataclass(frozen=True)
class FileSummary:
    """What an annotation file claims of other files: kept as JSON per file in
    core.seed_file.summary (each row a JSON array), so that the rules that span files are
    checked without reading the unchanged files again."""

    file: str
    source: str | None
    readable: bool
    defines: tuple[Defined, ...] = ()
    cites: tuple[Cited, ...] = ()
    visit_refs: tuple[VisitRef, ...] = ()
    names: tuple[NameUse, ...] = ()
    statements: tuple[Declared, ...] = ()
    renderings: tuple[Rendering, ...] = ()

    def to_json(self) -> str:
        return json.dumps({"file": self.file, "source": self.source, "readable": self.readable,
                           **{part: getattr(self, part) for part in SUMMARY_PARTS}})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileSummary:
        return cls(data["file"], data["source"], data["readable"],
                   **{part: tuple(row_type(*row) for row in data[part])
                      for part, row_type in SUMMARY_PARTS.items()})

    def claiming_nothing(self) -> FileSummary:
        """The summary of a draft: its article, and no claim of other files."""
        return replace(self, **{part: () for part in SUMMARY_PARTS})


@dataclass
class SummaryParts:
    """A summary as it is gathered while its file is read (``FileSummary`` when done)."""

    file: str
    source: str | None = None
    readable: bool = True
    defines: list[Defined] = field(default_factory=list)
    cites: list[Cited] = field(default_factory=list)
    visit_refs: list[VisitRef] = field(default_factory=list)
    names: list[NameUse] = field(default_factory=list)
    statements: list[Declared] = field(default_factory=list)
    renderings: list[Rendering] = field(default_factory=list)

    def freeze(self) -> FileSummary:
        return FileSummary(self.file, self.source, self.readable,
                           **{part: tuple(getattr(self, part)) for part in SUMMARY_PARTS})


@dataclass(frozen=True)
class FileUnit:
    """Step 2's output for one annotation file: the rows it owns (facts, their link rows,
    evidence, name variants, its article's sentence ledger), the origin of each, and the
    summary of what it claims of other files (kept per file in core.seed_file)."""

    file: str
    source_id: str | None
    readable: bool
    rows: dict[str, list[dict[str, Any]]]
    origins: dict[str, list[Origin | None]]  # table → each row's origin, as in ``rows``
    summary: FileSummary
    ledger_gaps: list[Problem]
    draft: bool = False  # a draft (drafts.py): refused, and claims nothing of other files
