"""Step 3: the rules that span annotation files, over the units' summaries in file order
(``cross_check``, or ``CrossCheck`` one summary at a time); it ends with the direct
quotes (``direct_quotes``)."""

from __future__ import annotations

from collections.abc import Iterable

from diplodb.seed.spill import Spill, SpilledList, SpilledLists, SpilledMap
from diplodb.seed.validate.direct_quotes import (
    DirectQuotes,
    kept_for_resolution,
    resolve_direct_quotes,
)
from diplodb.seed.validate.entries import Builder
from diplodb.seed.validate.reference import SOURCES_FILE
from diplodb.seed.validate.units import Context, FileSummary, FileUnit


def cross_check(builder: Builder, context: Context, units: Iterable[FileUnit | FileSummary],
                any_files: bool, only_statements: set[str] | None = None,
                spill: Spill | None = None) -> DirectQuotes:
    """Step 3: the rules that span annotation files, over the units' summaries in file
    order: one annotation file per article and one for each, unique fact ids, citations
    and visits that some file defines, one spelling per name id, direct quotes.
    ``only_statements``: resolve direct quotes for these statements only; ``spill``:
    where what grows with the corpus is kept (a new one if None)."""
    check = CrossCheck(builder, context, only_statements,
                       spill=Spill() if spill is None else spill)
    for unit in units:
        check.add(unit)
    return check.finish(any_files)


class CrossCheck:
    """``cross_check`` one summary at a time, keeping only what its rules still need (a
    citation of a fact already defined is settled at once), so a loader can let each
    file's summary go after adding it. The problems are the same, in the same order."""

    def __init__(self, builder: Builder, context: Context,
                 only_statements: set[str] | None = None, *,
                 spill: Spill, definitions: Definitions | None = None):
        self.b = builder
        self.context = context
        self.only = only_statements
        self.spill = spill  # what grows with the corpus is kept there, not in memory
        self.annotated = SpilledMap(spill)  # source id → its annotation file
        self.definitions = Definitions(spill) if definitions is None else definitions
        # (file, fact type, id, label) of citations not yet defined when added
        self.cites = SpilledList(spill)
        self.visit_refs = SpilledList(spill)  # (file, visit id, label), likewise
        self.names = SpilledMap(spill)  # name id not canonical → the first name met
        # statement id → (its declaration, the first file defining it)
        self.statements = SpilledMap(spill)
        # statement id → [(a rendering, its file)], as met
        self.renderings = SpilledLists(spill)
        self.readable = True

    def add(self, unit: FileUnit | FileSummary) -> None:
        builder, only = self.b, self.only
        definitions = self.definitions
        summary = unit.summary if isinstance(unit, FileUnit) else unit
        file = summary.file
        self.readable = self.readable and summary.readable
        source_id = summary.source
        if source_id is not None:
            annotated = self.annotated.setdefault(source_id, file)
            if annotated != file:
                builder.problem(file, "", "source", f"source '{source_id}' is already annotated "
                                                    f"by {annotated}; one "
                                                    "annotation file per article")
        for fact_type, fact_id, label in summary.defines:
            first = definitions.define(fact_type, fact_id, file, label)
            if first is not None:
                builder.problem(file, label, "id", f"duplicate {fact_type} id '{fact_id}' "
                                                   f"(first defined in {first[0]}: {first[1]})")
        self.cites.extend([(file, fact_type, fact_id, label)
                           for fact_type, fact_id, label in summary.cites
                           if not definitions.has(fact_type, fact_id)])
        self.visit_refs.extend([(file, visit_id, label) for visit_id, label in summary.visit_refs
                                if not definitions.has("visit", visit_id)])
        canonical = self.context.canonical
        for ident, name, label in summary.names:
            known = canonical.get(ident)
            if known is None:
                known = self.names.setdefault(ident, name)
            if known != name:
                builder.problem(file, label, "name",
                                f"name variants '{known}' and '{name}' map to one id")
        for declared in summary.statements:
            if only is None or declared.statement_id in only:
                self.statements.setdefault(declared.statement_id, (declared, file))
        for rendering in summary.renderings:
            if only is None or rendering.statement_id in only:
                known = self.statements.get(rendering.statement_id)
                kept = rendering if known is None else kept_for_resolution(rendering, known[0])
                self.renderings.append(rendering.statement_id, (kept, file))


    def finish(self, any_files: bool) -> DirectQuotes:
        builder, context, definitions = self.b, self.context, self.definitions
        if any_files and self.readable:
            for source_id in context.sources:
                if source_id not in self.annotated:
                    file, label = context.labels.get(source_id,
                                                     (SOURCES_FILE, f"source {source_id}"))
                    builder.problem(file, label, "id",
                                    f"no annotation file has 'source: {source_id}'; every "
                                    "article needs one (with 'retract:' if it has no facts)")
        for file, visit_id, label in self.visit_refs:
            if not definitions.has("visit", visit_id):
                builder.problem(file, label, "visit", f"unknown visit '{visit_id}'")
        for file, fact_type, fact_id, label in self.cites:
            if not definitions.has(fact_type, fact_id):
                builder.problem(file, label, "id",
                                f"cites {fact_type} '{fact_id}' that no annotation defines")
        return resolve_direct_quotes(builder, self.statements, self.renderings, self.spill)


class Definitions:
    """Where each fact is first defined (file and entry), by fact type and id: what
    ``CrossCheck`` has seen defined so far, which a first seed's writer also asks. Kept
    in the run's spill (at x1000, 88,000 facts held 13 MB even packed into integers)."""

    def __init__(self, spill: Spill) -> None:
        self.first_at = SpilledMap(spill)  # "type\x1fid" → (file, label)

    def has(self, fact_type: str, fact_id: str) -> bool:
        return type(fact_id) is str and f"{fact_type}\x1f{fact_id}" in self.first_at

    def define(self, fact_type: str, fact_id: str, file: str, label: str
               ) -> tuple[str, str] | None:
        """Record that ``file``'s entry ``label`` defines the fact, unless an entry did
        before: then the (file, label) of that first one."""
        key = f"{fact_type}\x1f{fact_id}"
        if self.first_at.insert(key, (file, label)):
            return None
        return self.first_at[key] if type(fact_id) is str else None
