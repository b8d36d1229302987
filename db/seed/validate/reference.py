"""Step 2 for the reference data: dataset.yaml, reference/*.yaml and articles/ (with
sources.yaml) → the reference rows, and the context annotation files are checked
against."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from diplodb.models.people import name_id
from diplodb.seed import coding, rules
from diplodb.seed.entry_models import reference as s
from diplodb.seed.files import regular_files
from diplodb.seed.identifiers import Identifiers, release_geonames
from diplodb.seed.problems import Problem, SeedValidationError
from diplodb.seed.spill import Spill, SpilledList, SpilledLists, SpilledMap
from diplodb.seed.text import parse_partial_date
from diplodb.seed.validate.entries import Builder, Entry, check_known, unique_entries
from diplodb.seed.validate.units import Context, Origin, SourceDates, row_weight


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
# The files that grow with the corpus. Their entries are kept as plain records
# (``entries.record``: their models have no methods to keep), and their rows refer only
# to earlier files' (and to rows made with them), so they are handed on in batches while
# the file is built: a large one's rows are never all in memory at once (at x1000,
# office_terms.yaml's 28,000 terms were 16 MB of rows, and 53 MB as models).
# They are also the files that may be split into parts (rules.SPLIT_FILES).
GROWING_FILES = frozenset(name.removeprefix("reference/") for name in rules.SPLIT_FILES)
DATASET_FILE = rules.DATASET_FILE
SYNTHETIC_PREFIX = "synthetic-"
"""Source ids of a synthetic corpus (diplodb synthesize) start with this; the loader never
mixes such a corpus with the real one in one database."""


def read_reference(seeds_dir: Path, *,
                   sink: Callable[[dict[str, list[dict[str, Any]]],
                                   dict[str, list[Origin | None]]], None] | None = None,
                   listed: list[str] | None = None, spill: Spill | None = None
                   ) -> tuple[Builder, "ReferenceRows", Any]:
    """Step 1: dataset.yaml, the reference files and articles/ (with their bodies) →
    the reference rows and the context annotation files are checked against. Problems
    are collected in the returned builder.

    With ``sink`` (the loader's streaming path), each file's rows are handed to it as
    soon as the file is read, and only ids are kept of its entries; the context reads
    each valid article again when its annotation file is read. Memory then holds one
    reference file at a time, not all of them with every article. The problems are the
    same, in another order (the loader reports them from ``read_corpus``).

    ``listed``: the relative paths of the directory's files, when the caller has just
    scanned it. ``spill``: where the entries of the files that grow with the corpus, and
    what is kept of them, are held (a new one if None)."""
    spill = Spill() if spill is None else spill
    builder = Builder(seeds_dir)
    if not seeds_dir.is_dir():
        raise SeedValidationError([Problem(str(seeds_dir), "", "", "seed directory not found")])
    # refuses links, special and oversized files at once (unless the caller has: listed)
    found = regular_files(seeds_dir) if listed is None else listed
    builder.problems.extend(rules.unexpected_files(found, REFERENCE_FILES))
    dataset = builder.parse(DATASET_FILE, "", s.DatasetFile, builder.read_yaml(DATASET_FILE))

    def entries(relative: str, model: type[BaseModel], growing: bool) -> Any:
        return parse_parts(builder, found, relative, model, growing,
                           SpilledList(spill) if growing else [])

    if sink is None:
        ref = {name: entries(f"reference/{name}", model, name in GROWING_FILES)
               for name, model in REFERENCE_FILES.items()}
        sources = entries(SOURCES_FILE, s.SourceRow, True)
        rows = ReferenceRows(builder, ref, sources, spill).build()
    else:
        rows = ReferenceRows(builder, {}, [], spill, sink)
        for name, model in REFERENCE_FILES.items():
            rows.build_file(name, entries(f"reference/{name}", model, name in GROWING_FILES))
        rows.build_file(SOURCES_FILE, entries(SOURCES_FILE, s.SourceRow, True))
    kinds = {source_id.startswith(SYNTHETIC_PREFIX) for source_id in rows.source_entries}
    if len(kinds) > 1:
        builder.problem(SOURCES_FILE, "", "id", f"some source ids start with "
                                                f"'{SYNTHETIC_PREFIX}' and some do not; a "
                                                "synthetic corpus is never mixed with real data")
    return builder, rows, dataset


def parse_parts(builder: Builder, listed: list[str], relative: str, model: type[BaseModel],
                records: bool, entries: Any = None) -> Any:
    """The valid entries of a list file; of a file split into parts (``rules.parts``),
    those of every part, in order, each entry naming the part it is in. ``entries``:
    where they are appended (a list, or a ``SpilledList``; a new list if None)."""
    entries = [] if entries is None else entries
    if relative not in rules.SPLIT_FILES:
        return builder.parse_list(relative, model, records, entries)
    names, problems = rules.parts(listed, relative)
    builder.problems.extend(problems)
    for name in names:
        builder.parse_list(name, model, records, entries)
    return entries


class _Keyed:
    """One reference file's entries by id, as an attribute of ReferenceRows (its name is
    the file's ``STEPS`` attribute), kept in ``ReferenceRows.keyed``. Once a streamed
    file's rows are written only its ids are kept (each mapped to None): later files only
    check that an id exists."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, rows: "ReferenceRows | None", owner: type | None = None) -> Any:
        return self if rows is None else rows.keyed[self.name]


class ReferenceRows:
    """Countries, references, places, organisations, persons, offices, terms, sources."""

    # each file's entries by id: one attribute per ``STEPS`` entry
    references, countries, places, organizations = _Keyed(), _Keyed(), _Keyed(), _Keyed()
    persons, offices, terms, topics, subject_areas = (_Keyed(), _Keyed(), _Keyed(), _Keyed(),
                                                      _Keyed())
    cameo_codes, coding_rules, context_maps = _Keyed(), _Keyed(), _Keyed()
    source_entries = _Keyed()

    def __init__(self, builder: Builder, ref: dict[str, Any], sources: Any, spill: Spill,
                 sink: Callable[[dict[str, list[dict[str, Any]]],
                                 dict[str, list[Origin | None]]], None] | None = None):
        self.b = builder
        self.spill = spill
        self.ref = ref
        self.sources = sources
        self.tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.origins: dict[str, list[Origin | None]] = defaultdict(list)
        self.sink = sink  # streaming: rows go there file by file (see read_reference)
        self.streaming = False  # rows handed on in batches while a file is built
        self.pending = 0  # rows not handed on yet
        self.keep_bodies = sink is None
        self.names = SpilledMap(spill)  # name id → the name (the context's canonical names)
        self.bodies: dict[str, str] = {}
        # source id → article file, for valid articles (the context reads the articles
        # from it when the bodies are not kept); source id → its publication date
        self.files: MutableMapping[str, str] = {} if self.keep_bodies else SpilledMap(spill)
        self.published: MutableMapping[str, dt.date | None] = SpilledMap(spill)
        self.cameo_events: dict[str, str | None] = {}  # CAMEO code → its PLOVER event
        self.ids = Identifiers(builder.problem)  # the shared identifiers' columns
        self.keyed: dict[str, dict[str, Entry | None]] = {
            attribute: {} for attribute, _, _ in self.STEPS.values()}

    def add(self, table: str, row: dict[str, Any], entry: Entry, field_: str = "") -> None:
        """Append a row of ``table``, remembering the entry (and field) it came from."""
        self.tables[table].append(row)
        self.origins[table].append((entry.file, entry.label, field_))
        self.pending += row_weight(table, row)
        if self.streaming and self.pending >= self.BATCH_ROWS:
            self.hand_on()

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

    def build(self) -> "ReferenceRows":
        """Every file's entries made unique, then every file's rows (so problems come in
        that order)."""
        for name in self.STEPS:
            self.unique(name)
        self.unique_columns(*self.STEPS)
        for name in self.STEPS:
            self.rows(name)
        return self

    def build_file(self, name: str, entries: Any) -> None:
        """Streaming: one file's entries → its rows, handed to ``sink``; then only the
        ids of its entries are kept (not the entries)."""
        if name == SOURCES_FILE:
            self.sources = entries
        else:
            self.ref[name] = entries
        self.unique(name)
        self.unique_columns(name)
        attribute = self.STEPS[name][0]
        if name != SOURCES_FILE:  # the entries by id are all that ``rows`` reads
            entries.clear()
        self.streaming = name in GROWING_FILES
        self.rows(name)
        self.streaming = False
        if name not in GROWING_FILES:  # a growing file's entries by id are in the spill
            self.keyed[attribute] = dict.fromkeys(self.keyed[attribute])
            self.ref[name] = []
        self.hand_on()

    BATCH_ROWS = 2_000

    def hand_on(self) -> None:
        assert self.sink is not None
        self.sink(self.tables, self.origins)
        self.tables = defaultdict(list)
        self.origins = defaultdict(list)
        self.pending = 0

    def unique(self, name: str) -> None:
        attribute, key, what = self.STEPS[name]
        entries = self.sources if name == SOURCES_FILE else self.ref[name]
        seen = SpilledMap(self.spill) if name in GROWING_FILES else None
        self.keyed[attribute] = unique_entries(self.b, entries, key, what, seen=seen)

    def unique_columns(self, *names: str) -> None:
        # Also unique in the database: a second entry would fail there, not here.
        if "countries.yaml" in names:
            unique_entries(self.b, self.countries.values(), lambda m: m.name, "country name", "name")
        if SOURCES_FILE in names:
            unique_entries(self.b, self.source_entries.values(), lambda m: m.file, "article file",
                           "file", seen=SpilledMap(self.spill))

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
            release_geonames()
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
            for e in self.keyed[self.STEPS[name][0]].values():
                self.add(table, {f"{table}_id": e.model.id, "label": e.model.label}, e)
        elif name in coding.MODELS:
            coding.build(self, name)
        else:
            self.build_sources()

    def check(self, entry: Entry, field_: str, value: str | None, known: dict, what: str) -> bool:
        return check_known(self.b, entry, field_, value, known, what)

    def context(self) -> "Context":
        """What annotation files are checked against: ids only (not the parsed entries);
        those that grow with the corpus kept in the spill."""
        return Context(
            seeds_dir=self.b.seeds_dir, countries=set(self.countries),
            references=set(self.references), places=set(self.places),
            organizations=set(self.organizations), persons=self.persons,
            offices=self.offices, terms=self.terms,
            topics=set(self.topics), subject_areas=set(self.subject_areas),
            sources=SourceDates(self.source_entries, self.published),
            canonical=self.names,
            bodies=self.bodies if self.keep_bodies else None,
            files=None if self.keep_bodies else self.files,
            labels=SpilledMap(self.spill, ((source_id, (e.file, e.label))
                                           for source_id, e in self.source_entries.items())))

    def add_name(self, person_id: str, name: str, entry: Entry, field_: str,
                 canonical: bool = False) -> str:
        key = name_id(person_id, name)
        known = self.names.get(key)
        if known is None:
            self.names[key] = name
            self.add("person_name", {"name_id": key, "person_id": person_id, "name": name,
                                     "is_canonical": canonical}, entry, field_)
        elif known != name:
            raise ValueError(f"name variants '{known}' and '{name}' map to one id")
        return key

    def build_terms(self) -> None:
        # office → (start, end, file, label, id) of its terms, in entry order
        spans_by_office = SpilledLists(self.spill)
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
            spans_by_office.append(m.office, (start, end, e.file, e.label, m.id))
            self.add("office_term", {
                "term_id": m.id, "office_id": m.office, "person_id": m.person,
                "start_date": start, "start_precision": start_precision, "end_date": end,
                "end_precision": end_precision, "basis": m.basis, "reference_id": m.reference,
                "note": m.note}, e)
        for _, spans in spans_by_office.items():
            spans.sort(key=lambda span: span[0])
            for (_, end, _, _, first_id), (start, _, file, label, _) in zip(spans, spans[1:]):
                if end is None or start < end:
                    self.b.problem(file, label, "start",
                                   f"term overlaps {first_id} of the same office")

    def build_sources(self) -> None:
        listed = {e.model.file for e in self.sources}
        if self.sources:  # else sources.yaml itself is broken, and that is reported
            articles = self.b.seeds_dir / "articles"  # names, not 50,000 paths
            for name in sorted(path.name for path in articles.glob("*.txt")):
                if name not in listed:
                    self.b.problem(f"articles/{name}", "", "", "no entry of articles/sources.yaml "
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
                "sha256": actual}, Entry(f"articles/{m.file}", f"source {m.id}", m))
