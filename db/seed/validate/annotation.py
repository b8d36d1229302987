"""Step 2 for one annotation file: its facts (their rows built in ``fact_rows``), their
evidence, name variants and its article's sentence ledger, as one ``FileUnit``."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from diplodb.facts import FACTS
from diplodb.models.people import name_id
from diplodb.seed import drafts, quotes, rules
from diplodb.seed.entry_models import annotation as s
from diplodb.seed.problems import Problem
from diplodb.seed.sentences import split as split_sentences
from diplodb.seed.text import QuoteAmbiguous, QuoteNotFound, locate
from diplodb.seed.validate.entries import Builder, Entry, check_known, item_label
from diplodb.seed.validate.fact_rows import ANNOTATED_FACT_TYPES, FactRows
from diplodb.seed.validate.units import (
    Cited,
    Context,
    Defined,
    FileUnit,
    NameUse,
    NameVariants,
    Origin,
    Rendering,
    SummaryParts,
    cited_sentences,
)


EVIDENCE_NAMESPACE = uuid.UUID("5b0c6d3e-2f43-4f0e-9d3c-7e0a1c9b8d21")
SKIPPED = "skipped"
ANNOTATION_SECTIONS = ("source", rules.RETRACT_KEY, SKIPPED, "names", "terms", *s.FACT_SECTIONS)


def read_annotation(builder: Builder, context: Context, relative: str) -> FileUnit:
    """Step 2: one annotation file → its validated rows. Checks that need other annotation
    files are left to ``cross_check`` (through the unit's summary)."""
    return _Annotation(builder, context, relative).build()


class _Annotation(FactRows):
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
        self.summary = SummaryParts(relative)
        self.ledger_gaps: list[Problem] = []
        self.body: str | None = None
        self.published: dt.date | None = None
        self.draft = drafts.DraftState()

    def add(self, table: str, row: dict[str, Any], entry: Entry, field_: str = "") -> None:
        self.tables[table].append(row)
        self.origins[table].append((entry.file, entry.label, field_))

    def build(self) -> FileUnit:
        before = len(self.b.problems)
        self.read_file()
        source_id = self.summary.source
        if self.body is not None:
            self.build_sentences(source_id, self.body)
        self.tables["evidence"].extend(self.evidence.values())
        self.origins["evidence"].extend(self.evidence_origins[key] for key in self.evidence)
        unit = FileUnit(self.relative, source_id, self.summary.readable, dict(self.tables),
                        dict(self.origins), self.summary.freeze(), self.ledger_gaps)
        if self.draft.is_draft:
            return self.settle_draft(unit, before)
        return unit

    def settle_draft(self, unit: FileUnit, before: int) -> FileUnit:
        """A draft is refused with one line saying how much remains; the problems of its
        decided part go with that line (``seed --check`` shows them), and it claims
        nothing of other files but its article."""
        problems = self.b.problems
        details = [p for p in problems[before:] if p.file == self.relative]
        problems[before:] = [p for p in problems[before:] if p.file != self.relative]
        sentences = unit.rows.get("source_sentence", [])
        cited = cited_sentences(unit.rows)
        decided = {row["sentence_no"] for row in sentences
                   if row["skip_reason"] or (row["source_id"], row["sentence_no"]) in cited}
        undecided = (drafts.undecided_sentences(self.draft, self.body,
                                                split_sentences(self.body))
                     if self.body is not None else set())
        problems.append(drafts.refusal(self.relative, self.draft, decided, undecided,
                                       len(sentences), details))
        return replace(unit, summary=unit.summary.claiming_nothing(), ledger_gaps=[],
                       draft=True)

    def read_file(self) -> None:
        relative, b = self.relative, self.b
        before = len(b.problems)
        raw = b.read_yaml(relative)
        if not isinstance(raw, dict) or not isinstance(raw.get("source"), str):
            self.summary.readable = False
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
        self.summary.source = source_id
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
                label = item_label(index, item, section)
                self.read_entry(section, label, item, source_id, body)

    def read_entry(self, section, label, item, source_id, body) -> None:
        b, relative = self.b, self.relative
        if section == "names":
            entry = b.parse(relative, label, s.NameEntry, item)
            if entry is None:
                return
            if not check_known(b, Entry(relative, label, entry), "person", entry.person,
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
                self.summary.names.append(NameUse(ident, entry.name, label))
                if self.variants.first(ident):
                    self.add("person_name", {"name_id": ident, "person_id": entry.person,
                                             "name": entry.name, "is_canonical": False},
                             Entry(relative, label, entry), "name")
            self.add_evidence(label, "quote", "person_name", ident, source_id, body, quote)
            return
        if section == "terms":
            entry = b.parse(relative, label, s.TermEntry, item)
            if entry is not None and check_known(b, Entry(relative, label, entry), "term",
                                            entry.term, self.ctx.terms, "office term"):
                self.add_evidence(label, "quote", "office_term", entry.term, source_id, body,
                                  entry.quote)
            return
        fact_type, model = s.FACT_SECTIONS[section]
        defining = isinstance(item, dict) and not set(item) <= s.CITE_KEYS
        entry = b.parse(relative, label, model if defining else s.Cited, item)
        if entry is None:
            return
        wrapped = Entry(relative, label, entry, self.published)
        if defining:
            self.summary.defines.append(Defined(fact_type, entry.id, label))
            if not entry.all_quotes():
                b.problem(relative, label, "quote", "a fact needs at least one quote")
            ROW_BUILDERS[fact_type](self, wrapped)
        else:
            self.summary.cites.append(Cited(fact_type, entry.id, label))
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
            self.summary.renderings.append(Rendering(
                fact_id, str(evidence_id), declaration, stance, text_, words is not None,
                label, field_))

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


# fact type → the method that turns a defining entry into its rows
ROW_BUILDERS: dict[str, Callable[[_Annotation, Entry], None]] = {
    fact_type: getattr(_Annotation, f"row_{fact_type}")
    for fact_type in ANNOTATED_FACT_TYPES}


EVIDENCE_COLUMN = {fact.name: fact.key for fact in FACTS}  # fact type → its evidence column
_NO_TARGET = dict.fromkeys(EVIDENCE_COLUMN.values())
