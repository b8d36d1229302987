"""What the writer keeps and says: which files are annotation files, the keys of a file's
summary in core.seed_file, the outcome of a load and its one-line count."""

from __future__ import annotations

from dataclasses import dataclass

from diplodb.seed import rules
from diplodb.seed.validate.fact_rows import ANNOTATED_FACT_TYPES
from diplodb.seed.validate.units import FileSummary


@dataclass
class Load:
    written: int
    deleted: int
    data_version: str
    described: str
    mode: str


def is_annotation(relative: str) -> bool:
    folder, _, base = relative.rpartition("/")
    return folder == "annotations" and rules.ANNOTATION_NAME.match(base) is not None


def summary_keys(summary: FileSummary) -> list[str]:
    """What an annotation file's summary refers to, for core.seed_file.keys: its source,
    every fact id it defines, cites or refers to as a visit, its name ids and the
    statements it states or renders. Any two files that a rule spanning files relates
    share a key."""
    keys = {f"fact:{row.fact_id}" for row in summary.defines}
    keys.update(f"fact:{row.fact_id}" for row in summary.cites)
    keys.update(f"fact:{row.visit_id}" for row in summary.visit_refs)
    keys.update(f"name:{row.name_id}" for row in summary.names)
    keys.update(f"statement:{row.statement_id}" for row in summary.statements)
    keys.update(f"statement:{row.statement_id}" for row in summary.renderings)
    if summary.source is not None:
        keys.add(f"source:{summary.source}")
    return sorted(keys)


def described(cur) -> str:
    cur.execute("select (select count(*) from core.source), "
                + " + ".join(f"(select count(*) from core.{t})"
                             for t in ANNOTATED_FACT_TYPES)
                + ", (select count(*) from core.evidence)")
    sources, facts, evidence = cur.fetchone()
    return f"{sources} sources, {facts} facts, {evidence} pieces of evidence"
