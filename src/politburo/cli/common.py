"""Pieces shared by every command: the scenario argument, output formats and their writers,
and turning user errors into exit code 1."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer

from politburo.errors import PolitburoError

__all__ = [
    "ReplayFormat",
    "ScenarioArg",
    "TableFormat",
    "TextFormat",
    "csv_text",
    "echo_json",
    "fail",
    "user_errors",
]

ScenarioArg = Annotated[str, typer.Argument(help="A bundled scenario's name or a scenario folder.")]
"""The scenario a command works on, as its first argument."""


class TextFormat(StrEnum):
    """The formats of a command that writes text or JSON."""

    text = "text"
    json = "json"


class ReplayFormat(StrEnum):
    """The formats of ``replay``: text, JSON or Markdown."""

    text = "text"
    json = "json"
    markdown = "markdown"


class TableFormat(StrEnum):
    """The formats of a command that writes a table: text, CSV or JSON."""

    text = "text"
    csv = "csv"
    json = "json"


def echo_json(
    data: Any,
    *,
    indent: int = 2,
    ensure_ascii: bool = False,
    allow_nan: bool = True,
    default: Callable[[Any], Any] | None = None,
) -> None:
    """Print ``data`` as indented JSON on stdout (non-ASCII characters as they are, unless
    ``ensure_ascii``); the options are those of :func:`json.dumps`."""
    text = json.dumps(
        data, indent=indent, ensure_ascii=ensure_ascii, allow_nan=allow_nan, default=default
    )
    typer.echo(text)


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, lineterminator: str = "\n"
) -> str:
    """A header row and ``rows`` as CSV text, each row ended by ``lineterminator``.

    >>> csv_text(["member", "value"], [["molotov", 0.25], ["a, b", None]])
    'member,value\\nmolotov,0.25\\n"a, b",\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def fail(error: PolitburoError) -> NoReturn:
    """Print every problem of ``error`` to stderr and exit with code 1."""
    for problem in error.problems:
        print(f"error: {problem}", file=sys.stderr)
    count = len(error.problems)
    if count > 1:
        print(f"{count} problems found.", file=sys.stderr)
    raise typer.Exit(code=1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`PolitburoError` raised inside the block into a clean exit 1."""
    try:
        yield
    except PolitburoError as error:
        fail(error)


Uncertain = Annotated[
    bool,
    typer.Option(
        "--parameter-uncertainty",
        help=(
            "Each run also draws the decision model's calibration: one of the fits of the "
            "leave-one-crisis-out validation (docs/validation.md)."
        ),
    ),
]
JudgmentUncertain = Annotated[
    bool,
    typer.Option(
        "--judgment-uncertainty",
        help=(
            "Each run also draws the scenario's numeric judgments (traits, ties, stances, "
            "grievances, fears, dispositions) around the values written, with the spread "
            "of independent readings (docs/validation.md)."
        ),
    ),
]
