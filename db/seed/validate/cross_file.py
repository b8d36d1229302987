"""Step 3: the rules that span annotation files, over the units' summaries in file order
(``cross_check``, or ``CrossCheck`` one summary at a time); it ends with the direct
quotes (``direct_quotes``)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from diplodb.seed.validate.direct_quotes import (
    DirectQuotes,
    kept_for_resolution,
    resolve_direct_quotes,
)
from diplodb.seed.validate.entries import Builder
from diplodb.seed.validate.reference import SOURCES_FILE
from diplodb.seed.validate.units import Context, Declared, FileSummary, FileUnit, Rendering
from diplodb.seed.yaml_reader import entry_label


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
                 only_statements: set[str] | None = None,
                 definitions: Definitions | None = None):
        self.b = builder
        self.context = context
        self.only = only_statements
        self.annotated: dict[str, str] = {}
        self.definitions = Definitions() if definitions is None else definitions
        self.cites: list[tuple[str, str, str, str]] = []  # not yet defined when added
        self.visit_refs: list[tuple[str, str, str]] = []  # likewise
        self.names: dict[str, str] = {}  # name id not canonical → the first name met
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
            first = definitions.first(fact_type, fact_id)
            if first is not None:
                builder.problem(file, label, "id", f"duplicate {fact_type} id '{fact_id}' "
                                                   f"(first defined in {first[0]}: {first[1]})")
            else:
                definitions.add(fact_type, fact_id, file, label)
        self.cites.extend((file, fact_type, fact_id, label)
                          for fact_type, fact_id, label in summary.cites
                          if not definitions.has(fact_type, fact_id))
        self.visit_refs.extend((file, visit_id, label) for visit_id, label in summary.visit_refs
                               if not definitions.has("visit", visit_id))
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
                self.renderings[rendering.statement_id].append((kept, file))


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
        return resolve_direct_quotes(builder, self.statements, self.renderings)


_LABEL = re.compile(r"([^\[\]]+)\[(\d+)\]")


class Definitions:
    """Where each fact is first defined (file and entry), by fact type and id: what
    ``CrossCheck`` has seen defined so far, which a first seed's writer also asks. Kept
    small: a first seed holds every fact's until the end (at x1000, 88,000 of them, 32 MB
    as tuples of strings). An entry's label is what ``entry_label`` makes of its section,
    position and id, so most are kept as one integer (the file's number, the section's,
    the position) and made again for the one message that names them."""

    def __init__(self) -> None:
        self.by_type: dict[str, dict[str, int | tuple[str, str]]] = defaultdict(dict)
        self.files: dict[str, int] = {}
        self.file_names: list[str] = []
        self.sections: dict[str, int] = {}
        self.section_names: list[str] = []

    def has(self, fact_type: str, fact_id: str) -> bool:
        return fact_id in self.by_type.get(fact_type, ())

    def add(self, fact_type: str, fact_id: str, file: str, label: str) -> None:
        self.by_type[fact_type][fact_id] = self._packed(fact_id, file, label)

    def first(self, fact_type: str, fact_id: str) -> tuple[str, str] | None:
        """(file, label) of the entry that defines the fact; None if none does yet."""
        where = self.by_type.get(fact_type, {}).get(fact_id)
        if where is None or isinstance(where, tuple):
            return where
        index = where & 0xFFFFFFFF
        section = self.section_names[(where >> 32) & 0xFFFF]
        return self.file_names[where >> 48], entry_label(section, index, fact_id)

    def _packed(self, fact_id: str, file: str, label: str) -> int | tuple[str, str]:
        match = _LABEL.fullmatch(label.split(" ", 1)[0])
        index = int(match[2]) if match else -1
        if (not match or index > 0xFFFFFFFF or len(self.sections) > 0xFFFF
                or entry_label(match[1], index, fact_id) != label):
            return file, label
        file_no = self.files.get(file)
        if file_no is None:
            file_no = self.files[file] = len(self.file_names)
            self.file_names.append(file)
        section_no = self.sections.get(match[1])
        if section_no is None:
            section_no = self.sections[match[1]] = len(self.section_names)
            self.section_names.append(match[1])
        return (file_no << 48) | (section_no << 32) | index
