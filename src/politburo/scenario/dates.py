"""Dates given by a user outside a scenario file: on the command line or to the API."""

from __future__ import annotations

import datetime as dt
import re

from politburo.errors import PolitburoError, Problem

__all__ = ["parse_day"]

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(day: dt.date | str, field: str = "date") -> dt.date:
    """A date, from a :class:`datetime.date` or a string written ``YYYY-MM-DD`` (a mistake is
    reported at ``field``).

    Examples
    --------
    >>> parse_day("1957-06-18")
    datetime.date(1957, 6, 18)
    >>> parse_day("30 Feb 1957", field="--d")
    Traceback (most recent call last):
    politburo.errors.PolitburoError: --d: expected a date written YYYY-MM-DD, got '30 Feb 1957'
    """
    if isinstance(day, dt.date):
        return day
    text = day.strip()
    if not _ISO.fullmatch(text):
        message = f"expected a date written YYYY-MM-DD, got {day!r}"
        raise PolitburoError(Problem(message, field=field))
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        message = f"impossible date {text!r}: {error}"
        raise PolitburoError(Problem(message, field=field)) from None
