"""The whole corpus in memory (``seed --check`` and the tests): the same units as the
loader's one read, gathered per table. Nothing here touches a database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplodb.seed.digest import seed_digest
from diplodb.seed.problems import Problem, SeedValidationError
from diplodb.seed.spill import Spill
from diplodb.seed.validate.annotation import read_annotation
from diplodb.seed.validate.cross_file import cross_check
from diplodb.seed.validate.fact_rows import ANNOTATED_FACT_TYPES
from diplodb.seed.validate.reference import read_reference
from diplodb.seed.validate.units import NameVariants, Origin, cited_sentences


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
        cited = cited_sentences(self.rows)
        for row in self.rows.get("source_sentence", []):
            counts = totals[row["source_id"]]
            counts[1] += 1
            if row["skip_reason"] or (row["source_id"], row["sentence_no"]) in cited:
                counts[0] += 1
        return {source: (done, total) for source, (done, total) in sorted(totals.items())}

    def summary(self) -> str:
        facts = sum(len(self.rows[t]) for t in ANNOTATED_FACT_TYPES)
        return (f"{len(self.rows['source'])} sources, {facts} facts, "
                f"{len(self.rows['evidence'])} pieces of evidence")


FileOrder = Callable[[list[str]], list[str]]
"""The order annotation files are read in, given their relative paths in path order (the
tests read them backwards too: the result must not depend on it)."""


def annotation_files(seeds_dir: Path, file_order: FileOrder = sorted,
                     listed: Iterable[str] | None = None) -> list[str]:
    """annotations/NAME.yaml, in ``file_order``; from ``listed`` (the relative paths of
    the directory's files, already scanned) when given, else from the directory."""
    if listed is None:
        listed = (f"annotations/{path.name}"
                  for path in (seeds_dir / "annotations").glob("*.yaml"))
    return file_order(sorted(name for name in listed if name.startswith("annotations/")
                             and name.count("/") == 1 and name.endswith(".yaml")))


def read_corpus(seeds_dir: Path, file_order: FileOrder = sorted, *,
                digest: str | None = None) -> Corpus:
    """Validate every seed file under ``seeds_dir`` and build the rows to load, all in
    memory (``seed --check`` and error reports; the loader streams the same steps).
    ``digest``: the directory's seed_digest when the caller has just computed it."""
    with Spill() as spill:  # nothing of it is in the corpus returned
        builder, ref, dataset = read_reference(seeds_dir, spill=spill)
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
            units.append(unit.summary)  # the rows go into `tables`
            ledger_gaps.extend(unit.ledger_gaps)
            for table, table_rows in unit.rows.items():
                for row, origin in zip(table_rows, unit.origins[table], strict=True):
                    if table == "person_name" and not variants.first(row["name_id"]):
                        continue
                    tables[table].append(row)
                    origins[table].append(origin)
        direct = cross_check(builder, context, units, bool(files), spill=spill)
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
