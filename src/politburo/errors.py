"""The one error type users see, and the problems it carries.

Every mistake in a user's input becomes a :class:`Problem` naming the file, line and field;
all problems found in one pass are raised together as a :class:`PolitburoError`. The CLI
prints them and exits with code 1, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["PolitburoError", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a user's input: where it is and what is wrong."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = self.file or ""
        if self.line is not None:
            place = f"{place}:{self.line}" if place else f"line {self.line}"
        return ": ".join([*filter(None, [place, self.field or ""]), self.message])


class PolitburoError(Exception):
    """A user's input is wrong; carries every problem found, each with its location."""

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("PolitburoError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))
