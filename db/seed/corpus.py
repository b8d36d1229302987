"""Read and validate every seed file, and turn them into rows for the core tables.

Nothing here touches a database. Every problem is collected (not just the first) and
names its file, its entry and its field, so that a curator can fix a batch at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from diplodb.seed import rules
from diplodb.seed import schema as s
from diplodb.seed.digest import seed_digest
from diplodb.seed.problems import Problem, SeedValidationError
from diplodb.seed.sentences import split as split_sentences
from diplodb.seed.text import QuoteAmbiguous, QuoteNotFound, locate, parse_partial_date

EVIDENCE_NAMESPACE = uuid.UUID("5b0c6d3e-2f43-4f0e-9d3c-7e0a1c9b8d21")

REFERENCE_FILES: dict[str, type[BaseModel]] = {
    "countries.yaml": s.CountryRow,
    "references.yaml": s.ReferenceRow,
    "places.yaml": s.PlaceRow,
    "organizations.yaml": s.OrganizationRow,
    "persons.yaml": s.PersonRow,
    "offices.yaml": s.OfficeRow,
    "office_terms.yaml": s.TermRow,
    "topics.yaml": s.LabelRow,
    "subject_areas.yaml": s.LabelRow,
}
SOURCES_FILE = rules.SOURCES_FILE
DATASET_FILE = rules.DATASET_FILE
SKIPPED = "skipped"
ANNOTATION_SECTIONS = ("source", rules.RETRACT_KEY, SKIPPED, "names", "terms", *s.FACT_SECTIONS)
__all__ = ["Corpus", "Problem", "SeedValidationError", "read_corpus"]

Origin = tuple[str, str, str]
"""(file, entry, field) a row was made from: how a database error is traced back."""


@dataclass
class Corpus:
    """Rows for each core table (by table name), and a digest of the files they came from."""

    rows: dict[str, list[dict[str, Any]]]
    digest: str
    data_version: str
    # id(row) → where it came from; used only to explain a database error.
    origins: dict[int, Origin] = field(default_factory=dict, repr=False, compare=False)
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
        facts = sum(len(self.rows[t]) for t in ("visit", "visit_participant", "meeting",
                                                "statement", "agreement", "figure"))
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
class _Builder:
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
        data = path.read_bytes()
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
                loc = ".".join(str(part) for part in item["loc"])
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


def _unique(builder: _Builder, entries: Iterable[_Entry], key: Callable[[Any], str],
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


def read_corpus(seeds_dir: Path, file_order: Callable[[list[Path]], list[Path]] = sorted, *,
                digest: str | None = None) -> Corpus:
    """Validate every seed file under ``seeds_dir`` and build the rows to load.
    ``digest``: the directory's seed_digest when the caller has just computed it."""
    builder = _Builder(seeds_dir)
    if not seeds_dir.is_dir():
        raise SeedValidationError([Problem(str(seeds_dir), "", "", "seed directory not found")])
    builder.problems.extend(rules.check_layout(seeds_dir, REFERENCE_FILES))
    dataset = builder.parse(DATASET_FILE, "", s.DatasetFile, builder.read_yaml(DATASET_FILE))
    ref = {name: builder.parse_list(f"reference/{name}", model)
           for name, model in REFERENCE_FILES.items()}
    sources = builder.parse_list(SOURCES_FILE, s.SourceRow)
    rows = _ReferenceRows(builder, ref, sources).build()
    annotation_files = file_order(sorted((seeds_dir / "annotations").glob("*.yaml")))
    if not annotation_files:
        builder.problem("annotations/", "", "", "no annotation files")
    annotations = _Annotations(builder, rows)
    annotations.build(annotation_files)
    if builder.problems:
        raise SeedValidationError(builder.problems)
    for table_rows in rows.tables.values():
        table_rows.sort(key=lambda row: tuple(str(row[k]) for k in sorted(row)))
    return Corpus(rows=dict(rows.tables), digest=digest or seed_digest(seeds_dir),
                  data_version=dataset.version, origins=rows.origins,
                  ledger_gaps=annotations.ledger_gaps)


class _ReferenceRows:
    """Countries, references, places, organisations, persons, offices, terms, sources."""

    def __init__(self, builder: _Builder, ref: dict[str, list[_Entry]], sources: list[_Entry]):
        self.b = builder
        self.ref = ref
        self.sources = sources
        self.tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.origins: dict[int, Origin] = {}
        self.bodies: dict[str, str] = {}
        self.published: dict[str, dt.date | None] = {}

    def add(self, table: str, row: dict[str, Any], entry: _Entry, field_: str = "") -> None:
        """Append a row of ``table``, remembering the entry (and field) it came from."""
        self.tables[table].append(row)
        self.origins[id(row)] = (entry.file, entry.label, field_)

    def build(self) -> "_ReferenceRows":
        b, ref = self.b, self.ref
        self.countries = _unique(b, ref["countries.yaml"], lambda m: m.code, "country")
        self.references = _unique(b, ref["references.yaml"], lambda m: m.id, "reference")
        self.places = _unique(b, ref["places.yaml"], lambda m: m.id, "place")
        self.organizations = _unique(b, ref["organizations.yaml"], lambda m: m.id, "organization")
        self.persons = _unique(b, ref["persons.yaml"], lambda m: m.id, "person")
        self.offices = _unique(b, ref["offices.yaml"], lambda m: m.id, "office")
        self.terms = _unique(b, ref["office_terms.yaml"], lambda m: m.id, "office term")
        self.topics = _unique(b, ref["topics.yaml"], lambda m: m.id, "topic")
        self.subject_areas = _unique(b, ref["subject_areas.yaml"], lambda m: m.id, "subject area")
        self.source_entries = _unique(b, self.sources, lambda m: m.id, "source")
        # Also unique in the database: a second entry would fail there, not here.
        _unique(b, self.countries.values(), lambda m: m.name, "country name", "name")
        _unique(b, self.source_entries.values(), lambda m: m.file, "article file", "file")

        for e in self.countries.values():
            self.add("country", {"code": e.model.code, "name": e.model.name}, e)
        for e in self.references.values():
            m = e.model
            self.add("reference", {"reference_id": m.id, "title": m.title,
                                   "publisher": m.publisher, "url": m.url}, e)
        for e in self.places.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.check(e, "parent", m.parent, self.places, "place")
            self.add("place", {"place_id": m.id, "name": m.name, "kind": m.kind,
                               "country_code": m.country, "parent_place_id": m.parent}, e)
        cycles = rules.place_cycles({place: e.model.parent for place, e in self.places.items()})
        for place, cycle in cycles.items():
            e = self.places[place]
            b.problem(e.file, e.label, "parent", "place parents form a cycle: "
                                                 + " → ".join(cycle))
        for e in self.organizations.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.add("organization", {"organization_id": m.id, "name": m.name,
                                      "kind": m.kind, "country_code": m.country}, e)
        self.names: dict[str, dict[str, Any]] = {}
        for e in self.persons.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.check(e, "reference", m.reference, self.references, "reference")
            self.add("person", {"person_id": m.id, "canonical_name": m.name,
                                "country_code": m.country, "reference_id": m.reference}, e)
            self.add_name(m.id, m.name, e, "name", canonical=True)
        for e in self.offices.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.add("office", {"office_id": m.id, "title": m.title,
                                "country_code": m.country}, e)
        self.build_terms()
        for table, entries in (("topic", self.topics), ("subject_area", self.subject_areas)):
            for e in entries.values():
                self.add(table, {f"{table}_id": e.model.id, "label": e.model.label}, e)
        self.build_sources()
        return self

    def check(self, entry: _Entry, field_: str, value: str | None, known: dict, what: str) -> bool:
        if value is not None and value not in known:
            self.b.problem(entry.file, entry.label, field_, f"unknown {what} '{value}'")
            return False
        return True

    def add_name(self, person_id: str, name: str, entry: _Entry, field_: str,
                 canonical: bool = False) -> str:
        name_id = f"{person_id}:{'_'.join(name.split())}"
        row = self.names.get(name_id)
        if row is None:
            row = {"name_id": name_id, "person_id": person_id, "name": name,
                   "is_canonical": canonical}
            self.names[name_id] = row
            self.add("person_name", row, entry, field_)
        elif row["name"] != name:
            raise ValueError(f"name variants '{row['name']}' and '{name}' map to one id")
        return name_id

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
            self.bodies[m.id] = body
            self.add("source", {
                "source_id": m.id, "file_name": m.file, "title": m.title,
                "publisher": m.publisher, "agency": m.agency, "published_on": published,
                "published_on_precision": precision, "published_on_basis": m.published_on_basis,
                "published_on_note": m.published_on_note, "language": m.language,
                "is_translation": m.is_translation, "url": m.url, "body": body,
                "sha256": actual}, _Entry(f"articles/{m.file}", f"source {m.id}", m))


class _Annotations:
    """Per-article annotation files: facts, their evidence and name variants."""

    def __init__(self, builder: _Builder, ref: _ReferenceRows):
        self.b = builder
        self.ref = ref
        self.definitions: dict[str, dict[str, _Entry]] = defaultdict(dict)
        self.citations: list[tuple[str, _Entry]] = []
        self.evidence: dict[uuid.UUID, dict[str, Any]] = {}
        self.annotated: dict[str, str] = {}  # source → its annotation file
        # source → (start, end, reason, file, label) of each sentence the curators skip
        self.skips: dict[str, list[tuple[int, int, str, str, str]]] = defaultdict(list)
        # Sentences neither cited nor skipped: a curation gap, which `seed --check` refuses
        # (the data itself is valid and loads).
        self.ledger_gaps: list[Problem] = []
        self.unreadable = False  # some annotation file names no source we could read

    def build(self, files: list[Path]) -> None:
        for path in files:
            self.read_file(f"annotations/{path.name}")
        if files and not self.unreadable:
            for source_id, e in self.ref.source_entries.items():
                if source_id not in self.annotated:
                    self.b.problem(e.file, e.label, "id", f"no annotation file has 'source: "
                                                          f"{source_id}'; every article needs one "
                                                          "(with 'retract:' if it has no facts)")
        for fact_type, entries in self.definitions.items():
            for entry in entries.values():
                getattr(self, f"row_{fact_type}")(entry)
        self.resolve_direct_quotes()
        for fact_type, entry in self.citations:
            if entry.model.id not in self.definitions[fact_type]:
                self.b.problem(entry.file, entry.label, "id",
                               f"cites {fact_type} '{entry.model.id}' that no annotation defines")
        self.ref.tables["evidence"].extend(self.evidence.values())
        self.build_sentences()

    def build_sentences(self) -> None:
        """The sentence ledger: every sentence of every annotated source is cited by some
        evidence or skipped with a reason, and never both."""
        rows = self.ref.tables["source_sentence"]
        for source_id, relative in sorted(self.annotated.items()):
            body = self.ref.bodies.get(source_id)
            if body is None:
                continue
            sentences = split_sentences(body)
            evidence = [(r["char_start"], r["char_end"]) for r in self.evidence.values()
                        if r["source_id"] == source_id]
            skips = {}
            for start, end, reason, file, label in self.skips[source_id]:
                hit = [st for st in sentences if st.start <= start and end <= st.end]
                if not hit:
                    self.b.problem(file, label, "quote", "the quote is not inside one sentence "
                                                         "(docs/seed-format.md, Sentences)")
                    continue
                number = hit[0].number
                if number in skips:
                    self.b.problem(file, label, "quote", f"sentence {number} is skipped twice")
                skips[number] = (reason, file, label)
            for sentence in sentences:
                cited = any(start < sentence.end and end > sentence.start
                            for start, end in evidence)
                skip = skips.get(sentence.number)
                if cited and skip:
                    self.b.problem(skip[1], skip[2], "quote", f"sentence {sentence.number} is "
                                   "cited by a fact, so it is not skipped; remove this entry")
                elif not cited and not skip:
                    self.ledger_gaps.append(Problem(
                        relative, f"sentence {sentence.number}", SKIPPED,
                        f"cited by no fact and not skipped: {sentence.text(body)[:70]!r}; cite "
                        "it from a fact or add it to 'skipped' with a reason"))
                rows.append({"source_id": source_id, "sentence_no": sentence.number,
                             "char_start": sentence.start, "char_end": sentence.end,
                             "skip_reason": skip[0] if skip and not cited else None})

    def resolve_direct_quotes(self) -> None:
        """Each source's rendering of a statement says whether it quotes directly (by
        default, as the statement says); the statement is a direct quote when any
        rendering is, and its text is then the direct wording."""
        statements = {row["statement_id"]: row for row in self.ref.tables["statement"]}
        renderings: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.evidence.values():
            if row["statement_id"] is None:
                continue
            statement = statements.get(row["statement_id"])
            if row["is_direct_quote"] is None and statement is not None:
                row["is_direct_quote"] = bool(statement["is_direct_quote"])
            renderings[row["statement_id"]].append(row)
        for statement_id, statement in statements.items():
            direct = [r for r in renderings[statement_id]
                      if r["is_direct_quote"] and r["stance"] == "supports"]
            statement["is_direct_quote"] = bool(direct)
            if direct and not any(statement["text"] in r["quote"] for r in direct):
                entry = self.definitions["statement"][statement_id]
                self.b.problem(entry.file, entry.label, "text",
                               "a source quotes this statement directly, so text must be the "
                               "direct wording, inside one of those quotes")
    def read_file(self, relative: str) -> None:
        before = len(self.b.problems)
        raw = self.b.read_yaml(relative)
        if not isinstance(raw, dict) or not isinstance(raw.get("source"), str):
            self.unreadable = True
        if raw is None:
            if len(self.b.problems) == before:  # an empty file, not an unreadable one
                self.b.problems.extend(rules.check_annotation_file(relative, None,
                                                                   s.FACT_SECTIONS))
            return
        if not isinstance(raw, dict):
            self.b.problem(relative, "", "", "expected a mapping with 'source' and fact sections")
            return
        self.b.problems.extend(rules.check_annotation_file(relative, raw, s.FACT_SECTIONS))
        for key in raw:
            if key not in ANNOTATION_SECTIONS:
                self.b.problem(relative, "", str(key), f"unknown section; expected one of "
                                                       f"{', '.join(ANNOTATION_SECTIONS)}")
        source_id = raw.get("source")
        if not isinstance(source_id, str) or source_id not in self.ref.source_entries:
            self.b.problem(relative, "", "source", f"unknown source '{source_id}'")
            return
        self.annotated[source_id] = relative
        body = self.ref.bodies.get(source_id)
        if body is None:
            return  # the article itself is broken; already reported
        skipped = raw.get(SKIPPED) or []
        if not isinstance(skipped, list):
            self.b.problem(relative, SKIPPED, "", "expected a list")
            skipped = []
        for index, item in enumerate(skipped):
            label = f"{SKIPPED}[{index}]"
            entry = self.b.parse(relative, label, s.SkipEntry, item)
            if entry is None:
                continue
            text, occurrence = ((entry.quote, None) if isinstance(entry.quote, str)
                                else (entry.quote.text, entry.quote.occurrence))
            try:
                start, end = locate(body, text, occurrence)
            except (QuoteNotFound, QuoteAmbiguous) as error:
                self.b.problem(relative, label, "quote", f"{error}: {text[:60]!r}")
                continue
            self.skips[source_id].append((start, end, entry.reason, relative, label))
        for section in ("names", "terms", *s.FACT_SECTIONS):
            items = raw.get(section) or []
            if not isinstance(items, list):
                self.b.problem(relative, section, "", "expected a list")
                continue
            for index, item in enumerate(items):
                label = _label(index, item, section)
                self.read_entry(relative, section, label, item, source_id, body)

    def read_entry(self, relative, section, label, item, source_id, body) -> None:
        b = self.b
        if section == "names":
            entry = b.parse(relative, label, s.NameEntry, item)
            if entry is None:
                return
            if not self.ref.check(_Entry(relative, label, entry), "person", entry.person,
                                  self.ref.persons, "person"):
                return
            quote = entry.quote or entry.name
            text = quote if isinstance(quote, str) else quote.text
            if entry.name not in text:
                b.problem(relative, label, "quote", f"the quote does not contain '{entry.name}'")
                return
            try:
                name_id = self.ref.add_name(entry.person, entry.name,
                                            _Entry(relative, label, entry), "name")
            except ValueError as error:
                b.problem(relative, label, "name", str(error))
                return
            self.add_evidence(relative, label, "quote", "person_name", name_id, source_id, body,
                              quote)
            return
        if section == "terms":
            entry = b.parse(relative, label, s.TermEntry, item)
            if entry is not None and self.ref.check(_Entry(relative, label, entry), "term",
                                                    entry.term, self.ref.terms, "office term"):
                self.add_evidence(relative, label, "quote", "office_term", entry.term,
                                  source_id, body, entry.quote)
            return
        fact_type, model = s.FACT_SECTIONS[section]
        defining = isinstance(item, dict) and not set(item) <= s.CITE_KEYS
        entry = b.parse(relative, label, model if defining else s.Cited, item)
        if entry is None:
            return
        wrapped = _Entry(relative, label, entry, self.ref.published.get(source_id))
        if defining:
            first = self.definitions[fact_type].get(entry.id)
            if first is not None:
                b.problem(relative, label, "id", f"duplicate {fact_type} id '{entry.id}' "
                                                 f"(first defined in {first.file}: {first.label})")
                return
            self.definitions[fact_type][entry.id] = wrapped
            if not entry.all_quotes():
                b.problem(relative, label, "quote", "a fact needs at least one quote")
        else:
            self.citations.append((fact_type, wrapped))
        for index, quote in enumerate(entry.all_quotes()):
            field_ = "quote" if entry.quote is not None and index == 0 else f"quotes.{index}"
            self.add_evidence(relative, label, field_, fact_type, entry.id, source_id, body, quote)
        for index, claim in enumerate(entry.claims):
            self.add_evidence(relative, label, f"claims.{index}.quote", fact_type, entry.id,
                              source_id, body, claim.quote, claim.aspect, claim.claim,
                              stance=claim.stance)

    def add_evidence(self, relative, label, field_, fact_type, fact_id, source_id, body, quote,
                     aspect=None, claim=None, stance=None) -> None:
        text, occurrence = (quote, None) if isinstance(quote, str) else (quote.text,
                                                                         quote.occurrence)
        direct = None if isinstance(quote, str) else quote.direct
        stance = stance or ("supports" if isinstance(quote, str) else quote.stance)
        if direct is not None and fact_type != "statement":
            self.b.problem(relative, label, f"{field_}.direct",
                           "only a statement's quote says whether it quotes directly")
            return
        try:
            start, end = locate(body, text, occurrence)
        except (QuoteNotFound, QuoteAmbiguous) as error:
            self.b.problem(relative, label, field_, f"{error}: {text[:60]!r}")
            return
        from diplodb.models.sources import EVIDENCE_TARGETS

        key = "|".join(map(str, (fact_type, fact_id, source_id, start, end, aspect or "")))
        evidence_id = uuid.uuid5(EVIDENCE_NAMESPACE, key)
        if evidence_id in self.evidence:
            self.b.problem(relative, label, field_, "the same quote is cited twice for this fact")
            return
        row = {"evidence_id": evidence_id, "source_id": source_id, "char_start": start,
               "char_end": end, "quote": text, "aspect": aspect, "claim": claim,
               "stance": stance, "is_direct_quote": direct}
        for target_type, (column, _) in EVIDENCE_TARGETS.items():
            row[column] = fact_id if target_type == fact_type else None
        self.evidence[evidence_id] = row
        self.ref.origins[id(row)] = (relative, label, field_)

    # -- rows for each fact type -------------------------------------------------------
    def known(self, entry: _Entry, field_: str, value, pool: dict, what: str) -> None:
        self.ref.check(entry, field_, value, pool, what)

    def links(self, entry: _Entry, field_: str, values: list[str], pool: dict, what: str,
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
                self.ref.add(table, {parent[0]: parent[1], column: value}, entry,
                             f"{field_}.{index}")

    def dated(self, entry: _Entry, fact_type: str, field_: str, value: dt.date | None, *,
              status: str | None = None, qualifier: str | None = None) -> None:
        message = rules.check_fact_date(fact_type, field_, value, entry.published,
                                        status=status, qualifier=qualifier)
        if message:
            self.b.problem(entry.file, entry.label, field_, message)

    def visit_ref(self, entry: _Entry, value: str | None) -> None:
        if value is not None and value not in self.definitions["visit"]:
            self.b.problem(entry.file, entry.label, "visit", f"unknown visit '{value}'")

    def row_visit(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.known(e, "visitor", m.visitor, r.persons, "person")
        self.known(e, "visitor_country", m.visitor_country, r.countries, "country")
        self.known(e, "host_country", m.host_country, r.countries, "country")
        self.known(e, "place", m.place, r.places, "place")
        start, precision = parse_partial_date(m.start_date) if m.start_date else (None, None)
        end = parse_partial_date(m.end_date)[0] if m.end_date else None
        if end is not None and (start is None or end < start):
            self.b.problem(e.file, e.label, "end_date", "the visit ends before it starts")
        if m.date_basis == "inferred" and not m.date_note:
            self.b.problem(e.file, e.label, "date_note", "an inferred date needs a note")
        if m.host_country == m.visitor_country:
            self.b.problem(e.file, e.label, "host_country", f"a visit is abroad: host_country "
                                                            f"must differ from visitor_country "
                                                            f"({m.visitor_country})")
        if start is None and m.status not in rules.PLAN_STATUSES["visit"]:
            article = "an" if m.status[0] in "aeiou" else "a"
            self.b.problem(e.file, e.label, "start_date", f"{article} {m.status} visit needs a start_date;"
                                                          " only a planned, postponed or "
                                                          "cancelled visit may be undated")
        self.dated(e, "visit", "start_date", start, status=m.status)
        changed, changed_precision = (parse_partial_date(m.status_changed_on)
                                      if m.status_changed_on else (None, None))
        if changed is not None:
            if m.status not in ("postponed", "cancelled"):
                self.b.problem(e.file, e.label, "status_changed_on",
                               "only a postponed or cancelled visit has a status_changed_on")
            if m.status_changed_basis == "inferred" and not m.status_changed_note:
                self.b.problem(e.file, e.label, "status_changed_note",
                               "an inferred date needs a note")
            # A postponement is reported after it happens: never after the article.
            self.dated(e, "statement", "status_changed_on", changed)
        r.add("visit", {
            "visit_id": m.id, "visitor_id": m.visitor, "visitor_country_code": m.visitor_country,
            "host_country_code": m.host_country, "place_id": m.place, "start_date": start,
            "end_date": end, "date_precision": precision,
            "date_basis": m.date_basis if start is not None else None,
            "date_note": m.date_note, "status": m.status, "status_reason": m.status_reason,
            "status_changed_on": changed, "status_changed_precision": changed_precision,
            "status_changed_basis": m.status_changed_basis if changed is not None else None,
            "status_changed_note": m.status_changed_note,
            "visit_type": m.visit_type, "first_trip_abroad": m.first_trip_abroad}, e)

    def row_visit_participant(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        self.known(e, "person", m.person, r.persons, "person")
        self.known(e, "office", m.office, r.offices, "office")
        self.known(e, "country", m.country, r.countries, "country")
        if m.person is None and m.office is None:
            self.b.problem(e.file, e.label, "person", "a participant needs a person or an office")
        r.add("visit_participant", {
            "participant_id": m.id, "visit_id": m.visit, "person_id": m.person,
            "office_id": m.office, "country_code": m.country, "role": m.role}, e)

    def row_meeting(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        self.known(e, "place", m.place, r.places, "place")
        held_on, precision = parse_partial_date(m.held_on)
        self.dated(e, "meeting", "held_on", held_on, status=m.status)
        r.add("meeting", {
            "meeting_id": m.id, "visit_id": m.visit, "held_on": held_on,
            "date_precision": precision, "date_basis": m.date_basis, "place_id": m.place,
            "status": m.status, "summary": m.summary}, e)
        self.links(e, "participants", m.participants, r.persons, "person",
                   "meeting_participant", ("meeting_id", m.id), "person_id")

    def row_statement(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        self.known(e, "speaker", m.speaker, r.persons, "person")
        self.known(e, "speaker_organization", m.speaker_organization, r.organizations,
                   "organization")
        if (m.speaker is None) == (m.speaker_organization is None):
            self.b.problem(e.file, e.label, "speaker",
                           "give exactly one of speaker and speaker_organization")
        quotes = [q if isinstance(q, str) else q.text for q in m.all_quotes()]
        text = m.text or (quotes[0] if quotes else "")
        if m.text and not any(m.text in quote for quote in quotes):
            self.b.problem(e.file, e.label, "text",
                           "text must appear verbatim in one of the entry's quotes")
        said_on, precision = parse_partial_date(m.said_on)
        self.dated(e, "statement", "said_on", said_on)
        r.add("statement", {
            "statement_id": m.id, "speaker_person_id": m.speaker,
            "speaker_organization_id": m.speaker_organization, "said_on": said_on,
            "date_precision": precision, "date_basis": m.date_basis, "visit_id": m.visit,
            "text": text, "is_direct_quote": m.is_direct_quote}, e)
        self.links(e, "topics", m.topics, r.topics, "topic",
                   "statement_topic", ("statement_id", m.id), "topic_id")

    def row_agreement(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        concluded, precision = (parse_partial_date(m.concluded_on) if m.concluded_on
                                else (None, None))
        self.dated(e, "agreement", "concluded_on", concluded, status=m.status)
        r.add("agreement", {
            "agreement_id": m.id, "title": m.title, "kind": m.kind, "status": m.status,
            "concluded_on": concluded, "date_precision": precision,
            "date_basis": m.date_basis if concluded is not None else None,
            "visit_id": m.visit, "instrument_count": m.instrument_count,
            "value_usd": m.value_usd}, e)
        self.links(e, "parties", m.parties, r.countries, "country",
                   "agreement_party", ("agreement_id", m.id), "country_code")
        self.links(e, "subject_areas", m.subject_areas, r.subject_areas, "subject area",
                   "agreement_subject", ("agreement_id", m.id), "subject_area_id")

    def row_figure(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        self.known(e, "country", m.country, r.countries, "country")
        self.known(e, "counterpart", m.counterpart, r.countries, "country")
        as_of, precision = parse_partial_date(m.as_of)
        self.dated(e, "figure", "as_of", as_of, qualifier=m.qualifier)
        r.add("figure", {
            "figure_id": m.id, "metric": m.metric, "country_code": m.country,
            "counterpart_country_code": m.counterpart, "value": m.value, "unit": m.unit,
            "qualifier": m.qualifier, "as_of": as_of, "as_of_precision": precision,
            "as_of_basis": m.as_of_basis, "visit_id": m.visit, "note": m.note}, e)
