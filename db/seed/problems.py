"""What the seed validator reports: one problem per broken thing, each naming its file,
its entry and its field, and the error that carries them to the user (exit code 2)."""

from __future__ import annotations

from dataclasses import dataclass

from diplodb.errors import DiplodbError


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


MAX_PROBLEMS_SHOWN = 50


class SeedValidationError(DiplodbError):
    """Every problem found (``problems``); its message lists the first
    ``MAX_PROBLEMS_SHOWN`` and then counts the rest in one line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = [f"  - {problem}" for problem in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            rest = len(problems) - MAX_PROBLEMS_SHOWN
            shown.append(f"  ... and {rest} more problem(s), not shown; fix these and run "
                         "again to see them")
        lines = "\n".join(shown)
        super().__init__(f"{len(problems)} problem(s) in the seed files; nothing was written:\n{lines}")
