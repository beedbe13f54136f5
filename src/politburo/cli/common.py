"""Pieces shared by every command: output formats and turning user errors into exit code 1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import NoReturn

import typer

from politburo.errors import PolitburoError

__all__ = ["Format", "fail", "user_errors"]


class Format(StrEnum):
    """Output formats a command may offer."""

    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


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
