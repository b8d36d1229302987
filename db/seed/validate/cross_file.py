"""Step 3: the rules that span annotation files, over the units' summaries in file order
(``cross_check``, or ``CrossCheck`` one summary at a time); it ends with the direct
quotes (``direct_quotes``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from diplodb.seed.validate.direct_quotes import DirectQuotes, resolve_direct_quotes
from diplodb.seed.validate.entries import Builder
from diplodb.seed.validate.reference import SOURCES_FILE
from diplodb.seed.validate.units import Context, Declared, FileSummary, FileUnit, Rendering


def cross_check(builder: Builder, context: Context, units: Iterable[FileUnit | FileSummary],
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
        self.names: dict[str, str] = {}  # name id → the first name met, else canonical
        self.statements: dict[str, tuple[Declared, str]] = {}  # the first file defining it
        self.renderings: dict[str, list[tuple[Rendering, str]]] = defaultdict(list)
        self.readable = True

    def add(self, unit: FileUnit | FileSummary) -> None:
        builder, only = self.b, self.only
        definitions = self.definitions
        summary = unit.summary if isinstance(unit, FileUnit) else unit
        file = summary.file
        self.readable = self.readable and summary.readable
        source_id = summary.source
        if source_id is not None:
            if source_id in self.annotated:
                builder.problem(file, "", "source", f"source '{source_id}' is already annotated "
                                                    f"by {self.annotated[source_id]}; one "
                                                    "annotation file per article")
            else:
                self.annotated[source_id] = file
        for fact_type, fact_id, label in summary.defines:
            first = definitions.get((fact_type, fact_id))
            if first is not None:
                builder.problem(file, label, "id", f"duplicate {fact_type} id '{fact_id}' "
                                                   f"(first defined in {first[0]}: {first[1]})")
            else:
                definitions[fact_type, fact_id] = (file, label)
        self.cites.extend((file, fact_type, fact_id, label)
                          for fact_type, fact_id, label in summary.cites
                          if (fact_type, fact_id) not in definitions)
        self.visit_refs.extend((file, visit_id, label) for visit_id, label in summary.visit_refs
                               if ("visit", visit_id) not in definitions)
        for ident, name, label in summary.names:
            known = self.names.get(ident)
            if known is None:
                known = self.names[ident] = self.context.canonical.get(ident, name)
            if known != name:
                builder.problem(file, label, "name",
                                f"name variants '{known}' and '{name}' map to one id")
        for declared in summary.statements:
            if only is None or declared.statement_id in only:
                self.statements.setdefault(declared.statement_id, (declared, file))
        for rendering in summary.renderings:
            if only is None or rendering.statement_id in only:
                self.renderings[rendering.statement_id].append((rendering, file))

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
        return resolve_direct_quotes(builder, self.statements, self.renderings)
