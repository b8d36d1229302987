"""Draft annotation files (written by ``diplodb draft``): what marks one, and why the
loader refuses it.

A draft lists every sentence of its article under ``undecided:`` and marks every entry it
proposes with ``draft: true``; ``mentions:`` and ``candidates:`` hold only a draft's aids
(what the drafter matched in the reference data, and the names it could not). The loader
reads a draft's decided part as usual, so ``seed --check`` can show the problems in what
the curator has already decided, but a draft is never loaded: it contributes nothing to
the corpus except that its article is annotated, and it is refused with one line saying
how much remains (docs/drafting.md).

Kept apart from the entry models (``entry_models/``) so that the annotation format can change
without touching this: the draft parts are taken out of the raw YAML before any model
sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diplodb.seed.problems import Problem
from diplodb.seed.text import QuoteAmbiguous, QuoteNotFound, locate

DRAFT_MARK = "draft"  # an entry the curator has not confirmed: `draft: true`
UNDECIDED = "undecided"  # sentences neither cited nor skipped yet, one entry each
AIDS = ("mentions", "candidates")  # sections only a draft holds
SECTIONS = (UNDECIDED, *AIDS)
GUIDE = "docs/drafting.md"


@dataclass
class DraftState:
    """The draft parts taken out of one annotation file."""

    undecided: list[Any] = field(default_factory=list)  # raw `undecided:` entries
    entries: int = 0  # entries marked `draft: true`, and every entry of an aid section

    @property
    def is_draft(self) -> bool:
        return bool(self.undecided) or self.entries > 0


@dataclass(frozen=True)
class DraftProblem(Problem):
    """The one line a draft is refused with; ``seed --check`` also shows its progress and
    the problems found in its decided part (``details``)."""

    undecided: int = 0
    entries: int = 0
    decided: int = 0
    total: int = 0
    details: tuple[Problem, ...] = ()

    def progress(self) -> list[str]:
        lines = [f"  {self.file}: draft: {self.decided}/{self.total} sentences decided, "
                 f"{self.undecided} undecided; {self.entries} draft entries"]
        lines += [f"      - {problem}" for problem in self.details]
        return lines


def take_draft(raw: dict[str, Any]) -> tuple[dict[str, Any], DraftState]:
    """``raw`` without its draft parts (the file as the curator has decided it so far),
    and what was taken out. A section left empty only by taking out its draft entries is
    dropped, so a draft may propose entries of a section the format does not know yet."""
    state = DraftState()
    decided: dict[str, Any] = {}
    for key, value in raw.items():
        if key == UNDECIDED:
            state.undecided = list(value) if isinstance(value, list) else [value]
        elif key in AIDS:
            state.entries += len(value) if isinstance(value, list) else 1
        elif isinstance(value, list):
            kept = [item for item in value
                    if not (isinstance(item, dict) and item.get(DRAFT_MARK) is True)]
            state.entries += len(value) - len(kept)
            if kept or len(value) == 0:
                decided[key] = kept
        else:
            decided[key] = value
    return decided, state


def undecided_sentences(state: DraftState, body: str, sentences) -> set[int]:
    """The sentence numbers the ``undecided:`` entries name (each by a verbatim part of
    its sentence, as a ``skipped:`` entry does); an entry that names none is left out of
    the count, and the curator sees it as an undecided sentence that is still a gap."""
    numbers = set()
    for item in state.undecided:
        quote = item.get("quote") if isinstance(item, dict) else item
        text, occurrence = ((quote.get("text"), quote.get("occurrence"))
                            if isinstance(quote, dict) else (quote, None))
        if not isinstance(text, str) or not text:
            continue
        try:
            start, end = locate(body, text, occurrence if isinstance(occurrence, int) else None)
        except (QuoteNotFound, QuoteAmbiguous):
            continue
        numbers.update(s.number for s in sentences if s.start <= start and end <= s.end)
    return numbers


def refusal(relative: str, state: DraftState, decided: set[int], undecided: set[int],
            total: int, details: list[Problem]) -> DraftProblem:
    """The line a draft is refused with. A sentence listed as undecided counts as
    undecided even if a fact cites it: the curator removes the entry when it is decided."""
    remaining = len(undecided | ({*range(1, total + 1)} - decided))
    return DraftProblem(
        relative, "", "",
        f"a draft, not loaded: {remaining} undecided sentence(s) and {state.entries} draft "
        f"entries remain; decide each and remove its mark ({GUIDE})",
        undecided=remaining, entries=state.entries, decided=total - remaining, total=total,
        details=tuple(details))


def progress_lines(problems: list[Problem]) -> list[str]:
    """What ``seed --check`` prints for the drafts among ``problems``."""
    drafts = [p for p in problems if isinstance(p, DraftProblem)]
    if not drafts:
        return []
    return ["drafts (not loaded until every sentence and entry is decided):",
            *(line for p in drafts for line in p.progress())]
