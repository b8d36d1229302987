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


class SeedValidationError(DiplodbError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the seed files; nothing was written:\n{lines}")
