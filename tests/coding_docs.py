"""Regenerate the table of every coding rule in docs/coding.md from the seed files:

    .venv/bin/python -m tests.coding_docs

The rows are core.plover_rule's as the loader builds them (one per fact type and
condition), between the markers below; tests/test_plover.py checks the committed table
against the seeded database, row for row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from diplodb import plover
from diplodb.paths import DATA_ROOT, SEEDS_DIR

DOC = DATA_ROOT / "docs" / "coding.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
HEADER = ("| rule | condition | PLOVER event | modes | contexts | CAMEO | actor → recipient "
          "| manual section |\n|---|---|---|---|---|---|---|---|")


def _order(row: Mapping) -> tuple:
    columns = plover.CODED[row["fact_type"]]
    return (list(plover.CODED).index(row["fact_type"]),
            *(columns[c].index(row[c]) for c in columns))


def render(rows: Iterable[Mapping]) -> str:
    """The table of ``rows`` (core.plover_rule rows as mappings), in vocabulary order."""
    lines = [HEADER]
    for r in sorted(rows, key=_order):
        condition = ", ".join(f"{c} {r[c]}" for c in plover.CODED[r["fact_type"]])
        roles = r["actor_role"] + (f" → {r['recipient_role']}" if r["recipient_role"] else "")
        lines.append(" | ".join([
            f"| `{r['rule_id']}`", f"{r['fact_type']}: {condition}",
            r["plover_event"] or "none", ", ".join(r["plover_modes"]) or "—",
            ", ".join(r["plover_contexts"]) or "—", r["cameo_code"] or "—", roles,
            f"{r['manual_section']} |"]))
    return "\n".join(lines)


def block(text: str) -> str:
    """The table as committed in ``text`` (docs/coding.md)."""
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n")


def main() -> None:
    from diplodb.seed.validate.corpus import read_corpus

    table = render(read_corpus(SEEDS_DIR).rows["plover_rule"])
    text = DOC.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{table}\n{END}{tail}")
    print(f"{DOC}: {table.count(chr(10)) - 1} rules")


if __name__ == "__main__":
    main()
