"""Read and validate every seed file, and turn them into rows for the core tables.

Nothing here touches a database. Every problem is collected (not just the first) and
names its file, its entry and its field, so that a curator can fix a batch at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from diplodb.facts import ANNOTATED, FACTS
from diplodb.models.people import name_id
from diplodb.seed import coding, drafts, quotes, rules
from diplodb.seed import schema as s
from diplodb.seed.dates import visit_interval
from diplodb.seed.dating import Dating
from diplodb.seed.digest import seed_digest
from diplodb.seed.files import read_bytes, regular_files
from diplodb.seed.identifiers import Identifiers
from diplodb.seed.problems import Problem, SeedValidationError
from diplodb.seed.sentences import split as split_sentences
from diplodb.seed.text import QuoteAmbiguous, QuoteNotFound, locate, parse_partial_date

EVIDENCE_NAMESPACE = uuid.UUID("5b0c6d3e-2f43-4f0e-9d3c-7e0a1c9b8d21")

# references.yaml first: the identifiers of the other files cite its entries.
REFERENCE_FILES: dict[str, type[BaseModel]] = {
    "references.yaml": s.ReferenceRow,
    "countries.yaml": s.CountryRow,
    "places.yaml": s.PlaceRow,
    "organizations.yaml": s.OrganizationRow,
    "persons.yaml": s.PersonRow,
    "offices.yaml": s.OfficeRow,
    "office_terms.yaml": s.TermRow,
    "topics.yaml": s.LabelRow,
    "subject_areas.yaml": s.LabelRow,
    **coding.MODELS,  # the PLOVER coding tables (db/seed/coding.py)
}
SOURCES_FILE = rules.SOURCES_FILE
DATASET_FILE = rules.DATASET_FILE
SKIPPED = "skipped"
ANNOTATION_SECTIONS = ("source", rules.RETRACT_KEY, SKIPPED, "names", "terms", *s.FACT_SECTIONS)
__all__ = ["Context", "CrossCheck", "Corpus", "FileUnit", "Problem", "SeedValidationError",
           "cross_check", "read_annotation", "read_corpus", "read_reference"]
SYNTHETIC_PREFIX = "synthetic-"
"""Source ids of a synthetic corpus (diplodb synthesize) start with this; the loader never
mixes such a corpus with the real one in one database."""

Origin = tuple[str, str, str]
"""(file, entry, field) a row was made from: how a database error is traced back."""


@dataclass
class Corpus:
    """Rows for each core table (by table name), and a digest of the files they came from."""

    rows: dict[str, list[dict[str, Any]]]
    digest: str
    data_version: str
    # table → where each of its rows came from (same order as ``rows``; None: no entry).
    origins: dict[str, list[Origin | None]] = field(default_factory=dict, repr=False,
                                                    compare=False)
    # Sentences cited by no fact and not skipped (see `coverage`).
    ledger_gaps: list[Problem] = field(default_factory=list, repr=False, compare=False)

    def coverage(self) -> dict[str, tuple[int, int]]:
        """source_id → (sentences accounted for, sentences): the sentence ledger."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        cited = _cited_sentences(self.rows)
        for row in self.rows.get("source_sentence", []):
            counts = totals[row["source_id"]]
            counts[1] += 1
            if row["skip_reason"] or (row["source_id"], row["sentence_no"]) in cited:
                counts[0] += 1
        return {source: (done, total) for source, (done, total) in sorted(totals.items())}

    def summary(self) -> str:
        facts = sum(len(self.rows[t]) for t in FACT_TYPES)
        return (f"{len(self.rows['source'])} sources, {facts} facts, "
                f"{len(self.rows['evidence'])} pieces of evidence")


def _cited_sentences(rows: dict[str, list[dict[str, Any]]]) -> set[tuple[str, int]]:
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
class _Entry:
    file: str
    label: str
    model: Any
    published: dt.date | None = None  # publication date of the defining article


@dataclass
class Builder:
    seeds_dir: Path
    problems: list[Problem] = field(default_factory=list)
    escaped: set[str] = field(default_factory=set)  # YAML files with backslash escapes

    def problem(self, file: str, entry: str, field_: str, message: str) -> None:
        self.problems.append(Problem(file, entry, field_, message))

    # -- files ---------------------------------------------------------------------------
    def read_text(self, relative: str) -> str | None:
        path = self.seeds_dir / relative
        outside = rules.check_inside(self.seeds_dir, relative)
        if outside is not None:
            self.problems.append(outside)
            return None
        if not path.is_file():
            self.problem(relative, "", "", "file is missing")
            return None
        data = read_bytes(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.problem(relative, "", "", f"not valid UTF-8 (byte 0x{data[error.start]:02x} at "
                                           f"offset {error.start})")
            return None
        if "\r" in text:
            line = text[: text.index("\r")].count("\n") + 1
            self.problem(relative, f"line {line}", "", "CRLF or CR line endings; seed files "
                                                       "use LF only")
            return None
        control = rules.check_characters(relative, text)
        if control is not None:
            self.problems.append(control)
            return None
        return text

    def read_yaml(self, relative: str) -> Any:
        text = self.read_text(relative)
        if text is None:
            return None
        data, problems = rules.load_yaml(relative, text)
        self.problems.extend(problems)
        if rules.may_escape(text):
            self.escaped.add(relative)
        return data

    def parse(self, relative: str, label: str, model: type[BaseModel], raw: Any) -> Any:
        bad = list(rules.check_values(raw)) if relative in self.escaped else []
        for field_, message in bad:
            self.problem(relative, label, field_, message)
        if bad:
            return None
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for item in error.errors():
                loc = ".".join(str(part) for part in item["loc"] if part not in s.SHAPE_TAGS)
                self.problem(relative, label, loc, item["msg"])
            return None

    def parse_list(self, relative: str, model: type[BaseModel]) -> list[_Entry]:
        before = len(self.problems)
        raw = self.read_yaml(relative)
        if raw is None or raw == []:
            if len(self.problems) == before:  # not already reported as unreadable
                self.problem(relative, "", "", "the file has no entries; every entry of it would "
                                               "be deleted (remove the entries that are wrong, "
                                               "not all of them)")
            return []
        if not isinstance(raw, list):
            self.problem(relative, "", "", "expected a list of entries at the top level")
            return []
        entries = []
        for index, item in enumerate(raw):
            label = _label(index, item)
            parsed = self.parse(relative, label, model, item)
            if parsed is not None:
                entries.append(_Entry(relative, label, parsed))
        return entries


def _label(index: int, item: Any, section: str = "entry") -> str:
    return rules.entry_label(section, index, item.get("id") if isinstance(item, dict) else None)


def _check(builder: Builder, entry: _Entry, field_: str, value: str | None,
           known: Container[str], what: str) -> bool:
    if value is not None and value not in known:
        builder.problem(entry.file, entry.label, field_, f"unknown {what} '{value}'")
        return False
    return True


def _unique(builder: Builder, entries: Iterable[_Entry], key: Callable[[Any], str],
            what: str, field_: str = "id") -> dict[str, _Entry]:
    seen: dict[str, _Entry] = {}
    for entry in entries:
        ident = key(entry.model)
        if ident in seen:
            first = seen[ident]
            kind = f"{what} id" if field_ == "id" else what
            builder.problem(entry.file, entry.label, field_,
                            f"duplicate {kind} '{ident}' (first in {first.file}: {first.label})")
        else:
            seen[ident] = entry
    return seen


def read_reference(seeds_dir: Path, *,
                   sink: Callable[[dict[str, list[dict[str, Any]]],
                                   dict[str, list[Origin | None]]], None] | None = None
                   ) -> tuple[Builder, "_ReferenceRows", Any]:
    """Step 1: dataset.yaml, the reference files and articles/ (with their bodies) →
    the reference rows and the context annotation files are checked against. Problems
    are collected in the returned builder.

    With ``sink`` (the loader's streaming path), each file's rows are handed to it as
    soon as the file is read, and only ids are kept of its entries; the context reads
    each valid article again when its annotation file is read. Memory then holds one
    reference file at a time, not all of them with every article. The problems are the
    same, in another order (the loader reports them from ``read_corpus``)."""
    builder = Builder(seeds_dir)
    if not seeds_dir.is_dir():
        raise SeedValidationError([Problem(str(seeds_dir), "", "", "seed directory not found")])
    found = regular_files(seeds_dir)  # refuses links, special and oversized files at once
    builder.problems.extend(rules.unexpected_files(found, REFERENCE_FILES))
    dataset = builder.parse(DATASET_FILE, "", s.DatasetFile, builder.read_yaml(DATASET_FILE))
    if sink is None:
        ref = {name: builder.parse_list(f"reference/{name}", model)
               for name, model in REFERENCE_FILES.items()}
        sources = builder.parse_list(SOURCES_FILE, s.SourceRow)
        rows = _ReferenceRows(builder, ref, sources).build()
    else:
        rows = _ReferenceRows(builder, {}, [], sink)
        for name, model in REFERENCE_FILES.items():
            rows.build_file(name, builder.parse_list(f"reference/{name}", model))
        rows.build_file(SOURCES_FILE, builder.parse_list(SOURCES_FILE, s.SourceRow))
    kinds = {source_id.startswith(SYNTHETIC_PREFIX) for source_id in rows.source_entries}
    if len(kinds) > 1:
        builder.problem(SOURCES_FILE, "", "id", f"some source ids start with "
                                                f"'{SYNTHETIC_PREFIX}' and some do not; a "
                                                "synthetic corpus is never mixed with real data")
    return builder, rows, dataset


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


def annotation_files(seeds_dir: Path,
                     file_order: Callable[[list[Path]], list[Path]] = sorted) -> list[str]:
    return [f"annotations/{path.name}"
            for path in file_order(sorted((seeds_dir / "annotations").glob("*.yaml")))]


def read_corpus(seeds_dir: Path, file_order: Callable[[list[Path]], list[Path]] = sorted, *,
                digest: str | None = None) -> Corpus:
    """Validate every seed file under ``seeds_dir`` and build the rows to load, all in
    memory (``seed --check`` and error reports; the loader streams the same steps).
    ``digest``: the directory's seed_digest when the caller has just computed it."""
    builder, ref, dataset = read_reference(seeds_dir)
    context = ref.context()
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for table, table_rows in ref.tables.items():
        tables[table].extend(table_rows)
    origins: dict[str, list[Origin | None]] = defaultdict(list)
    for table, table_origins in ref.origins.items():
        origins[table].extend(table_origins)
    files = annotation_files(seeds_dir, file_order)
    if not files:
        builder.problem("annotations/", "", "", "no annotation files")
    units = []
    ledger_gaps: list[Problem] = []
    variants = NameVariants()
    for relative in files:
        unit = read_annotation(builder, context, relative)
        units.append(unit)
        ledger_gaps.extend(unit.ledger_gaps)
        for table, table_rows in unit.rows.items():
            for row, origin in zip(table_rows, unit.origins[table], strict=True):
                if table == "person_name" and not variants.first(row["name_id"]):
                    continue
                tables[table].append(row)
                origins[table].append(origin)
        unit.rows = {}  # the rows live in `tables` now
    direct = cross_check(builder, context, units, bool(files))
    if builder.problems:
        raise SeedValidationError(builder.problems)
    direct.apply(tables)
    for table, table_rows in tables.items():
        pairs = sorted(zip(table_rows, origins[table], strict=True),
                       key=lambda pair: tuple(str(pair[0][k]) for k in sorted(pair[0])))
        tables[table] = [row for row, _ in pairs]
        origins[table] = [origin for _, origin in pairs]
    return Corpus(rows=dict(tables), digest=digest or seed_digest(seeds_dir),
                  data_version=dataset.version, origins=dict(origins), ledger_gaps=ledger_gaps)


class _ReferenceRows:
    """Countries, references, places, organisations, persons, offices, terms, sources."""

    def __init__(self, builder: Builder, ref: dict[str, list[_Entry]], sources: list[_Entry],
                 sink: Callable[[dict[str, list[dict[str, Any]]],
                                 dict[str, list[Origin | None]]], None] | None = None):
        self.b = builder
        self.ref = ref
        self.sources = sources
        self.tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.origins: dict[str, list[Origin | None]] = defaultdict(list)
        self.sink = sink  # streaming: rows go there file by file (see read_reference)
        self.keep_bodies = sink is None
        self.names: dict[str, dict[str, Any]] = {}
        self.bodies: dict[str, str] = {}
        self.files: dict[str, str] = {}  # source id → article file, for valid articles
        self.published: dict[str, dt.date | None] = {}
        self.cameo_events: dict[str, str | None] = {}  # CAMEO code → its PLOVER event
        self.ids = Identifiers(builder.problem)  # the shared identifiers' columns

    def add(self, table: str, row: dict[str, Any], entry: _Entry, field_: str = "") -> None:
        """Append a row of ``table``, remembering the entry (and field) it came from."""
        self.tables[table].append(row)
        self.origins[table].append((entry.file, entry.label, field_))

    # (attribute, id of an entry, what it is) for each reference file, in build order
    STEPS: dict[str, tuple[str, Callable[[Any], str], str]] = {
        "references.yaml": ("references", lambda m: m.id, "reference"),
        "countries.yaml": ("countries", lambda m: m.code, "country"),
        "places.yaml": ("places", lambda m: m.id, "place"),
        "organizations.yaml": ("organizations", lambda m: m.id, "organization"),
        "persons.yaml": ("persons", lambda m: m.id, "person"),
        "offices.yaml": ("offices", lambda m: m.id, "office"),
        "office_terms.yaml": ("terms", lambda m: m.id, "office term"),
        "topics.yaml": ("topics", lambda m: m.id, "topic"),
        "subject_areas.yaml": ("subject_areas", lambda m: m.id, "subject area"),
        **coding.STEPS,
        SOURCES_FILE: ("source_entries", lambda m: m.id, "source"),
    }

    def build(self) -> "_ReferenceRows":
        """Every file's entries made unique, then every file's rows (so problems come in
        that order)."""
        for name in self.STEPS:
            self.unique(name)
        self.unique_columns(*self.STEPS)
        for name in self.STEPS:
            self.rows(name)
        return self

    def build_file(self, name: str, entries: list[_Entry]) -> None:
        """Streaming: one file's entries → its rows, handed to ``sink``; then only the
        ids of its entries are kept (not the entries)."""
        if name == SOURCES_FILE:
            self.sources = entries
        else:
            self.ref[name] = entries
        self.unique(name)
        self.unique_columns(name)
        self.rows(name)
        attribute = self.STEPS[name][0]
        if name != SOURCES_FILE:  # sources keep their entries' labels (for messages)
            setattr(self, attribute, set(getattr(self, attribute)))
            self.ref[name] = []
        assert self.sink is not None
        self.sink(self.tables, self.origins)
        self.tables = defaultdict(list)
        self.origins = defaultdict(list)

    def unique(self, name: str) -> None:
        attribute, key, what = self.STEPS[name]
        entries = self.sources if name == SOURCES_FILE else self.ref[name]
        setattr(self, attribute, _unique(self.b, entries, key, what))

    def unique_columns(self, *names: str) -> None:
        # Also unique in the database: a second entry would fail there, not here.
        if "countries.yaml" in names:
            _unique(self.b, self.countries.values(), lambda m: m.name, "country name", "name")
        if SOURCES_FILE in names:
            _unique(self.b, self.source_entries.values(), lambda m: m.file, "article file",
                    "file")

    def rows(self, name: str) -> None:
        b = self.b
        if name == "countries.yaml":
            for e in self.countries.values():
                self.add("country", {"code": e.model.code, "name": e.model.name,
                                     **self.ids.columns(e, "country", self.references)}, e)
        elif name == "references.yaml":
            for e in self.references.values():
                m = e.model
                self.add("reference", {"reference_id": m.id, "title": m.title,
                                       "publisher": m.publisher, "url": m.url}, e)
        elif name == "places.yaml":
            for e in self.places.values():
                m = e.model
                self.check(e, "country", m.country, self.countries, "country")
                self.check(e, "parent", m.parent, self.places, "place")
                self.add("place", {"place_id": m.id, "name": m.name, "kind": m.kind,
                                   "country_code": m.country, "parent_place_id": m.parent,
                                   **self.ids.columns(e, "place", self.references)}, e)
            cycles = rules.place_cycles({place: e.model.parent
                                         for place, e in self.places.items()})
            for place, cycle in cycles.items():
                e = self.places[place]
                b.problem(e.file, e.label, "parent", "place parents form a cycle: "
                                                     + " → ".join(cycle))
        elif name == "organizations.yaml":
            for e in self.organizations.values():
                m = e.model
                self.check(e, "country", m.country, self.countries, "country")
                self.add("organization", {"organization_id": m.id, "name": m.name,
                                          "kind": m.kind, "country_code": m.country}, e)
        elif name == "persons.yaml":
            for e in self.persons.values():
                m = e.model
                self.check(e, "country", m.country, self.countries, "country")
                self.check(e, "reference", m.reference, self.references, "reference")
                self.add("person", {"person_id": m.id, "canonical_name": m.name,
                                    "country_code": m.country, "reference_id": m.reference,
                                    **self.ids.columns(e, "person", self.references)}, e)
                self.add_name(m.id, m.name, e, "name", canonical=True)
        elif name == "offices.yaml":
            for e in self.offices.values():
                m = e.model
                self.check(e, "country", m.country, self.countries, "country")
                self.add("office", {"office_id": m.id, "title": m.title,
                                    "country_code": m.country, "level": m.level,
                                    **self.ids.columns(e, "office", self.references)}, e)
        elif name == "office_terms.yaml":
            self.build_terms()
        elif name in ("topics.yaml", "subject_areas.yaml"):
            table = "topic" if name == "topics.yaml" else "subject_area"
            for e in getattr(self, self.STEPS[name][0]).values():
                self.add(table, {f"{table}_id": e.model.id, "label": e.model.label}, e)
        elif name in coding.MODELS:
            coding.build(self, name)
        else:
            self.build_sources()

    def check(self, entry: _Entry, field_: str, value: str | None, known: dict, what: str) -> bool:
        return _check(self.b, entry, field_, value, known, what)

    def context(self) -> "Context":
        """What annotation files are checked against: ids only (not the parsed entries)."""
        return Context(
            seeds_dir=self.b.seeds_dir, countries=set(self.countries),
            references=set(self.references), places=set(self.places),
            organizations=set(self.organizations), persons=set(self.persons),
            offices=set(self.offices), terms=set(self.terms), topics=set(self.topics),
            subject_areas=set(self.subject_areas),
            sources={source_id: self.published.get(source_id)
                     for source_id in self.source_entries},
            canonical={name_id: row["name"] for name_id, row in self.names.items()},
            bodies=self.bodies if self.keep_bodies else None,
            files=None if self.keep_bodies else self.files,
            labels={source_id: e.label for source_id, e in self.source_entries.items()})

    def add_name(self, person_id: str, name: str, entry: _Entry, field_: str,
                 canonical: bool = False) -> str:
        key = name_id(person_id, name)
        row = self.names.get(key)
        if row is None:
            row = {"name_id": key, "person_id": person_id, "name": name,
                   "is_canonical": canonical}
            self.names[key] = row
            self.add("person_name", row, entry, field_)
        elif row["name"] != name:
            raise ValueError(f"name variants '{row['name']}' and '{name}' map to one id")
        return key

    def build_terms(self) -> None:
        spans_by_office: dict[str, list[tuple[Any, Any, _Entry]]] = defaultdict(list)
        for e in self.terms.values():
            m = e.model
            self.check(e, "office", m.office, self.offices, "office")
            self.check(e, "person", m.person, self.persons, "person")
            self.check(e, "reference", m.reference, self.references, "reference")
            start, start_precision = parse_partial_date(m.start)
            end, end_precision = parse_partial_date(m.end) if m.end else (None, None)
            if end is not None and end <= start:
                self.b.problem(e.file, e.label, "end", f"term ends ({m.end}) before it starts "
                                                       f"({m.start})")
                continue
            spans_by_office[m.office].append((start, end, e))
            self.add("office_term", {
                "term_id": m.id, "office_id": m.office, "person_id": m.person,
                "start_date": start, "start_precision": start_precision, "end_date": end,
                "end_precision": end_precision, "basis": m.basis, "reference_id": m.reference,
                "note": m.note}, e)
        for spans in spans_by_office.values():
            spans.sort(key=lambda span: span[0])
            for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
                if end is None or start < end:
                    self.b.problem(second.file, second.label, "start",
                                   f"term overlaps {first.model.id} of the same office")

    def build_sources(self) -> None:
        listed = {e.model.file for e in self.sources}
        if self.sources:  # else sources.yaml itself is broken, and that is reported
            for path in sorted((self.b.seeds_dir / "articles").glob("*.txt")):
                if path.name not in listed:
                    self.b.problem(f"articles/{path.name}", "", "", "no entry of articles/sources.yaml "
                                                                    "names this article, so the "
                                                                    "loader would ignore it")
        for e in self.source_entries.values():
            m = e.model
            body = self.b.read_text(f"articles/{m.file}")
            if body is None:
                continue
            too_large = rules.check_article_size(f"articles/{m.file}", f"source {m.id}", body)
            if too_large is not None:
                self.b.problems.append(too_large)
                continue
            actual = hashlib.sha256(body.encode("utf-8")).hexdigest()
            if actual != m.sha256:
                self.b.problem(e.file, e.label, "sha256", f"articles/{m.file} has SHA-256 "
                                                          f"{actual}, not the recorded one")
                continue
            published, precision = (parse_partial_date(m.published_on) if m.published_on
                                    else (None, "day"))
            if published is not None and published > dt.date.today():
                self.b.problem(e.file, e.label, "published_on", f"{m.published_on} is in the future")
            self.published[m.id] = published
            if m.published_on_basis == "inferred" and not m.published_on_note:
                self.b.problem(e.file, e.label, "published_on_note",
                               "an inferred date needs a note saying how it was inferred")
            if self.keep_bodies:
                self.bodies[m.id] = body
            self.files[m.id] = m.file
            self.add("source", {
                "source_id": m.id, "file_name": m.file, "title": m.title,
                "publisher": m.publisher, "agency": m.agency, "published_on": published,
                "published_on_precision": precision, "published_on_basis": m.published_on_basis,
                "published_on_note": m.published_on_note, "language": m.language,
                "is_translation": m.is_translation, "url": m.url, "body": body,
                "sha256": actual}, _Entry(f"articles/{m.file}", f"source {m.id}", m))



@dataclass
class Context:
    """What one annotation file is checked against: the reference data and the sources.
    Made from the parsed reference files (``_ReferenceRows.context``) or, when only
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
    canonical: dict[str, str]  # name id → canonical name
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


def read_annotation(builder: Builder, context: Context, relative: str) -> FileUnit:
    """Step 2: one annotation file → its validated rows. Checks that need other annotation
    files are left to ``cross_check`` (through the unit's summary)."""
    return _Annotation(builder, context, relative).build()


@dataclass
class DirectQuotes:
    """Step 3's resolution of how each source renders a statement (it depends on every
    file that cites the statement): the final quote_kind of statements and evidence."""

    statements: dict[str, str]  # statement id → the most direct supporting kind
    evidence: dict[str, str]  # evidence id (str) → its kind

    def apply(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        for row in tables.get("statement", []):
            if row["statement_id"] in self.statements:
                row["quote_kind"] = self.statements[row["statement_id"]]
        for row in tables.get("evidence", []):
            value = self.evidence.get(str(row["evidence_id"]))
            if value is not None:
                row["quote_kind"] = value


def cross_check(builder: Builder, context: Context, units: Iterable[FileUnit | dict[str, Any]],
                any_files: bool, only_statements: set[str] | None = None) -> DirectQuotes:
    """Step 3: the rules that span annotation files, over the units' summaries in file
    order: one annotation file per article and one for each, unique fact ids, citations
    and visits that some file defines, one spelling per name id, direct quotes.
    ``only_statements``: resolve direct quotes for these statements only."""
    check = CrossCheck(builder, context, only_statements)
    for unit in units:
        check.add(unit)
    return check.finish(any_files)


class CrossCheck:
    """``cross_check`` one summary at a time, keeping only what its rules still need (a
    citation of a fact already defined is settled at once), so a loader can let each
    file's summary go after adding it. The problems are the same, in the same order."""

    def __init__(self, builder: Builder, context: Context,
                 only_statements: set[str] | None = None):
        self.b = builder
        self.context = context
        self.only = only_statements
        self.annotated: dict[str, str] = {}
        self.definitions: dict[tuple[str, str], tuple[str, str]] = {}
        self.cites: list[tuple[str, str, str, str]] = []  # not yet defined when added
        self.visit_refs: list[tuple[str, str, str]] = []  # likewise
        self.names = dict(context.canonical)
        self.statements: dict[str, list] = {}
        self.renderings: dict[str, list[list]] = defaultdict(list)
        self.readable = True

    def add(self, unit: FileUnit | dict[str, Any]) -> None:
        builder, only = self.b, self.only
        definitions = self.definitions
        summary = unit.summary if isinstance(unit, FileUnit) else unit
        file = summary["file"]
        self.readable = self.readable and summary["readable"]
        source_id = summary["source"]
        if source_id is not None:
            if source_id in self.annotated:
                builder.problem(file, "", "source", f"source '{source_id}' is already annotated "
                                                    f"by {self.annotated[source_id]}; one "
                                                    "annotation file per article")
            else:
                self.annotated[source_id] = file
        for fact_type, fact_id, label in summary["defines"]:
            first = definitions.get((fact_type, fact_id))
            if first is not None:
                builder.problem(file, label, "id", f"duplicate {fact_type} id '{fact_id}' "
                                                   f"(first defined in {first[0]}: {first[1]})")
            else:
                definitions[fact_type, fact_id] = (file, label)
        self.cites.extend((file, fact_type, fact_id, label)
                          for fact_type, fact_id, label in summary["cites"]
                          if (fact_type, fact_id) not in definitions)
        self.visit_refs.extend((file, visit_id, label) for visit_id, label in summary["visit_refs"]
                               if ("visit", visit_id) not in definitions)
        for ident, name, label in summary["names"]:
            known = self.names.setdefault(ident, name)
            if known != name:
                builder.problem(file, label, "name",
                                f"name variants '{known}' and '{name}' map to one id")
        for statement_id, declared, text_, label in summary["statements"]:
            if only is None or statement_id in only:
                self.statements.setdefault(statement_id, [declared, text_, file, label])
        for rendering in summary["renderings"]:
            if only is None or rendering[0] in only:
                self.renderings[rendering[0]].append([*rendering, file])

    def finish(self, any_files: bool) -> DirectQuotes:
        builder, context, definitions = self.b, self.context, self.definitions
        if any_files and self.readable:
            for source_id in context.sources:
                if source_id not in self.annotated:
                    builder.problem(SOURCES_FILE,
                                    context.labels.get(source_id, f"source {source_id}"), "id",
                                    f"no annotation file has 'source: {source_id}'; every "
                                    "article needs one (with 'retract:' if it has no facts)")
        for file, visit_id, label in self.visit_refs:
            if ("visit", visit_id) not in definitions:
                builder.problem(file, label, "visit", f"unknown visit '{visit_id}'")
        for file, fact_type, fact_id, label in self.cites:
            if (fact_type, fact_id) not in definitions:
                builder.problem(file, label, "id",
                                f"cites {fact_type} '{fact_id}' that no annotation defines")
        return _resolve_direct_quotes(builder, self.statements, self.renderings)


def _resolve_direct_quotes(builder: Builder, statements: dict[str, list],
                           renderings: dict[str, list[list]]) -> DirectQuotes:
    """Each source's rendering of a statement has a kind: its own declaration, else the
    statement's default (by default, by the quotation marks), checked against the words
    the quote puts in quotation marks. A statement takes the most direct kind of its
    supporting renderings, and when that is direct its text is the direct wording."""
    result = DirectQuotes({}, {})
    for statement_id, found in renderings.items():
        statement = statements.get(statement_id)
        for _, evidence_id, declaration, _, _, has_words, *where in found:
            inherited = declaration is None and statement is not None
            kind = quotes.resolve(statement[0] if inherited else declaration, has_words)
            wrong = quotes.mismatch(kind, "…" if has_words else None) if inherited else None
            if wrong:
                label, field_, file = where
                builder.problem(file, label, f"{field_}.kind",
                                f"the statement's quote_kind is {kind}, but {wrong}")
            result.evidence[evidence_id] = kind
    for statement_id, (_, text_, file, label) in statements.items():
        found = [r for r in renderings.get(statement_id, []) if r[3] == "supports"]
        kind = quotes.most_direct(result.evidence[r[1]] for r in found)
        result.statements[statement_id] = kind
        direct = [r for r in found if result.evidence[r[1]] == "direct"]
        if direct and not any(text_ in r[4] for r in direct):
            builder.problem(file, label, "text",
                            "a source quotes this statement directly, so text must be the "
                            "direct wording, inside one of those quotes")
    return result


# The fact types, each with the table (and link tables) its rows go to: one place.
FACT_TYPES: tuple[str, ...] = tuple(fact.name for fact in ANNOTATED)  # annotation-defined
LINK_TABLES: dict[str, tuple[str, str]] = {
    # link table → (fact type of its parent, parent key column)
    link: (fact.name, column) for fact in ANNOTATED for link, column in fact.links}


class _Annotation(Dating):
    """One annotation file: its facts, their evidence, name variants and its article's
    sentence ledger. Writes only into its own unit."""

    def __init__(self, builder: Builder, context: Context, relative: str):
        self.b = builder
        self.ctx = context
        self.relative = relative
        self.tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.origins: dict[str, list[Origin | None]] = defaultdict(list)
        self.evidence_origins: dict[uuid.UUID, Origin] = {}
        self.evidence: dict[uuid.UUID, dict[str, Any]] = {}
        self.skips: list[tuple[int, int, str, str]] = []  # start, end, reason, label
        self.variants = NameVariants()
        self.summary: dict[str, Any] = {
            "file": relative, "source": None, "readable": True, "defines": [], "cites": [],
            "visit_refs": [], "names": [], "statements": [], "renderings": []}
        self.ledger_gaps: list[Problem] = []
        self.body: str | None = None
        self.published: dt.date | None = None
        self.draft = drafts.DraftState()

    def add(self, table: str, row: dict[str, Any], entry: _Entry, field_: str = "") -> None:
        self.tables[table].append(row)
        self.origins[table].append((entry.file, entry.label, field_))

    def build(self) -> FileUnit:
        before = len(self.b.problems)
        self.read_file()
        source_id = self.summary["source"]
        if self.body is not None:
            self.build_sentences(source_id, self.body)
        self.tables["evidence"].extend(self.evidence.values())
        self.origins["evidence"].extend(self.evidence_origins[key] for key in self.evidence)
        unit = FileUnit(self.relative, source_id, self.summary["readable"], dict(self.tables),
                        dict(self.origins), self.summary, self.ledger_gaps)
        if self.draft.is_draft:
            self.settle_draft(unit, before)
        return unit

    def settle_draft(self, unit: FileUnit, before: int) -> None:
        """A draft is refused with one line saying how much remains; the problems of its
        decided part go with that line (``seed --check`` shows them), and it claims
        nothing of other files but its article."""
        problems = self.b.problems
        details = [p for p in problems[before:] if p.file == self.relative]
        problems[before:] = [p for p in problems[before:] if p.file != self.relative]
        sentences = unit.rows.get("source_sentence", [])
        cited = _cited_sentences(unit.rows)
        decided = {row["sentence_no"] for row in sentences
                   if row["skip_reason"] or (row["source_id"], row["sentence_no"]) in cited}
        undecided = (drafts.undecided_sentences(self.draft, self.body,
                                                split_sentences(self.body))
                     if self.body is not None else set())
        problems.append(drafts.refusal(self.relative, self.draft, decided, undecided,
                                       len(sentences), details))
        for key in ("defines", "cites", "visit_refs", "names", "statements", "renderings"):
            unit.summary[key] = []
        unit.ledger_gaps, unit.draft = [], True

    def read_file(self) -> None:
        relative, b = self.relative, self.b
        before = len(b.problems)
        raw = b.read_yaml(relative)
        if not isinstance(raw, dict) or not isinstance(raw.get("source"), str):
            self.summary["readable"] = False
        if raw is None:
            if len(b.problems) == before:  # an empty file, not an unreadable one
                b.problems.extend(rules.check_annotation_file(relative, None, s.FACT_SECTIONS))
            return
        if not isinstance(raw, dict):
            b.problem(relative, "", "", "expected a mapping with 'source' and fact sections")
            return
        raw, self.draft = drafts.take_draft(raw)  # a draft's decided part only
        if not self.draft.is_draft:
            b.problems.extend(rules.check_annotation_file(relative, raw, s.FACT_SECTIONS))
        for key in raw:
            if key not in ANNOTATION_SECTIONS:
                b.problem(relative, "", str(key), f"unknown section; expected one of "
                                                  f"{', '.join(ANNOTATION_SECTIONS)}")
        source_id = raw.get("source")
        if not isinstance(source_id, str) or source_id not in self.ctx.sources:
            b.problem(relative, "", "source", f"unknown source '{source_id}'")
            return
        self.summary["source"] = source_id
        body = self.ctx.body(source_id)
        if body is None:
            return  # the article itself is broken; already reported
        self.body = body
        self.published = self.ctx.sources.get(source_id)
        skipped = raw.get(SKIPPED) or []
        if not isinstance(skipped, list):
            b.problem(relative, SKIPPED, "", "expected a list")
            skipped = []
        for index, item in enumerate(skipped):
            label = f"{SKIPPED}[{index}]"
            entry = b.parse(relative, label, s.SkipEntry, item)
            if entry is None:
                continue
            text_, occurrence = ((entry.quote, None) if isinstance(entry.quote, str)
                                 else (entry.quote.text, entry.quote.occurrence))
            try:
                start, end = locate(body, text_, occurrence)
            except (QuoteNotFound, QuoteAmbiguous) as error:
                b.problem(relative, label, "quote", f"{error}: {text_[:60]!r}")
                continue
            self.skips.append((start, end, entry.reason, label))
        for section in ("names", "terms", *s.FACT_SECTIONS):
            items = raw.get(section) or []
            if not isinstance(items, list):
                b.problem(relative, section, "", "expected a list")
                continue
            for index, item in enumerate(items):
                label = _label(index, item, section)
                self.read_entry(section, label, item, source_id, body)

    def read_entry(self, section, label, item, source_id, body) -> None:
        b, relative = self.b, self.relative
        if section == "names":
            entry = b.parse(relative, label, s.NameEntry, item)
            if entry is None:
                return
            if not _check(b, _Entry(relative, label, entry), "person", entry.person,
                          self.ctx.persons, "person"):
                return
            quote = entry.quote or entry.name
            text_ = quote if isinstance(quote, str) else quote.text
            if entry.name not in text_:
                b.problem(relative, label, "quote", f"the quote does not contain '{entry.name}'")
                return
            ident = name_id(entry.person, entry.name)
            canonical = self.ctx.canonical.get(ident)
            if canonical is not None and canonical != entry.name:
                b.problem(relative, label, "name",
                          f"name variants '{canonical}' and '{entry.name}' map to one id")
                return
            if canonical is None:
                self.summary["names"].append([ident, entry.name, label])
                if self.variants.first(ident):
                    self.add("person_name", {"name_id": ident, "person_id": entry.person,
                                             "name": entry.name, "is_canonical": False},
                             _Entry(relative, label, entry), "name")
            self.add_evidence(label, "quote", "person_name", ident, source_id, body, quote)
            return
        if section == "terms":
            entry = b.parse(relative, label, s.TermEntry, item)
            if entry is not None and _check(b, _Entry(relative, label, entry), "term",
                                            entry.term, self.ctx.terms, "office term"):
                self.add_evidence(label, "quote", "office_term", entry.term, source_id, body,
                                  entry.quote)
            return
        fact_type, model = s.FACT_SECTIONS[section]
        defining = isinstance(item, dict) and not set(item) <= s.CITE_KEYS
        entry = b.parse(relative, label, model if defining else s.Cited, item)
        if entry is None:
            return
        wrapped = _Entry(relative, label, entry, self.published)
        if defining:
            self.summary["defines"].append([fact_type, entry.id, label])
            if not entry.all_quotes():
                b.problem(relative, label, "quote", "a fact needs at least one quote")
            ROW_BUILDERS[fact_type](self, wrapped)
        else:
            self.summary["cites"].append([fact_type, entry.id, label])
        for index, quote in enumerate(entry.all_quotes()):
            field_ = "quote" if entry.quote is not None and index == 0 else f"quotes.{index}"
            self.add_evidence(label, field_, fact_type, entry.id, source_id, body, quote)
        for index, claim in enumerate(entry.claims):
            self.add_evidence(label, f"claims.{index}.quote", fact_type, entry.id, source_id,
                              body, claim.quote, claim.aspect, claim.claim, stance=claim.stance)

    def add_evidence(self, label, field_, fact_type, fact_id, source_id, body, quote,
                     aspect=None, claim=None, stance=None) -> None:
        relative = self.relative
        text_, occurrence = (quote, None) if isinstance(quote, str) else (quote.text,
                                                                          quote.occurrence)
        kind, direct = (None, None) if isinstance(quote, str) else (quote.kind, quote.direct)
        stance = stance or ("supports" if isinstance(quote, str) else quote.stance)
        for given, name in ((direct, "direct"), (kind, "kind")):
            if given is not None and fact_type != "statement":
                self.b.problem(relative, label, f"{field_}.{name}",
                               "only a statement's quote says how it quotes the speaker")
                return
        if kind is not None and direct is not None:
            self.b.problem(relative, label, f"{field_}.direct",
                           "give kind or direct, not both (direct is the older form of kind)")
            return
        try:
            start, end = locate(body, text_, occurrence)
        except (QuoteNotFound, QuoteAmbiguous) as error:
            self.b.problem(relative, label, field_, f"{error}: {text_[:60]!r}")
            return
        key = "|".join(map(str, (fact_type, fact_id, source_id, start, end, aspect or "")))
        evidence_id = uuid.uuid5(EVIDENCE_NAMESPACE, key)
        if evidence_id in self.evidence:
            self.b.problem(relative, label, field_, "the same quote is cited twice for this fact")
            return
        words = declaration = resolved = None
        if fact_type == "statement":
            words = quotes.quoted_words(body, start, end)
            declaration = quotes.declared(kind, direct)
            if declaration is not None:
                resolved = quotes.resolve(declaration, words is not None)
                wrong = quotes.mismatch(resolved, words)
                if wrong:
                    self.b.problem(relative, label, f"{field_}.kind", wrong)
                    return
            if resolved == "paraphrase":
                words = None
        row = dict(_NO_TARGET)
        row.update(evidence_id=evidence_id, source_id=source_id, char_start=start,
                   char_end=end, quote=text_, aspect=aspect, claim=claim, stance=stance,
                   quote_kind=resolved, quoted_words=words)
        row[EVIDENCE_COLUMN[fact_type]] = fact_id
        self.evidence[evidence_id] = row
        self.evidence_origins[evidence_id] = (relative, label, field_)
        if fact_type == "statement":
            self.summary["renderings"].append([fact_id, str(evidence_id), declaration, stance,
                                               text_, words is not None, label, field_])

    def build_sentences(self, source_id: str, body: str) -> None:
        """The sentence ledger: every sentence of the source is cited by some evidence or
        skipped with a reason, and never both."""
        relative = self.relative
        sentences = split_sentences(body)
        evidence = sorted((r["char_start"], r["char_end"]) for r in self.evidence.values())
        skips = {}
        for start, end, reason, label in self.skips:
            hit = [st for st in sentences if st.start <= start and end <= st.end]
            if not hit:
                self.b.problem(relative, label, "quote", "the quote is not inside one sentence "
                                                         "(docs/seed-format.md, Sentences)")
                continue
            number = hit[0].number
            if number in skips:
                self.b.problem(relative, label, "quote", f"sentence {number} is skipped twice")
            skips[number] = (reason, label)
        rows = self.tables["source_sentence"]
        for sentence in sentences:
            cited = any(start < sentence.end and end > sentence.start
                        for start, end in evidence)
            skip = skips.get(sentence.number)
            if cited and skip:
                self.b.problem(relative, skip[1], "quote", f"sentence {sentence.number} is "
                               "cited by a fact, so it is not skipped; remove this entry")
            elif not cited and not skip:
                self.ledger_gaps.append(Problem(
                    relative, f"sentence {sentence.number}", SKIPPED,
                    f"cited by no fact and not skipped: {sentence.text(body)[:70]!r}; cite "
                    "it from a fact or add it to 'skipped' with a reason"))
            self.origins["source_sentence"].append(None)
            rows.append({"source_id": source_id, "sentence_no": sentence.number,
                         "char_start": sentence.start, "char_end": sentence.end,
                         "skip_reason": skip[0] if skip and not cited else None})

    # -- rows for each fact type -------------------------------------------------------
    def known(self, entry: _Entry, field_: str, value, pool, what: str) -> None:
        _check(self.b, entry, field_, value, pool, what)

    def links(self, entry: _Entry, field_: str, values: list[str], pool, what: str,
              table: str, parent: tuple[str, str], column: str) -> None:
        """Rows of a link table (parent id, each value), each value checked; a value listed
        twice is refused (the table would hold it once, and the curator meant something)."""
        repeated = {index for index, _, _ in rules.duplicate_members(values)}
        for index, value, first in rules.duplicate_members(values):
            self.b.problem(entry.file, entry.label, f"{field_}.{index}",
                           f"'{value}' is listed twice (first as {field_}.{first})")
        for index, value in enumerate(values):
            if index not in repeated:
                self.known(entry, f"{field_}.{index}", value, pool, what)
                self.add(table, {parent[0]: parent[1], column: value}, entry,
                         f"{field_}.{index}")

    def dated(self, entry: _Entry, fact_type: str, field_: str, value: dt.date | None, *,
              status: str | None = None, qualifier: str | None = None) -> None:
        message = rules.check_fact_date(fact_type, field_, value, entry.published,
                                        status=status, qualifier=qualifier)
        if message:
            self.b.problem(entry.file, entry.label, field_, message)

    def visit_ref(self, entry: _Entry, value: str | None) -> None:
        if value is not None:  # checked by cross_check: the visit may be in another file
            self.summary["visit_refs"].append([value, entry.label])

    def basis_columns(self, bounds, basis: str, note: str | None, reference: str | None,
                      names: tuple[str, str, str]) -> dict[str, Any]:
        """The basis, note and reference columns of a date (no bound, no basis)."""
        return dict(zip(names, (basis if bounds.bounded else None, note, reference),
                        strict=True))

    def row_visit(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.known(e, "visitor", m.visitor, r.persons, "person")
        self.known(e, "visitor_country", m.visitor_country, r.countries, "country")
        self.known(e, "host_country", m.host_country, r.countries, "country")
        self.known(e, "place", m.place, r.places, "place")
        start, start_columns = self.bounded(
            e, "start_date", m.start_date, m.date_basis, m.date_note, m.date_reference,
            names=("start_earliest", "start_latest", "start_edtf"), fact_type="visit",
            status=m.status)
        # A visit's end may follow its article (an announced length): not a dated rule.
        end, end_columns = self.bounded(
            e, "end_date", m.end_date, m.date_basis, m.date_note,
            m.date_reference if m.end_date else None,
            names=("end_earliest", "end_latest", "end_edtf"), fact_type="visit",
            status="planned")
        if end.bounded and not start.bounded:
            self.b.problem(e.file, e.label, "end_date", "a visit with an end_date needs a "
                                                        "start_date")
        elif any(side is not None and start.earliest is not None and side < start.earliest
                 for side in (end.earliest, end.latest)):
            self.b.problem(e.file, e.label, "end_date", "the visit ends before it starts")
        if m.host_country == m.visitor_country:
            self.b.problem(e.file, e.label, "host_country", f"a visit is abroad: host_country "
                                                            f"must differ from visitor_country "
                                                            f"({m.visitor_country})")
        if not start.bounded and m.status not in rules.PLAN_STATUSES["visit"]:
            article = "an" if m.status[0] in "aeiou" else "a"
            self.b.problem(e.file, e.label, "start_date", f"{article} {m.status} visit needs a start_date;"
                                                          " only a planned, postponed or "
                                                          "cancelled visit may be undated")
        # A postponement is reported after it happens: never after the article.
        changed, changed_columns = self.bounded(
            e, "status_changed_on", m.status_changed_on, m.status_changed_basis,
            m.status_changed_note, m.status_changed_reference,
            names=("status_changed_earliest", "status_changed_latest", "status_changed_edtf"),
            fact_type="statement", basis_field="status_changed_basis",
            note_field="status_changed_note", reference_field="status_changed_reference")
        if changed.bounded and m.status not in ("postponed", "cancelled"):
            self.b.problem(e.file, e.label, "status_changed_on",
                           "only a postponed or cancelled visit has a status_changed_on")
        self.add("visit", {
            "visit_id": m.id, "visitor_id": m.visitor, "visitor_country_code": m.visitor_country,
            "host_country_code": m.host_country, "place_id": m.place, **start_columns,
            **end_columns, "dates_edtf": visit_interval(start, end),
            **self.basis_columns(start, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "status": m.status, "status_reason": m.status_reason, **changed_columns,
            **self.basis_columns(changed, m.status_changed_basis, m.status_changed_note,
                                 m.status_changed_reference,
                                 ("status_changed_basis", "status_changed_note",
                                  "status_changed_reference_id")),
            "visit_type": m.visit_type, "first_trip_abroad": m.first_trip_abroad}, e)

    def row_visit_participant(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "person", m.person, r.persons, "person")
        self.known(e, "office", m.office, r.offices, "office")
        self.known(e, "led_by", m.led_by, r.persons, "person")
        self.known(e, "country", m.country, r.countries, "country")
        if m.person is None and m.office is None and m.group is None:
            self.b.problem(e.file, e.label, "person",
                           "a participant needs a person, an office or a group")
        if m.led_by is not None and m.group is None:
            self.b.problem(e.file, e.label, "led_by", "only a group is led by someone; a "
                                                      "person or an office is itself")
        self.add("visit_participant", {
            "participant_id": m.id, "visit_id": m.visit, "person_id": m.person,
            "office_id": m.office, "group_description": m.group, "led_by_person_id": m.led_by,
            "country_code": m.country, "role": m.role}, e)

    def row_meeting(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "place", m.place, r.places, "place")
        held, columns = self.bounded(
            e, "held_on", m.held_on, m.date_basis, m.date_note, m.date_reference,
            names=("held_earliest", "held_latest", "held_edtf"), fact_type="meeting",
            status=m.status)
        self.add("meeting", {
            "meeting_id": m.id, "visit_id": m.visit, **columns,
            **self.basis_columns(held, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "place_id": m.place, "status": m.status, "summary": m.summary}, e)
        persons = [p for p in m.participants if isinstance(p, str)]
        self.links(e, "participants", persons, r.persons, "person",
                   "meeting_participant", ("meeting_id", m.id), "person_id")
        groups = [(i, p) for i, p in enumerate(m.participants) if not isinstance(p, str)]
        for number, (index, group) in enumerate(groups, 1):
            field_ = f"participants.{index}"
            self.known(e, f"{field_}.country", group.country, r.countries, "country")
            self.known(e, f"{field_}.led_by", group.led_by, r.persons, "person")
            self.known(e, f"{field_}.office", group.office, r.offices, "office")
            self.add("meeting_group", {
                "meeting_id": m.id, "group_no": number, "description": group.group,
                "country_code": group.country, "led_by_person_id": group.led_by,
                "office_id": group.office}, e, field_)

    def row_statement(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "speaker", m.speaker, r.persons, "person")
        self.known(e, "speaker_organization", m.speaker_organization, r.organizations,
                   "organization")
        self.known(e, "target", m.target, r.countries, "country")
        if (m.speaker is None) == (m.speaker_organization is None):
            self.b.problem(e.file, e.label, "speaker",
                           "give exactly one of speaker and speaker_organization")
        if m.quote_kind is not None and m.is_direct_quote is not None:
            self.b.problem(e.file, e.label, "is_direct_quote", "give quote_kind or "
                           "is_direct_quote, not both (is_direct_quote is the older form)")
        quotes_ = [q if isinstance(q, str) else q.text for q in m.all_quotes()]
        text = m.text or (quotes_[0] if quotes_ else "")
        if m.text and not any(m.text in quote for quote in quotes_):
            self.b.problem(e.file, e.label, "text",
                           "text must appear verbatim in one of the entry's quotes")
        said, columns = self.bounded(
            e, "said_on", m.said_on, m.date_basis, m.date_note, m.date_reference,
            names=("said_earliest", "said_latest", "said_edtf"), fact_type="statement")
        default = quotes.statement_default(m.quote_kind, m.is_direct_quote)
        self.add("statement", {
            "statement_id": m.id, "kind": m.kind, "target_country_code": m.target,
            "speaker_person_id": m.speaker,
            "speaker_organization_id": m.speaker_organization, **columns,
            **self.basis_columns(said, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "visit_id": m.visit, "text": text, "quote_kind": None}, e)
        self.summary["statements"].append([m.id, default, text, e.label])
        self.links(e, "topics", m.topics, r.topics, "topic",
                   "statement_topic", ("statement_id", m.id), "topic_id")

    def row_agreement(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        concluded, columns = self.bounded(
            e, "concluded_on", m.concluded_on, m.date_basis, m.date_note, m.date_reference,
            names=("concluded_earliest", "concluded_latest", "concluded_edtf"),
            fact_type="agreement", status=m.status)
        self.add("agreement", {
            "agreement_id": m.id, "title": m.title, "kind": m.kind, "status": m.status,
            **columns, **self.basis_columns(concluded, m.date_basis, m.date_note,
                                            m.date_reference,
                                            ("date_basis", "date_note", "date_reference_id")),
            "visit_id": m.visit, "instrument_count": m.instrument_count,
            "value_usd": m.value_usd}, e)
        self.links(e, "parties", m.parties, r.countries, "country",
                   "agreement_party", ("agreement_id", m.id), "country_code")
        self.links(e, "subject_areas", m.subject_areas, r.subject_areas, "subject area",
                   "agreement_subject", ("agreement_id", m.id), "subject_area_id")

    def row_figure(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "country", m.country, r.countries, "country")
        self.known(e, "counterpart", m.counterpart, r.countries, "country")
        as_of, columns = self.bounded(
            e, "as_of", m.as_of, m.as_of_basis, m.as_of_note, m.as_of_reference,
            names=("as_of_earliest", "as_of_latest", "as_of_edtf"), fact_type="figure",
            qualifier=m.qualifier, basis_field="as_of_basis", note_field="as_of_note",
            reference_field="as_of_reference")
        self.add("figure", {
            "figure_id": m.id, "metric": m.metric, "country_code": m.country,
            "counterpart_country_code": m.counterpart, "value": m.value, "unit": m.unit,
            "qualifier": m.qualifier, **columns,
            **self.basis_columns(as_of, m.as_of_basis, m.as_of_note, m.as_of_reference,
                                 ("as_of_basis", "as_of_note", "as_of_reference_id")),
            "visit_id": m.visit, "note": m.note}, e)

    def row_activity(self, e: _Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "actor", m.actor, r.persons, "person")
        self.known(e, "actor_organization", m.actor_organization, r.organizations,
                   "organization")
        self.known(e, "country", m.country, r.countries, "country")
        self.known(e, "place", m.place, r.places, "place")
        if m.actor is not None and m.actor_organization is not None:
            self.b.problem(e.file, e.label, "actor_organization",
                           "give at most one of actor (a person) and actor_organization")
        happened, columns = self.bounded(
            e, "date", m.date, m.date_basis, m.date_note, m.date_reference,
            names=("earliest", "latest", "date_edtf"), fact_type="activity",
            status=m.status)
        self.add("activity", {
            "activity_id": m.id, "kind": m.kind, "summary": m.summary,
            "actor_person_id": m.actor, "actor_organization_id": m.actor_organization,
            "country_code": m.country, "place_id": m.place, "visit_id": m.visit, **columns,
            **self.basis_columns(happened, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "status": m.status}, e)


# fact type → the method that turns a defining entry into its rows
ROW_BUILDERS: dict[str, Callable[[_Annotation, _Entry], None]] = {
    fact_type: getattr(_Annotation, f"row_{fact_type}") for fact_type in FACT_TYPES}


EVIDENCE_COLUMN = {fact.name: fact.key for fact in FACTS}  # fact type → its evidence column
_NO_TARGET = dict.fromkeys(EVIDENCE_COLUMN.values())
