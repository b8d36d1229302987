"""Direct quotes, in one place: how each source renders a statement (its kind) and the
statement's most direct supporting kind, which depends on every file that cites it.
``resolve_direct_quotes`` settles them at the end of the cross-file rules;
``provisional_direct`` gives a first seed's rows the kinds the files read so far settle;
``stage_direct`` and ``fix_direct`` put the settled kinds into the staged and core rows."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any

from diplodb.seed import quotes
from diplodb.seed.spill import Spill, SpilledLists, SpilledMap
from diplodb.seed.validate.entries import Builder
from diplodb.seed.validate.units import Declared, Rendering


@dataclass
class DirectQuotes:
    """Step 3's resolution of how each source renders a statement (it depends on every
    file that cites the statement): the final quote_kind of statements and evidence."""

    statements: Mapping[str, str]  # statement id → the most direct supporting kind
    evidence: Mapping[str, str]  # evidence id (str) → its kind

    def in_memory(self) -> DirectQuotes:
        """The same, as dicts (for a few statements, once the spill is closed)."""
        return DirectQuotes(dict(self.statements.items()), dict(self.evidence.items()))

    def apply(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        for row in tables.get("statement", []):
            if row["statement_id"] in self.statements:
                row["quote_kind"] = self.statements[row["statement_id"]]
        for row in tables.get("evidence", []):
            value = self.evidence.get(str(row["evidence_id"]))
            if value is not None:
                row["quote_kind"] = value


def resolve_direct_quotes(builder: Builder, statements: SpilledMap, renderings: SpilledLists,
                          spill: Spill) -> DirectQuotes:
    """Each source's rendering of a statement has a kind: its own declaration, else the
    statement's default (by default, by the quotation marks), checked against the words
    the quote puts in quotation marks. A statement takes the most direct kind of its
    supporting renderings, and when that is direct its text is the direct wording.
    ``statements``: statement id → (its declaration, its file); ``renderings``: statement
    id → [(a rendering, its file)]."""
    result = DirectQuotes(SpilledMap(spill), SpilledMap(spill))
    for statement_id, found in renderings.items():
        statement = statements.get(statement_id)
        for rendering, file in found:
            kind, wrong = rendering_kind(rendering, statement[0] if statement else None)
            if wrong:
                builder.problem(file, rendering.label, f"{rendering.field}.kind",
                                f"the statement's quote_kind is {kind}, but {wrong}")
            result.evidence[rendering.evidence_id] = kind
    for statement_id, (declared, file) in statements.items():
        found = [(r, result.evidence[r.evidence_id])
                 for r, _ in renderings.get(statement_id, []) if r.stance == "supports"]
        kind = quotes.most_direct(evidence_kind for _, evidence_kind in found)
        result.statements[statement_id] = kind
        direct = [r for r, evidence_kind in found if evidence_kind == "direct"]
        if direct and not any(declared.text in r.quote for r in direct):
            builder.problem(file, declared.label, "text",
                            "a source quotes this statement directly, so text must be the "
                            "direct wording, inside one of those quotes")
    return result


def rendering_kind(rendering: Rendering, statement: Declared | None
                   ) -> tuple[str, str | None]:
    """A rendering's kind (its own declaration, else its statement's default, by the
    quotation marks) and, when it follows the statement's default, what is wrong with that
    (None if nothing)."""
    inherited = rendering.quote_kind is None and statement is not None
    has_words = rendering.has_quoted_words
    kind = quotes.resolve(statement.quote_kind if inherited else rendering.quote_kind,
                          has_words)
    wrong = quotes.mismatch(kind, "…" if has_words else None) if inherited else None
    return kind, wrong


def kept_for_resolution(rendering: Rendering, statement: Declared) -> Rendering:
    """What ``resolve_direct_quotes`` will read of a rendering whose statement is known
    (the first file to define it wins, so its kind is settled): its quote only if its
    kind is direct, its entry and field only if a problem names them. Quotes and
    statements were a third of what a first seed held at the end."""
    kind, wrong = rendering_kind(rendering, statement)
    return rendering._replace(quote=rendering.quote if kind == "direct" else "",
                              label=rendering.label if wrong else "",
                              field=rendering.field if wrong else "")


def provisional_direct(rows: dict[str, list[dict[str, Any]]], statements: SpilledMap) -> None:
    """Quote kinds for one file's rows as far as the files read so far settle them
    (``cross_check`` gives the final ones, and only rows that differ are updated): a
    rendering without its own kind follows its statement's default; a statement takes the
    most direct kind of its supporting renderings in this file."""
    kinds: dict[str, list[str]] = {}
    for row in rows.get("evidence", ()):
        statement_id = row["statement_id"]
        if statement_id is None:
            continue
        if row["quote_kind"] is None:
            known = statements.get(statement_id)
            default = known[0].quote_kind if known is not None else None
            row["quote_kind"] = quotes.resolve(default, row["quoted_words"] is not None)
            if quotes.mismatch(row["quote_kind"], row["quoted_words"]):  # reported later
                row["quote_kind"] = quotes.resolve(None, row["quoted_words"] is not None)
        if row["stance"] == "supports":
            kinds.setdefault(statement_id, []).append(row["quote_kind"])
    for row in rows.get("statement", ()):
        row["quote_kind"] = quotes.most_direct(kinds.get(row["statement_id"], ()))


def stage_direct(cur, direct: DirectQuotes) -> int:
    """The resolved quote kinds, into the staged rows (and kept in temporary
    tables for the rows of files not re-read: ``fix_direct``)."""
    cur.execute("create temp table seed_direct_statement (statement_id text primary key, "
                "value text) on commit drop")
    cur.execute("create temp table seed_direct_evidence (evidence_id uuid primary key, "
                "value text) on commit drop")
    with cur.copy("copy seed_direct_statement from stdin") as copy:
        for item in direct.statements.items():
            copy.write_row(item)
    with cur.copy("copy seed_direct_evidence from stdin") as copy:
        for item in direct.evidence.items():
            copy.write_row(item)
    # Statistics for the joins below and in ``fix_direct``: unanalyzed, a temporary
    # table is guessed at a thousand rows or more, and the update scans all of
    # core.statement instead of looking up the few it names.
    cur.execute("analyze seed_direct_statement, seed_direct_evidence")
    cur.execute("update seed_statement s set quote_kind = d.value "
                "from seed_direct_statement d where s.statement_id = d.statement_id")
    cur.execute("update seed_evidence s set quote_kind = d.value "
                "from seed_direct_evidence d where s.evidence_id = d.evidence_id")
    return 0


def fix_direct(cur) -> int:
    cur.execute("update core.statement t set quote_kind = d.value "
                "from seed_direct_statement d where t.statement_id = d.statement_id "
                "and t.quote_kind is distinct from d.value")
    written = cur.rowcount
    cur.execute("update core.evidence t set quote_kind = d.value "
                "from seed_direct_evidence d where t.evidence_id = d.evidence_id "
                "and t.quote_kind is distinct from d.value")
    return written + cur.rowcount
