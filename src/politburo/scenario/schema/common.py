"""Building blocks shared by every section of a scenario: ids, citations, dated facts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.config import JsonDict

__all__ = [
    "ID_PATTERN",
    "MAX_COUNT",
    "MAX_DAYS",
    "Basis",
    "Citation",
    "Count",
    "Dated",
    "Days",
    "Fact",
    "Id",
    "Judged",
    "Model",
    "Signed",
    "Weight",
    "check_order",
]

MAX_COUNT = 1_000_000
"""Largest number of people a count may give (a bloc's members, a vote's tally, a resource's
capacity): far above any body, far below where 32-bit arithmetic would overflow."""

MAX_DAYS = 3660
"""Longest span in days a scenario or a journey may have (ten years)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
"""What an id may be: lower-case letters, digits, ``_``, ``.`` and ``-``."""
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
"""Lower-case identifier: letters, digits, ``-``, ``_`` and ``.``."""

Weight = Annotated[float, Field(ge=0.0, le=1.0)]
"""A strength, share or probability in [0, 1]."""

Signed = Annotated[float, Field(ge=-1.0, le=1.0)]
"""A position on a scale from -1 to 1."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A number of people, 0 to :data:`MAX_COUNT`."""

Days = Annotated[int, Field(ge=0, le=MAX_DAYS)]
"""A number of days, 0 to :data:`MAX_DAYS`."""
Basis = Literal["before", "course", "outcome"]
"""What a judgment rests on: what was known ``before`` the crisis, or what was read from its
``course`` or its ``outcome`` (see :mod:`politburo.scenario.basis`)."""


def check_order(start: dt.date | None, end: dt.date | None) -> None:
    """Refuse an interval that ends before it starts (an open end is never out of order).

    Raises
    ------
    ValueError
        ``end ... is before start ...``, for a model validator to report.
    """
    if start is not None and end is not None and end < start:
        raise ValueError(f"end {end} is before start {start}")


class Model(BaseModel):
    """Base of every schema class: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Citation(Model):
    """Where a fact comes from.

    One of three forms: a ``source`` with a verbatim ``quote`` of its bundled text (OCR errors
    and all; whitespace is folded when the quote is looked up) or with a ``page`` for a source
    that has no bundled text; or an ``assumption`` with the reason for it.
    """

    source: Id | None = None
    quote: str | None = Field(default=None, min_length=3)
    page: str | None = None
    assumption: str | None = Field(default=None, min_length=10)

    @model_validator(mode="after")
    def _one_form(self) -> Citation:
        if self.assumption is not None:
            if self.source or self.quote or self.page:
                raise ValueError("an assumption cannot also name a source, quote or page")
        elif self.source is None:
            raise ValueError("give a source (with a quote or a page) or an assumption")
        elif self.quote is None and self.page is None:
            raise ValueError("a source citation needs a verbatim quote or a page")
        return self


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


def _one_or_many_citations(schema: JsonDict) -> None:
    """Say in the JSON Schema what validation accepts: ``cite`` is one citation or a list."""
    properties = schema.get("properties")
    cite = properties.get("cite") if isinstance(properties, dict) else None
    if isinstance(properties, dict) and isinstance(cite, dict) and "items" in cite:
        properties["cite"] = {
            "anyOf": [cite["items"], cite],
            "title": "Cite",
            "description": "One citation, or a list of them.",
        }


class Fact(Model):
    """Anything a scenario asserts: carries at least one citation in ``cite``."""

    model_config = ConfigDict(json_schema_extra=_one_or_many_citations)

    cite: list[Citation] = Field(min_length=1)

    @field_validator("cite", mode="before")
    @classmethod
    def _single_or_list(cls, value: Any) -> Any:
        return _as_list(value)


class Judged(Fact):
    """A judgment (a trait, tie, stance, grievance, fear or disposition) and its ``basis``;
    a judgment that does not state it is *unstated* (``None``)."""

    basis: Basis | None = None


class Dated(Fact):
    """A fact that holds from ``start`` to ``end`` inclusive; open ends mean unbounded."""

    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        check_order(self.start, self.end)
        return self

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` lies within the interval."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)
