"""Read and validate every seed file, and turn them into rows for the core tables.

Nothing here touches a database. Every problem is collected (not just the first) and
names its file, its entry and its field, so that a curator can fix a batch at once.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from diplodb.errors import DiplodbError
from diplodb.seed import schema as s
from diplodb.seed.digest import seed_digest
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
SOURCES_FILE = "articles/sources.yaml"
DATASET_FILE = "dataset.yaml"
ANNOTATION_SECTIONS = ("source", "names", "terms", *s.FACT_SECTIONS)


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.entry}" if self.entry else self.file
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"


class SeedValidationError(DiplodbError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the seed files; nothing was written:\n{lines}")


# libyaml's parser when PyYAML was built with it (several times faster), else pure Python.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoDatesLoader(_SafeLoader):
    """SafeLoader that keeps dates as strings: the loader parses them with their precision."""


_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Corpus:
    """Rows for each core table (by table name), and a digest of the files they came from."""

    rows: dict[str, list[dict[str, Any]]]
    digest: str
    data_version: str

    def summary(self) -> str:
        facts = sum(len(self.rows[t]) for t in ("visit", "visit_participant", "meeting",
                                                "statement", "agreement", "figure"))
        return (f"{len(self.rows['source'])} sources, {facts} facts, "
                f"{len(self.rows['evidence'])} pieces of evidence")


@dataclass
class _Entry:
    file: str
    label: str
    model: Any


@dataclass
class _Builder:
    seeds_dir: Path
    problems: list[Problem] = field(default_factory=list)

    def problem(self, file: str, entry: str, field_: str, message: str) -> None:
        self.problems.append(Problem(file, entry, field_, message))

    # -- files ---------------------------------------------------------------------------
    def read_text(self, relative: str) -> str | None:
        path = self.seeds_dir / relative
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
        return text

    def read_yaml(self, relative: str) -> Any:
        text = self.read_text(relative)
        if text is None:
            return None
        try:
            return yaml.load(text, Loader=_NoDatesLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            reason = getattr(error, "problem", None) or str(error)
            self.problem(relative, where, "", f"invalid YAML: {reason}")
            return None

    def parse(self, relative: str, label: str, model: type[BaseModel], raw: Any) -> Any:
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for item in error.errors():
                loc = ".".join(str(part) for part in item["loc"])
                self.problem(relative, label, loc, item["msg"])
            return None

    def parse_list(self, relative: str, model: type[BaseModel]) -> list[_Entry]:
        raw = self.read_yaml(relative)
        if raw is None:
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
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{section}[{index}]" + (f" (id={ident})" if ident else "")


def _unique(builder: _Builder, entries: Iterable[_Entry], key: Callable[[Any], str],
            what: str) -> dict[str, _Entry]:
    seen: dict[str, _Entry] = {}
    for entry in entries:
        ident = key(entry.model)
        if ident in seen:
            first = seen[ident]
            builder.problem(entry.file, entry.label, "id",
                            f"duplicate {what} id '{ident}' (first in {first.file}: {first.label})")
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
    dataset = builder.parse(DATASET_FILE, "", s.DatasetFile, builder.read_yaml(DATASET_FILE))
    ref = {name: builder.parse_list(f"reference/{name}", model)
           for name, model in REFERENCE_FILES.items()}
    sources = builder.parse_list(SOURCES_FILE, s.SourceRow)
    rows = _ReferenceRows(builder, ref, sources).build()
    annotation_files = file_order(sorted((seeds_dir / "annotations").glob("*.yaml")))
    if not annotation_files:
        builder.problem("annotations/", "", "", "no annotation files")
    _Annotations(builder, rows).build(annotation_files)
    if builder.problems:
        raise SeedValidationError(builder.problems)
    for table_rows in rows.tables.values():
        table_rows.sort(key=lambda row: tuple(str(row[k]) for k in sorted(row)))
    return Corpus(rows=dict(rows.tables), digest=digest or seed_digest(seeds_dir),
                  data_version=dataset.version)


class _ReferenceRows:
    """Countries, references, places, organisations, persons, offices, terms, sources."""

    def __init__(self, builder: _Builder, ref: dict[str, list[_Entry]], sources: list[_Entry]):
        self.b = builder
        self.ref = ref
        self.sources = sources
        self.tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.bodies: dict[str, str] = {}

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

        for e in self.countries.values():
            self.tables["country"].append({"code": e.model.code, "name": e.model.name})
        for e in self.references.values():
            m = e.model
            self.tables["reference"].append({"reference_id": m.id, "title": m.title,
                                             "publisher": m.publisher, "url": m.url})
        for e in self.places.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.check(e, "parent", m.parent, self.places, "place")
            self.tables["place"].append({"place_id": m.id, "name": m.name, "kind": m.kind,
                                         "country_code": m.country, "parent_place_id": m.parent})
        for e in self.organizations.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.tables["organization"].append({"organization_id": m.id, "name": m.name,
                                                "kind": m.kind, "country_code": m.country})
        self.names: dict[str, dict[str, Any]] = {}
        for e in self.persons.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.check(e, "reference", m.reference, self.references, "reference")
            self.tables["person"].append({"person_id": m.id, "canonical_name": m.name,
                                          "country_code": m.country, "reference_id": m.reference})
            self.add_name(m.id, m.name, canonical=True)
        for e in self.offices.values():
            m = e.model
            self.check(e, "country", m.country, self.countries, "country")
            self.tables["office"].append({"office_id": m.id, "title": m.title,
                                          "country_code": m.country})
        self.build_terms()
        for table, entries in (("topic", self.topics), ("subject_area", self.subject_areas)):
            for e in entries.values():
                self.tables[table].append({f"{table}_id": e.model.id, "label": e.model.label})
        self.build_sources()
        return self

    def check(self, entry: _Entry, field_: str, value: str | None, known: dict, what: str) -> bool:
        if value is not None and value not in known:
            self.b.problem(entry.file, entry.label, field_, f"unknown {what} '{value}'")
            return False
        return True

    def add_name(self, person_id: str, name: str, canonical: bool = False) -> str:
        name_id = f"{person_id}:{'_'.join(name.split())}"
        row = self.names.get(name_id)
        if row is None:
            row = {"name_id": name_id, "person_id": person_id, "name": name,
                   "is_canonical": canonical}
            self.names[name_id] = row
            self.tables["person_name"].append(row)
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
            self.tables["office_term"].append({
                "term_id": m.id, "office_id": m.office, "person_id": m.person,
                "start_date": start, "start_precision": start_precision, "end_date": end,
                "end_precision": end_precision, "basis": m.basis, "reference_id": m.reference,
                "note": m.note})
        for spans in spans_by_office.values():
            spans.sort(key=lambda span: span[0])
            for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
                if end is None or start < end:
                    self.b.problem(second.file, second.label, "start",
                                   f"term overlaps {first.model.id} of the same office")

    def build_sources(self) -> None:
        for e in self.source_entries.values():
            m = e.model
            body = self.b.read_text(f"articles/{m.file}")
            if body is None:
                continue
            actual = hashlib.sha256(body.encode("utf-8")).hexdigest()
            if actual != m.sha256:
                self.b.problem(e.file, e.label, "sha256", f"articles/{m.file} has SHA-256 "
                                                          f"{actual}, not the recorded one")
                continue
            published, precision = (parse_partial_date(m.published_on) if m.published_on
                                    else (None, "day"))
            if m.published_on_basis == "inferred" and not m.published_on_note:
                self.b.problem(e.file, e.label, "published_on_note",
                               "an inferred date needs a note saying how it was inferred")
            self.bodies[m.id] = body
            self.tables["source"].append({
                "source_id": m.id, "file_name": m.file, "title": m.title,
                "publisher": m.publisher, "agency": m.agency, "published_on": published,
                "published_on_precision": precision, "published_on_basis": m.published_on_basis,
                "published_on_note": m.published_on_note, "language": m.language,
                "is_translation": m.is_translation, "url": m.url, "body": body,
                "sha256": actual})


class _Annotations:
    """Per-article annotation files: facts, their evidence and name variants."""

    def __init__(self, builder: _Builder, ref: _ReferenceRows):
        self.b = builder
        self.ref = ref
        self.definitions: dict[str, dict[str, _Entry]] = defaultdict(dict)
        self.citations: list[tuple[str, _Entry]] = []
        self.evidence: dict[uuid.UUID, dict[str, Any]] = {}

    def build(self, files: list[Path]) -> None:
        for path in files:
            self.read_file(f"annotations/{path.name}")
        for fact_type, entries in self.definitions.items():
            for entry in entries.values():
                getattr(self, f"row_{fact_type}")(entry)
        for fact_type, entry in self.citations:
            if entry.model.id not in self.definitions[fact_type]:
                self.b.problem(entry.file, entry.label, "id",
                               f"cites {fact_type} '{entry.model.id}' that no annotation defines")
        self.ref.tables["evidence"].extend(self.evidence.values())

    def read_file(self, relative: str) -> None:
        raw = self.b.read_yaml(relative)
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.b.problem(relative, "", "", "expected a mapping with 'source' and fact sections")
            return
        for key in raw:
            if key not in ANNOTATION_SECTIONS:
                self.b.problem(relative, "", str(key), f"unknown section; expected one of "
                                                       f"{', '.join(ANNOTATION_SECTIONS)}")
        source_id = raw.get("source")
        if source_id not in self.ref.source_entries:
            self.b.problem(relative, "", "source", f"unknown source '{source_id}'")
            return
        body = self.ref.bodies.get(source_id)
        if body is None:
            return  # the article itself is broken; already reported
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
                name_id = self.ref.add_name(entry.person, entry.name)
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
        wrapped = _Entry(relative, label, entry)
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
                              source_id, body, claim.quote, claim.aspect, claim.claim)

    def add_evidence(self, relative, label, field_, fact_type, fact_id, source_id, body, quote,
                     aspect=None, claim=None) -> None:
        text, occurrence = (quote, None) if isinstance(quote, str) else (quote.text,
                                                                         quote.occurrence)
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
               "char_end": end, "quote": text, "aspect": aspect, "claim": claim}
        for target_type, (column, _) in EVIDENCE_TARGETS.items():
            row[column] = fact_id if target_type == fact_type else None
        self.evidence[evidence_id] = row

    # -- rows for each fact type -------------------------------------------------------
    def known(self, entry: _Entry, field_: str, value, pool: dict, what: str) -> None:
        self.ref.check(entry, field_, value, pool, what)

    def links(self, entry: _Entry, field_: str, values: list[str], pool: dict, what: str,
              table: str, parent: tuple[str, str], column: str) -> None:
        """Rows of a link table (parent id, each distinct value), each value checked."""
        for index, value in enumerate(dict.fromkeys(values)):
            self.known(entry, f"{field_}.{index}", value, pool, what)
            self.ref.tables[table].append({parent[0]: parent[1], column: value})

    def visit_ref(self, entry: _Entry, value: str | None) -> None:
        if value is not None and value not in self.definitions["visit"]:
            self.b.problem(entry.file, entry.label, "visit", f"unknown visit '{value}'")

    def row_visit(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.known(e, "visitor", m.visitor, r.persons, "person")
        self.known(e, "visitor_country", m.visitor_country, r.countries, "country")
        self.known(e, "host_country", m.host_country, r.countries, "country")
        self.known(e, "place", m.place, r.places, "place")
        start, precision = parse_partial_date(m.start_date) if m.start_date else (None, "day")
        end = parse_partial_date(m.end_date)[0] if m.end_date else None
        if end is not None and (start is None or end < start):
            self.b.problem(e.file, e.label, "end_date", "the visit ends before it starts")
        if m.date_basis == "inferred" and not m.date_note:
            self.b.problem(e.file, e.label, "date_note", "an inferred date needs a note")
        r.tables["visit"].append({
            "visit_id": m.id, "visitor_id": m.visitor, "visitor_country_code": m.visitor_country,
            "host_country_code": m.host_country, "place_id": m.place, "start_date": start,
            "end_date": end, "date_precision": precision, "date_basis": m.date_basis,
            "date_note": m.date_note, "status": m.status, "status_reason": m.status_reason,
            "visit_type": m.visit_type, "first_trip_abroad": m.first_trip_abroad})

    def row_visit_participant(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        self.known(e, "person", m.person, r.persons, "person")
        self.known(e, "office", m.office, r.offices, "office")
        self.known(e, "country", m.country, r.countries, "country")
        if m.person is None and m.office is None:
            self.b.problem(e.file, e.label, "person", "a participant needs a person or an office")
        r.tables["visit_participant"].append({
            "participant_id": m.id, "visit_id": m.visit, "person_id": m.person,
            "office_id": m.office, "country_code": m.country, "role": m.role})

    def row_meeting(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        self.known(e, "place", m.place, r.places, "place")
        held_on, precision = parse_partial_date(m.held_on)
        r.tables["meeting"].append({
            "meeting_id": m.id, "visit_id": m.visit, "held_on": held_on,
            "date_precision": precision, "date_basis": m.date_basis, "place_id": m.place,
            "status": m.status, "summary": m.summary})
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
        r.tables["statement"].append({
            "statement_id": m.id, "speaker_person_id": m.speaker,
            "speaker_organization_id": m.speaker_organization, "said_on": said_on,
            "date_precision": precision, "date_basis": m.date_basis, "visit_id": m.visit,
            "text": text, "is_direct_quote": m.is_direct_quote})
        self.links(e, "topics", m.topics, r.topics, "topic",
                   "statement_topic", ("statement_id", m.id), "topic_id")

    def row_agreement(self, e: _Entry) -> None:
        m, r = e.model, self.ref
        self.visit_ref(e, m.visit)
        concluded, precision = (parse_partial_date(m.concluded_on) if m.concluded_on
                                else (None, "day"))
        r.tables["agreement"].append({
            "agreement_id": m.id, "title": m.title, "kind": m.kind, "status": m.status,
            "concluded_on": concluded, "date_precision": precision, "date_basis": m.date_basis,
            "visit_id": m.visit, "instrument_count": m.instrument_count,
            "value_usd": m.value_usd})
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
        r.tables["figure"].append({
            "figure_id": m.id, "metric": m.metric, "country_code": m.country,
            "counterpart_country_code": m.counterpart, "value": m.value, "unit": m.unit,
            "qualifier": m.qualifier, "as_of": as_of, "as_of_precision": precision,
            "as_of_basis": m.as_of_basis, "visit_id": m.visit, "note": m.note})
